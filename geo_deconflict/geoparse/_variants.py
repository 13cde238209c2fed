"""Cues for small places that the exact-key pass of `_toponyms` leaves (English spellings of
Syrian villages that no key of the index holds, Arabic motion prepositions), and the words
that look like places but are not: outlet names that hold a place («تلفزيون سوريا») and nisba
adjectives («قوات حكومية سورية», «العاصمة الروسية»).

English reports write a village's name in a transliteration of their own: "Sheikh Nasser"
for Ash Shaykh Nasir, "al-Hari" for Al Hury, "Hajeen" for Hajin. The exact-key n-grams of
`_toponyms` miss them; after a generic head ("the village of ...") `_fuzzy_after_head`
finds them. Here the cue is a locative word right before the name ("in", "near", "outside",
"north of"): a capitalised span of up to three words is looked up among the villages and
towns of Syria at the gazetteer's transliteration tiers (normalised and variant spelling,
never fuzzy), and taken only when a place answers well.
"""

from __future__ import annotations

import re

from geo_deconflict.gazetteer.index import Gazetteer
from geo_deconflict.gazetteer.places import Candidate
from geo_deconflict.geoparse import _lexicon as lex
from geo_deconflict.geoparse._lookups import _memo
from geo_deconflict.geoparse._tokens import _ar_key, _capital_nisba, _capitalised, _lex
from geo_deconflict.geoparse._toponyms import _Top

# words that are not names even when capitalised after "in" ("in March", "in Parliament")
_NOT_NAMES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "parliament", "congress", "government", "state",
    "states", "council", "ministry", "army", "forces", "police", "kurdish", "arab", "islamic",
    "christian", "muslim", "western", "eastern", "northern", "southern", "central",
    # communities ("the nearby Shiite towns of Nubl and Zahraa": no Sabitah)
    "shiite", "shia", "shi'ite", "sunni", "alawite", "druze", "assyrian", "turkmen", "yazidi",
    "armenian", "circassian",
})
# the locative words before a name (not "of", which follows titles: "Secretary of State")
# a transliteration is taken after these ("strikes on Hajin", "took al-Susah")
_BEFORE = frozenset(lex.LOCATIVE_EN | lex.NEAR_EN | lex.PLACE_VERBS_EN |
                    {"took", "taken", "retaken", "on", "along", "past"}) - {"of"}
_DIRECTION_OF = frozenset(lex.DIRECTIONS_EN) | frozenset(lex.NEAR_EN) | {"countryside"}
_VARIANT_CACHE: dict[tuple[int, str], list[Candidate]] = {}
_MIN_SCORE = 0.85


def _variant_lookup(gaz: Gazetteer, surface: str) -> list[Candidate]:
    return _memo(_VARIANT_CACHE, 20_000, (id(gaz), surface), lambda: gaz.lookup(
        surface, limit=3, country=["SY"], kinds=["P"], fuzzy=False))


