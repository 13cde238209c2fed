"""The document's context for `geoparse`: lists joined by و, and the document-level prior.

A report is about one area. Small places resolve towards it (as Mordecai and CLIFF do: the
places already resolved pull ambiguous ones towards them); a small place taken on a proclitic
or a coordination alone that lies far from every other place is dropped; far ones are
flagged doubtful. Names in a list joined by و are places when their neighbours are.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from geo_deconflict.gazetteer.index import _TIER_RANK, Gazetteer
from geo_deconflict.gazetteer.places import Candidate, Place
from geo_deconflict.geo.names import arabic_key, is_arabic, toggle_arabic_article
from geo_deconflict.geoparse import _lexicon as lex
from geo_deconflict.geoparse._lookups import _fuzzy_lookup, _lookup, _memo
from geo_deconflict.geoparse._places import _REGION
from geo_deconflict.geoparse._tokens import (
    _ar_key,
    _bare_forms,
    _capitalised,
    _cut_offset,
    _is_trigger,
    _lex,
)
from geo_deconflict.geoparse._toponyms import _CITY_HEAD, _strong, _Top


class _DocumentContext:
    """Lists and the document prior of `geoparse._Doc` (a mixin); it reads and rewrites the
    doc's ``tops`` and ``top_at`` after `_toponyms._ToponymFinder` has found them."""

    def _lists_backwards(self) -> None:
        """«القورية والعشارة والبوكمال»: names before a place in a و-list, which no cue made
        places on their own, are places when one of that name lies near the next item."""
        added = []
        for top in list(self.tops):
            nxt = top
            while nxt.i > 0 and nxt.place is not None and self.toks[nxt.i].kind == "ar" \
                    and nxt.clitics.startswith("و") and not self.toks[nxt.i].hard_gap:
                k = nxt.i - 1
                if k in self.top_at or any(t.i <= k <= t.j for t in self.tops) or \
                        _function_word(self.toks[k].key) or self.toks[k].kind != "ar":
                    break
                found = self._match_at(k)
                if found is None or found[0] != k:
                    break
                _, cut, _, start = found
                surface = self.text[start:self.toks[k].end]
                near = [c for c in _lookup(self.gaz, surface)
                        if c.place.feature_class in ("P", "S")
                        and _km(c.place, nxt.place) <= _LIST_KM]
                if not near or self._is_nisba_adjective(k, _ar_key(surface)):
                    break
                clitics = self.toks[k].key[:cut]
                new = _Top(i=k, j=k, start=start, end=self.toks[k].end, cands=[],
                           head=None, place=near[0].place, score=near[0].score,
                           clitics=clitics)
                added.append(new)
                self.top_at[k] = new
                nxt = new
        if added:
            self.tops = sorted([*self.tops, *added], key=lambda t: t.start)

    def _village_head(self, top: _Top) -> bool:
        """Whether `top` is named as a village («قرية X», «قرى X وY», "the village of X")."""
        if top.village:
            return True
        k = top.i - 1
        if k < 0 or self.toks[top.i].hard_gap:
            return False
        return _is_village_head(self.toks, k)

    def _plural_lists(self) -> None:
        """«قرى منغ ومرعناز وعين دقنة», «بلدتي الفطيرة وسفوهن», "the villages of X, Y and Z":
        after a plural head of settlements, each item of the list is a village or a town. The
        list goes on past an item the gazetteer lacks, and an item may be spelt with the
        article or loosely, but such an item is kept only near another item of the list."""
        toks = self.toks
        n = len(toks)
        for h, tok in enumerate(toks):
            if tok.kind == "ar":
                if not self.starts.get(tok.text, 0) & _CITY_HEAD or \
                        _lex(tok, _SETTLEMENTS_AR) is None:
                    continue
            elif tok.kind != "lat" or tok.key not in _SETTLEMENTS_EN:
                continue
            items = self._list_items(h + 1 + (h + 2 < n and toks[h + 1].key == "of"))
            if len(items) < 2:
                continue
            known = [t.place for t in items if isinstance(t, _Top)]
            village = _is_village_head(toks, h)
            for top in items:
                if isinstance(top, tuple):
                    continue
                top.village = village
                if top.i in self.top_at:
                    self.top_at[top.i].listed = True
                    continue
                others = [p for p in known if p is not top.place]
                if any(_km(top.place, p) <= _LIST_KM / 2 for p in others):
                    self._add_top(top)
        self.tops.sort(key=lambda t: t.start)

    def _list_items(self, k: int) -> list:
        """The items of a list opening at token k: a `_Top` for each item that names a
        settlement, a (first, last) pair of tokens for one that does not; an item after the
        first opens with و or follows a comma, and has at most three words."""
        toks, text = self.toks, self.text
        n = len(toks)
        items: list = []
        while k < n and len(items) < _MAX_ITEMS:
            tok = toks[k]
            latin = tok.kind == "lat"
            if tok.kind not in ("ar", "lat"):
                break
            if items:
                gap = text[toks[k - 1].end:tok.start].strip()
                if latin and tok.key == "and" and not gap and k + 1 < n:
                    k += 1
                    tok = toks[k]
                elif gap not in (",", "\u060c") and not (
                        not latin and not tok.hard_gap and tok.key.startswith("و")):
                    break
            elif tok.hard_gap and k > 0 and text[toks[k - 1].end:tok.start].strip():
                break
            top = self.top_at.get(k)
            if top is not None:
                items.append(top)
                k = top.j + 1
                continue
            if latin and not _capitalised(tok.text) or not latin and (
                    _function_word(tok.key) or _is_trigger(tok.key)):
                break
            last = k
            while last + 1 < n and last - k < 2 and toks[last + 1].kind == tok.kind and \
                    not toks[last + 1].hard_gap and (
                        _capitalised(toks[last + 1].text) if latin else
                        not toks[last + 1].key.startswith("و")):
                last += 1
            found = self._item_place(k, last, joined=bool(items))
            if found is None:
                if not latin and last == k + 2:
                    break   # three unknown words: no longer a list of names
                items.append((k, last))
                k = last + 1
                continue
            items.append(found)
            k = found.j + 1
        while items and isinstance(items[-1], tuple):
            items.pop()
        return items

    def _item_place(self, k: int, last: int, joined: bool) -> _Top | None:
        """The settlement a list item names, from its first word: the longest span of its
        words that the gazetteer holds, by key, without the article or loosely. An item
        after the first may open with the conjunction و («وأم جلود»)."""
        toks = self.toks
        tok = toks[k]
        cuts = (1, 0) if joined and tok.kind == "ar" and tok.key.startswith("و") else (0,)
        for cut in cuts:
            start = tok.start + _cut_offset(tok.text, cut)
            for j in range(last, k - 1, -1):
                surface = self.text[start:toks[j].end]
                if len(_ar_key(surface) if tok.kind == "ar" else surface) < 3 or \
                        tok.kind == "ar" and _ar_key(surface) in lex.COMMON_WORDS_AR:
                    continue
                for cands in (_lookup(self.gaz, surface), _fuzzy_lookup(self.gaz, surface)):
                    good = [c for c in cands if c.place.feature_class == "P"
                            and c.place.country == "SY"
                            and c.score >= (0.7 if c.match == "fuzzy" else 0.6)]
                    if good:
                        return _Top(i=k, j=j, start=start, end=toks[j].end, cands=good[1:4],
                                    head="city", place=good[0].place,
                                    score=round(good[0].score * 0.9, 3),
                                    clitics=tok.key[:cut], listed=True)
        return None

    # -- the document's area ------------------------------------------------------------------
    def _document_prior(self) -> None:
        """Resolve small places towards the area the report is about, as Mordecai and CLIFF do.

        The area is the middle of the places named with confidence (towns, sites and
        governorates of Syria and its neighbours, not metonymic capitals). A village whose
        name several places share becomes the one nearest that area; a small place taken on a
        proclitic or a coordination alone («بجروح», «وجاءت») that lies far from every
        other place of the report is dropped; other far resolutions are flagged doubtful.
        """
        region = _REGION | {""}
        focus = _focus([t.place for t in self.tops if not t.weak and t.place is not None
                        and t.place.feature_class in ("P", "S", "T", "A")
                        and t.place.country in region
                        and not t.place.feature_code.startswith("PCL")])
        if focus is None:
            return
        keep = []
        for top in self.tops:
            place = top.place
            if place is not None and place.feature_class in ("P", "S", "T") and (
                    not _strong(place) or place.population >= _KNOWN_CITY and
                    self._village_head(top)):
                # (a city after «قرية», «قرى», "the village of": a village, which a namesake
                # in the report's area may be, or the gazetteer may lack: «قرى صيدا ...»)
                better = _nearer_namesake(self.gaz, self.text[top.start:top.end], place,
                                          top.head, focus)
                if better is not None:
                    top.cands = [c for c in [Candidate(place=place, score=top.score,
                                                       match="context", matched=""),
                                             *top.cands] if c.place.id != better.id][:3]
                    top.place = place = better
                far = _km(place, focus) > _FAR_KM
                if far and self.toks[top.i].kind in ("ar", "lat"):
                    # «الجفرة» far away, «جفرة» in the report's area: the article comes and
                    # goes in Arabic place names, so the other spelling's namesake is meant
                    surface = self.text[top.start:top.end]
                    other = (self.toks[top.i].kind == "ar" and _article_namesake(
                        self.gaz, surface, focus)) or _qualified_namesake(self.gaz, surface, focus)
                    if other is not None:
                        top.cands = [Candidate(place=place, score=top.score, match="context",
                                               matched=""), *top.cands][:3]
                        top.place = place = other
                        far = False
                if far and top.weak and not self._near_another(top):
                    self.top_at.pop(top.i, None)
                    continue
                # far from the report's area: doubtful, unless a city of its size with no
                # namesake (the Sochi of "a deal reached in Sochi")
                top.doubtful = far and (place.population < _KNOWN_CITY or bool(top.cands))
                top.settled = not far
            keep.append(top)
        self.tops = keep

    def _areas_of_many(self) -> None:
        """«حقول النفط في الحسكة ودير الزور», "villages in Idlib": many fields, villages or
        towns lie in a governorate, not in its capital; so do the places listed after it."""
        last_end = None
        # where the words of `_MANY_IN` end (a match needs one in the 40 characters before)
        ends = [m.end() for m in _MANY_WORDS.finditer(self.text)]
        for top in self.tops:
            if top.place is None or top.metonymic or top.place.feature_class != "P" or \
                    top.head is not None:
                last_end = None
                continue
            lo = max(0, top.start - 40)
            listed = last_end is not None and _AND.fullmatch(self.text[last_end:top.start])
            k = bisect_left(ends, lo + 1)
            if (listed or k < len(ends) and ends[k] <= top.start and
                    _MANY_IN.search(self.text[lo:top.start])) and \
                    self._governorate_of(top, containing=False) is not None:
                last_end = top.end
            else:
                last_end = None

    def _near_another(self, top: _Top) -> bool:
        return any(o is not top and o.place is not None and not o.weak
                   and _km(o.place, top.place) <= _FAR_KM / 2 for o in self.tops)

    def _plural_head(self, top: _Top) -> bool:
        """Whether `top` follows a plural or dual head (محافظات، محافظتي، قرى, "provinces")."""
        k = top.i - 1
        if top.head is None or k < 0:
            return False
        if top.listed:
            return True
        tok = self.toks[k]
        return (_lex(tok, lex.PLURAL_HEADS_AR) is not None if tok.kind == "ar"
                else tok.key in lex.PLURAL_HEADS_EN)

    def _in_a_list(self, i: int, clitics: str, cands: list[Candidate]) -> bool:
        """«القورية والعشارة والبوكمال»: a word that is also a common noun names a place when
        it follows a place in a list joined by و and a place of that name lies near it."""
        if _function_word(self.toks[i].key) or not self._coordinated(i, clitics):
            return False
        nxt = self.toks[i + 1] if i + 1 < len(self.toks) else None
        if nxt is not None and not nxt.hard_gap and not nxt.key.startswith("و"):
            return False   # «وجاءت بعد ...»: a clause goes on, a list item ends or goes on
        last = self.tops[-1].place
        return last is not None and any(
            c.place.feature_class in ("P", "S") and _km(c.place, last) <= _LIST_KM
            for c in cands[:8])


