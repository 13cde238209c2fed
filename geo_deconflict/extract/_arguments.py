"""The arguments of a trigger (`_ArgumentFinder`): its actors (subject first), its place,
air or ground for a strike, and the casualty figures that belong to it."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from geo_deconflict.extract import _cues as cue
from geo_deconflict.extract import _figures as fig
from geo_deconflict.extract import _lexicon as lex
from geo_deconflict.extract._fold import fold
from geo_deconflict.extract._needles import Prefilter, could_match, gated, needles
from geo_deconflict.extract._placing import _VENUE_OPENS
from geo_deconflict.extract._segment import Sentence as _Sentence
from geo_deconflict.extract._triggers import _MOVERS, _Trigger
from geo_deconflict.geoparse.core import Mention
from geo_deconflict.incidents.actors import ActorMention, find_actors

# «إن/أن/بأن»: a clause that reports what happened starts after one of these
_CONTENT_MARKER = re.compile("(?<![\u0621-\u064a])(?:" + "|".join(
    m for m in lex.CONTENT_MARKERS if not m.isascii()) + ")\\s")

_VIOLENT = lex.HOSTILE_KINDS | {"airstrike", "shelling"}
# the words of a ground force («الجيش», «قوات», "army", "troops"): a strike it makes unnamed is
# artillery
_GUNMEN = re.compile(r"(?<![\u0621-\u064a])(?:ال)?مسلح(?:ين|ون)|\b(?:gunmen|assailants)\b")
_GROUND_FORCES = re.compile(r"جيش|قوات|army|forces|troops|artillery|militia|ميليشي|مليشي")
# acts only a party does: speaking, meeting, agreeing; civilians are not a party
_SPOKEN = lex.CLAIM_KINDS | {"meeting", "agreement", "hotline_contact"}
_NOT_SPEAKERS = frozenset({"civilians"})


# acts whose actors are who moved, not whom they face («لمواجهة العدوان التركي»)
_NOT_AGAINST = frozenset({"deployment", "patrol", "military_presence", "convoy_movement",
                          "withdrawal"})
# an official's title between that place and the claim
_OFFICIAL = re.compile(r"\b(?:minister|spokes(?:man|woman|person)|official|ambassador|envoy|"
                       r"president|general|commander|diplomat)\b|(?<![\u0621-\u064a])(?:ال)?"
                       r"(?:وزير|نائب|متحدث|الناطق|ناطق|مسؤول|سفير|مبعوث|رئيس|قائد|مصدر)")
_AND = re.compile(r"\s*(?:,|and)\s+(?:the\s+)?(?:[\w-]+\s+)?")
# fire from the ground: an attack with guns or a downing is not from the air
_GUN_WORDS = re.compile(r"(?:رصاص|اسلحه\s+خفيفه|النار|اسقط|اسقاط|قنص|small[- ]arms|gunfire|"
                        r"gunmen|shot\s+down|downed|fired\s+on|opened\s+fire|sniper)")
# strikes named again (`_definite_again`)
_AGAIN = re.compile(r"(?:ال)(?:غارات|ضربات|هجمات)|the\s+(?:strikes|raids|air\s*strikes)")
_AGAIN_BEFORE = re.compile(r"(?<![\u0621-\u064a])(?:ال)(?:غارات|ضربات)\s+$|"
                           r"\bthe\s+(?:strikes|raids|air\s*strikes)\s+(?:also\s+)?$")
# weapons named as what was hit: «مخازن للصواريخ», «مستودعات ذخيرة», "rocket depots"
_STORED = re.compile(r"(?:مخازن|مخزن|مستودعات|مستودع|منصات|منصه|شحنات|شحنه|ورشه|مصنع|معمل)"
                     r"\s+(?:لل|ل|ال)?$")
_STORES_AFTER = re.compile(r"\S*\s+(?:depots?|stores?|warehouses?|launchers?|factory|shipments?)\b")
_AGAIN_AFTER = re.compile(r"\s+(?:ال)(?:غارات|ضربات)(?![\u0621-\u064a])")
# «قُتل 18 مقاتلاً من الميليشيات ... في غارات»: a clause that opens with the dead (passive),
# the act that killed them after it
_KILLED_IN = re.compile(r"(?:[^,]{0,40},)?[\s\"]*[وف]?(?:قتل|قضي|لقي|اصيب|جرح|سقط|استشهد)\S*\s(?:.*\s)?"
                        r"(?:في|جراء|اثر|بسبب|خلال|ب)\s*$")
# a verb of repelling an attack: «تصدى», «صدت», «أحبطت», «أفشلوا»
_REPELLED = re.compile(r"(?<![\u0621-\u064a])[وف]?(?:تصد(?:ي|ت|وا)|صد(?:ت|وا)?|احبط(?:ت|وا)?|"
                       r"افشل(?:ت|وا)?)\s")
# kinds a participle after forces names (`_actors`); kinds placed where talks were held
_STANDING = frozenset({"military_presence", "deployment"})
# an announcement whose object is the act named by a noun after it (`_actors`)
_ANNOUNCED_BY = re.compile(rf"(?<![\u0621-\u064a\w])(?:{cue.ANNOUNCE.pattern})\s*$")


class _ArgumentFinder:
    """Argument attachment for `core._Report`."""

    def _strike_kind(self, trig: _Trigger, sent: _Sentence) -> str:
        """Air or ground: the nearest weapon word in the trigger's clause («قصف مدفعي»,
        "rockets" against «طائرات», "warplanes"), else in its sentence, else air words in the
        lines before; a strike with no weapon named anywhere is shelling. A bomb or mine
        («عبوة ناسفة», "a roadside bomb hit their car") makes it an attack."""
        at = self.rev[trig.start]
        for lo, hi in (trig.scope, (sent.start, sent.end)):
            f_lo, f_hi = self.rev[lo], self.rev[hi]
            near = []
            for kind, pattern in (("airstrike", lex.AIR_WORDS), ("shelling", lex.GROUND_WORDS),
                                  ("attack", lex.BOMB_WORDS)):
                near += [(abs(m.start() - at), kind) for m in pattern.finditer(self.folded,
                                                                               f_lo, f_hi)
                         if not _STORED.search(self.folded, max(0, m.start() - 16), m.start())
                         and not _STORES_AFTER.match(self.folded, m.end())]
            if near:
                return min(near)[1]
        lo, hi = trig.scope
        if _GUNMEN.search(self.folded, self.rev[lo], self.rev[hi]):
            return "attack"     # «استهداف سيارته من قبل مسلحين مجهولين»: gunmen, not guns
        if any(_GROUND_FORCES.search(fold(a.surface)[0]) for a in self.actors
               if lo <= a.start and a.end <= hi):
            return "shelling"   # «قصف الجيش السوري مواقع ...»: an army strikes from the ground
        # (strikes named again, «وطالت الضربات»: those of the paragraph before too)
        back = 900 if self._definite_again(trig) else 300
        window = self.folded[max(0, self.rev[sent.start] - back):self.rev[sent.start]]
        return "airstrike" if lex.AIR_WORDS.search(window) else "shelling"

    def _by_air(self, trig: _Trigger) -> bool:
        """An attack by aircraft named right beside the trigger («اعتدى طيران التحالف على»,
        "an attack by warplanes"), with no bomb, mine or gun in its clause: from the air."""
        f0, f1 = self.rev[trig.start], self.rev[trig.end - 1] + 1
        lo, hi = self.rev[trig.scope[0]], self.rev[trig.scope[1]]
        light = _LIGHT_VERB.search(self.folded, lo, f0)   # «شنّ طيران التحالف ... عدواناً»
        near = light.start() if light is not None and light.group(2) else max(lo, f0 - 16)
        return bool(lex.AIR_WORDS.search(self.folded, near, min(hi, f1 + 16))) \
            and not lex.BOMB_WORDS.search(self.folded, lo, hi) and not \
            _GUN_WORDS.search(self.folded, lo, hi)

    def _actors(self, trig: _Trigger, sent: _Sentence) -> list[ActorMention]:
        """The actors a trigger governs, its subject first.

        Arabic puts the subject after the verb (قال المتحدث، نفت موسكو), except after «كان ...
        قد» (كانت موسكو قد حمّلت واشنطن) or when the sentence opens with it; English puts it
        before. The words before the trigger count only for a subject in those positions.
        """
        lo, hi = trig.scope
        after = self._actors_within(trig.start, hi)
        before = self._actors_within(lo, trig.start)
        gap = self.folded[self.rev[lo]:self.rev[trig.start]]
        arabic = not self.text[trig.start:trig.end].isascii()
        if arabic:
            light = _LIGHT_VERB.search(gap) if self._holds(_LIGHT_VERB) else None
            if light is not None:   # «عمدت قوات النظام إلى قصف», «كانت X قد أقدمت على قصف»
                verb_end = self.index[self.rev[lo] + light.end(light.lastindex) - 1] + 1
                doers = [a for a in before if a.start >= verb_end]
                if doers:
                    return doers + after
                gap = gap[:light.start()]
            if trig.pos == "noun" and trig.kind == "capture" and before and \
                    _ANNOUNCED_BY.search(self.folded, max(0, self.rev[lo] - 12), self.rev[lo]):
                return before + after   # «أعلنت أنقرة، أمس، السيطرة على»: who took it says so
            if before and 0 <= trig.start - before[-1].end <= 2 and \
                    self.text.startswith("ال", trig.start) and trig.kind in _STANDING:
                # «القوات الأمريكية المتمركزة في التنف»: a participle describes the noun before
                return [before[-1]] + after
            subject = re.search(r"كان(?:ت|وا)?\s+(.{1,80}?)\s+قد\s+$", gap)
            # after إن/أن/بأن a clause puts its subject first: «قالت قسد إن طائرات روسية قصفت»
            content = list(_CONTENT_MARKER.finditer(gap))
            if content and not subject:
                c0 = self.index[self.rev[lo] + content[-1].end()]
                clause = [a for a in before if c0 <= a.start]
                if clause:
                    return clause + after
                said = [a for a in before if a.end <= c0]
                if said and content[-1].group().startswith(("انه", "انها", "انهم")) and \
                        len(gap[content[-1].end():].split()) <= 2:
                    # «أعلنت "تحرير الشام" أنها شنّت هجوماً»: "that it": the speaker did it
                    return said[-1:] + after
            if subject:
                s0 = self.index[self.rev[lo] + subject.start(1)]
                s1 = self.index[self.rev[lo] + subject.end(1) - 1] + 1
                head = [a for a in before if s0 <= a.start and a.end <= s1]
            elif (lo == sent.start or lex.CLAUSE_BREAK.match(self.folded, self.rev[lo])) \
                    and len(gap.split()) <= 5:
                head = before   # a sentence or clause that opens with its subject
            else:
                head = []
            if not head and not before and trig.pos == "verb":
                # «إن الرتل الروسي، المؤلف من ست عربات، خرج من قاعدته»: the subject before
                # an aside that ends right before the verb
                head = self._actor_right_before(_ASIDE_BEFORE_AR, trig, sent, 200)
            found = head + after
            if not head and before and _KILLED_IN.match(gap):
                found = after + [a for a in before if a not in after]   # the dead: its target
            elif before and after and trig.pos == "noun" and \
                    (repelled := _REPELLED.search(gap)) is not None:
                # «تصدى مقاتلو قسد لهجوم شنه المرتزقة»: who attacked, then who held
                r0 = self.index[self.rev[lo] + repelled.end()]
                found = after + [a for a in before if a.start >= r0 and a not in after]
        else:
            if trig.kind not in lex.CLAIM_KINDS:   # ", residents said": who tells, not who did
                after = [a for a in after if not _ATTRIBUTION.match(
                    self.folded, self.rev[a.end - 1] + 1)]
            last_two = before[-2:]
            if len(last_two) == 2 and last_two[0].actor == last_two[1].actor and len(before) > 2 \
                    and _AND.fullmatch(self.text, before[-3].end, last_two[0].start):
                # "Turkish troops and the Syrian National Army (SNA) repelled": the pair, not
                # one actor twice
                last_two = [before[-3], last_two[1]]
            found = (self._said_and(trig, sent) or last_two
                     or self._subject_before_relative(trig, sent)
                     or self._speaker_as_subject(trig, sent)) + after
        undergone = [a0 for k, a0, _ in trig.about if k in _MOVERS and a0 < trig.start]
        if undergone and trig.kind in lex.HOSTILE_KINDS:
            # «تعرّضت دورية روسية – تركية ... لانفجار»: the patrol's forces are its target
            found = found + [a for a in self._actors_within(min(undergone), trig.start)
                             if a.actor not in {b.actor for b in found}]
        if trig.kind in lex.CLAIM_KINDS and not before and \
                (venue := self._venue_speaker(trig, sent)) is not None:
            # "In Moscow, Deputy Foreign Minister Sergei Ryabkov described the strikes as ...":
            # an official speaking in a foreign capital speaks for its government
            found = [venue] + [a for a in found if a.actor != venue.actor]
        # «انتشرت ... لمواجهة العدوان التركي», "deployed to counter Turkish forces": whom they
        # face is not who moved
        facing = trig.kind in _NOT_AGAINST and self._holds(cue.FACED_ACTOR)
        if facing:
            found = [a for a in found if not self._faced(a)]
        found = found or [a for a in self.actors if sent.start <= a.start and a.end <= sent.end
                          and not (facing and self._faced(a))]
        if found and found[0].actor in _NOT_SPEAKERS and trig.kind in _SPOKEN:
            # «لكنه قدّر عدد القتلى بعشرة مدنيين»: civilians are what a claim is about; its
            # speaker is named before it in the sentence
            speakers = [a for a in self.actors if sent.start <= a.start and a.end <= trig.start
                        and a.actor not in _NOT_SPEAKERS]
            found = speakers[-1:] + [a for a in found if a.actor not in _NOT_SPEAKERS
                                     or trig.kind == "accusation"]
        return found

    def _mentions_within(self, lo: int, hi: int) -> list[Mention]:
        """The place mentions within ``text[lo:hi]``, in order (a search in their starts,
        which `self.mentions` is sorted by)."""
        starts = self._memo.get(("mention starts",))
        if starts is None:
            starts = self._memo[("mention starts",)] = [m.start for m in self.mentions]
        return [m for m in self.mentions[bisect_left(starts, lo):bisect_left(starts, hi)]
                if m.end <= hi]

    def _actors_within(self, lo: int, hi: int) -> list[ActorMention]:
        """The actors named within ``text[lo:hi]``, in order (a search in their starts, which
        `self.actors` is sorted by)."""
        starts = self._actor_starts()
        return [a for a in self.actors[bisect_left(starts, lo):bisect_left(starts, hi)]
                if a.end <= hi]

    def _actor_starts(self) -> list[int]:
        """The starts of `self.actors` (sorted by them), worked out once per report."""
        starts = self._memo.get(("actor starts",))
        if starts is None:
            starts = self._memo[("actor starts",)] = [a.start for a in self.actors]
        return starts

    def _threat(self, trig: _Trigger) -> bool:
        """A threat («توعّد», "threatened"), told as a statement."""
        word = self.folded[self.rev[trig.start]:self.rev[trig.end - 1] + 1].lstrip("وف")
        return word in lex.THREATS or word in lex.THREATS_EN

    def _same_time(self, sent: _Sentence) -> bool:
        """A sentence told at the time of the one before («وبالتزامن مع ذلك», "Meanwhile"),
        or at a time of day with no day of its own («بعد الظهر», "later that day")."""
        return cue.SAME_TIME.match(self.folded, self.rev[sent.start]) is not None or \
            cue.AFTER_THE_EVENT.search(self.folded, self.rev[sent.start],
                                       self.rev[sent.end - 1] + 1) is not None or \
            cue.TIME_OF_DAY.search(self.folded, self.rev[sent.start],
                                   self.rev[sent.end - 1] + 1) is not None

    def _said_and(self, trig: _Trigger, sent: _Sentence) -> list:
        """"Moscow said ... and accused Washington of ...": a claim verb after "and", the
        speaker of the claim that opens the sentence."""
        if trig.pos != "verb" or trig.kind not in lex.CLAIM_KINDS or \
                not self.text.endswith("and ", 0, trig.start):
            return []
        first = self._triggers(sent)[0]
        if first is trig or first.kind not in lex.CLAIM_KINDS or first.pos != "verb":
            return []
        return [a for a in self.actors if sent.start <= a.start and a.end <= first.start][-1:]


    def _definite_again(self, trig: _Trigger) -> bool:
        """Whether a trigger names again strikes told before: a definite plural noun
        («الغارات», «الضربات», "the strikes"), or the verb it is the subject of, with no party
        of its own right after it."""
        f0, f1 = self.rev[trig.start], self.rev[trig.end - 1] + 1
        named = _AGAIN.fullmatch(self.folded, f0, f1) if trig.pos == "noun" else \
            _AGAIN_BEFORE.search(self.folded, max(0, f0 - 16), f0) or \
            _AGAIN_AFTER.match(self.folded, f1)   # «الغارات طاولت», «وطالت الضربات»
        return named is not None and not any(0 <= a.start - trig.end <= 2 for a in self.actors)

    def _faced(self, actor: ActorMention) -> bool:
        """An actor named as what forces face («لمواجهة العدوان التركي», "to counter X")."""
        f0 = self.rev[actor.start]
        return cue.FACED_ACTOR.search(self.folded, max(0, f0 - 24), f0) is not None


    def _holds(self, pattern: re.Pattern) -> bool:
        """Whether the report could hold a match of `pattern` anywhere (`could_match`, once
        per report): the per-trigger searches are skipped in the reports that cannot."""
        found = self._held.get(id(pattern))   # (a module's pattern: its id stays its own)
        if found is None:
            found = self._held[id(pattern)] = could_match(pattern, self.folded)
        return found

    def _may_hold(self, pattern: re.Pattern, lo: int, hi: int) -> bool:
        """Whether ``folded[lo:hi]`` holds one of the strings of which a match of `pattern`, one
        of `_WINDOW_CUES`, holds one (found for the report by the one scan of `Prefilter`): the
        search of a window that holds none (most windows, for a cue of a few words) is skipped."""
        found = self._memo.get(("cue needles",))
        if found is None:
            found = self._memo[("cue needles",)] = _window_cues().occurrences(self.folded)
        spans = found[_WINDOW_CUE_SLOTS[id(pattern)]]
        if spans is None:
            return True
        for start, end in spans[bisect_left(spans, (lo,)):]:
            if start >= hi:
                return False
            if end <= hi:
                return True
        return False

    def _cue_search(self, pattern: re.Pattern, lo: int, hi: int) -> re.Match | None:
        """``pattern.search(folded, lo, hi)`` for one of `_WINDOW_CUES`, searched only if the
        window holds one of the strings a match needs (`_may_hold`)."""
        return pattern.search(self.folded, lo, hi) if self._may_hold(pattern, lo, hi) else None

    def _speaker_as_subject(self, trig: _Trigger, sent: _Sentence) -> list:
        """"The SDF said they had taken the villages": a pronoun after a speaker is the
        speaker."""
        return self._actor_right_before(_SAID_THEY, trig, sent, 60)

    def _subject_before_relative(self, trig: _Trigger, sent: _Sentence) -> list:
        """"Russian military police, who have been stationed near X since August, set up ...":
        the subject before a relative clause that ends right before the verb."""
        return self._actor_right_before(_RELATIVE_BEFORE, trig, sent, 200)

    def _venue_speaker(self, trig: _Trigger, sent: _Sentence) -> ActorMention | None:
        """The government of a foreign capital that opens the sentence ("In Moscow,", «وفي
        موسكو،»), when an official's title comes between it and the claim."""
        for m in self._mentions_within(sent.start, min(trig.start, sent.start + 20)):
            place = m.place
            if m.kind != "toponym" or place is None or place.feature_code != "PPLC" or \
                    place.country == "SY" or not _VENUE_OPENS.fullmatch(
                        self.folded, self.rev[sent.start], self.rev[m.start]) or \
                    not _OFFICIAL.search(self.folded, self.rev[m.end - 1] + 1,
                                         self.rev[trig.start]):
                continue
            actors = find_actors(m.surface)
            if actors:
                return ActorMention(m.start, m.end, m.surface, actors[0].actor, True)
        return None

    def _describes_a_place(self, t: _Trigger) -> bool:
        """A definite participle of standing that describes the noun before it («مخيم الركبان
        ... والخاضعة لسيطرة التحالف»): what the place is, not what a claim says."""
        return t.kind in _STANDING and t.pos == "verb" and \
            self.folded.startswith(("ال", "وال"), self.rev[t.start])

    def _in_relative_before(self, t: _Trigger, trig: _Trigger, sent: _Sentence) -> bool:
        """Whether `t` is told in a relative clause between `trig` and its subject ("A
        spokesman for the coalition, which has troops stationed in Manbij, said"): it
        describes the speaker and is no content of the claim."""
        f = self.rev[trig.start]
        found = _RELATIVE_BEFORE.search(self.folded, max(self.rev[sent.start], f - 200), f) \
            if self._holds(_RELATIVE_BEFORE) else None
        return found is not None and self.index[found.start()] < t.start

    def _actor_right_before(self, pattern: re.Pattern, trig: _Trigger, sent: _Sentence,
                            reach: int) -> list:
        """[the actor that ends where `pattern`, ending at the trigger within `reach` folded
        characters, begins], or []."""
        f = self.rev[trig.start]
        found = pattern.search(self.folded, max(self.rev[sent.start], f - reach), f) \
            if self._holds(pattern) else None
        if found is None:
            return []
        at = self.index[found.start()]
        return [a for a in self.actors if sent.start <= a.start and a.end <= at
                and not self.text[a.end:at].strip()][-1:]


    def _anaphor(self, sent: _Sentence) -> bool:
        return bool(self._cue_search(lex.ANAPHORS, self.rev[sent.start], self.rev[sent.end]))

    def _casualties(self, sent: _Sentence, trig: _Trigger) -> dict[str, tuple[int, int, int]]:
        """The figures of `trig`: each to one event, the nearest hostile trigger before it."""
        found: dict[str, tuple[int, int, int]] = {}
        triggers = self._triggers(sent)
        # (people who flee, patrol or stand are not killed by it: a toll in their sentence
        # with no act of violence belongs to the claim that tells it)
        owners = [t for t in triggers if t.kind in _VIOLENT] or \
            [t for t in triggers if t.kind not in lex.CLAIM_KINDS | lex.PHYSICAL_KINDS] or \
            triggers
        for role, value, start, end in self._figures(sent):
            if role in found:
                continue
            before = [t for t in owners if t.start <= start]
            owner = before[-1] if before else min(owners, key=lambda t: t.start - start)
            if owner is trig:
                found[role] = (value, start, end)
        return found

    def _figures(self, sent: _Sentence) -> list[tuple[str, int, int, int]]:
        """The casualty figures of a sentence: (role, number, start, end), found once."""
        key = (sent.start, sent.end)
        if key not in self._memo:
            figures = []
            f_lo, f_hi = self.rev[sent.start], self.rev[sent.end]
            if self._may_hold(fig.CASUALTY_HINT, f_lo, f_hi):   # (its needles: its words)
                for role, pattern in fig.CASUALTIES:
                    for m in pattern.finditer(self.folded, f_lo, f_hi):
                        word = m.group("n" if m.group("n") else "n2")
                        value = fig.number_value(word)
                        if value is not None and not (word.isdigit() and len(word) == 4
                                                      and 1900 <= value <= 2039):
                            # ("a 2016 car bombing killed seven": a year, not a toll)
                            figures.append((role, value, self.index[m.start()],
                                            self.index[m.end() - 1] + 1))
            self._memo[key] = figures
        return self._memo[key]