class _PlaceCues:
    """The place cues of `geoparse._Doc` (a mixin over its ``toks``, ``text``, ``gaz``,
    ``blocked`` and ``named_ids``)."""

    def _named_before(self, place) -> bool:
        """Whether the text already named `place` with a cue (head, locative, strong), in
        the pass of `_toponyms._ToponymFinder.find_toponyms` (``named_ids``)."""
        return place.id in self.named_ids

    def _goes_on(self, i: int) -> bool:
        """Whether an Arabic name word follows token i in the same phrase (a longer name)."""
        toks = self.toks
        return i + 1 < len(toks) and toks[i + 1].kind == "ar" and not toks[i + 1].soft_gap \
            and not toks[i + 1].hard_gap and toks[i + 1].key not in lex.FUNCTION_WORDS_AR \
            and toks[i + 1].key not in lex.COMMON_WORDS_AR and _lex(toks[i + 1], lex.NEAR_AR) \
            is None and len(toks[i + 1].key) >= 2

    def _variant_after_locative(self, i: int) -> _Top | None:
        toks = self.toks
        tok = toks[i]
        if tok.kind != "lat" or i == 0 or i in self.blocked or tok.hard_gap or \
                not _capitalised(tok.text) or tok.key in lex.COMMON_WORDS_EN or \
                tok.key in _NOT_NAMES:
            return None
        prev = toks[i - 1]
        if prev.kind != "lat" or not (prev.key in _BEFORE or (
                prev.key == "of" and i > 1 and toks[i - 2].key in _DIRECTION_OF)):
            return None
        j = i
        while j + 1 < len(toks) and j - i < 2 and toks[j + 1].kind == "lat" and \
                not toks[j + 1].hard_gap and _capitalised(toks[j + 1].text) and \
                toks[j + 1].key not in _NOT_NAMES:
            j += 1
        for end in range(j, i - 1, -1):   # the longest span first
            surface = self.text[tok.start:toks[end].end]
            if sum(ch.isalpha() for ch in surface) < 5:
                continue
            found = _variant_lookup(self.gaz, surface)
            if found and found[0].match in ("normalised", "variant") and \
                    found[0].score >= _MIN_SCORE:
                return _Top(i=i, j=end, start=tok.start, end=toks[end].end, cands=found[1:],
                            head="city", place=found[0].place,
                            score=round(found[0].score * 0.9, 3))
        return None

    def _from_to(self, i: int) -> bool:
        """«تسللوا من جهة حطلة», «انطلقت الدورية من القحطانية»: a direction noun before an
        Arabic name, or «من», «إلى», «حتى» after a verb of motion, is a locative cue (not
        «مقاتلات من طراز», «بدعم من»)."""
        toks = self.toks
        prev = toks[i - 1]
        if prev.kind != "ar" or prev.hard_gap:
            return False
        if _lex(prev, _TOWARDS_AR) is not None:
            return True
        if _lex(prev, _FROM_TO_AR) is None or i < 2 or toks[i - 2].kind != "ar":
            return False
        if _of_motion(toks[i - 2].key):
            return True
        last = self.tops[-1] if self.tops else None
        if last is not None and last.j == i - 2 and last.i > 0 and prev.key != toks[
                last.i - 1].key and _lex(toks[last.i - 1], _FROM_TO_AR) is not None:
            return True   # «من الشولا حتى السخنة»: the other end of a span from a place
        # «انطلقت الدورية من القحطانية»: the mover between («نزح أكثر من تسعة آلاف شخص من عين
        # عيسى»: up to five words, in one clause)
        for k in range(i - 3, max(-1, i - 8), -1):
            if toks[k].kind == "ar" and _of_motion(toks[k].key):
                return True
            if toks[k + 1].hard_gap:
                break
        return False

    def _outlet_before(self, i: int) -> bool:
        """Whether the token before `i` (a quote between allowed) is a medium's noun: the
        name is an outlet's («تلفزيون سوريا», «شبكة الخابور», «وكالة الأناضول»)."""
        if i == 0 or self.toks[i].hard_gap:
            return False
        prev = self.toks[i - 1]
        return prev.kind == "ar" and _lex(prev, _OUTLET_NOUNS_AR) is not None

    def _is_nisba_adjective(self, i: int, key: str) -> bool:
        """«قوات حكومية سورية»: an indefinite feminine adjective after an indefinite noun;
        «العاصمة الروسية»: the capital's country (not the village Ar Rusiyah)."""
        if i and _capital_nisba(self.toks[i - 1], key):
            return True
        if not key.endswith(("يه", "ي")) or key.startswith("ال") or i == 0:
            return False
        prev = self.toks[i - 1]
        if prev.kind != "ar" or self.toks[i].hard_gap or self.toks[i].soft_gap:
            return False
        if prev.key.startswith("ال") or prev.key in lex.FUNCTION_WORDS_AR:
            return False
        nxt = self.toks[i + 1] if i + 1 < len(self.toks) else None
        if nxt is not None and not nxt.hard_gap and nxt.key in _ADJECTIVES_AFTER:
            return True   # «مناطق سورية أخرى», «مدن سورية عدة»: adjectives in a row
        if _lex(prev, lex.LOCATIVE_AR) or _lex(prev, lex.AGENTIVE_BEFORE_AR) or \
                _lex(prev, lex.GENERIC_HEADS_AR):
            return False
        keys = [prev.key]
        if prev.key[:1] in ("و", "ف") and len(prev.key) > 4:
            keys.append(prev.key[1:])   # «ومناطق سورية أخرى»: the conjunction is not the noun
        return any(key.endswith(("ه", "ات", "ين", "ون")) or _BROKEN_PLURAL.fullmatch(key)
                   is not None or key in _PLURAL_NOUNS for key in keys)


def _of_motion(key: str) -> bool:
    """Whether an Arabic token's key (a و/ف peeled) is a verb or noun of motion."""
    key = key[1:] if key[:1] in "وف" and len(key) > 3 else key
    key = key[2:] if key.startswith("ال") and len(key) > 4 else key   # «الممتدة»
    return key.startswith(_MOTION_STEMS)


_TOWARDS_AR = lex._ar("جهة", "اتجاه", "صوب", "نحو")
_FROM_TO_AR = lex._ar("من", "إلى", "الى", "حتى")
# verbs and participles of motion (arabic_key forms): left, came, reached, headed, fled ...
_MOTION_STEMS = tuple(sorted(lex._ar(
    "انطلق", "خرج", "تسلل", "قدم", "قادم", "وصل", "انسحب", "نزح", "فر", "هرب", "عاد",
    "توجه", "اتجه", "متجه", "تقدم", "سار", "جال", "عبر", "دخل", "تحرك", "نقل", "وصول",
    "انطلاق", "خروج", "انسحاب", "نزوح", "ممتد", "امتد", "يمتد", "تمتد", "امتداد"),
    key=len, reverse=True))

_OUTLET_NOUNS_AR = lex._ar("تلفزيون", "التلفزيون", "شبكة", "قناة", "إذاعة", "اذاعة", "راديو",
                           "صحيفة", "وكالة", "جريدة", "مجلة")


# a broken plural («مناطق», «مواقع»), a nisba adjective's noun (`_is_nisba_adjective`)
_BROKEN_PLURAL = re.compile("م[^ا]ا[^ا]{2}")
# indefinite adjectives that follow a nisba adjective, never a place name
_ADJECTIVES_AFTER = frozenset(_ar_key(w) for w in ("أخرى", "عدة", "كثيرة", "عديدة", "مختلفة",
                                                   "متفرقة", "متعددة", "أخريات"))
_PLURAL_NOUNS = frozenset(_ar_key(w) for w in ("قوات", "مدن", "قرى", "أراض", "جهات", "أطراف",
                                               "طائرات", "دبابات", "عناصر", "أهداف"))