_LIST_KM = 100.0   # how near a listed place must lie to the one before it
_MAX_ITEMS = 12    # items read in a list after a plural head
# plural and dual heads of settlements: every item after them is one
_SETTLEMENTS_AR = lex._ar("مدن", "المدن", "قرى", "القرى", "بلدات", "البلدات", "مدينتي",
                          "بلدتي", "قريتي", "مدينتا", "بلدتا", "قريتا", "مخيمي", "مخيما",
                          "مخيمات")
_SETTLEMENTS_EN = frozenset({"villages", "towns", "cities"})
_VILLAGES_AR = lex._ar("قرية", "القرية", "قرى", "القرى", "قريتي", "قريتا")
# many fields, villages, towns or areas in X: «حقول النفط في»، «قرى ريفية في», "villages in"
_MANY_AR = "قرى|بلدات|مدن|حقول|آبار|ابار|مناطق|مخيمات"
_MANY_EN = "villages|towns|fields|areas|camps"
_MANY_IN = re.compile(
    rf"(?<![\u0621-\u064a])(?:ال)?(?:{_MANY_AR})(?:\s+\S+)?\s+"
    rf"(?:في|ب)\s*$|\b(?:{_MANY_EN})(?:\s+\S+)?\s+(?:of|in)\s+"
    r"(?:the\s+)?(?:province\s+of\s+)?$")
