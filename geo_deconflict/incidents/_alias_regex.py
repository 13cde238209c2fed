"""One regular expression for many aliases, factored as a trie, with the same matches as the
plain alternation ``alias1|alias2|...`` (first alternative wins) but a fraction of its cost.

A flat alternation of a few hundred names makes the engine try every name at every word
start; factored by shared prefixes, it tries one branch per first letter. The factoring keeps
the alternation's order wherever it could matter: an alternative joins an earlier branch with
the same first token only if every branch in between starts with a token that cannot match
the same character (so the two can never both match at one place). Tokens are the regular
expressions of one character (or of a word gap) and the set of characters they match
(None: any character, which nothing is moved past). A token ending in a greedy run (the
diacritics after a letter, the spaces and quotes of a gap) that the next token could
re-enter is not shared: the engine must backtrack into that run for that alternative alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Token", "trie_pattern"]


@dataclass(frozen=True, slots=True)
class Token:
    """One step of an alias: equal keys share a branch; `chars` (None: unknown, i.e. any)
    are the characters its `regex` may start with, `tail` those its final greedy run may
    consume (None: it ends without one)."""

    key: tuple
    chars: frozenset[str] | None
    regex: str
    tail: frozenset[str] | None = None


def _compatible(a: Token, b: Token) -> bool:
    return a.chars is None or b.chars is None or not a.chars.isdisjoint(b.chars)


_Node = list  # of (Token | None, _Node | None): None ends an alternative


def _private_runs(tokens: Sequence[Token], serial: int) -> list[Token]:
    """`tokens`, with a key of its own for each token whose run the next token may re-enter."""
    out = list(tokens)
    for i in range(len(out) - 1):
        token, after = out[i], out[i + 1]
        if token.tail is not None and (after.chars is None or not token.tail.isdisjoint(
                after.chars)):
            out[i] = Token((*token.key, "unshared", serial), token.chars, token.regex,
                           token.tail)
    return out


def _insert(node: _Node, tokens: Sequence[Token]) -> None:
    while tokens:
        first = tokens[0]
        for i in range(len(node) - 1, -1, -1):
            token, child = node[i]
            if token is not None and token.key == first.key:
                node, tokens = child, tokens[1:]
                break
            if token is None or _compatible(token, first):
                node.append((first, []))
                node, tokens = node[-1][1], tokens[1:]
                break
        else:
            node.append((first, []))
            node, tokens = node[-1][1], tokens[1:]
    node.append((None, None))


def _emit(node: _Node) -> str:
    alternatives = ["" if token is None else token.regex + _emit(child)
                    for token, child in node]
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


def trie_pattern(alternatives: Iterable[Sequence[Token]]) -> str:
    """The regular expression matching like ``(?:alt1|alt2|...)``, each alternative the
    concatenation of its tokens' regexes.

    Equivalence needs each token's regex to end in a way the next token cannot re-enter (a
    character class, or a greedy run of characters that no following token starts with),
    as for the alias patterns of `actors`.

    Examples
    --------
    >>> def word(w):
    ...     return [Token((c,), frozenset(c), c) for c in w]
    >>> trie_pattern([word("abc"), word("abd"), word("x"), word("ab")])
    '(?:ab(?:c|d|)|x)'
    """
    root: _Node = []
    for serial, tokens in enumerate(alternatives):
        _insert(root, _private_runs(tokens, serial))
    return _emit(root)
