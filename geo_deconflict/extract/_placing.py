"""Where a trigger happened (`_PlaceFinder`): the place of its clause, chosen among those its
sentence names (the most precise in its own words, not a venue of talks, not the ends of a
road another place lies on, not where forces came from or aim to go), and the town a
quarter lies in."""

from __future__ import annotations

import re

from geo_deconflict.extract import _cues as cue
from geo_deconflict.extract import _lexicon as lex
from geo_deconflict.extract._evidence import _THEATRE
from geo_deconflict.extract._needles import gated
from geo_deconflict.extract._segment import Sentence as _Sentence
from geo_deconflict.extract._triggers import _Trigger
from geo_deconflict.geoparse.core import Mention

# «الطريق الدولي حلب - دمشق», «طريق دير الزور – الميادين»: the ends of a road (the first,
# or the second after a dash); "the Aleppo-Damascus highway", "the Zirgan–Tal Tamr road"
_ROAD_BEFORE = gated(re.compile(
    r"(?:(?:ال)?طريق|اوتوستراد)\s+(?:(?:ال)?(?:دولي|سريع|رييسي)\s+)?"
    r"(\S+(?:\s+\S+)?\s*[-–—]\s*)?$"))
# «على الطريق بين الميادين والبوكمال», "the road between X and Y": both ends
_ROAD_BETWEEN = gated(re.compile(
    r"(?:(?:ال)?طريق|اوتوستراد)\s+(?:(?:ال)?\S+\s+)?(?:بين|من)\s+(?:\S+(?:\s+\S+)?\s+"
    r"(?:و|الي|حتي)\s*)?$|\b(?:road|highway)\s+(?:linking\s+|between\s+|from\s+)"
    r"(?:\S+(?:\s+\S+)?\s+(?:and|to)\s+)?$"))
_DASH = re.compile(r"\s*[-–—]\s*\S")
_ROAD_WORD = re.compile(r"طريق|اوتوستراد|highway|road|motorway")
_ROAD_AFTER = re.compile(r"\s*[-–—]\s*\S+(?:\s+\S+)?\s+(?:highway|road|motorway)\b|"
                         r"\s+(?:highway|road|motorway)\b")
# where a movement came from and where it went ("from their base at X", "to their post in Y",
# «قادمة من», «إلى»)
_ORIGIN = re.compile(r"(?:\bfrom|قادم\S*\s+من|انطلاقا\s+من)\s+(?:[^\s,.;،]+\s+){0,4}?$")
_FROM_AR = re.compile(r"(?<![\u0621-\u064a])من\s+(?:[^\s,.;،]+\s+)?$")
# ", including", «، بما في ذلك», «، ومنها», «، بينها»: the places named within the one before
_INCLUDING = re.compile(r"\s*[,،]\s*(?:including|among\s+them|بما\s+(?:في\s+ذلك|فيها|فيه)|"
                        r"و?منها|و?من\s+بينها|و?بينها|لا\s+سيما|خصوصا|خاصه)\s")
_SENTENCE_END = re.compile(r"[.;!?؟؛]")
# an aim: «تمهيداً لـ», «بهدف», "in preparation for", "ahead of a planned"
_PURPOSE = gated(re.compile(r"(?<![\u0621-\u064a])(?:تمهيدا\s+ل|بهدف\s|بغيه\s|استعدادا\s+ل)|"
                            r"\b(?:in\s+preparation\s+for|ahead\s+of\s+(?:an?\s+)?(?:planned|"
                            r"expected|possible))\b"))
_GOAL = re.compile(r"(?:\b(?:to|into|toward|towards)|(?<![\u0621-\u064a])(?:الي|نحو|باتجاه))\s+"
                   r"(?:[^\s,.;،]+\s+){0,4}?$")
# a place, then a clause about what happens there: "X, where U.S. forces maintain a base",
# «مدينة X، حيث تتمركز القوات» (matched from the place's end to the trigger)
_WHERE = re.compile(r"\s*[,،]?\s*(?:where|in\s+which|حيث)\s+(?:[^,.،;؛]|\.(?=\S|\s[a-z]))*$")
# what may join a place to the one that locates it: «في», "in", a comma or nothing
_LINKED = re.compile(r"\s*[,،]?\s*(?:(?:في|ب|in|near|قرب)\s+)?")
# a town named again by its class noun (`_place`)
_CITY_ANAPHOR = re.compile(r"\bthe\s+(?:city|town)\b|(?<![\u0621-\u064a])(?:ال)(?:مدينه|بلده)"
                           r"(?![\u0621-\u064a])")
