"""Memoised gazetteer look-ups of `geoparse` (a report names the same places again and again;
so does a corpus)."""

from __future__ import annotations

from geo_deconflict.gazetteer.index import Gazetteer
from geo_deconflict.gazetteer.places import Candidate
from geo_deconflict.geoparse._places import _REGION

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
