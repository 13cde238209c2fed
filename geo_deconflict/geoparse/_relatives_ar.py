"""Arabic relative expressions for `geoparse`: «ريف حماة الشمالي», «شرق نهر الفرات», «على بعد 55 كم».

Each ``_ar_*`` method tries one pattern at a token and returns a `_relatives._Rel` or None.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo_deconflict.geo.names import arabic_key
from geo_deconflict.geoparse import _lexicon as lex
from geo_deconflict.geoparse._relatives import _describe, _dir_part, _dir_relation
from geo_deconflict.geoparse._tokens import _lex, _number

if TYPE_CHECKING:
    from geo_deconflict.geoparse._relatives import _Rel


_ALA = arabic_key("على")
_PRONOUN_FROM = frozenset(arabic_key(w) for w in ("منه", "منها", "منهم", "عنه", "عنها", "عنهم",
                                                  "منهما", "عنهما"))


class _ArabicRelatives:
    """The Arabic patterns of `geoparse._Doc` (a mixin); they build with `_relatives._Relatives`."""

    def _ar_countryside(self, i: int) -> _Rel | None:
        if _lex(self.toks[i], lex.COUNTRYSIDE_AR) is None:
            return None
        toks = self.toks
        k = i + 1
        direction = None
        # «الريف الشمالي لحماة» / «الريف الشمالي الشرقي لمدينة حماة»
        if k < len(toks) and not toks[k].hard_gap and _lex(toks[k], lex.DIRECTION_ADJ_AR):
            adjectives = k
            direction, k = self._dir_adjs(k)
            if k < len(toks) and toks[k].kind == "ar":
                top = self._top_after(k)
                if top is None and toks[k].key in ("من", "في"):
                    top = self._top_after(k + 1)
                if top is not None:
                    return self._rel(i, top.end, "countryside", [top], direction=direction)
            if toks[i].key.startswith(("ال", "وال", "بال", "فال")):
                # «في الريف الشرقي» alone: the governorate told before, «الريف الغربي
                # للمدينة» the town's (and the adjective is no village «الشرقي»)
                self._no_toponyms(adjectives, k)
                end = toks[k - 1].end
                of = _lex(toks[k], lex.ANAPHORS_AR) if k < len(toks) and \
                    not toks[k].hard_gap else None
                kind = "governorate"
                if of is not None and of[0] in ("governorate", "city"):
                    kind, end = of[0], toks[k].end
                anchor = self._antecedent(kind, toks[i].start)
                if anchor is not None:
                    return self._rel(i, end, "countryside", [], direction=direction,
                                     anchor=anchor[0], anchor_point=anchor[1])
            return None
        if k >= len(toks) or toks[k].hard_gap:
            return None
        anaphor = _lex(toks[k], lex.ANAPHORS_AR)
        if anaphor is not None and anaphor[0] in ("governorate", "city"):
            # «ريف المحافظة الشرقي» after «مدينة الميادين»: that governorate's countryside
            # (not the countryside of a village named «الشرقي»)
            anchor = self._antecedent(anaphor[0], toks[k].start)
            if anchor is None:
                return None
            end, m = toks[k].end, k + 1
            if m < len(toks) and not toks[m].hard_gap and _lex(toks[m], lex.DIRECTION_ADJ_AR):
                direction, m = self._dir_adjs(m)
                end = toks[m - 1].end
                self._no_toponyms(k + 1, m)   # (the adjective is no village «الشرقي»)
            return self._rel(i, end, "countryside", [], direction=direction, anchor=anchor[0],
                             anchor_point=anchor[1])
        top = self._top_after(k)
        if top is None:
            return None
        end = top.end
        m = top.j + 1
        if m < len(toks) and not toks[m].hard_gap and _lex(toks[m], lex.DIRECTION_ADJ_AR):
            direction, m = self._dir_adjs(m)
            end = toks[m - 1].end
        return self._rel(i, end, "countryside", [top], direction=direction)

    def _no_toponyms(self, lo: int, hi: int) -> None:
        """Drop the toponyms found at tokens lo..hi-1 (direction adjectives of a countryside,
        not the village «الشرقي»)."""
        self.tops = [t for t in self.tops if not lo <= t.i < hi]
        for n in range(lo, hi):
            self.top_at.pop(n, None)

    def _dir_adjs(self, k: int) -> tuple[str, int]:
        """Direction adjectives from token k («الشمالي الشرقي» -> northeast); next index."""
        first = _lex(self.toks[k], lex.DIRECTION_ADJ_AR)[0]
        k += 1
        if k < len(self.toks) and not self.toks[k].hard_gap:
            second = _lex(self.toks[k], lex.DIRECTION_ADJ_AR)
            if second and lex.compound(first, second[0]):
                return lex.compound(first, second[0]), k + 1
        return first, k

    def _ar_direction(self, i: int) -> _Rel | None:
        hit = _lex(self.toks[i], lex.DIRECTION_NOUNS_AR)
        if hit is None:
            return None
        direction = hit[0]
        k = i + 1
        nxt = self._next(i)
        if nxt is not None:
            second = _lex(nxt, lex.DIRECTION_NOUNS_AR) or _lex(nxt, lex.DIRECTION_ADJ_AR)
            if second and lex.compound(direction, second[0]):
                direction, k = lex.compound(direction, second[0]), k + 1
        if k >= len(self.toks) or self.toks[k].hard_gap:
            return None
        top = self._top_after(k)
        if top is not None:
            return self._rel(i, top.end, _dir_relation(direction, top.place), [top],
                             direction=direction)
        # «شرق المحافظة», «غرب النهر», «شمال البلاد»: an anaphoric anchor
        if _lex(self.toks[k], lex.COUNTRYSIDE_AR) is not None:
            # «شمال شرقي ريف اللاذقية», «شمالي ريف حماة»: that part of the countryside
            rel = self._ar_countryside(k)
            if rel is not None and rel.direction is None and rel.tops:
                return self._rel(i, rel.end, "countryside", rel.tops, direction=direction)
            return None
        kind = _lex(self.toks[k], lex.ANAPHORS_AR)
        if kind is not None and kind[0] != "country":
            # «شرق المحافظة», «غرب النهر»; not «شمال البلاد», where "the country" is as
            # vague as a pronoun
            anchor = self._antecedent(kind[0], self.toks[k].start)
            if anchor is not None:
                place, point = anchor
                return self._rel(i, self.toks[k].end, _dir_relation(direction, place), [],
                                 direction=direction, anchor=place, anchor_point=point)
        return None

    def _ar_bank(self, i: int) -> _Rel | None:
        if _lex(self.toks[i], lex.BANK_AR) is None:
            return None
        toks = self.toks
        nxt = self._next(i)
        if nxt is None:
            return None
        side = _lex(nxt, lex.BANK_SIDE_AR)
        other = _lex(nxt, lex.OTHER_AR)
        if side is None and other is None:
            # «ضفة الفرات الشرقية»
            top = self._top_after(i + 1, max_skip=1)
            if top is not None and top.place.feature_class == "H" and top.j + 1 < len(toks):
                side = _lex(toks[top.j + 1], lex.BANK_SIDE_AR)
                if side is not None:
                    return self._bank_rel(i, toks[top.j + 1].end, side[0], top, None)
            return None
        k = i + 2
        if k < len(toks) and toks[k].kind == "ar" and toks[k].key in ("من", "ل", "عن"):
            k += 1
        if k >= len(toks) or toks[k].hard_gap:
            return None
        top = self._top_after(k, max_skip=1)
        if top is not None and top.place is not None and top.place.feature_class == "H":
            if other is not None:
                return self._rel(i, top.end, "other_side", [top])
            return self._bank_rel(i, top.end, side[0], top, None)
        anaphor = _lex(toks[k], lex.ANAPHORS_AR)
        if anaphor is not None and anaphor[0] == "river":
            anchor = self._antecedent("river", toks[k].start)
            if anchor is not None:
                if other is not None:
                    return self._rel(i, toks[k].end, "other_side", [], anchor=anchor[0],
                                     anchor_point=anchor[1])
                return self._bank_rel(i, toks[k].end, side[0], None, anchor)
        return None

    def _ar_part(self, i: int) -> _Rel | None:
        """«الأطراف الغربية لبلدة خشام», «المدخل الشرقي لمدينة تدمر»: that part of a place."""
        toks = self.toks
        if _lex(toks[i], lex.PART_NOUNS_AR) is None:
            return None
        nxt = self._next(i)
        if nxt is None or _lex(nxt, lex.DIRECTION_ADJ_AR) is None:
            return None
        direction, k = self._dir_adjs(i + 1)
        if k < len(toks) and not toks[k].hard_gap and toks[k].key in ("من", "في"):
            k += 1
        if k >= len(toks) or toks[k].hard_gap:
            return None
        top = self._top_after(k)
        if top is None or top.place is None or top.place.feature_class == "H":
            return None   # a river's side is a bank (`_ar_bank`)
        return self._rel(i, top.end, _dir_part(direction, top.place), [top],
                         direction=direction)

    def _ar_tri_border(self, i: int) -> _Rel | None:
        """«المثلث الحدودي مع العراق والأردن»: where three countries' borders meet."""
        toks = self.toks
        if _lex(toks[i], lex.TRI_BORDER_AR) is None:
            return None
        nxt = self._next(i)
        if nxt is None or _lex(nxt, lex.BORDER_AR) is None:
            return None
        return self._tri_border(i, i + 2)

    def _ar_near(self, i: int) -> _Rel | None:
        toks = self.toks
        if _lex(toks[i], lex.NEAR_AR) is None:
            return None
        if toks[i].key in ("القريبه", "المحيطه", "القريب", "المحاذيه"):
            return None  # adjectives: handled with the noun they follow
        start_i = i
        if i > 0 and toks[i - 1].key == _ALA and not toks[i].hard_gap:
            start_i = i - 1  # «على مقربة من»
        elif toks[i].key in _CLOSE_TO:
            return None   # «وسائل إعلام مقربة من طهران»: close to its government, not near it
        return self._near_from(start_i, i + 1, lex.NEAR_BRIDGE_AR, lex.BORDER_AR)

    def _ar_distance(self, i: int) -> _Rel | None:
        toks = self.toks
        tok = toks[i]
        value = None
        if tok.kind == "num":
            value = _number(tok.key)
        elif tok.kind == "ar":
            word = _lex(tok, lex.NUMBER_WORDS_AR)
            value = float(word[0]) if word else None
        if value is None or i + 1 >= len(toks) or toks[i + 1].hard_gap:
            return None
        unit = toks[i + 1]
        if unit.kind != "ar":
            return None
        if _lex(unit, lex.KM_UNITS_AR):
            metres = value * 1000
        elif _lex(unit, lex.MILE_UNITS_AR):
            metres = value * 1609.344
        else:
            return None
        # the lead words: «على بعد», «على مسافة», «ضمن نطاق», «نحو»
        start_i = i
        within = False
        apart = False   # «يبعد 40 كم عن X»: about that far from X
        while start_i > 0 and not toks[start_i].hard_gap and i - start_i < 3:
            prev = toks[start_i - 1]
            if _lex(prev, lex.DISTANCE_VERB_AR) is not None:
                apart = True
                start_i -= 1
                break
            lead = _lex(prev, lex.DISTANCE_LEAD_AR)
            if lead is not None:
                within = within or lead[0] in lex.WITHIN_AR
                start_i -= 1
                continue
            if prev.key == _ALA and start_i < i:
                start_i -= 1
            break
        k = i + 2
        direction = None
        if k < len(toks) and not toks[k].hard_gap:
            hit = _lex(toks[k], lex.DIRECTION_NOUNS_AR) or _lex(toks[k], lex.DIRECTION_ADV_AR)
            if hit is not None:
                direction = hit[0]
                k += 1
                if k < len(toks) and not toks[k].hard_gap:  # «شمال غربي حماة»
                    second = _lex(toks[k], lex.DIRECTION_NOUNS_AR) or \
                        _lex(toks[k], lex.DIRECTION_ADV_AR)
                    if second and lex.compound(direction, second[0]):
                        direction = lex.compound(direction, second[0])
                        k += 1
        top = None
        relation = f"{direction}_of" if direction else (
            "distance_from" if apart and not within else "within_km")
        if k < len(toks) and not toks[k].hard_gap:
            if toks[k].kind == "ar" and toks[k].key in ("من", "عن"):
                top = self._top_after(k + 1)
                if top is None and k + 1 < len(toks) and \
                        _lex(toks[k + 1], lex.BORDER_AR) is not None:
                    # «على عمق 30 كم عن الحدود السورية مع تركيا»: from a border
                    rel = self._near_from(start_i, k + 1, lex.NEAR_BRIDGE_AR, lex.BORDER_AR,
                                          relation=relation, direction=direction,
                                          distance_m=metres, within=within)
                    if rel is not None and rel.border:
                        if self._measure_before(start_i):   # «عمق 30 كم عن الحدود»
                            rel.start = self._rel_start(start_i - 1)
                        return rel
            elif direction is not None:
                top = self._top_after(k)
        after = toks[k] if k < len(toks) and not toks[k].hard_gap else None
        if top is None and direction is None and self._measure_before(start_i) and not (
                after is not None and after.key in ("من", "عن")):
            return None   # «بعمق 3 كلم», «مسار طوله 38 كم»: a size, not a place
        if top is None and after is not None and after.key in _PRONOUN_FROM:
            return None   # «على بعد 3 كيلومترات منه»: from a pronoun, like "the town's side"
        if top is not None:
            return self._rel(start_i, top.end, relation, [top], direction=direction,
                             distance_m=metres, within=within)
        anchor = self._antecedent("point", toks[start_i].start)
        if anchor is None:
            return None
        end = toks[k - 1].end
        return self._rel(start_i, end, relation, [], anchor=anchor[0], anchor_point=anchor[1],
                         direction=direction, distance_m=metres, within=within)

    def _measure_before(self, i: int) -> bool:
        """A length or depth word right before token i (or before «على» there)."""
        toks = self.toks
        k = i - 1
        if k >= 1 and toks[k].kind == "num" and toks[i].soft_gap and not toks[i].hard_gap:
            k -= 1   # «بعمق 15 – 20 كلم»: a range
            i -= 1
        if k >= 0 and toks[k].key == _ALA and not toks[i].hard_gap:
            k -= 1
        return k >= 0 and not toks[k + 1].hard_gap and (
            _lex(toks[k], lex.MEASURE_AR) is not None or toks[k].key in lex.MEASURE_EN)

    def _ar_nearby_areas(self, i: int) -> _Rel | None:
        toks = self.toks
        if _lex(toks[i], lex.NEARBY_AREAS_AR) is None:
            return None
        nxt = self._next(i)
        if nxt is None or _lex(nxt, lex.NEARBY_ADJ_AR) is None:
            return None
        k = i + 2
        if k < len(toks) and not toks[k].hard_gap and toks[k].key in ("من", "ل"):
            top = self._top_after(k + 1)
            if top is not None:
                return self._rel(i, top.end, "near", [top])
        prev = self._previous_relative(toks[i].start)
        if prev is not None:
            return self._rel(i, nxt.end, "near", [], anchor=prev.anchor,
                             anchor_name=_describe(prev.relation, prev.anchor_name,
                                                   prev.distance_m),
                             anchor_point=None, prev=prev)
        anchor = self._antecedent("point", toks[i].start)
        if anchor is not None:
            return self._rel(i, nxt.end, "near", [], anchor=anchor[0], anchor_point=anchor[1])
        return None

    def _ar_adverb(self, i: int) -> _Rel | None:
        hit = _lex(self.toks[i], lex.DIRECTION_ADV_AR)
        if hit is None:
            return None
        prev = self._previous_relative(self.toks[i].start)
        if prev is None or prev.anchor is None or prev.direction is None:
            return None
        direction = hit[0]
        return self._rel(i, self.toks[i].end, _dir_relation(direction, prev.anchor), [],
                         direction=direction, anchor=prev.anchor,
                         anchor_name=prev.anchor_name, anchor_point=prev.anchor_point)


# «مقربة» with no «على» (or proclitic «ب») before it: close to someone, not near a place
_CLOSE_TO = frozenset({arabic_key("مقربة"), arabic_key("المقربة")})
