"""The geoparser's own construction of `Mention` (`core._mention`) gives what the dataclass
gives, and refuses what it refuses."""

from __future__ import annotations

import dataclasses

import pytest

from geo_deconflict.gazetteer.api import load_gazetteer
from geo_deconflict.geoparse.core import Mention, _mention, geoparse


def _fields(m: Mention) -> tuple:
    return tuple(getattr(m, f.name) for f in dataclasses.fields(Mention))


def test_every_mention_of_a_report_equals_the_dataclass_built_one():
    text = ("قصفت طائرات روسية مواقع شرق نهر الفرات قرب دير الزور، على بعد 55 كم من التنف. "
            "Moscow said jets struck targets north of Manbij and in the Idlib countryside.")
    mentions = geoparse(text, gazetteer=load_gazetteer())
    assert {m.kind for m in mentions} == {"toponym", "relative"}
    for m in mentions:
        again = Mention(*_fields(m))
        assert again == m and _fields(again) == _fields(m)
        assert hash(again) == hash(m)
        with pytest.raises(dataclasses.FrozenInstanceError):
            m.start = 0   # still frozen


def test_the_fast_construction_checks_like_the_dataclass():
    ok = _mention(3, 9, "Manbij", "toponym", None, 0.5, (), 1, False, None, None, None,
                  None, None, 37.95, 36.53, False)
    assert ok == Mention(3, 9, "Manbij", "toponym", score=0.5, precision=1, lon=37.95,
                         lat=36.53)
    for start, end, kind, what in ((9, 3, "toponym", "bad span"), (-1, 3, "toponym", "bad span"),
                                   (3, 9, "place", "kind must be")):
        with pytest.raises(ValueError, match=what):
            _mention(start, end, "Manbij", kind, None, 0.5, (), 1, False, None, None, None,
                     None, None, 37.95, 36.53, False)
    with pytest.raises(ValueError):   # one value short: not silently shifted
        _mention(3, 9, "Manbij", "toponym", None, 0.5, (), 1, False, None, None, None,
                 None, None, 37.95, 36.53)


def test_the_nearer_namesake_is_the_one_the_near_lookup_finds():
    """`_document._nearer_namesake` skips the look-up near the report's area when the plain
    look-up shows no other candidate could be chosen: on names of the gazetteer (many shared
    by several villages), for several areas, its answer is the one of the full look-up."""
    from geo_deconflict.geoparse._document import _as_good, _km, _nearer_namesake, _place_match
    from geo_deconflict.geoparse._lookups import _lookup

    gaz = load_gazetteer()

    def reference(surface, place, head, focus):
        found = gaz.lookup(surface, limit=8, fuzzy=False, near=focus)
        want = "P" if head == "city" else None
        # the tier of `place`: among the eight nearest, else in the plain look-up (a reading
        # far from the area, a namesake near it)
        tier = _place_match(found, place) or _place_match(_lookup(gaz, surface), place)
        # the nearest reading to the area that is nearer than `place`, in as good a tier
        best = None
        for cand in found:
            if cand.place.id != place.id and _as_good(cand.match, tier) and (
                    want is None or cand.place.feature_class == want) and \
                    cand.place.feature_class in ("P", "S", "T") and \
                    _km(cand.place, focus) < _km(place, focus) and (
                    best is None or _km(cand.place, focus) < _km(best, focus)):
                best = cand.place
        return best

    places = [gaz.place_at(i) for i in range(0, 23_000, 37)]
    surfaces = sorted({n for p in places for n in (p.name_ar, p.name_en) if n})
    foci = ((38.0, 36.5), (40.1, 35.3), (36.7, 35.9), (38.7, 33.6))
    compared = moved = 0
    for surface in surfaces:
        every = _lookup(gaz, surface)
        for pick in {0, len(every) - 1} if every else ():
            place = every[pick].place
            for focus in foci:
                for head in (None, "city"):
                    got = _nearer_namesake(gaz, surface, place, head, focus)
                    want = reference(surface, place, head, focus)
                    assert (got and got.id) == (want and want.id), (surface, focus, head)
                    compared += 1
                    moved += want is not None
    assert compared > 2_000 and moved > 20, (compared, moved)   # namesakes among them


