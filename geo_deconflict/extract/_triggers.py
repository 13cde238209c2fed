"""Which words of a sentence report an event or a claim of their own (`_TriggerFinder`).

A verb reports an act of its own; a noun after another trigger is that trigger's content
(«اتهمت قسد الطيران الروسي **بقصف** مواقعها» is one accusation about a strike) unless it has
a place and clause of its own; a verb after a relative pronoun is content; negated, planned,
threatened or conditional acts are dropped. Each kept trigger governs the words up to the next
clause break or trigger (its scope).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from geo_deconflict.extract import _cues as cue
from geo_deconflict.extract import _lexicon as lex
from geo_deconflict.extract._matcher import find_triggers
from geo_deconflict.extract._segment import Sentence as _Sentence
from geo_deconflict.incidents._alias_regex import Token, trie_pattern


@dataclass(slots=True)
class _Trigger:
    start: int
    end: int
    kind: str
    pos: str
    about: list[tuple[str, int, int]] = field(default_factory=list)
    scope: tuple[int, int] = (0, 0)
    partner: _Trigger | None = None   # the act it is coordinated with («قصفاً واشتباكات»)


# a patrol or convoy named as the subject of the verb right after it (English word order)
_MOVERS = frozenset({"patrol", "convoy_movement"})
_SUBJECT_GAP = re.compile(r" (?:[a-z]+ )?")
_STRIKES = frozenset({"strike", "airstrike", "shelling", "attack"})
_TARGETS = _MOVERS | {"military_presence"}   # what a strike hits, named as a noun
# up to three words (the striker) between a strike and the convoy or patrol it hit
_OBJECT_GAP = re.compile(r"\s+(?:[^\s.,،;]+\s+){0,3}?(?:a\s+|an\s+|the\s+)?")
# «نفّذ أي غارات», "carried out any strikes": a composite trigger with "any" inside
_ANY_INSIDE = re.compile(r"\s(?:اي|any)\s")
# a patrol or convoy named as one side of a clash: «مواجهة بين دورية ...», "a clash between a
# U.S. patrol and ..."
_BETWEEN_GAP = re.compile(r"\s+(?:\S+\s+)?(?:بين|between)\s+(?:an?\s+|the\s+)?(?:\S+\s+)?")
# what went with an act: «ترافق/تزامن ... مع», «بالتزامن مع», "accompanied by"
_ALONG_WITH = re.compile(r"(?:(?:ترافق|تزامن|رافق)\S*(?:\s+\S+){0,3}?\s+مع|بالتزامن\s+مع|"
                         r"accompanied\s+by|coincided\s+with)\s+(?:\S+\s+)?$")
# a light verb's strikes, named last («شنّت طائرات حربية روسية 9 غارات»): its verb after
# them is their relative clause, as after a bare noun
_STRIKE_NOUN_END = re.compile(r"(?<![\u0621-\u064a])(?:غار\S*|ضربات|ضربه|صواريخ|قذائف)$")
# up to two Arabic words (adjectives) between an indefinite noun and its verb, no «و»
_RELATIVE_GAP = re.compile(r"(?:\s+[\"«]?[\u0621-\u064a\u064b-\u0652]+[\"»]?){0,2}\s+(?![وف])")


class _TriggerFinder:
    """Trigger finding for `core._Report` (which holds the text, its folding and mentions)."""

    def _triggers(self, sent: _Sentence) -> list[_Trigger]:
        key = (sent.start, sent.end)
        if key not in self._trigger_cache:
            self._trigger_cache[key] = self._find_triggers(sent)
        return self._trigger_cache[key]

    def _underwent(self, host: _Trigger, trig: _Trigger) -> bool:
        """«تعرّضت <host> ... ل<trig>»: the verb of undergoing right before the patrol or
        convoy, and the act after «ل» in the same clause."""
        f0 = self.rev[host.start]
        if not cue.UNDERGO.search(self.folded, max(0, f0 - 12), f0):
            return False
        t0 = self.rev[trig.start]
        return t0 > 0 and self.folded[t0 - 1] == "ل" and t0 - self.rev[host.end - 1] < 90

    def _in_a_name(self, start: int, end: int, kind: str) -> bool:
        """Whether text[start:end] is a word inside an actor's name («هيئة تحرير الشام»), or
        the liberation that ends one («الجبهة الوطنية للتحرير»); not the act a descriptive
        alias ends with ("government shelling")."""
        k = bisect_right(self._actor_starts(), start)
        return any(a.end > end or a.end == end and kind == "capture" and a.start < start
                   for a in self.actors[max(0, k - 3):k])

    def _told_agreement(self, s: int, first: int, sent: _Sentence) -> bool:
        """Whether the agreement noun at s is definite («الاتفاق», "the deal"), an agreement
        was told in an earlier sentence and this sentence names no place: the same deal,
        named again with nothing new («يشككون في قدرة الاتفاق على الصمود»)."""
        folded = self.folded
        if not (folded.startswith("ال", s) or folded.endswith("the ", 0, s)):
            return False
        return any(entry.kind == "agreement" for _, _, entry in self._all_triggers[:first]) \
            and not self._places_between(sent.start, sent.end)

    def _find_triggers(self, sent: _Sentence) -> list[_Trigger]:
        f_start, f_end = self.rev[sent.start], self.rev[sent.end]
        if self._all_triggers is None:    # one pass over the report, shared by its sentences
            self._all_triggers = find_triggers(self.folded, 0, len(self.folded))
            self._trigger_starts = [s for s, _, _ in self._all_triggers]
        found: list[_Trigger] = []
        first = bisect_left(self._trigger_starts, f_start)     # (in order of their starts)
        for s, e, entry in self._all_triggers[first:]:
            if s >= f_end:
                break
            if e > f_end:
                continue
            if self._negated(s, entry.kind) or (entry.kind not in lex.CLAIM_KINDS
                                                and cue.PLANNED_AFTER.match(self.folded, e)):
                continue
            if self._in_a_name(self.index[s], self.index[e - 1] + 1, entry.kind):
                continue   # «هيئة تحرير الشام»: a word of a group's name is no act
            if entry.pos == "noun" and cue.ANY_BEFORE.search(self.folded, max(0, s - 40), s) \
                    or _ANY_INSIDE.search(self.folded, s, e):
                continue   # «بالرد على أي استهداف جديد», "any further attack", «نفّذ أي غارات»:
                #            none told
            if entry.kind == "clash" and entry.pos == "noun" and s > 0 and \
                    self.folded[s - 1] == "ل" and (s < 2 or not self.folded[s - 2].isalpha()
                                                   or self.folded[s - 2] in "وف"):
                continue   # «لمواجهة», «لقتال»: to fight, what they came for
            pos = entry.pos
            if entry.kind == "agreement" and pos == "noun" and (cue.UNDER_TERMS.search(
                    self.folded, max(0, s - 25), s) or self._told_agreement(s, first, sent)):
                pos = "weak"   # "under the deal, patrols started": the frame, not an event;
                # «يشككون في قدرة الاتفاق على الصمود»: the deal told in an earlier sentence
            elif pos in ("noun", "verb") and not found and ((pos == "noun" and cue.COMES_AS.search(
                    self.folded, max(0, s - 16), s)) or (cue.TOLD_SUBJECT_BEFORE.fullmatch(
                    self.folded, f_start, s) and cue.TOLD_SUBJECT_AFTER.match(self.folded, e))):
                pos = "weak"   # «وتأتي هذه الدوريات تنفيذاً لـ», "The patrols are the first
                #                step": told before, what follows is about it
            elif entry.kind == "meeting" and pos == "noun" and not found and \
                    cue.AFTER_TERMS.search(self.folded, max(0, s - 30), s) and \
                    not self._places_between(
                    self.index[e - 1] + 1, self._phrase_end(e, f_end)):
                pos = "weak"   # "Following weeks of talks, the two sides agreed": background
            elif pos == "noun" and not found and entry.kind != "meeting" and \
                    cue.AFTER_OPENING.fullmatch(self.folded, f_start, s) and any(
                    e <= s2 < f_end for s2, _, _ in self._all_triggers):
                # «وعقب الهجوم، شنّت الطائرات ...», "Following the attack, jets ...": what
                # came before the act, named first in the sentence
                pos = "weak"
            elif pos != "weak" and found and entry.kind not in lex.CLAIM_KINDS | {"meeting"} and \
                    self._right_after(s) and self._background(s, e, f_end, entry.kind):
                pos = "weak"   # "..., after the operation began": background, unless told here
                # first with a date or an agent of its own («عقب تبادل إطلاق النار الشهر
                # الماضي», "following the pull-back of U.S. forces")
            if pos == "verb" and s > 0 and self.folded[s - 1] in "بل" and \
                    (s < 2 or not self.folded[s - 2].isalpha() or self.folded[s - 2] in "وف"):
                pos = "noun"   # «بقصف», «لضرب»: a verbal noun after a preposition
            if entry.kind == "agreement" and pos != "verb" and cue.SIGNED_AFTER.match(
                    self.folded, e):
                pos = "verb"   # «تنفيذاً للاتفاق الذي وقّعه الرئيسان في سوتشي»: a signing
            kind = entry.kind
            if kind == "capture" and pos == "noun" and cue.OPERATION_TO.search(
                    self.folded, max(0, s - 30), s):
                kind = "ground_offensive"   # «عملية استعادة المدينة», "a push to take": not yet
            elif kind in ("strike", "attack") and pos == "verb" and cue.DEAL_STRUCK.search(
                    self.folded, max(0, s - 50), s):
                continue   # "the deal the two countries struck last month": a deal, no strike
            elif kind == "proposal" and cue.REFUSED_AFTER.search(self.folded, e, f_end):
                kind = "request_refused"   # «طلب من قسد تسليم ...، وهو ما رفضته قيادتها»
            elif kind == "attack" and pos == "noun" and cue.FACED.search(
                    self.folded, max(0, s - 20), s):
                continue   # «لمواجهة العدوان التركي»: what forces face, not an act told here
            elif kind == "attack" and pos == "noun" and cue.RESUMED.search(
                    self.folded, max(0, s - 70), s):
                kind = "ground_offensive"   # «استأنفت قسد مساء أمس هجومها على»: an offensive
            found.append(_Trigger(self.index[s], self.index[e - 1] + 1, kind, pos))
        self._interceptions(found, f_end)
        kept: list[_Trigger] = []
        for n, trig in enumerate(found):
            host = kept[-1] if kept else None
            if trig.pos == "weak" and host is None:
                continue
            until = next((t.start for t in found[n + 1:] if t.pos == "verb"), sent.end)
            if host is not None and host.kind == "statement" and trig.kind == "accusation" \
                    and self._participle(trig, accusing=True):
                host.kind = "accusation"    # «وأوضح المركز أن ...، متهماً الجانب الأمريكي»
                host.about.append((trig.kind, trig.start, trig.end))
                continue
            if host is not None and host.kind in _STRIKES and trig.pos == "noun" and \
                    trig.kind in _TARGETS and _OBJECT_GAP.fullmatch(self.text, host.end, trig.start):
                # «إثر استهداف طيران التحالف رتلاً لهم», "strikes hit a convoy", "fired a
                # missile at a Turkish military post": its target
                host.about.append((trig.kind, trig.start, trig.end))
                continue
            if host is not None and host.pos == "noun" and host.kind in _MOVERS and \
                    trig.pos == "noun" and trig.kind in lex.HOSTILE_KINDS and \
                    self._underwent(host, trig):
                # «تعرّضت دورية روسية – تركية مشتركة، صباح اليوم، لانفجار عبوة»: what the
                # patrol underwent is the event, the patrol its target
                kept.pop()
                trig.about.append((host.kind, host.start, host.end))
                kept.append(trig)
                continue
            if host is not None and host.kind in lex.HOSTILE_KINDS and trig.pos == "noun" and \
                    trig.kind in _MOVERS and _BETWEEN_GAP.fullmatch(self.text, host.end,
                                                                    trig.start):
                # «خلال مواجهة بين دورية للقوات الأميركية وأهالي القرية»: a side of the clash
                host.about.append((trig.kind, trig.start, trig.end))
                continue
            if host is not None and trig.kind == "capture" and trig.pos == "noun" and \
                    self._announced(trig, host):
                host.kind = "capture"   # «أعلنت الوزارة السيطرة على قريتين»: who took them
                host.about.append((trig.kind, trig.start, trig.end))
                continue
            if self._denied(trig, host):
                host.about.append((trig.kind, trig.start, trig.end))
                continue    # «نفت أن تكون طائراتها قصفت», «نفت استهداف مناطق مدنية»: not an act
            if host is not None and trig.pos == "noun" and not self._announced(trig, host) and (
                    self._own_event(trig, host, until) or self._own_clause(trig, host, until)
                    or self._coordinated(trig, host) or self._told_after(trig, host)
                    or self._accompanied(trig, host)):
                if self._coordinated(trig, host) and not self._places_between(
                        trig.end, self._phrase_end(self.rev[trig.end], f_end)):
                    trig.partner = host    # no place of its own: its partner's actors and places
                kept.append(trig)
                continue
            if host is not None and self._participle(trig) and not any(
                    trig.end <= m.start and m.end <= sent.end for m in self.mentions):
                host.about.append((trig.kind, trig.start, trig.end))
                continue    # «..., مشدداً على أن ...»: the same speaker goes on
            if host is None and self._after_relative(trig):
                continue    # «المناطق التي دخلتها»: what a relative clause tells is told already
            if host is not None and (trig.pos in ("noun", "weak") or self._after_relative(trig)
                                     or (host.kind in lex.CLAIM_KINDS
                                         and trig.kind not in lex.HOSTILE_KINDS
                                         and trig.kind not in lex.PHYSICAL_KINDS
                                         and trig.kind not in _CONTACTS
                                         and trig.kind not in lex.CLAIM_KINDS)):
                host.about.append((trig.kind, trig.start, trig.end))
                continue
            if host is not None and (host.pos == "noun" or _STRIKE_NOUN_END.search(
                    self.text, host.start, host.end)) and trig.pos == "verb" and \
                    host.kind in _STRIKES and trig.kind in _STRIKES and \
                    self.text[host.start:host.start + 2] != "ال" and \
                    _RELATIVE_GAP.fullmatch(self.text, host.end, trig.start):
                # «ضربة جوية جديدة استهدفت قوات النظام»: an indefinite noun's verb right after
                # it is its relative clause (no pronoun in Arabic), the same strike
                host.about.append((trig.kind, trig.start, trig.end))
                continue
            if host is not None and host.pos == "noun" and host.kind in _MOVERS and \
                    trig.pos == "verb" and trig.kind in lex.HOSTILE_KINDS and \
                    _SUBJECT_GAP.fullmatch(self.text, host.end, trig.start):
                # "A U.S. patrol traded fire with gunmen": the patrol is who fought
                kept.pop()
                trig.about.append((host.kind, host.start, host.end))
            kept.append(trig)
        breaks = [self.index[m.start()] for m in lex.CLAUSE_BREAK.finditer(
            self.folded, self.rev[sent.start], self.rev[sent.end])] if kept else []
        for i, trig in enumerate(kept):
            before = kept[i - 1].end if i else sent.start
            finish = kept[i + 1].start if i + 1 < len(kept) else sent.end
            # a clause break between two events closes their clauses
            before = max([before] + [b for b in breaks if before <= b < trig.start
                                     and (i or self._subject_after(trig, b))])
            # and so does one after the last claim («فقال إن ... في سوريا، فيما وقّع ...»)
            finish = min([finish] + [b for b in breaks if trig.end <= b < finish and (
                i + 1 < len(kept) or (trig.kind in lex.CLAIM_KINDS
                                      and self._places_between(trig.end, b)))])
            trig.scope = (before, finish)
        return kept

    def _interceptions(self, found: list[_Trigger], f_end: int) -> None:
        """«اعترضت دورية أمريكية رتلاً روسياً», "intercepted a Russian patrol": stopping a patrol
        or a convoy is that movement's incident, not a clash (unless it comes to ramming or
        shooting, which are triggers of their own); the nouns become its content."""
        for n, trig in enumerate(found):
            if trig.kind != "clash" or not _INTERCEPT.match(self.folded, self.rev[trig.start]):
                continue
            stop = self._phrase_end(self.rev[trig.end], f_end)
            moving = []
            for other in found[n + 1:]:
                if self.rev[other.start] >= stop or other.pos == "verb":
                    break
                if other.kind in ("patrol", "convoy_movement"):
                    moving.append(other)
            if moving:
                trig.kind = moving[-1].kind   # what was stopped: the object, named last
                for other in moving:
                    other.pos = "weak"

    def _denied(self, trig: _Trigger, host: _Trigger | None) -> bool:
        """Whether `trig` is what the denial before it denies: an act in the same clause, with
        no comma or clause break between them (what is denied did not happen)."""
        if host is None or host.kind != "denial" or trig.kind in lex.CLAIM_KINDS:
            return False
        lo, hi = self.rev[host.end], self.rev[trig.start]
        return not re.search(r"[,;،]", self.folded[lo:hi]) and \
            not lex.CLAUSE_BREAK.search(self.folded, lo, hi)

    def _subject_after(self, trig: _Trigger, brk: int) -> bool:
        """Whether the first trigger's actor follows a clause break before it («..., بينما
        يواصل التنظيم الكردي قصف»): an actor between the break and the trigger."""
        return any(brk <= a.start and a.end <= trig.start for a in self.actors)

    def _agent_after(self, folded_end: int) -> bool:
        """An actor right after an act's word, as its agent ("the pull-back of U.S. forces",
        «انسحاب القوات الأمريكية»), not its partner or target ("clashes with IS")."""
        start = self.index[folded_end - 1] + 1
        for a in self.actors:
            if start <= a.start <= start + 24:
                gap = self.folded[folded_end:self.rev[a.start]]
                return not re.search(r"[.,،;:]|\b(?:with|against|on|at)\b|(?<![\u0621-\u064a])"
                                     r"(?:مع|ضد|علي|بين)(?![\u0621-\u064a])", gap)
        return False

    def _told_after(self, trig: _Trigger, host: _Trigger) -> bool:
        """An act of another kind that the one before it followed, told here first ("opened an
        operation, following the pull-back of U.S. forces", «انتزعت البلدة إثر قصفها»): an
        event of its own."""
        if trig.kind == host.kind or host.kind in lex.CLAIM_KINDS or \
                trig.kind not in lex.HOSTILE_KINDS | lex.PHYSICAL_KINDS:
            return False
        f = self.rev[trig.start]
        return self._right_after(f) and not self._told_before(f, trig.kind)

    def _accompanied(self, trig: _Trigger, host: _Trigger) -> bool:
        """Strikes that went with an act («وترافق الهجوم مع غارات شنّتها طائرات التحالف»,
        "the assault was accompanied by coalition air strikes"): an act of their own."""
        if trig.kind == host.kind or trig.kind not in lex.HOSTILE_KINDS | {"strike"}:
            return False
        f = self.rev[trig.start]
        return bool(_ALONG_WITH.search(self.folded, max(0, f - 40), f))

    def _right_after(self, folded_start: int) -> bool:
        """Right after "after", "following", «عقب», «بعد», «إثر» (and an article)."""
        return bool(self._cue_search(cue.RIGHT_AFTER, max(0, folded_start - 24), folded_start))

    def _told_before(self, folded_start: int, kind: str) -> bool:
        """Whether the report names an act of this kind before `folded_start`."""
        return any(s0 < folded_start and entry.kind == kind
                   for s0, _, entry in self._all_triggers)

    def _background(self, s: int, e: int, f_end: int, kind: str) -> bool:
        """An act after "after" with no place of its own that is told again, or told here
        with neither a date nor an agent of its own: what came before, not an event."""
        end = self._phrase_end(e, f_end)
        if self._places_between(self.index[e - 1] + 1, end):
            return False
        return self._told_before(s, kind) or (
            not any(self.index[e - 1] < d.start < end for d in self.dates)
            and not self._agent_after(e))

    def _own_event(self, trig: _Trigger, host: _Trigger, until: int) -> bool:
        """A hostile verbal noun with a place of its own after a claim is also an event
        («اتهمت قسد الطيران الروسي بقصف مواقعها في ريف دير الزور»), unless it is only
        asked for, proposed or planned. A summit with its venue is a meeting of its own
        («اتفق الرئيسان، في ختام قمة جمعتهما في سوتشي، على ...»)."""
        if trig.kind == "meeting" and host.kind in ("agreement", "statement"):
            lo = self.index[next((i for i in range(self.rev[host.start], 0, -1)
                                  if self.folded[i - 1] in ".\n"), 0)]
            return any(lo <= m.start and m.end <= until and self._venue(m)
                       for m in self.mentions)
        if trig.kind not in lex.HOSTILE_KINDS | lex.PHYSICAL_KINDS \
                or trig.kind == host.kind:
            return False
        hostile_host = host.kind in lex.HOSTILE_KINDS or host.kind == "strike"
        if host.kind not in ("statement", "accusation", "denial") and not hostile_host:
            return False
        f = self.rev[trig.start]
        if f > 0 and self.folded[f - 1] == "ل":
            return False    # «لقصف», «لطرد»: a purpose, not an act
        before = self.folded[max(0, f - 40):f].split()[-4:]
        if any(w.lstrip("وفبل") in lex.HYPOTHETICAL or w in lex.HYPOTHETICAL for w in before):
            return False
        if not hostile_host and self._cue_search(lex.ANAPHORS, self.rev[trig.end],
                                                 self.rev[until]):
            return True     # «عقب تبادل إطلاق النار ... في المنطقة»
        return any(trig.end <= m.start and m.end <= until and not m.metonymic
                   and (not hostile_host or (m.kind == "toponym" and m.precision == 1))
                   for m in self.mentions)

    def _own_clause(self, trig: _Trigger, host: _Trigger, until: int) -> bool:
        """An event noun in a clause of its own, with a place of its own, is an event of its
        own («سيّرت الشرطة الروسية دورية في ريف المالكية، بالتزامن مع دورية أمريكية في
        محيط الشدادي»): the clause break lies between it and the trigger before."""
        if trig.kind in lex.CLAIM_KINDS or host.kind in lex.CLAIM_KINDS:
            return False
        if not lex.CLAUSE_BREAK.search(self.folded, self.rev[host.end], self.rev[trig.start]):
            return False
        return any(trig.end <= m.start and m.end <= until and not m.metonymic
                   for m in self.mentions)

    def _coordinated(self, trig: _Trigger, host: _Trigger) -> bool:
        """«تشهد قصفاً واشتباكات», "shelling and clashes": two acts of one kind of host."""
        if trig.kind in lex.CLAIM_KINDS or host.kind in lex.CLAIM_KINDS or \
                trig.kind == host.kind:
            return False
        gap = self.folded[self.rev[host.end]:self.rev[trig.start]]
        return bool(re.fullmatch(r"\s*(?:و|,\s*|and\s+)", gap))

    def _participle(self, trig: _Trigger, *, accusing: bool = False) -> bool:
        if accusing:
            return bool(re.fullmatch(r"[وف]?(?:متهم(?:ا|ه|ين)|accusing|blaming)",
                                     self._folded_word(trig)))
        if trig.kind != "statement":
            return False
        word = self._folded_word(trig)
        return word.endswith(("ا", "ه")) and bool(lex.CONTINUATION.match(word))

    def _folded_word(self, trig: _Trigger) -> str:
        """The trigger's words folded: the report's folding of its span (folding maps each
        character on its own, so this is `fold` of its text, without folding it again)."""
        return self.folded[self.rev[trig.start]:self.rev[trig.end]]

    def _announced(self, trig: _Trigger, host: _Trigger) -> bool:
        """An act named by a noun as what was announced («أعلنت ... انطلاق العملية», "announced
        a partial withdrawal"): the announcement is the draft, not the act."""
        if host.kind != "statement" or not cue.ANNOUNCE.fullmatch(self._folded_word(host)):
            return False
        gap = self.text[host.end:trig.start]
        return len(gap.split()) <= 6 and not re.search(r"[,،:]", gap) and not any(
            host.end <= m.start and m.end <= trig.start for m in self.mentions)

    def _negated(self, folded_start: int, kind: str) -> bool:
        """A negation or a condition in the clause just before («لم يوضح ما إذا كان أعلن»),
        or, for an event, a plan or threat («تعتزم الانسحاب», "threatened to attack")."""
        window = self.folded[max(0, folded_start - 60):folded_start]
        if not _stop_words(kind not in lex.CLAIM_KINDS).search(window):
            return False    # none of the words looked for below (the common case, fast)
        clause = re.split(r"[,.:;؛!?؟()\"]", window)[-1]
        clause = _STILL.sub(" ", clause)   # «لا تزال متمركزة», «لم يزل»: still, not a negation
        words = [w.lstrip("وف") if len(w) > 2 else w for w in clause.split()[-7:]]
        words = [w for i, w in enumerate(words) if not (    # "once again": not a condition
            w == "once" and i + 1 < len(words) and words[i + 1] in ("again", "more"))]
        # the words that govern the trigger, past an article and a light verb ("threatened
        # to launch an offensive", «هددت بشن هجوم»)
        bare = list(words)
        while len(bare) > 1 and bare[-1] in lex.LIGHT_WORDS:
            bare.pop()
        near = bare[-2:]
        if kind not in lex.CLAIM_KINDS and len(words) > 2 and words[-1].startswith("ب") and \
                any(w.lstrip("وف") in lex.THREATS for w in clause.split()[-10:-1]):
            return True     # «هدد أردوغان الأربعاء بإطلاق عملية»: the subject between
        # «تعتزم الانسحاب», "plans to withdraw": not (yet) an event (but "forcing hundreds of
        # families to flee" tells that they fled)
        if kind not in lex.CLAIM_KINDS and (any(w in lex.MODALS for w in near) or (
                len(near) == 2 and tuple(near) in lex.MODAL_PAIRS)) and not (
                near[-1] == "to" and any(w in _CAUSED for w in words)):
            return True
        if any(w in lex.NEGATORS for w in near) or any(w in lex.CONDITIONAL for w in words):
            return True
        # a negation that no «لكن», "but" overrides after it; a claim's subject negated too
        # ("no troop movement was reported")
        negators = ("لم", "لن", "ليس", "not", "never") + (
            ("no", "none", "nothing") if kind in lex.CLAIM_KINDS else ())
        last = max((n for n, w in enumerate(words) if w in negators), default=-1)
        return last >= 0 and not any(w in ("الا", "لكن", "بل", "but") for w in words[last:])

    def _after_relative(self, trig: _Trigger) -> bool:
        """A verb right after a relative pronoun describes what it follows («الاتفاق الذي
        أكده»), except where forces are («حيث تتمركز قوات», "where troops are based"):
        that is a presence of its own."""
        if trig.pos != "verb" or trig.kind in ("military_presence", "airstrike", "shelling",
                                               "ground_offensive"):
            return False
        f = self.rev[trig.start]
        before = self.folded[max(0, f - 25):f].split()[-2:]
        return bool(before) and before[-1] in lex.RELATIVE_PRONOUNS and \
            not (len(before) == 2 and before[0] in ("الامر", "وهو", "ما"))

    def _places_between(self, start: int, end: int) -> bool:
        return any(start <= m.start and m.end <= end and not m.metonymic
                   for m in self.mentions)

    def _venue(self, m) -> bool:
        """A place named as where talks were held («قمة جمعتهما في سوتشي», "an agreement in
        Geneva", "talks in Astana"), not what they were about."""
        return bool(self._cue_search(cue.VENUE_OF_TALKS, max(0, self.rev[m.start] - 45),
                                     self.rev[m.start]))

    def _phrase_end(self, folded_start: int, folded_end: int) -> int:
        """The original offset of the next comma or stop after `folded_start` (or the end)."""
        stop = next((i for i in range(folded_start, folded_end)
                     if self.folded[i] in ",،;:."), folded_end)
        return self.index[min(stop, len(self.index) - 1)]



# a contact over the hotline, reported by a verb after a claim, is an act of its own
_CONTACTS = frozenset({"hotline_contact"})
# verbs that make the act after "to" happen: "forcing families to flee", "prompting them to"
_CAUSED = frozenset({"forcing", "forced", "forces", "prompting", "prompted", "causing", "caused",
                     "compelling", "compelled", "leading", "led", "driving", "drove"})
# «لا تزال», «ما زالت», «لم يزل»: a negation that means "still"
_STILL = re.compile(r"(?<![\u0621-\u064a])(?:لا|ما|لم)\s+(?:[يت]?زال|زالت|زالوا|[يت]زالون|[يت]زل)"
                    r"(?![\u0621-\u064a])")
# stopping someone on their way: «اعترضت», «اعتراض», "intercepted"
_INTERCEPT = re.compile(r"[وف]?(?:اعترض|يعترض|تعترض|intercept)")


@lru_cache(maxsize=2)
def _stop_words(event: bool) -> re.Pattern:
    """Any word `_TriggerFinder._negated` looks for, as a whole word (a clitic و/ف allowed)."""
    words = {*lex.NEGATORS, *lex.CONDITIONAL, "لم", "لن", "ليس", "not", "never",
             *(lex.MODALS if event else ("none", "nothing")),
             *((w for pair in lex.MODAL_PAIRS for w in pair) if event else ())}
    # the alternation of the words, longest first, factored by their first letters (a trie:
    # the same matches, with one branch tried per letter instead of every word)
    alternation = trie_pattern([Token((c,), frozenset(c), re.escape(c)) for c in word]
                               for word in sorted(words, key=len, reverse=True))
    edge = r"\s,.:;؛!?؟()\""
    # no other character right before or after it (one test each: quicker than "^ or an edge")
    return re.compile(rf"(?<![^{edge}])[وف]*{alternation}(?![^{edge}])")