# a quarter of a town: «حي الحويقة», "the X district of", "X in the city of"
_QUARTER_BEFORE = gated(re.compile(
    r"(?:(?<![\u0621-\u064a])(?:حي|احياء|حاره)|\b(?:district|"
    r"neighbou?rhood|quarter)\s+of)\s+(?:the\s+)?$"))
_IN_TOWN = re.compile(r"\s+(?:\S+\s+)?(?:(?:ب|في\s+)(?:ال)?(?:مدينه|بلده)\s+|(?:district|"
                      r"neighbou?rhood|quarter|suburb)s?\s+of\s+(?:the\s+city\s+of\s+)?|"
                      r"in\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?)")
# where people or forces go: «نحو الحسكة», "towards Hasakah"
_TOWARDS = re.compile(r"(?:(?<![\u0621-\u064a])(?:نحو|باتجاه|صوب|الي|تجاه)|"
                      r"\b(?:towards?|into|to)\b)\s+(?:(?:ال)?(?:مدينه|بلده|قريه|مخيم|منطقه)\s+|"
                      r"the\s+(?:city|town|village|camp)\s+(?:of\s+)?)?$")
_TALKS = frozenset({"meeting", "agreement", "statement", "hotline_contact"})
# a sentence that opens with where it was said: "In Moscow,", «وفي موسكو،»
_VENUE_OPENS = re.compile(r"\s*(?:in|[وف]?في)\s+")

# "between X and Y", «بين مدينتي X و Y»: two places that bound one route, line or area
_BETWEEN = re.compile(r"(?:(?<![\u0621-\u064a])بين|\bbetween)\s+(?:\S+\s+)?$")
_SENTENCE_STOP = re.compile(r"[.!?؟\n]")
# what may stand between two places of a list: «و», a comma, "and", a class noun
_LIST_GAP = re.compile(
    r"(?:\s+(?:(?:naval|air|military)\s+)?(?:air\s*base|base|airport|airfield|province|"
    r"countryside|district|town|city|village|camp|area|region)s?)?"   # "Tartus naval base and"
    r"\s*(?:[,،]\s*(?:(?:و|and|or|او)\s*)?|(?:و|and\s|or\s|او\s|as\s+well\s+as\s|along\s+with\s|"
    r"(?:ال[يى]|ب)\s*جانب\s)\s*)"
    # «في بلدة X وفي مدينة Y», «، إضافة إلى بلدة Z»: the preposition again, or "in addition to"
    r"(?:(?:في|ب)\s+|(?:اضافه|بالاضافه)\s+ال[يى]\s+|فضلا\s+عن\s+)?"
    r"(?:(?:ال)?(?:مدينه|مدن|بلده|بلدات|قريه|قري|منطقه|مناطق|محافظه|محافظات|حي|ريف|قاعده|مطار|"
    r"معبر|حقل|مخيم|ناحيه)\s+|"
    r"(?:the\s+)?(?:town|city|village)\s+(?:of\s+)?)?"
    r"[\"']?\s*")


