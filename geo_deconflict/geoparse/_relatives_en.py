"""English relative expressions for `geoparse`: "north of Manbij", "30 km south of Raqqa".

Each ``_en_*`` method tries one pattern at a token and returns a `_relatives._Rel` or None.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo_deconflict.geoparse import _lexicon as lex
from geo_deconflict.geoparse._relatives import _dir_part, _dir_relation
from geo_deconflict.geoparse._tokens import _number

if TYPE_CHECKING:
    from geo_deconflict.geoparse._relatives import _Rel
    from geo_deconflict.geoparse._toponyms import _Top


class _EnglishRelatives:
    """The English patterns of `geoparse._Doc` (a mixin); they build with `_relatives._Relatives`."""

    def _en_direction(self, i: int) -> _Rel | None:
        toks = self.toks
        tok = toks[i]
        if tok.key in lex.DIRECTIONS_EN:
            direction = lex.DIRECTIONS_EN[tok.key]
            k = i + 1
            if k < len(toks) and toks[k].soft_gap and toks[k].key in lex.DIRECTIONS_EN:
                combo = lex.compound(direction, lex.DIRECTIONS_EN[toks[k].key])
                if combo:
                    direction, k = combo, k + 1
            if k < len(toks) and k in self.top_at and not toks[k].hard_gap and \
                    i > 0 and toks[i - 1].key in ("in", "across", "of", "from", "into", "to"):
                # "in northeast Syria", "across north Aleppo": an adjective, a part of it
                top = self.top_at[k]
                if top.place is not None and top.place.feature_class != "H":
                    return self._rel(i, self._en_trailing_end(top),
                                     _dir_part(direction, top.place), [top],
                                     direction=direction)
            if k < len(toks) and toks[k].key == "of" and not toks[k].hard_gap:
                top = self._top_after(k + 1, max_skip=3)
                if top is not None:
                    end = self._en_trailing_end(top)
                    # "east of the Golan" lies beyond it; "the east of Syria" is a part of it
                    before = i - 1 if i > 1 and toks[i - 1].key == "far" else i
                    the = before > 0 and toks[before - 1].key == "the" and not tok.hard_gap \
                        and not (before > 1 and toks[before - 2].key == "to")
                    relation = _dir_part(direction, top.place) if the else f"{direction}_of"
                    return self._rel(i, end, relation, [top], direction=direction)
                anaphor = self._en_anaphor(k + 1)
                if anaphor is not None:
                    kind, end_tok = anaphor
                    anchor = self._antecedent(kind, toks[k].start)
                    if anchor is not None:
                        return self._rel(i, toks[end_tok].end, _dir_relation(
                            direction, anchor[0]), [], direction=direction, anchor=anchor[0],
                            anchor_point=anchor[1])
            return None
        if tok.key in lex.DIRECTION_ADJ_EN:
            direction = lex.DIRECTION_ADJ_EN[tok.key]
            top = self._top_after(i + 1, max_skip=0)
            if top is None:
                return self._en_part(i, direction)
            nxt = toks[top.j + 1] if top.j + 1 < len(toks) else None
            if nxt is not None and nxt.key == "countryside" and not nxt.hard_gap:
                return self._rel(i, nxt.end, "countryside", [top], direction=direction)
            if top.place.feature_class == "P" and any(
                    c.place.feature_code == "ADM1" for c in top.cands):
                self._governorate_of(top)   # "eastern Deir ez-Zor": part of the province
            part = _dir_part(direction, top.place)
            return self._rel(i, self._en_trailing_end(top), part, [top], direction=direction)
        return None

    def _en_part(self, i: int, direction: str) -> _Rel | None:
        """"the western outskirts of Khasham", "the eastern entrance to Palmyra"."""
        toks = self.toks
        k = i + 1
        if k + 1 >= len(toks) or toks[k].key not in lex.PART_NOUNS_EN or toks[k].hard_gap:
            return None
        if toks[k + 1].key not in ("of", "to") or toks[k + 1].hard_gap:
            return None
        top = self._top_after(k + 2, max_skip=3)
        if top is None or top.place is None or top.place.feature_class == "H":
            return None   # "the eastern side of the Euphrates" is a bank
        start = i - 1 if i > 0 and toks[i - 1].key == "the" else i
        return self._rel(start, self._en_trailing_end(top), _dir_part(direction, top.place),
                         [top], direction=direction)

    def _en_tri_border(self, i: int) -> _Rel | None:
        """"the tri-border area with Iraq and Jordan", "the border triangle of Syria, Iraq and
        Jordan"."""
        toks = self.toks
        key = toks[i].key
        if key in ("tri-border", "triborder", "tripoint", "tri-point"):
            k = i + 1
        elif key == "tri" and i + 1 < len(toks) and toks[i + 1].key in ("border", "point"):
            k = i + 2   # "tri-border", tokenised in two
        elif key == "border" and i + 1 < len(toks) and toks[i + 1].key in ("triangle",
                                                                            "tripoint"):
            k = i + 2
        else:
            return None
        start = i - 1 if i > 0 and toks[i - 1].key == "the" else i
        return self._tri_border(start, k)

    def _en_trailing_end(self, top: _Top) -> int:
        nxt = self.toks[top.j + 1] if top.j + 1 < len(self.toks) else None
        if nxt is not None and not nxt.hard_gap and nxt.key in ("river", "province",
                                                                 "governorate"):
            return nxt.end
        return top.end

    def _en_anaphor(self, k: int):
        toks = self.toks
        if k < len(toks) and toks[k].key == "the":
            k += 1
        if k < len(toks) and toks[k].key in lex.ANAPHORS_EN:
            return lex.ANAPHORS_EN[toks[k].key], k
        return None

    def _en_countryside(self, i: int) -> _Rel | None:
        toks = self.toks
        tok = toks[i]
        if tok.key == "rural":
            top = self._top_after(i + 1, max_skip=0)
            if top is not None:
                return self._rel(i, self._en_trailing_end(top), "countryside", [top])
        if tok.key == "countryside" and i + 1 < len(toks) and toks[i + 1].key == "of":
            top = self._top_after(i + 2, max_skip=2)
            if top is not None:
                return self._rel(i, top.end, "countryside", [top])
        # "the Hama countryside" is found from the toponym: look for it here
        if i in self.top_at:
            top = self.top_at[i]
            nxt = toks[top.j + 1] if top.j + 1 < len(toks) else None
            if nxt is not None and nxt.key == "countryside" and not nxt.hard_gap:
                return self._rel(i, nxt.end, "countryside", [top])
        return None

    def _en_bank(self, i: int) -> _Rel | None:
        toks = self.toks
        tok = toks[i]
        if tok.key not in lex.BANK_SIDE_EN and tok.key not in lex.OTHER_EN:
            return None
        if i + 2 >= len(toks) or toks[i + 1].key not in lex.BANK_EN or toks[i + 2].key != "of":
            return None
        top = self._top_after(i + 3, max_skip=2)
        end_tok = None
        anchor = None
        if top is None:
            anaphor = self._en_anaphor(i + 3)
            if anaphor is None or anaphor[0] != "river":
                return None
            anchor = self._antecedent("river", tok.start)
            if anchor is None:
                return None
            end_tok = anaphor[1]
        elif top.place.feature_class != "H":
            return None
        end = self._en_trailing_end(top) if top is not None else toks[end_tok].end
        if tok.key in lex.OTHER_EN:
            if top is not None:
                return self._rel(i, end, "other_side", [top])
            return self._rel(i, end, "other_side", [], anchor=anchor[0], anchor_point=anchor[1])
        side = lex.BANK_SIDE_EN[tok.key]
        if top is not None:
            return self._bank_rel(i, end, side, top, None)
        return self._bank_rel(i, end, side, None, anchor)

    def _en_near(self, i: int) -> _Rel | None:
        toks = self.toks
        key = toks[i].key
        if key not in lex.NEAR_EN or key in ("nearby",):
            return None
        k = i + 1
        if key == "close":
            if k >= len(toks) or toks[k].key != "to":
                return None
            k += 1
        if key == "around" and k < len(toks) and toks[k].kind == "num":
            return None
        start_i = i
        if key in ("outskirts", "vicinity", "edge", "surroundings", "environs") and \
                i > 0 and toks[i - 1].key == "the":
            start_i = i - 1
            if i > 1 and toks[i - 2].key in ("on", "in"):
                start_i = i - 2
        return self._near_from(start_i, k, lex.NEAR_BRIDGE_EN, lex.BORDER_EN)

    def _en_distance(self, i: int) -> _Rel | None:
        toks = self.toks
        tok = toks[i]
        if tok.kind == "num":
            value = _number(tok.key)
        elif tok.kind == "lat" and tok.key in lex.NUMBER_WORDS_EN:
            value = float(lex.NUMBER_WORDS_EN[tok.key])
        else:
            return None
        k = i + 1
        if k >= len(toks) or toks[k].hard_gap:
            return None
        unit = toks[k].key
        if unit in lex.KM_UNITS_EN or unit.startswith("km"):
            metres = value * 1000
        elif unit in lex.MILE_UNITS_EN:
            metres = value * 1609.344
        else:
            return None
        k += 1
        # skip "(34 miles)" style conversions
        while k < len(toks) and (toks[k].kind == "num" or toks[k].key in lex.MILE_UNITS_EN
                                 or toks[k].key in lex.KM_UNITS_EN):
            k += 1
        start_i = i
        within = False
        if i > 0 and toks[i - 1].key in lex.WITHIN_EN | {"about", "some", "around", "roughly",
                                                         "nearly", "approximately"}:
            start_i = i - 1
            within = toks[i - 1].key in lex.WITHIN_EN
        direction = None
        if k + 2 < len(toks) and toks[k].key == "to" and toks[k + 1].key == "the" and \
                toks[k + 2].key in lex.DIRECTIONS_EN:
            k += 2   # "2 km to the west of Saraqib"
        if k < len(toks) and toks[k].key in lex.DIRECTIONS_EN:
            direction = lex.DIRECTIONS_EN[toks[k].key]
            k += 1
        if k < len(toks) and toks[k].key in ("of", "from", "away", "around", "outside"):
            if toks[k].key == "away" and k + 1 < len(toks) and toks[k + 1].key == "from":
                k += 1
            k += 1
        else:
            return None
        top = self._top_after(k, max_skip=3)
        relation = f"{direction}_of" if direction else "within_km"
        if top is not None:
            return self._rel(start_i, self._en_trailing_end(top), relation, [top],
                             direction=direction, distance_m=metres, within=within)
        if k < len(toks) and (toks[k].key in lex.BORDER_EN or (
                toks[k].key == "the" and k + 1 < len(toks) and
                (toks[k + 1].key in lex.BORDER_EN or toks[k + 1].key in lex.NISBA_COUNTRY_EN))):
            # "35 km south of the border", "10 km from the Turkish border"
            return self._near_from(start_i, k, lex.NEAR_BRIDGE_EN, lex.BORDER_EN,
                                   relation=relation, direction=direction, distance_m=metres,
                                   within=within)
        anaphor = self._en_anaphor(k)
        if anaphor is not None:
            anchor = self._antecedent(anaphor[0], toks[start_i].start)
            if anchor is not None:
                return self._rel(start_i, toks[anaphor[1]].end, relation, [], anchor=anchor[0],
                                 anchor_point=anchor[1], direction=direction,
                                 distance_m=metres, within=within)
        return None
