"""The actor scanner's trie regex matches exactly as the plain alternation of its aliases."""

import re

import pytest

from geo_deconflict.incidents import actors
from geo_deconflict.incidents._alias_regex import Token, trie_pattern


def _flat(alternatives) -> str:
    return "(?:" + "|".join("".join(t.regex for t in alt) for alt in alternatives) + ")"


def _word(w: str) -> list[Token]:
    return [Token(("c", c), frozenset(c), re.escape(c)) for c in w]


@pytest.fixture(scope="module")
def pair():
    """(trie, flat) patterns over every alias, built as `actors._patterns` builds them."""
    ar_aliases, en_aliases, _ = actors._scanner()
    ar_alts = [alt for a in ar_aliases for alt in actors._arabic_tokens(a)]
    en_alts = [actors._english_tokens(a) for a in en_aliases]
    head = f"(?<![{actors._AR_LETTER}])(?:[وف]?[بلك]?)(?P<name>"
    tail = f")(?![{actors._AR_LETTER}])"
    en_head, en_tail = r"(?<![\w.])(?P<name>", r")(?![\w])"
    return ([re.compile(head + trie_pattern(ar_alts) + tail),
             re.compile(en_head + trie_pattern(en_alts) + en_tail, re.IGNORECASE)],
            [re.compile(head + _flat(ar_alts) + tail),
             re.compile(en_head + _flat(en_alts) + en_tail, re.IGNORECASE)])


def _spans(patterns, text):
    return [(m.span(), m.span("name")) for p in patterns for m in p.finditer(text)]


def test_first_alternative_wins_where_two_could_match():
    # "ab" after "abc": the trie tries "abc" first, and "x" is never moved before "a..."
    pattern = trie_pattern([_word("abc"), _word("x"), _word("ab"), _word("xy")])
    assert pattern == "(?:ab(?:c|)|x(?:|y))"
    assert re.match(pattern, "xy").group() == re.match("abc|x|ab|xy", "xy").group() == "x"


def test_an_alternative_is_not_moved_past_one_that_may_match_the_same_letter():
    any_char = Token(("any",), None, ".")
    pattern = trie_pattern([_word("ab"), [any_char], _word("ac")])
    assert pattern == "(?:ab|.|ac)"
    assert re.match(pattern, "ac").group() == re.match("ab|.|ac", "ac").group() == "a"


def test_a_run_the_next_token_may_reenter_is_not_shared():
    # a gap (spaces or quotes) before a quote: the first alternative must backtrack into it
    gap = Token(("gap",), frozenset(" «"), "[ «]+", frozenset(" «"))
    first = [*_word("a"), gap, *_word("«b»")]
    second = [*_word("a"), gap, *_word("b")]
    pattern = trie_pattern([first, second])
    flat = _flat([first, second])
    assert re.match(pattern, "a «b»").group() == re.match(flat, "a «b»").group() == "a «b»"
    shared = gap.__class__(gap.key, gap.chars, gap.regex)      # no tail: a shared gap ...
    wrong = trie_pattern([[*_word("a"), shared, *_word("«b»")], [*_word("a"), shared,
                                                                 *_word("b")]])
    assert re.match(wrong, "a «b»").group() == "a «b"       # ... would take the second


SAMPLES = [
    "وقالت وزارة الدفاع الروسيّة إن قسد وللتحالف الدولي نسّقا مع واشنطن",
    "قصفت قوات النظام والميليشيات الإيرانية وبالطيران الروسي مواقع لـ«هيئة تحرير الشام»",
    "أعلن تنظيم «الدولة الإسلامية» و\"داعش\" وكذلك التحالفُ الدوليُّ أن قسدًا فالنظامَ",
    "The US-led coalition and the SDF said Russian forces and Hezbollah, not us, is the IS.",
    "Turkish-backed factions (the SNA) clashed with YPG; Moscow and Washington, Türkiye too.",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_trie_and_alternation_agree_on_samples(pair, text):
    trie, flat = pair
    assert _spans(trie, text) == _spans(flat, text)
    assert _spans(trie, text)   # the samples do name actors


def test_trie_and_alternation_agree_on_the_seed_reports(pair, seeds_dir):
    trie, flat = pair
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    assert texts
    for text in texts:
        assert _spans(trie, text) == _spans(flat, text)