def test_the_article_namesake_is_the_one_the_near_lookup_finds():
    """`_document._article_namesake` (الجفرة / جفرة) answers from the plain look-up when at
    most one candidate fits: the same answer as the look-up near the report's area."""
    from geo_deconflict.geo.names import arabic_key, toggle_arabic_article
    from geo_deconflict.geoparse._document import _FAR_KM, _article_namesake, _km

    gaz = load_gazetteer()

    def reference(surface, focus):
        other = toggle_arabic_article(arabic_key(surface))
        if " " in surface or not other:
            return None
        for cand in gaz.lookup(other, limit=8, fuzzy=False, near=focus):
            if cand.match == "exact" and cand.place.feature_class in ("P", "S", "T") and \
                    _km(cand.place, focus) <= _FAR_KM:
                return cand.place
        return None

    surfaces = sorted({p.name_ar for p in (gaz.place_at(i) for i in range(0, 23_000, 29))
                       if p.name_ar})
    foci = ((38.0, 36.5), (40.1, 35.3), (36.7, 35.9), (38.7, 33.6), (36.3, 33.5))
    compared = found = 0
    for surface in surfaces:
        for focus in foci:
            got, want = _article_namesake(gaz, surface, focus), reference(surface, focus)
            assert (got and got.id) == (want and want.id), (surface, focus)
            compared += 1
            found += want is not None
    assert compared > 1_000 and found > 20, (compared, found)


def test_fronts_head_the_villages_they_name():
    """«على محوري البحرة وأبو حسن»: a front («محور») heads its villages as «قرية» does."""
    from geo_deconflict.geoparse.core import geoparse

    text = "اندلعت اشتباكات عنيفة على محوري البحرة وأبو حسن شرق دير الزور."
    found = {m.surface for m in geoparse(text) if m.kind == "toponym" and m.lon is not None}
    assert {"البحرة", "أبو حسن"} <= found


def test_a_motion_preposition_is_a_locative_cue_for_a_small_place():
    from geo_deconflict.geoparse.core import geoparse

    def places(text):
        return {m.surface for m in geoparse(text) if m.kind == "toponym" and m.lon is not None}

    assert "حطلة" in places("تسلل مسلحون من جهة حطلة ليلاً.")
    assert "القحطانية" in places("انطلقت الدورية من القحطانية صباحاً.")
    assert not places("حلّقت مقاتلتان من طراز سوخوي فوق المنطقة.")   # «من طراز»: of the type


def test_a_misspelt_village_after_a_head_is_looked_for_in_syria_only():
    """"the village of Tokhar" must not become Toklar in Turkey by a loose spelling match;
    an unknown village is better left out than put 260 km away."""
    from geo_deconflict.geoparse.core import geoparse

    text = "Troops abandoned an outpost near the village of Tokhar, north of Manbij."
    places = [m for m in geoparse(text) if m.kind == "toponym" and m.place is not None]
    assert any(m.surface == "Manbij" for m in places)
    assert all(m.place.country == "SY" for m in places), [(m.surface, m.place.id) for m in places]


def test_an_outlet_named_after_a_place_is_no_place():
    from geo_deconflict.geoparse.core import geoparse

    for text in ("وفق ما نقله موقع «تلفزيون سوريا» عن مصادر محلية.",
                 "بحسب شبكة «الخابور» المحلية، قصفت القوات قرية الباغوز."):
        found = [m.surface for m in geoparse(text) if m.kind == "toponym"]
        assert "سوريا" not in found and "الخابور" not in found, found
    assert [m.surface for m in geoparse("قصفت القوات قرية الباغوز.")] == ["الباغوز"]