# the words one of which every match of `_MANY_IN` holds (no two of them can overlap, so a
# plain scan finds every occurrence, in order)
_MANY_WORDS = re.compile(f"{_MANY_AR}|{_MANY_EN}")
_AND = re.compile(r"\s*(?:,\s*)?(?:و|and\s+|,\s*)")


def _is_village_head(toks, k: int) -> bool:
    """Whether token k is «قرية», «قرى», "village(s)" or "villages of"."""
    tok = toks[k]
    if tok.kind == "lat" and tok.key == "of" and k > 0:
        tok = toks[k - 1]
    return (_lex(tok, _VILLAGES_AR) is not None) if tok.kind == "ar" else \
        tok.key in ("village", "villages", "hamlet")


def _function_word(key: str) -> bool:
    """Function words never name a place, even in a list («وفي», «ومن»)."""
    return any(form in lex.FUNCTION_WORDS_AR for form, _ in _bare_forms(key))
# broken plurals of the shape مفاعل (مناطق، مواقع، مصادر) and a few others («قوات سورية»)
_KNOWN_CITY = 100_000   # people: a city this large with no namesake is not doubtful
_FAR_KM = 150.0   # farther than this from the report's area is doubtful for a small place


def _focus(places: list[Place]) -> tuple[float, float] | None:
    """The middle (component-wise median) of `places`, or None if there are none."""
    if not places:
        return None
    lons = sorted(p.lon for p in places)
    lats = sorted(p.lat for p in places)
    return lons[len(lons) // 2], lats[len(lats) // 2]


def _km(place: Place, other) -> float:
    from geo_deconflict.geo.geodesy import GEOD

    lon, lat = (other.lon, other.lat) if isinstance(other, Place) else other
    return GEOD.inv(place.lon, place.lat, lon, lat)[2] / 1000


def _nearer_namesake(gaz: Gazetteer, surface: str, place: Place, head: str | None,
                     focus: tuple[float, float]) -> Place | None:
    """Another place of the same name nearer the report's area, if there is one."""
    want = "P" if head == "city" else None
    key = (id(gaz), surface, focus)
    found = _NEAR_CACHE.get(key)
    if found is None:
        # `near` reorders the candidates of a name and drops none: when the plain look-up
        # holds them all (fewer than its limit) and none but `place` could be chosen, there is
        # nothing to reorder (most names; the look-up near the area is the report's own)
        every = _lookup(gaz, surface)
        if len(every) < 8:
            tier = _place_match(every, place)
            if tier is None or not any(
                    c.place.id != place.id and _as_good(c.match, tier) and c.place.feature_class in
                    ("P", "S", "T") and (want is None or c.place.feature_class == want)
                    for c in every):
                return None
        found = _memo(_NEAR_CACHE, 20_000, key, lambda: gaz.lookup(
            surface, limit=8, fuzzy=False, near=focus))
    # the tier `place` was matched in: among those near the area, or else (a namesake too far
    # to be among the eight nearest) in the plain look-up
    tier = _place_match(found, place) or _place_match(_lookup(gaz, surface), place)
    # the nearest of them to the area, if nearer than `place` (the look-up near the area ranks
    # a far city before a village of the area: "the town of Arak" near al-Tanf is not Iran's)
    far = _km(place, focus)
    near = [(_km(c.place, focus), c.place) for c in found if c.place.id != place.id
            and _as_good(c.match, tier) and (want is None or c.place.feature_class == want)
            and c.place.feature_class in ("P", "S", "T")]
    near = [(km, p) for km, p in near if km < far]
    return min(near, key=lambda kp: kp[0])[1] if near else None


def _as_good(match: str, tier: str | None) -> bool:
    """A reading matched in the tier of `tier` or a better one («آراك»: the Syrian village
    Arak, spelt exactly so, before the Iranian city, matched with the hamza normalised)."""
    return _TIER_RANK.get(match, 9) <= _TIER_RANK.get(tier or "", 9)


def _article_namesake(gaz: Gazetteer, surface: str, focus: tuple[float, float]
                      ) -> Place | None:
    """A town or site named `surface` with the article added or dropped (الجفرة / جفرة), within
    the doc-prior distance of the report's area; None if there is none."""
    if " " in surface:
        return None
    other = toggle_arabic_article(arabic_key(surface))
    if not other:
        return None

    def fits(cand: Candidate) -> bool:
        return cand.match == "exact" and cand.place.feature_class in ("P", "S", "T") and \
            _km(cand.place, focus) <= _FAR_KM

    key = (id(gaz), other, focus)
    found = _NEAR_CACHE.get(key)
    if found is None:
        every = _lookup(gaz, other)   # all of them, under its limit: `near` only reorders
        if len(every) < 8:
            fitting = [c for c in every if fits(c)]
            if len(fitting) <= 1:
                return fitting[0].place if fitting else None
        found = _memo(_NEAR_CACHE, 20_000, key, lambda: gaz.lookup(
            other, limit=8, fuzzy=False, near=focus))
    return next((cand.place for cand in found if fits(cand)), None)


# what tells apart the villages of a pair («تل الورد شرقي», «الباغوز فوقاني», «الحمام الكبير»)
_QUALIFIERS = ("شرقي", "غربي", "شمالي", "جنوبي", "فوقاني", "تحتاني", "الكبير", "الصغير",
               "الكبرى", "الصغرى")
_QUALIFIERS_EN = ("Sharqi", "Gharbi", "Shamali", "Janubi", "Fawqani", "Tahtani", "al Kabir",
                  "as Saghir", "al Kubra", "as Sughra")


def _qualified_namesake(gaz: Gazetteer, surface: str, focus: tuple[float, float]
                        ) -> Place | None:
    """The nearest village named `surface` and a qualifier («تل الورد» for «تل الورد شرقي»), within
    the doc-prior distance of the report's area, when the bare name is a place far from it;
    None if there is none."""
    arabic = is_arabic(surface)
    near = []
    for word in _QUALIFIERS if arabic else _QUALIFIERS_EN:   # ("Tal al-Ward": ... Sharqi)
        for cand in _lookup(gaz, f"{surface} {word}"):
            if (cand.match == "exact" or not arabic and cand.match == "normalised") and \
                    cand.place.feature_class == "P" and _km(cand.place, focus) <= _FAR_KM:
                near.append(cand.place)
    return min(near, key=lambda p: _km(p, focus)) if near else None


def _place_match(found: list[Candidate], place: Place) -> str | None:
    """The match tier of `place` among `found` (None if absent)."""
    return next((c.match for c in found if c.place.id == place.id), None)


_NEAR_CACHE: dict = {}