class _PlaceFinder:
    """Place choice for `core._Report` (a mixin, with `_arguments._ArgumentFinder`)."""

    def _place(self, trig: _Trigger, sent: _Sentence) -> Mention | None:
        cands, venues = self._sentence_places(sent)
        if trig.kind not in _TALKS and venues:
            cands = [m for m in cands if id(m) not in venues]   # "the deadline agreed in Sochi"
        if trig.kind in lex.CLAIM_KINDS and cands and cands[0].start < sent.start + 20:
            # "In Moscow, the minister said ...": where it was said, not what about
            cands = [m for m in cands if not (
                m.place is not None and m.place.feature_code == "PPLC" and
                m.place.country != "SY" and _VENUE_OPENS.fullmatch(
                    self.folded, self.rev[sent.start], self.rev[m.start]))]
        # the towns that name a road («الطريق الدولي حلب - دمشق», "the Aleppo-Damascus
        # highway") are not where on it the act was, when another place is named
        if self._holds(_ROAD_WORD):
            off_road = [m for m in cands if not self._road_end(m)]
            if any(m.place is not None and m.place.feature_class in "PS" and
                   (m.precision or 3) < 3 and not _road(m) for m in off_road):
                # else the road's ends place it
                cands = off_road
        # a bearing in apposition tells where the place before it lies («قرى ... في ريف تل
        # تمر، شمال غربي الحسكة», "al-Hari, a village 5 km southeast of the town"): that place
        cands = [m for m in cands if not self._appositive(m, cands)] or cands
        if not cands:
            return None
        lo, hi = trig.scope
        if hi < sent.end and _INCLUDING.match(self.folded, self.rev[hi]):
            # "in the countryside west of Manbij, including the village of Arima": the
            # places it includes are the trigger's own, and the more precise
            stop = _SENTENCE_END.search(self.folded, self.rev[hi] + 1, self.rev[sent.end])
            hi = self.index[stop.start()] if stop else sent.end
        included = _INCLUDING.search(self.folded, self.rev[trig.end - 1] + 1, self.rev[hi]) \
            if self._holds(_INCLUDING) else None
        inside = self.index[included.end() - 1] if included else hi

        def score(m: Mention) -> tuple:
            # in the trigger's own words: the most precise place, then one after a verb (its
            # object or goal), then the nearest; elsewhere in the sentence: one in the
            # theatre and fine-grained first
            theatre = _THEATRE[0] <= m.lon <= _THEATRE[2] and _THEATRE[1] <= m.lat <= _THEATRE[3]
            fine = (m.precision or 3) < 3
            if lo <= m.start and m.end <= hi:
                # a country last when the clause names a place in it («قرب التنف على الحدود
                # مع العراق»), a region after a town («في الشمال السوري ... بين ديريك و...»)
                # and a road after the towns of the theatre (its point stands for a long
                # stretch: «الطريق الدولي M4 بين بلدة عين عيسى وتل تمر»)
                # (and a place abroad the geoparser doubts after the sure ones: «قرى صيدا»
                # read as Sidon, «في ريف ناحية عين عيسى»)
                country = m.place is not None and m.place.id.startswith("country:")
                return (1, not country, not _doubted_abroad(m), fine, m.start >= inside,
                        theatre and not _road(m), trig.pos != "verb" or m.start >= trig.start,
                        -abs(m.start - trig.start))
            return (0, theatre and not _doubted_abroad(m), fine, -abs(m.start - trig.start))

        where = [m for m in cands if m.end <= trig.start and _WHERE.match(
            self.folded, self.rev[m.end - 1] + 1, self.rev[trig.start])]
        if where:   # "al-Shaddadi, where U.S. forces keep a base", «دير الزور، حيث تنتشر»
            # the head of the phrase it closes: «قاعدة التنف في جنوبي سوريا، حيث», «قرية
            # العريمة غربي منبج، حيث»: the town, not what locates it
            chain = [where[-1]]
            for m in reversed([m for m in cands if m.end <= where[-1].start]):
                if not _LINKED.fullmatch(self.folded, self.rev[m.end - 1] + 1,
                                         self.rev[chain[-1].start]):
                    break
                chain.append(m)
            head = next((m for m in reversed(chain) if m.kind == "toponym"
                         and (m.precision or 3) < 3), where[-1])
            return self._within_city(head, sent)
        undergo = self._cue_search(cue.UNDERGO, self.rev[lo], self.rev[trig.start])
        if undergo is not None and any(   # the act it names is this trigger, the next one
                self.index[undergo.end() - 1] < t.start < trig.start for t in self._triggers(sent)):
            undergo = None
        if undergo is not None:
            # «تعرّضت قرى X وY لقصف», "X came under shelling": the places that underwent it
            subject = [m for m in cands if self.index[undergo.end() - 1] < m.start
                       and m.end <= trig.start] or [   # «وكانت قرى X وY قد تعرّضت لقصف»
                m for m in cands if lo <= m.start and m.end <= self.index[undergo.start()]]
            if subject and (subject[0].precision or 3) < 3:
                # the first is its subject (a town, not a region: «يشهد الشرق السوري هجومين
                # ... من دير الزور»); the others say where that lies
                return self._within_city(subject[0], sent)
        if len(cands) > 1 and self._holds(_PURPOSE):
            # «تحشد ... في محيط المطار، تمهيداً لعبور النهر نحو قرى مراط ...»: where they
            # aim to go next is not where they are
            aim = _PURPOSE.search(self.folded, self.rev[trig.end - 1] + 1, self.rev[hi])
            if aim is not None:
                at = self.index[aim.start()]
                cands = [m for m in cands if m.end <= at or m.end <= trig.start] or cands
        if trig.kind in ("convoy_movement", "deployment") and len(cands) > 1:
            # "from their base at Qamishli airport to their post in Tal Tamr": where it went
            # (reinforcements «من مدينة تدمر نحو السخنة»: a bare «من» is where they came from)
            gone = [m for m in cands if not _ORIGIN.search(
                self.folded, max(0, self.rev[m.start] - 30), self.rev[m.start]) and not (
                    trig.kind == "deployment" and _FROM_AR.search(
                        self.folded, max(0, self.rev[m.start] - 16), self.rev[m.start]))]
            if len(gone) < len(cands) and any(_GOAL.search(
                    self.folded, max(0, self.rev[m.start] - 30), self.rev[m.start]) for m in gone):
                cands = gone
        if trig.kind in ("displacement", "withdrawal"):
            # people flee and forces withdraw from a place, not from where they go («نزوح
            # العائلات نحو الحسكة», «سحبت عناصرها من محيط المطار ونقلتها إلى مزارع»)
            cands = [m for m in cands if not _TOWARDS.search(
                self.folded, max(0, self.rev[m.start] - 20), self.rev[m.start])] or cands
        if trig.kind == "meeting":
            # talks are placed where they were held
            cands = [m for m in cands if self._venue(m)] or cands
        elif trig.kind == "agreement":
            # an agreement is placed at what it is about, not where it was struck
            about = [m for m in cands if lo <= m.start and m.end <= hi and not self._venue(m)]
            cands = about or cands
        elsewhere = all(m.kind == "relative" and not (lo <= m.start and m.end <= hi)
                        for m in cands)   # only bearings, named outside the trigger's words
        if elsewhere and _CITY_ANAPHOR.search(self.folded, self.rev[lo], self.rev[hi]):
            # "a day after regime units entered the city": the town a bearing was taken from
            # ("northwest of Manbij"), not the bearing
            town = [t for m in cands for t in self.mentions if t.kind == "toponym" and
                    t.end == m.end and t.start > m.start and t.precision == 1]
            if town:
                return self._within_city(min(town, key=lambda t: abs(t.start - trig.start)),
                                         sent)
        if elsewhere and self._cue_search(lex.ANAPHORS, self.rev[lo], self.rev[hi]) and \
                self.rev[lo] > self.rev[sent.start]:
            return None     # "...; 200 soldiers are in its vicinity": the place named before,
            #                 not a bearing from elsewhere ("which lies 500 km north-east of X")
        best = max(cands, key=score)
        if best.place is not None and best.place.id.startswith("country:") and \
                self._cue_search(lex.ANAPHORS, self.rev[lo], self.rev[hi]):
            return None     # «قرب القاعدة القريبة من الحدود مع العراق»: the base named before
        return self._within_city(best, sent)

    def _sentence_places(self, sent: _Sentence) -> tuple[list[Mention], set[int]]:
        """The places a sentence offers its triggers, and the ids of those named as where
        talks were held (`_venue`), worked out once per sentence: not a metonym, not in the
        dateline, not inside a relative expression (its anchor), not the seat of a speaker."""
        key = ("places", sent.start, sent.end)
        found = self._memo.get(key)
        if found is None:
            cands = [m for m in self._mentions_within(sent.start, sent.end) if not m.metonymic
                     and not self.dateline_end[0] <= m.start < self.dateline_end[1]]
            relatives = [m for m in cands if m.kind == "relative"]
            cands = [m for m in cands if m.kind == "relative" or not any(
                r.start <= m.start and m.end <= r.end for r in relatives)]
            cands = [m for m in cands if not self._cue_search(
                cue.VENUE, max(0, self.rev[m.start] - 50), self.rev[m.start])]
            found = self._memo[key] = (cands, {id(m) for m in cands if self._venue(m)})
        return found

    def _road_end(self, m: Mention) -> bool:
        """A town named as an end of a road: after «الطريق (الدولي)» or before "highway",
        and joined by a dash to the other end."""
        f0, f1 = self.rev[m.start], self.rev[m.end - 1] + 1
        road = _ROAD_BEFORE.search(self.folded, max(0, f0 - 40), f0)
        return bool(road and (road.group(1) or _DASH.match(self.folded, f1))
                    or _ROAD_AFTER.match(self.folded, f1)
                    or _ROAD_BETWEEN.search(self.folded, max(0, f0 - 50), f0))

    def _appositive(self, m: Mention, cands: list[Mention]) -> bool:
        """Whether relative expression `m` follows another candidate after a comma, as a
        description of where that one lies."""
        if m.kind != "relative":
            return False
        f = self.rev[m.start]
        return any(p.end <= m.start and (cue.APPOSITION.fullmatch(self.folded, self.rev[p.end], f)
                                         or p.kind == "relative" and
                                         not self.folded[self.rev[p.end]:f].strip())
                   for p in cands if p is not m)   # («في ريف دير الزور الشرقي شمال الفرات»)

    def _within_city(self, m: Mention, sent: _Sentence) -> Mention:
        """A quarter the sentence puts in a town («حويجة صكر بمدينة دير الزور», «حي الحويقة»
        after the city, "the X district of Deir ez-Zor") but that the gazetteer found more
        than 10 km away, at a namesake: the town."""
        if m.kind != "toponym" or m.place is None or (m.place.feature_class or "") not in "PS":
            return m
        from geo_deconflict.geo.geodesy import geodesic_distance_m

        f0, f1 = self.rev[m.start], self.rev[m.end]
        quarter = _QUARTER_BEFORE.search(self.folded, max(0, f0 - 16), f0)
        for town in self._mentions_within(sent.start, sent.end):
            if town is m or town.metonymic or town.place is None \
                    or town.place.feature_class != "P" \
                    or town.place.population < 20_000:   # a town with quarters
                continue
            inside = _IN_TOWN.fullmatch(self.folded, f1, self.rev[town.start]) \
                if town.start >= m.end else (quarter is not None)
            if inside and float(geodesic_distance_m(m.lon, m.lat, town.lon, town.lat)) > 10_000:
                return town
        return m

    def _enumerated(self, scope: tuple[int, int]) -> list[Mention]:
        """The first place after each ordinal of an enumeration in a scope («أربع مناطق: الأولى
        في إدلب، والثانية في ...», "the first in Idlib, the second in ..."), or []."""
        lo, hi = scope
        found = []
        for match in cue.ORDINALS.finditer(self.folded, self.rev[lo], self.rev[hi]) \
                if self._may_hold(cue.ORDINALS, self.rev[lo], self.rev[hi]) else ():
            start = self.index[match.end() - 1] + 1
            stop = self._phrase_end(match.end(), self.rev[hi])
            first = next((m for m in self._mentions_within(start, stop) if not m.metonymic),
                         None)
            if first is not None and first not in found:
                found.append(first)
        return found if len(found) >= 2 else []

    def _place_list(self, place: Mention, scope: tuple[int, int]) -> list[Mention]:
        """The places coordinated with `place` in a scope: «X و Y و Z», "X, Y and Z" (not
        countries: «الحدود مع العراق والأردن» names a border, not two events)."""
        lo, hi = scope
        # a list may go on past its clause's comma («، إضافة إلى بلدة تل تمر»): to the
        # sentence's end, as far as list gaps join the names
        stop = _SENTENCE_STOP.search(self.text, hi)
        hi = stop.start() if stop else len(self.text)
        if place.kind == "relative" and place.relation == "near":
            # «قرب بلدة الهري ومعبر القائم»: near the first of a list of places, near each
            anchor = next((m for m in self.mentions if m.kind == "toponym" and
                           m.end == place.end and m.start > place.start), None)
            if anchor is not None:
                listed = self._place_list(anchor, scope)
                if len(listed) > 1 and listed[0] is anchor:
                    return [place, *listed[1:]]
        here = [m for m in self._mentions_within(lo, hi) if not m.metonymic
                and (m.precision or 3) == (place.precision or 3)
                and not (m.place is not None and m.place.id.startswith("country:"))]
        here = [m for m in here if not self._appositive(m, here) and (   # not «X، شمال غربي Y»
            m is place or m.kind != "relative" or any(   # nor «ومناطق قريبة»: near the last
                t.kind == "toponym" and m.start <= t.start and t.end <= m.end
                for t in self.mentions))]
        if place not in here:
            return [place]
        i = here.index(place)
        start = end = i
        while start > 0 and _LIST_GAP.fullmatch(self.folded[self.rev[here[start - 1].end]:
                                                            self.rev[here[start].start]]):
            start -= 1
        while end + 1 < len(here) and _LIST_GAP.fullmatch(
                self.folded[self.rev[here[end].end]:self.rev[here[end + 1].start]]):
            end += 1
        if end - start == 1 and _BETWEEN.search(
                self.folded, max(0, self.rev[here[start].start] - 30), self.rev[here[start].start]):
            return [place]  # «بين رأس العين والقامشلي», "between X and Y": a route or a line
        return here[start:end + 1]


def _doubted_abroad(m: Mention) -> bool:
    """A place outside Syria that the geoparser doubts (far from the report's other places,
    or nearly tied with a namesake)."""
    return m.doubtful and m.place is not None and m.place.country != "SY"


def _road(m: Mention) -> bool:
    """A road («الطريق الدولي M4», "the M4 highway"), whose point stands for a long stretch."""
    return m.kind == "toponym" and m.place is not None and m.place.feature_code == "RD"