# cues searched in many short windows of a report (`_may_hold`): before a place («متحدثاً
# إلى الصحافيين في», "talks in"), in a clause (ordinals, «المنطقة», «تعرّضت»), in a sentence
# (casualty words), before a trigger («عقب»)
_WINDOW_CUES = (cue.VENUE, cue.VENUE_OF_TALKS, cue.ORDINALS, fig.CASUALTY_HINT, cue.ANAPHORS,
                cue.UNDERGO, cue.RIGHT_AFTER)
# (by identity: a pattern compares its whole code with another's)
_WINDOW_CUE_SLOTS = {id(pattern): n for n, pattern in enumerate(_WINDOW_CUES)}


@lru_cache(maxsize=1)
def _window_cues() -> Prefilter:
    """The strings of which a match of each of `_WINDOW_CUES` holds one (its most selective
    needle group), looked for in the scan that finds the trigger and date patterns' ones."""
    return Prefilter([needles(pattern)[:1] for pattern in _WINDOW_CUES])


# a verb that only carries the act named after it: «عمدت ... إلى قصف», «أقدم على», «قامت بـ»
_LIGHT_VERB = gated(re.compile(
    r"(?<![\u0621-\u064a])[وف]?((?:عمد|اقدم|قام|بدا|بدات|باشر|واصل|استانف|تابع)(?:ت|وا|ا|تا)?)"
    r"(?![\u0621-\u064a])[^.!?؟]{0,80}?\s*(?:الي|علي)?\s*$"
    # «شنّت الطائرات الروسية أكثر من 40 غارة»: the act is the noun
    r"|(?<![\u0621-\u064a])[وف]?((?:شن|نفذ|اجر|بسط|احكم|فرض)(?:ت|وا|ا|تا)?)"
    # (a time or a backing between commas: «شنّت الفصائل، فجر اليوم الخميس، هجوماً»,
    # «بسطت قوات النظام، مدعومة بميليشيات محلية وغطاء جوي روسي، سيطرتها»)
    r"(?![\u0621-\u064a])(?:[^.!?؟،,]|[،,](?:\s*[^\s.!?؟،,]+){1,4}\s*[،,]|"
    r"[،,]\s*(?:مدعوم|بدعم|بمساند|بغطاء|بمشارك)(?:\s*[^\s.!?؟،,]+){1,8}\s*[،,])"
    r"{0,80}?\s*$"))
# a trailing attribution after an actor: ", residents said", "... , activists reported"
_ATTRIBUTION = re.compile(r"\s+(?:said|say|says|told|reported|reports|claimed|added)\b")
# a speaker, then a pronoun subject: "X said they had", "X says it has been"
_SAID_THEY = re.compile(r"\s+(?:said|says|claimed|announced|reported|added|stated)\s+"
                        r"(?:that\s+)?(?:they|it|he|she)\s+(?:had\s+|have\s+|has\s+|were\s+|"
                        r"was\s+|would\s+|will\s+)?(?:been\s+|now\s+|already\s+)?$")
# a relative clause between an English subject and its verb
_RELATIVE_BEFORE = re.compile(r",\s*(?:who|which)\s+[^,.;!?]{3,160},\s*$")
# the same in Arabic: a participle or a relative clause between commas («، المؤلف من ...،»)
_ASIDE_BEFORE_AR = re.compile(r",\s*(?:ال\S+|الذي|التي|الذين)\s+[^,.;!?]{3,160},\s*$")


