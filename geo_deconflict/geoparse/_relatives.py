"""Relative expressions for `geoparse`: the scan, and what the Arabic and English patterns share.

Relative expressions («شرق نهر الفرات», «ريف حماة الشمالي», "30 km south of Raqqa", "near
Manbij") are found around the toponyms with the word lists of `_lexicon`: the patterns are in
`_relatives_ar` and `_relatives_en`; here are the scan that tries them token by token, the
builder of a `_Rel`, the implicit anchors («شرقاً», «شرق المحافظة», «الجانب الآخر من النهر»,
«على بعد 55 كم», «مناطق قريبة») taken from what the text mentioned last, and the geometry
(`_relgeom`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from geo_deconflict.gazetteer.places import Candidate, Place
from geo_deconflict.geo.names import arabic_key
from geo_deconflict.geoparse import _lexicon as lex
from geo_deconflict.geoparse._places import _REGION, _containing_governorate
from geo_deconflict.geoparse._tokens import (
    _TRIGGERS_EN,
    _bare_forms,
    _cut_offset,
    _is_trigger,
    _lex,
)

if TYPE_CHECKING:
    from geo_deconflict.geoparse._tokens import _Tok
    from geo_deconflict.geoparse._toponyms import _Top
    from geo_deconflict.geoparse.core import _Doc


_IMPLICIT_WINDOW = 600    # characters back to look for an implicit anchor
_QUOTES = ('"', "«", "»", "“", "”")
_CLOSING = ('"', "»", "”")
# the words that open an Arabic relative expression, all lists in one
_REL_WORDS = frozenset().union(
    lex.COUNTRYSIDE_AR, lex.DIRECTION_NOUNS_AR, lex.BANK_AR, lex.NEAR_AR, lex.NEARBY_AREAS_AR,
    lex.DIRECTION_ADV_AR, lex.DISTANCE_LEAD_AR, lex.PART_NOUNS_AR, lex.TRI_BORDER_AR,
    lex.DISTANCE_VERB_AR, {arabic_key("على")})
_WITH = frozenset({arabic_key("مع"), "with", "and"})
_TRI_BRIDGE = frozenset({arabic_key(w) for w in ("مع", "بين", "حدود", "الحدود", "دول", "سوريا")}
                        | {"with", "of", "between", "and", "the", "where", "border", "borders",
                           "area", "region", "meet", ","})


# the Arabic patterns (`_relatives_ar`) in the order they are tried, each with the word list
# its first word must be in (the first test each makes): a token is tried only with the
# patterns it may open
_AR_PATTERNS = (("_ar_countryside", lex.COUNTRYSIDE_AR), ("_ar_bank", lex.BANK_AR),
                ("_ar_direction", lex.DIRECTION_NOUNS_AR), ("_ar_part", lex.PART_NOUNS_AR),
                ("_ar_tri_border", lex.TRI_BORDER_AR), ("_ar_near", lex.NEAR_AR),
                ("_ar_distance", lex.NUMBER_WORDS_AR),
                ("_ar_nearby_areas", lex.NEARBY_AREAS_AR), ("_ar_adverb", lex.DIRECTION_ADV_AR))


@lru_cache(maxsize=100_000)
def _ar_patterns(key: str) -> tuple[str, ...]:
    """The names of the Arabic patterns that a token (its key) may open, in their order."""
    if not _is_trigger(key):
        return ()   # most words, in one test
    forms = [form for form, _ in _bare_forms(key)]
    return tuple(name for name, words in _AR_PATTERNS if any(f in words for f in forms))


# «أقصى» (the far end of), "far" right before a direction
_FAR = re.compile(r"(?<![\u0621-\u064a])[وفب]?(?:ال)?[اأإ]قص[ىي]\s+$|\b[Ff]ar[ -]$")


@dataclass(slots=True)
class _Rel:
    start: int
    end: int
    relation: str
    anchor: Place | None
    anchor_name: str | None
    tops: list[_Top]
    direction: str | None = None
    distance_m: float | None = None
    within: bool = False
    anchor_point: tuple[float, float] | None = None
    border: tuple[str, ...] = ()
    prev: _Rel | None = None
    geometry: object = None
    point: tuple[float, float] | None = None
    far: bool = False     # «أقصى شرق سوريا», "far eastern Syria": the outer part of that part


def _describe(relation: str | None, anchor: str | None, distance_m: float | None) -> str:
    anchor = anchor or "(unresolved)"
    if relation is None:
        return anchor
    if relation == "within_km" and distance_m:
        return f"{distance_m / 1000:g} km from {anchor}"
    if relation == "distance_from" and distance_m:
        return f"about {distance_m / 1000:g} km from {anchor}"
    if relation == "tri_border":
        return anchor
    if relation.endswith("_countryside"):
        return f"{relation.split('_')[0]} countryside of {anchor}"
    if relation.endswith("_part"):
        return f"{relation.split('_')[0]} part of {anchor}"
    if relation.endswith("_of"):
        dist = f"{distance_m / 1000:g} km " if distance_m else ""
        return f"{dist}{relation.split('_')[0]} of {anchor}"
    return {"near": f"near {anchor}", "countryside": f"countryside of {anchor}",
            **{f"{side}_bank": f"{side} bank of {anchor}"
               for side in ("left", "right", "east", "west", "north", "south")},
            "other_side": f"other side of {anchor}"}.get(relation, f"{relation} {anchor}")


class _Relatives:
    """The relative-expression scan of `geoparse._Doc` (a mixin), with the shared builders.

    It reads the doc's ``text``, ``toks``, ``gaz``, ``tops`` and ``top_at``, fills ``rels``,
    and calls the pattern methods of `_relatives_ar._ArabicRelatives` and
    `_relatives_en._EnglishRelatives` (``_ar_*``, ``_en_*``) and the doc's
    ``_place_line_features``.
    """

    # -- relative expressions --------------------------------------------------------------
    def find_relatives(self, *, build_geometry: bool) -> None:
        toks = self.toks
        # an Arabic token may start an expression only as the opening word of a pattern; a
        # Latin one only as a trigger or a toponym (the first tests of `_relative_at`): the
        # first are listed by the first pass of `find_toponyms`
        maybe = sorted({*self.rel_openers, *(i for i in self.top_at if toks[i].kind == "lat")})
        pos = i = 0
        while True:      # from one token that may open an expression to the next
            pos = bisect_left(maybe, i, pos)
            if pos == len(maybe):
                break
            i = maybe[pos]
            rel = self._relative_at(i)
            if rel is None or any(self._compound_actor(t) for t in rel.tops):
                i += 1   # "near Iran-backed militias": the militias are near, not Iran
                continue
            self.rels.append(rel)
            for top in rel.tops:
                top.relation = rel.relation
                top.metonymic = False
            # continue after the expression's last token
            while i < len(toks) and toks[i].start < rel.end:
                i += 1
        self._place_line_features()
        for rel in self.rels:
            self._finish(rel, build_geometry)

    def _relative_at(self, i: int) -> _Rel | None:
        tok = self.toks[i]
        if tok.kind == "lat" and tok.key not in _TRIGGERS_EN and i not in self.top_at:
            return None
        if tok.kind == "ar":
            for name in _ar_patterns(tok.key):
                rel = getattr(self, name)(i)
                if rel is not None:
                    return rel
        elif tok.kind == "num":
            return self._ar_distance(i) or self._en_distance(i)
        else:
            for finder in (self._en_direction, self._en_countryside, self._en_bank,
                           self._en_tri_border, self._en_near, self._en_distance):
                rel = finder(i)
                if rel is not None:
                    return rel
        return None

    def _rel_start(self, i: int) -> int:
        """Start of an expression at token i, leaving out a conjunction و/ف."""
        tok = self.toks[i]
        if tok.kind == "ar":
            for form, cut in _bare_forms(tok.key):  # fewest letters cut first
                if form in _REL_WORDS:
                    return tok.start + _cut_offset(tok.text, cut)
        return tok.start

    def _top_after(self, i: int, *, skip_heads: bool = True, max_skip: int = 2):
        """The toponym starting at token i (after up to `max_skip` generic heads)."""
        k = i
        skipped = 0
        while k < len(self.toks):
            if k in self.top_at:
                return self.top_at[k]
            if not skip_heads or skipped >= max_skip:
                return None
            tok = self.toks[k]
            if k > i and tok.hard_gap:
                return None
            if _lex(tok, lex.GENERIC_HEADS_AR if tok.kind == "ar" else lex.GENERIC_HEADS_EN) \
                    or tok.key in ("the", "of"):
                k += 1
                skipped += 1
                continue
            return None
        return None

    def _next(self, i: int) -> _Tok | None:
        if i + 1 < len(self.toks) and not self.toks[i + 1].hard_gap:
            return self.toks[i + 1]
        return None

    # shared by the Arabic and English patterns ...........................................
    def _bank_rel(self, i, end, side, top, anchor) -> _Rel:
        # «الضفة اليسرى» left_bank; «الضفة الشرقية» east_bank (the bank, not all east of it)
        relation = f"{side}_bank"
        if top is not None:
            return self._rel(i, end, relation, [top])
        return self._rel(i, end, relation, [], anchor=anchor[0], anchor_point=anchor[1])

    def _near_from(self, start_i: int, k: int, bridge, border_words, *,
                   relation: str = "near", **extra) -> _Rel | None:
        """The anchor after a near-word (or a distance) from token k: a toponym, or a border
        («الحدود السورية التركية», «الحدود السورية مع تركيا», "the Turkish border")."""
        toks = self.toks
        border = False
        border_end = None
        steps = 0
        nisba: list[tuple[str, int]] = []   # «الحدود السورية التركية»: (country, end)
        nisba_table = lex.NISBA_COUNTRY_AR if toks[k if k < len(toks) else start_i].kind \
            == "ar" else lex.NISBA_COUNTRY_EN
        while k < len(toks) and steps <= 5 and not toks[k].hard_gap:
            parts = toks[k].key.split("-") if toks[k].kind == "lat" else [None]
            if len(parts) > 1 and all(p in nisba_table for p in parts):
                nisba.extend((nisba_table[p], toks[k].end) for p in parts)  # Syrian-Turkish
                k += 1
                steps += 1
                continue
            country = _lex(toks[k], nisba_table)
            if country is not None and (border or steps <= 2):
                nisba.append((country[0], toks[k].end))
                k += 1
                steps += 1
                continue
            if nisba and _lex(toks[k], border_words) is None and not (border and (
                    toks[k].key in _WITH or (k in self.top_at and toks[k - 1].key in _WITH))):
                break
            if k in self.top_at:
                tops = [self.top_at[k]]
                m = tops[0].j + 1
                while m < len(toks) and m in self.top_at and self.top_at[m].clitics.startswith(
                        "و") and not toks[m].hard_gap:
                    tops.append(self.top_at[m])
                    m = self.top_at[m].j + 1
                if border:
                    ids = [f"country:{c}" for c, _ in nisba] + [t.place.id for t in tops]
                    return self._border_rel(start_i, tops[-1].end, relation, tops, ids, **extra)
                if nisba:
                    return None
                return self._rel(start_i, tops[0].end, relation, tops[:1], **extra)
            tok = toks[k]
            if _lex(tok, border_words) is not None:
                border = True
                border_end = tok.end
                if nisba and not (k + 1 < len(toks) and toks[k + 1].key in _WITH):
                    return self._nisba_border(start_i, tok.end, nisba, relation, **extra)
            elif _lex(tok, bridge) is None and _lex(tok, lex.GENERIC_HEADS_AR) is None:
                break
            k += 1
            steps += 1
        if border and nisba:
            return self._nisba_border(start_i, nisba[-1][1], nisba, relation, **extra)
        if border:
            # "10 km from the border", «قرب الحدود»: the border with the neighbour the report
            # last named
            neighbour = self._neighbour_before(toks[start_i].start)
            if neighbour is not None:
                return self._border_rel(start_i, border_end, relation, [], [neighbour], **extra)
        return None

    def _neighbour_before(self, before: int) -> str | None:
        """The id of the neighbouring country named last before offset `before` (by name or
        by adjective: «تركيا», "Turkish"), or None."""
        best, best_at = None, -1
        for top in self.tops:
            if top.end > before:
                break
            p = top.place
            if p is not None and p.feature_code.startswith("PCL") and \
                    p.country in _REGION - {"SY"}:
                best, best_at = p.id, top.start
        for tok in self.toks:
            if tok.end > before:
                break
            if tok.start <= best_at:
                continue
            country = _nisba_country(tok)
            if country is not None and country in _REGION - {"SY"}:
                best, best_at = f"country:{country}", tok.start
        return best

    def _tri_border(self, i: int, k: int) -> _Rel | None:
        """The tri-border phrase at token i, its countries listed from token k («مع العراق
        والأردن», «السوري التركي العراقي», "of Syria, Iraq and Jordan"); Syria is the third
        when two others are named."""
        toks = self.toks
        tops: list[_Top] = []
        ids: list[str] = []
        end = None
        steps = 0
        while k < len(toks) and steps <= 8 and not (toks[k].hard_gap and self.text[
                toks[k - 1].end:toks[k].start].strip() not in (",", "،")):
            if k in self.top_at:
                top = self.top_at[k]
                if top.place is None or not top.place.feature_code.startswith("PCL"):
                    break
                tops.append(top)
                ids.append(top.place.id)
                end = top.end
                k = top.j + 1
                continue
            nisba = _nisba_country(toks[k])
            if nisba is not None:
                ids.append(f"country:{nisba}")
                end = toks[k].end
            elif toks[k].key not in _TRI_BRIDGE:
                break
            k += 1
            steps += 1
        if len(ids) == 2 and "country:SY" not in ids:
            ids.insert(0, "country:SY")
        if end is None or len(set(ids)) != 3:
            return None
        try:
            places = [self.gaz.get(pid) for pid in ids]
        except LookupError:
            return None
        name = "–".join(p.name_en for p in places) + " tripoint"
        return self._rel(i, end, "tri_border", tops, anchor=places[0], anchor_name=name,
                         border=tuple(ids))

    def _nisba_border(self, start_i: int, end: int, nisba, relation: str = "near",
                      **extra) -> _Rel | None:
        return self._border_rel(start_i, end, relation, [],
                                [f"country:{country}" for country, _ in nisba], **extra)

    def _border_rel(self, start_i: int, end: int, relation: str, tops: list[_Top],
                    ids: list[str], **extra) -> _Rel | None:
        """A border between the places `ids`; one neighbour of Syria alone («الحدود مع
        العراق», "the Turkish border") means its border with Syria, where these reports are."""
        places = []
        for pid in ids:
            try:
                place = self.gaz.get(pid)
            except LookupError:
                return None
            if place is not None and place not in places:
                places.append(place)
        if not places:
            return None
        if len(places) == 1 and places[0].feature_code.startswith("PCL") and \
                places[0].country in _REGION - {"SY"}:
            try:
                places.insert(0, self.gaz.get("country:SY"))
            except LookupError:
                pass
        if len(places) > 1:
            name = "–".join(p.name_en for p in places) + " border"
        else:
            name = f"{places[0].name_en} boundary"
        return self._rel(start_i, end, relation, tops, anchor=places[0], anchor_name=name,
                         border=tuple(p.id for p in places), **extra)

    # shared helpers ...........................................................................
    def _rel(self, i: int, end: int, relation: str, tops: list[_Top], *,
             direction: str | None = None, distance_m: float | None = None,
             within: bool = False, anchor: Place | None = None, anchor_name: str | None = None,
             anchor_point=None, border: tuple[str, ...] = (), prev: _Rel | None = None) -> _Rel:
        if relation == "countryside":
            relation = f"{direction}_countryside" if direction else "countryside"
            if tops:
                # «ريف حلب» is the governorate's countryside; «ريف المالكية» the town's
                gov = self._governorate_of(tops[0], containing=False)
                if gov is not None:
                    anchor = gov
        if tops and anchor is None:
            anchor = tops[0].place
        if anchor_name is None and anchor is not None:
            anchor_name = anchor.name_en
        if anchor_point is None and tops:
            anchor_point = tops[0].point
        start = self._rel_start(i)
        inner = self.text[start:end]
        if end < len(self.text) and self.text[end] in _CLOSING and \
                sum(inner.count(q) for q in _QUOTES) % 2 == 1:
            end += 1  # «قرب منطقة "التنف"»: keep the closing quote with the opening one
        far = relation.endswith("_part") and _FAR.search(self.text, max(0, start - 12), start)
        if far:
            start = far.start()
        return _Rel(start=start, end=end, relation=relation, anchor=anchor,
                    anchor_name=anchor_name, tops=tops, direction=direction,
                    distance_m=distance_m, within=within, anchor_point=anchor_point,
                    border=border, prev=prev, far=bool(far))

    def _governorate_of(self, top: _Top, *, containing: bool = True) -> Place | None:
        place = top.place
        if place.feature_class == "A" and place.feature_code == "ADM1":
            return place
        gov = next((c.place for c in top.cands if c.place.feature_class == "A"
                    and c.place.feature_code == "ADM1"), None)
        if gov is not None:
            top.cands = [Candidate(place=place, score=top.score, match="context", matched="")] + [
                c for c in top.cands if c.place is not gov]
            top.place = gov
            return gov
        if not containing:
            return None
        return _containing_governorate(self.gaz, place.lon, place.lat)

    def _antecedent(self, kind: str, before: int):
        """(place, point) of the last place of `kind` mentioned before offset `before`."""
        for top in reversed(self.tops):
            if top.end > before:
                continue
            if before - top.end > _IMPLICIT_WINDOW * (3 if kind in ("river", "governorate")
                                                       else 1):
                break
            place = top.place
            if place is None or top.metonymic:
                continue
            fc, code = place.feature_class, place.feature_code
            if kind == "river" and fc == "H":
                return place, top.point
            if kind == "governorate":
                if fc == "A" and code == "ADM1":
                    return place, None
                if fc == "P" and place.country == "SY":
                    gov = _containing_governorate(self.gaz, place.lon, place.lat)
                    if gov is not None:
                        return gov, None
            if kind == "city" and fc == "P":
                return place, None
            if kind == "country" and fc == "A" and code.startswith("PCL"):
                return place, None
            if kind in ("point", "site") and fc in ("P", "S", "T") and place.country in (
                    _REGION | {""}):
                return place, None
        if kind == "country":
            try:
                return self.gaz.get("country:SY"), None
            except LookupError:
                return None
        return None

    def _previous_relative(self, before: int) -> _Rel | None:
        for rel in reversed(self.rels):
            if rel.end <= before and before - rel.end <= _IMPLICIT_WINDOW:
                return rel
        return None

    def _finish(self, rel: _Rel, build_geometry: bool) -> None:
        anchor = rel.anchor
        if anchor is None:
            return
        if rel.anchor_point is None:
            rel.anchor_point = rel.tops[0].point if rel.tops and rel.tops[0].point else (
                anchor.lon, anchor.lat)
        try:
            geom, point = _relative_geometry(self, rel, build_geometry)
        except (ValueError, LookupError, ArithmeticError, AttributeError, TypeError):
            geom, point = None, None  # the expression abstains; the others are unaffected
        rel.geometry = geom if build_geometry else None
        rel.point = point


def _nisba_country(tok: _Tok) -> str | None:
    """The country code of a nisba adjective («التركية», "Turkish"), or None."""
    if tok.kind == "ar":
        hit = _lex(tok, lex.NISBA_COUNTRY_AR)
        return hit[0] if hit else None
    return lex.NISBA_COUNTRY_EN.get(tok.key)


def _dir_relation(direction: str, place: Place | None) -> str:
    """east_of for a line or point (beyond it), east_part for an area (a part of it)."""
    if place is not None and place.feature_class in ("A", "L"):
        return f"{direction}_part"
    return f"{direction}_of"


def _dir_part(direction: str, place: Place | None) -> str:
    if place is not None and place.feature_class == "H":
        return f"{direction}_of"
    return f"{direction}_part"


def _rel_precision(rel: _Rel) -> int | None:
    if rel.anchor is None:
        return None
    if rel.relation.endswith("_part") and (
            rel.anchor.feature_code.startswith("PCL") or rel.anchor.feature_class == "L"):
        return 3
    return 2


def _rel_score(rel: _Rel) -> float:
    if rel.anchor is None:
        return 0.0
    base = 0.9 if rel.tops else 0.6   # explicit vs implicit anchor
    return round(base if rel.point is not None else base / 2, 3)


def _relative_geometry(doc: _Doc, rel: _Rel, build: bool):
    """(geometry, representative (lon, lat)) of a relative expression."""
    from geo_deconflict.geoparse import _relgeom

    return _relgeom.build(doc, rel, build)
