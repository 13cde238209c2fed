"""Memoised gazetteer look-ups of `geoparse` (a report names the same places again and again;
so does a corpus), and the keys that begin the gazetteer's multi-word Arabic names."""

from __future__ import annotations

import re

from geo_deconflict.gazetteer.index import Gazetteer
from geo_deconflict.gazetteer.places import Candidate
from geo_deconflict.geoparse._places import _REGION
from geo_deconflict.geoparse._tokens import _AR_CHARS, _ar_key

_FUZZY_CACHE: dict[tuple[int, str], list[Candidate]] = {}


def _memo(cache: dict, limit: int, key, make):
    """`cache[key]`, made by `make()` on a miss; the cache is emptied when it outgrows `limit`."""
    found = cache.get(key)
    if found is None:
        if len(cache) > limit:
            cache.clear()
        found = cache[key] = make()
    return found


def _fuzzy_lookup(gaz: Gazetteer, surface: str) -> list[Candidate]:
    return _memo(_FUZZY_CACHE, 20_000, (id(gaz), surface), lambda: gaz.lookup(
        surface, limit=3, country=sorted(_REGION), kinds=["P"]))


_LOOKUP_CACHE: dict[tuple[int, str], list[Candidate]] = {}


def _lookup(gaz: Gazetteer, surface: str) -> list[Candidate]:
    found = _LOOKUP_CACHE.get((id(gaz), surface))   # a hit without building the closure
    if found is not None:
        return found
    return _memo(_LOOKUP_CACHE, 100_000, (id(gaz), surface),
                 lambda: gaz.lookup(surface, limit=8, fuzzy=False))


_PREFIXES: dict[int, frozenset[str]] = {}


def _ar_prefixes(gaz: Gazetteer) -> frozenset[str]:
    """Keys of the first words of multi-word Arabic names (where an n-gram may go on)."""
    found = _PREFIXES.get(id(gaz))
    if found is None:
        out: set[str] = set()
        # the index's names at once when the gazetteer has a file: no place is built
        # (building all 23,000 took a quarter of a second of every process's start), nor a
        # list of names for each (40 ms)
        try:
            names = gaz._index.every_name()
        except AttributeError:
            names = None
        if names is None:
            names = (name for pos in range(len(gaz)) for name in gaz.place_at(pos).names)
        for name in names:
            # an ASCII name holds no Arabic letter: the test is all most names need
            if name.isascii() or not _AR_WORD.search(name):
                continue
            words = name.split()
            if len(words) < 2:
                continue
            keys = [_ar_key(w) for w in words[:-1]]
            key = ""
            for k in keys:
                key += k
                out.add(key)
            if keys[0].startswith("ال"):
                out.add(keys[0][2:])
                key = keys[0][2:]
                for k in keys[1:]:
                    key += k
                    out.add(key)
        found = _PREFIXES[id(gaz)] = frozenset(out)
    return found


_AR_WORD = re.compile(f"[{_AR_CHARS}]")
