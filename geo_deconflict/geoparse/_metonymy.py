"""Metonymy for `geoparse`: capitals and countries that stand for their governments.

«موسكو طلبت من واشنطن», "Moscow said ...": a capital or a country is metonymic unless a
locative cue (a preposition, a generic head, the proclitic ب, a dateline) makes it a place;
names joined by «و» / "and" share the flag of the first.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from geo_deconflict.geo.names import arabic_key
from geo_deconflict.geoparse import _lexicon as lex
from geo_deconflict.geoparse._tokens import _capital_nisba, _lex

if TYPE_CHECKING:
    from geo_deconflict.gazetteer.places import Place
    from geo_deconflict.geoparse._toponyms import _Top


_MIN = arabic_key("من")
_MAA = arabic_key("مع")
_LOYAL_EN = frozenset({"loyal", "allied", "aligned", "close", "linked", "answerable", "beholden"})
_MIN_ILA = {_MIN, arabic_key("إلى"), arabic_key("الى")}
_WEAK_AGENTIVE = {arabic_key(w) for w in ("أن", "ان", "إن", "بأن", "لأن", "لان", "بان", "وأن",
                                          "مع", "على", "لم", "لن", "لا", "قد", "كانت",
                                          "جانب", "لدى")}


class _Metonymy:
    """The metonymy pass of `geoparse._Doc` (a mixin): sets ``metonymic`` on the doc's ``tops``.

    It reads the doc's ``text``, ``toks`` and ``tops``.
    """

    # -- metonymy ---------------------------------------------------------------------------
    def _resolve_metonymy(self) -> None:
        prev_top: _Top | None = None
        for top in self.tops:
            place = top.place
            if place is None:
                continue
            if _can_be_metonymic(place):
                chained = (prev_top is not None and prev_top.metonymic is not None
                           and self._coordinated_with(prev_top, top))
                if chained:
                    top.metonymic = prev_top.metonymic
                else:
                    top.metonymic = self._metonymic(top)
            prev_top = top

    def _coordinated_with(self, a: _Top, b: _Top) -> bool:
        if _can_be_metonymic(a.place) is False:
            return False
        if a.j == b.i - 1 and b.clitics.startswith("و"):
            return True
        return a.j == b.i - 2 and self.toks[b.i - 1].key in ("و", "and", ",")

    def _metonymic(self, top: _Top) -> bool:
        toks, i, j = self.toks, top.i, top.j
        place = top.place
        if toks[i].kind == "lat" and j + 1 < len(toks) and not toks[j + 1].hard_gap and \
                toks[j + 1].key in lex.ACTOR_NOUNS_EN and place.feature_code.startswith("PCL"):
            return True   # "a town U.S. troops left": the state's forces, whatever came before
        if top.head is not None:
            return False
        if self._dateline(top):
            return False
        if "ب" in top.clitics:
            return False
        foreign = place.country != "SY"
        prev = toks[i - 1] if i > 0 and not toks[i].hard_gap else None
        prev2 = toks[i - 2] if prev is not None and i > 1 and not prev.hard_gap else None
        nxt = toks[j + 1] if j + 1 < len(toks) and not toks[j + 1].hard_gap else None
        if self._compound_actor(top):
            return True
        if self._hyphen_pair(top):
            return False   # "the Baghdad-Damascus highway": two ends of a road
        if toks[i].kind == "lat":
            if nxt is not None and nxt.key in lex.PARTNER_NOUNS_EN and toks[i].soft_gap and \
                    self.text[toks[i].start - 1] in "-–—":
                return True   # "an SDF–Damascus arrangement": a party to it
            return self._metonymic_en(prev, prev2, nxt, foreign, j)
        if prev2 is not None and _capital_nisba(prev2, prev.key):
            return False   # «في العاصمة الأردنية عمّان»: the city, named by its head
        if prev is not None and _lex(prev, lex.RECIPIENT_BEFORE_AR):
            return True   # «تزويد سوريا بمنظومات»: the state that receives them
        if prev is not None:
            bare = _lex(prev, lex.LOCATIVE_AR)
            if bare is not None:
                word = bare[0]
                if word in _MIN_ILA:
                    blockers = (lex.NON_LOCATIVE_BEFORE_MIN_AR if word == _MIN
                                else lex.NON_LOCATIVE_BEFORE_ILA_AR)
                    if prev2 is not None and _lex(prev2, blockers):
                        return True
                    if word != _MIN and foreign and not self._motion_before(i - 1):
                        return True  # «نسب الى روسيا»: إلى without motion is a recipient
                else:
                    return False
                return False
            if prev.key == _MAA and self._border_before(i - 1):
                return False  # «الحدود مع العراق», «الحدود السورية مع تركيا»
            if prev.key == _MAA and prev2 is not None and _lex(prev2, lex.PARTNER_NOUNS_AR):
                return True   # «اتفاق مع دمشق»: the government, though the capital is Syrian
            if _lex(prev, lex.AGENTIVE_BEFORE_AR) and (foreign or prev.key not in _WEAK_AGENTIVE):
                return True
        if nxt is not None and _lex(nxt, lex.AGENTIVE_AFTER_AR) and (
                foreign or nxt.key not in _WEAK_AGENTIVE):
            return True
        return foreign

    def _border_before(self, i: int) -> bool:
        """A border word within the three tokens before token i, in the same clause."""
        k = i - 1
        while k >= 0 and i - k <= 3:
            if _lex(self.toks[k], lex.BORDER_AR):
                return True
            if self.toks[k + 1].hard_gap:
                break
            k -= 1
        return False

    def _motion_before(self, i: int) -> bool:
        """A motion word within the three tokens before token i, in the same clause."""
        k = i - 1
        while k >= 0 and i - k <= 3:
            if _lex(self.toks[k], lex.MOTION_AR):
                return True
            if self.toks[k + 1].hard_gap:
                break
            k -= 1
        return False

    def _compound_actor(self, top: _Top) -> bool:
        """"Iran-backed", "U.S.-led": the first half of a compound names the state that acts."""
        j = top.j + 1
        if j >= len(self.toks):
            return False
        nxt = self.toks[j]
        return nxt.kind == "lat" and nxt.soft_gap and nxt.key in lex.COMPOUND_AGENT_EN and \
            self.text[nxt.start - 1] == "-"

    def _hyphen_pair(self, top: _Top) -> bool:
        """A place joined by a hyphen to another place ("Aleppo-Latakia road")."""
        toks = self.toks
        if toks[top.i].kind != "lat":
            return False
        after = top.j + 1 < len(toks) and toks[top.j + 1].soft_gap and \
            self.text[toks[top.j + 1].start - 1] == "-" and (top.j + 1) in self.top_at
        before = top.i > 0 and toks[top.i].soft_gap and \
            self.text[toks[top.i].start - 1] == "-" and any(
                t.j == top.i - 1 for t in self.tops)
        return bool(after or before)

    def _metonymic_en(self, prev, prev2, nxt, foreign: bool, j: int) -> bool:
        if nxt is not None and nxt.key in lex.ACTOR_NOUNS_EN:
            return True   # "U.S. forces", "Damascus government"
        if nxt is not None and nxt.key in ("'s", "’s") and j + 2 < len(self.toks) and \
                self.toks[j + 2].key in lex.ACTOR_NOUNS_EN and not self.toks[j + 2].hard_gap:
            return True   # "the next target of Turkey's campaign"
        if prev is not None:
            if prev.key == "from" and prev2 is not None and \
                    prev2.key in lex.NON_LOCATIVE_BEFORE_FROM_EN:
                return True
            if prev.key in ("to", "with") and prev2 is not None and prev2.key in _LOYAL_EN:
                return True   # "groups loyal to Tehran": the patron, not the city
            if prev.key in lex.LOCATIVE_EN:
                return False
            if prev.key in lex.AGENTIVE_BEFORE_EN and foreign:
                return True
            if prev.key in ("with", "between") and prev2 is not None and \
                    prev2.key in lex.PARTNER_NOUNS_EN:
                return True   # "a deal with Damascus": the government, though at home
        if nxt is not None and nxt.key in lex.AGENTIVE_AFTER_EN:
            return foreign or nxt.key not in ("and", "has", "is", "was", "'s", "’s")
        return foreign

    def _dateline(self, top: _Top) -> bool:
        """«واشنطن، الولايات المتحدة (CNN) --»: the place line that opens a report."""
        if self.text[top.end:top.end + 1] in ("-", "–", "—"):
            return False   # "Iran-backed": a compound, not "ANKARA -"
        after = self.text[top.end:top.end + 3].lstrip()
        if after[:1] not in ("،", ",", "(", "-", "–", "—", ":"):
            return False   # (most names: the line before them is not read)
        line_start = self.text.rfind("\n", 0, top.start) + 1
        before = self.text[line_start:top.start]
        if before.strip() == "":
            return True
        return after[:1] in ("(", "-", "–", "—") and \
            re.fullmatch(r"[^\n.]{0,40}[،,\-–—]\s*", before) is not None and \
            any(t.end <= top.start and t.start >= line_start for t in self.tops)


# Cities other than the capital that the press names a government by: Tel Aviv (GeoNames
# 293397) for Israel's, in Arabic reports above all («لم يصدر تعليق من تل أبيب»).
_GOVERNMENT_SEATS = frozenset({293397})


def _can_be_metonymic(place: Place | None) -> bool:
    if place is None:
        return False
    return (place.feature_class == "A" and place.feature_code.startswith("PCL")) or \
        place.feature_code == "PPLC" or place.geonameid in _GOVERNMENT_SEATS
