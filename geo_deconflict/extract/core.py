"""Draft incident records from a news report (Arabic or English), tied to the words they come from.

`extract` reads a report and returns one `Draft` per reported event or claim: an `Incident`
(event type and `kind`, actors, place with precision and uncertainty, date with precision,
casualties, a machine-made summary, the source) whose `Provenance` gives the sentence's
offsets and the **evidence** spans (trigger, actor, place, date, casualties), so that an
analyst can check every field against the text. Drafts load as incidents as they are
(`drafts_json` → `incidents.load_incidents`), so ``map`` and ``check`` accept them.

How it works, sentence by sentence:

1. **Triggers** (`_lexicon.TRIGGERS`, found by `_triggers`, with the cues of `_cues` around
   them): verbs report acts of their own (قصفت، اتهمت، نفت، قال، التقى ...); a noun after
   another trigger in the sentence is that trigger's content («اتهمت قسد الطيران الروسي **بقصف**
   مواقعها» is one accusation about a strike), as is a verb right after a relative pronoun
   («الاتفاق **الذي أكده** الرئيسان»). Negated triggers («لم تتعرض لقصف») are dropped. Each
   kept trigger governs the words up to the next.
2. **Actors** (`actors.find_actors`, attached by `_arguments`) in that scope, else the forces
   of the story so far; "It said", «الجانبان» take up the speaker or the pair named before.
   A capital counts as its state («موسكو نفت») only where the geoparser reads it as metonymic.
3. **Place** (`geoparse.geoparse`): the most specific place in the scope, else in the
   sentence (a relative expression before the toponym it contains); metonymic capitals and
   the dateline are never event places. A sentence without a place («في المنطقة») inherits
   the place of the previous draft, or the report's first event place, and says so.
4. **Date** (`_dates.find_dates`) in the scope, else in the sentence; otherwise a claim is
   dated to the publication day and an event to the last date the report gave. An appended
   "read also" teaser gets no date from the article and gives none to it.
5. **Casualties**: «ستة من مقاتليها أصيبوا», «مقتل 3», "killing five".
6. Drafts of the same kind, claimant, place (25 km) and date are merged.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from geo_deconflict.extract import _cues as cue
from geo_deconflict.extract import _lexicon as lex
from geo_deconflict.extract._arguments import _VIOLENT, _ArgumentFinder
from geo_deconflict.extract._earlier import find_after, find_earlier, with_earlier
from geo_deconflict.extract._evidence import (
    _THEATRE,
    _anaphoric_actors,
    _area,
    _area_text,
    _army_actors,
    _best_date,
    _date_from_next,
    _named_later,
    _possessive_actors,
    _precision,
    _rank,
    _reverse_index,
    _territory_mentions,
)
from geo_deconflict.extract._needles import could_match, gated
from geo_deconflict.extract._placing import _PlaceFinder
from geo_deconflict.extract._segment import Sentence as _Sentence
from geo_deconflict.extract._segment import credited_sources, dateline, sentences
from geo_deconflict.extract._triggers import _MOVERS, _Trigger, _TriggerFinder
from geo_deconflict.extract.dates import DateMention, _find_dates, fold
from geo_deconflict.extract.drafts import Draft, _merge, _place_notes, _summary
from geo_deconflict.extract.published import guess_publication_date
from geo_deconflict.geoparse.core import Mention, geoparse
from geo_deconflict.incidents.actors import ActorMention, find_actors, side_of
from geo_deconflict.incidents.model import Evidence, Incident, Provenance

__all__ = ["extract"]


def extract(text: str, *, published: dt.date | None = None, doc: str = "doc",
            source: str | None = None, each_place: bool = True) -> list[Draft]:
    """Draft incident records for the events and claims a report describes.

    Parameters
    ----------
    text
        The report, Arabic or English; every offset refers to it unchanged.
    published
        Publication date, to resolve «السبت», «الشهر الماضي», "last month" and years left
        out; when None, a date printed on a line of its own is used, if any.
    doc
        Report id: drafts are numbered ``<doc>-D1``, ``<doc>-D2`` ... and cite it.
    source
        The outlet; when None, agencies credited in the dateline or the last line are used.
    each_place
        An event whose clause lists several places («قصفت قرى السوسة والشعفة والباغوز»,
        "struck Tal Abyad, Ras al-Ayn and Qamishli") gives one draft per place; False gives
        one draft, at the first place, whose notes name the others.

    Returns
    -------
    list of Draft
        In text order; only drafts that could be placed (a draft needs a place to be
        mapped or checked).

    Examples
    --------
    >>> text = ("قصفت طائرات روسية مواقع لقوات سوريا الديمقراطية شرق نهر الفرات يوم السبت، "
    ...         "ما أدى إلى إصابة 4 مقاتلين. ونفت وزارة الدفاع الروسية ذلك.")
    >>> drafts = extract(text, published=dt.date(2017, 9, 17), doc="x")
    >>> [(d.incident.kind, d.incident.actors, d.incident.date_label, d.incident.casualties)
    ...  for d in drafts]
    [('airstrike', ('Russia', 'SDF'), '2017-09-16', 4), ('denial', ('Russia',), '2017-09-17', None)]
    >>> drafts[0].incident.summary
    'airstrike; Russia → SDF; east of Euphrates; 2017-09-16; 4 wounded'
    """
    if published is None:
        published = guess_publication_date(text)
    report = _Report(text, published, doc, source)
    report.each_place = each_place
    return report.run()


# --------------------------------------------------------------------------------- pieces
@dataclass(slots=True)
class _Raw:
    trigger: _Trigger
    sentence: _Sentence
    actors: list[ActorMention]
    place: Mention | None
    implied_place: bool
    date: DateMention | None
    date_note: str | None
    casualties: dict[str, tuple[int, int, int]]
    kind: str


class _Report(_TriggerFinder, _ArgumentFinder, _PlaceFinder):
    def __init__(self, text: str, published: dt.date | None, doc: str,
                 source: str | None) -> None:
        self.text = text
        self.published = published
        self.doc = doc
        self.folded, self.index = fold(text)
        self.rev = _reverse_index(text, self.index)
        self.mentions = [m for m in geoparse(text) if m.lon is not None]
        self.mentions = sorted(self.mentions + _territory_mentions(
            text, self.folded, self.index, self.mentions), key=lambda m: m.start)
        self.dates = [d for d in _find_dates(text, self.folded, self.index, published)
                      if published is None or d.last is None
                      or d.last.year >= published.year - 5]   # not history
        self.dates = with_earlier(self.dates, find_earlier(text, self.folded, self.index,
                                                           published))
        self.after_dates = find_after(text, self.folded, self.index, self.dates)
        self.dateline_end = dateline(text)
        metonyms = {(m.start, m.end) for m in self.mentions if m.metonymic}
        places = [(m.start, m.end) for m in self.mentions]
        literal = {(m.start, m.end) for m in self.mentions
                   if not m.metonymic and m.kind == "toponym"}
        territory = could_match(_TERRITORY_BEFORE, self.folded) or \
            could_match(_TERRITORY_AFTER, self.folded)
        self.actors = [a for a in find_actors(text)
                       if (not a.metonym or (a.start, a.end) in metonyms
                           or not any(s < a.end and a.start < e for s, e in places))
                       and (a.start, a.end) not in literal   # «الحدود مع العراق»: a place
                       and not (territory and self._territory(a))]
        self.actors = sorted(self.actors + _anaphoric_actors(self.text, self.folded, self.index,
                                                             self.actors)
                             + _possessive_actors(self.text, self.folded, self.index, self.rev,
                                                  self.actors)
                             + _army_actors(self.text, self.folded, self.index, self.actors),
                             key=lambda a: a.start)
        self.sources = credited_sources(self.folded, self.rev, self.dateline_end, source,
                                        published)
        self._trigger_cache: dict[tuple[int, int], list[_Trigger]] = {}
        self._all_triggers: list | None = None
        self._memo: dict[tuple, object] = {}   # worked out once per report or sentence
        self._held: dict = {}   # id of a pattern -> whether the report could hold it (`_holds`)
        self.each_place = True

    @property
    def _country(self) -> Mention | None:
        """The country the report is about, when it names one (a claim with no place of its
        own is about the war at large: «سوريا», "Syria")."""
        named = [m for m in self.mentions if m.kind == "toponym" and m.place is not None
                 and m.place.id.startswith("country:") and not m.metonymic
                 and _THEATRE[0] <= m.lon <= _THEATRE[2] and _THEATRE[1] <= m.lat <= _THEATRE[3]]
        # (Syria first: «الحدود العراقية» names a border, the war is Syria's)
        return next((m for m in named if m.place.id == "country:SY"), named[0] if named else None)

    # ------------------------------------------------------------------ the pipeline
    def run(self) -> list[Draft]:
        raws: list[_Raw] = []
        last_place: dict[int, Mention] = {}
        lead_place: dict[int, Mention] = {}
        last_date: dict[int, tuple[int, DateMention]] = {}
        last_actors: dict[int, tuple[int, list[ActorMention]]] = {}
        last_pair: dict[int, list[ActorMention]] = {}
        last_sides: dict[int, list[ActorMention]] = {}   # two parties, however they met
        last_speaker: dict[int, ActorMention] = {}
        last_of_kind: dict[tuple[int, str], tuple[int, list[ActorMention]]] = {}
        for sent in sentences(self.text):
            if sent.heading:
                continue
            triggers = self._triggers(sent)
            for n, trig in enumerate(triggers):
                if trig.kind == "statement" and any(t.kind not in lex.CLAIM_KINDS
                                                    for t in triggers[:n]) and \
                        self._trailing_attribution(trig, sent):
                    said = [a for a in self.actors if sent.start <= a.start and a.end <= trig.start
                            and a.actor not in _NON_PARTIES and not self.folded[
                                self.rev[a.end - 1] + 1:self.rev[trig.start]].strip(" ,،")]
                    if said:   # "It said" in the next sentence takes this speaker up
                        last_speaker[sent.section] = said[-1]
                    continue    # "..., the US official added.": who told the event, not a claim
                if trig.kind in _REPORTING and not self._announces_act(trig) and any(
                        t.kind in _VIOLENT | lex.PHYSICAL_KINDS and (
                            t.pos == "verb" or m < n or t.kind != "military_presence")
                        and not cue.NEW_MAIN_CLAUSE.search(
                            self.folded, self.rev[min(trig.end, t.end)],
                            self.rev[max(trig.start, t.start)])
                        and not (m < n and self._in_relative_before(t, trig, sent))
                        and not self._describes_a_place(t)
                        for m, t in enumerate(triggers) if m != n):
                    said = [a for a in self._actors(trig, sent) if a.actor not in _NON_PARTIES
                            and a.end <= self._content_start(trig, sent)]
                    if said:
                        last_speaker[sent.section] = said[0]
                    continue    # «قالت قسد إن طائرات روسية قصفت ...»: the report is the event
                if trig.kind == "statement" and any(
                        t.kind in _SPECIFIC_CLAIMS and t.pos == "verb" for t in triggers):
                    continue    # «أكد المرصد ... لكنه قدّر عدد القتلى»: the specific claim
                raw = self._raw(trig, sent)
                taken_up = False    # actors named before, taken up by an anaphor
                speaker = last_speaker.get(sent.section)
                if speaker and raw.kind in lex.CLAIM_KINDS and (cue.SPEAKER_ANAPHORS.search(
                        self.folded, max(0, self.rev[trig.start] - 30), self.rev[trig.start])
                        or cue.SPEAKER_AFTER.match(self.folded, self.rev[trig.end])):
                    # "It said", «وقالت الوزارة»: the speaker named before goes on
                    raw.actors = [speaker] + [a for a in raw.actors if a.actor != speaker.actor
                                              and self.rev[a.start] > self.rev[trig.start]]
                    taken_up = True
                pair = last_pair.get(sent.section)
                sides = last_sides.get(sent.section)
                between = sides and cue.BETWEEN_THE_TWO.match(
                    self.folded, self.rev[trig.end], min(self.rev[trig.end] + 40,
                                                         self.rev[trig.scope[1]]))
                if between:   # «اشتباكات متقطعة بين الطرفين»: the pair, whoever else is named
                    raw.actors = sides + [a for a in raw.actors if a.actor in _NON_PARTIES]
                    taken_up = True
                elif pair and cue.PAIR_ANAPHORS.search(   # («... بين الطرفين» after it too)
                        self.folded, self.rev[trig.scope[0]],
                        min(self.rev[trig.end] + 25, self.rev[trig.scope[1]])) and \
                        len({a.actor for a in raw.actors} - _NON_PARTIES) < 2:
                    # «وكان الجانبان قد سيّرا», "the two leaders' summit": the pair named before
                    raw.actors = pair + [a for a in raw.actors if a.actor not in
                                         {b.actor for b in pair} | _NON_PARTIES]
                    taken_up = True
                earlier = last_of_kind.get((sent.section, raw.kind))
                if not taken_up and earlier and earlier[0] >= sent.paragraph - 1 and \
                        self._definite_again(trig):
                    # «وأن الغارات طاولت كذلك قرية الهري»: the strikes told before, by whom
                    # they were told to be made (and on whom)
                    raw.actors = list(earlier[1]) + [
                        a for a in raw.actors if a.actor not in _MONITORS
                        and a.actor not in {b.actor for b in earlier[1]}]
                    taken_up = True
                lo, hi = trig.scope
                own = [a for a in raw.actors if lo <= a.start and a.end <= hi] or \
                    self._subject_before_relative(trig, sent) or \
                    self._speaker_as_subject(trig, sent)   # "X, who ..., set up", "X said they"
                if not own and not taken_up and raw.kind not in lex.CLAIM_KINDS and \
                        last_actors.get(sent.section, (-9, []))[0] >= sent.paragraph - 1:
                    # «وتدور الاشتباكات حالياً عند ...»: the forces of the story so far
                    raw.actors = list(last_actors[sent.section][1])
                    raw.date_note = "; ".join(filter(None, [raw.date_note,
                                                            "actors of the context"]))
                if not raw.actors:
                    continue
                if raw.kind not in lex.CLAIM_KINDS:
                    last_actors[sent.section] = (sent.paragraph, raw.actors)
                    last_of_kind[sent.section, raw.kind] = (sent.paragraph, raw.actors)
                elif raw.actors[0].actor not in _NON_PARTIES:
                    last_speaker[sent.section] = raw.actors[0]
                two = list({a.actor: a for a in reversed(raw.actors)
                            if a.actor not in _NON_PARTIES}.values())[::-1][:2]
                if len(two) == 2:
                    last_sides[sent.section] = two
                if len({a.actor for a in raw.actors} - _NON_PARTIES) >= 2 and \
                        raw.kind not in _VIOLENT:    # "the two sides" act together
                    last_pair[sent.section] = list({a.actor: a for a in reversed(raw.actors)
                                                    if a.actor not in _NON_PARTIES}.values()
                                                   )[::-1][:2]
                if raw.place is None:
                    implied = _referent(raw, raws) \
                        or self._anaphor(sent) and last_place.get(sent.section) \
                        or (raw.kind in _CLAIMS_AT_LARGE and self._country) \
                        or lead_place.get(sent.section)
                    if implied is None:
                        continue
                    raw.place, raw.implied_place = implied, True
                else:
                    last_place[sent.section] = raw.place
                    lead = lead_place.get(sent.section)
                    if lead is None or (_rank(raw.place) < _rank(lead)):
                        lead_place[sent.section] = raw.place
                if raw.date is not None and raw.date.resolved and raw.date.surface:
                    last_date[sent.section] = (sent.paragraph, raw.date)
                elif raw.kind not in lex.CLAIM_KINDS and sent.section in last_date and (
                        sent.paragraph - last_date[sent.section][0] <= 1 or self._same_time(sent)):
                    raw.date, raw.date_note = last_date[sent.section][1], "date of the context"
                raws.extend(self._per_place(raw))
        _date_from_next(raws)
        _named_later(raws, self.folded, self.rev, self.index, self.mentions)
        drafts = _merge([self._draft(raw) for raw in raws])
        for n, d in enumerate(drafts, start=1):   # (records made here, that no one else holds:
            object.__setattr__(d.incident, "id", f"{self.doc}-D{n}")   # named in place)
        return [Draft(d.incident, d.area, d.place_implied, d.paragraph) for d in drafts]

    # ------------------------------------------------------------------ one trigger
    def _raw(self, trig: _Trigger, sent: _Sentence) -> _Raw:
        actors = self._actors(trig.partner or trig, sent)
        place = self._place(trig.partner or trig, sent)
        lo, hi = trig.scope
        # (an act told done is not dated in the weeks after the report: "on March 15" is a
        # plan's day; a claim may name the day it is about, «ابتداءً من 25 مايو الجاري»; a
        # teaser appended years later keeps its own)
        future = self.published is not None and trig.kind not in lex.CLAIM_KINDS
        dates = [d for d in self.dates if sent.start <= d.start and d.end <= sent.end and not (
            future and d.first is not None and
            self.published < d.first <= self.published + _PLANNED_WITHIN) and not (
            # («منذ سنوات», "since September 2015", long before the report: the start of a
            # state, not the day of an act)
            trig.kind not in _ONGOING and d.first is not None and d.last is not None
            and ((d.last - d.first).days > 366 or self.published is not None
                 and d.first < self.published - _PLANNED_WITHIN and d.start > trig.start
                 and _SINCE.search(self.folded, max(0, self.rev[d.start] - 6),
                                   self.rev[d.start] + 4)))]
        if dates and self._holds(_ASIDE):
            # «وكانت الدورية، وهي الثانية منذ توقيع البروتوكول في الخامس من آذار، قد
            # انطلقت»: a date in an aside about the subject is not the act's
            asides = [(self.index[m.start()], self.index[m.end() - 1]) for m in _ASIDE.finditer(
                self.folded, self.rev[sent.start], self.rev[sent.end])]
            dates = [d for d in dates if not any(
                a <= d.start and d.end <= b and not a <= trig.start < b for a, b in asides)]
        # "a day after X": X's day; in the clause, or right before the trigger ("last week's
        # capture")
        date = _best_date([d for d in self.after_dates if sent.start <= d.start and
                           0 <= trig.start - d.end <= 60 and not any(
                               d.end <= t.start < trig.start for t in self._triggers(sent))]) or \
            _best_date([d for d in dates if 0 <= trig.start - d.end <= 3
                        and not _COMMA.search(self.text, d.end, trig.start)]) or \
            _best_date([d for d in dates if lo <= d.start and d.end <= hi]) or \
            _best_date(dates)
        note = None
        if date is None and sent.section == 0 and self.published is not None and \
                trig.kind in lex.CLAIM_KINDS:
            if self._pluperfect(sent, trig):   # «كانت الوزارة قد أعلنت»: before the report
                first = self.published - dt.timedelta(days=14)
                last = self.published - dt.timedelta(days=1)
                date = DateMention(trig.start, trig.start, "", first, last, "range", True)
                note = "earlier than publication (pluperfect), within two weeks assumed"
            else:
                date = DateMention(trig.start, trig.start, "", self.published,
                                   self.published, "day", True)
                note = "publication date assumed"
        kind = trig.kind
        if kind == "strike":
            kind = self._strike_kind(trig, sent)
        elif kind == "attack" and self._by_air(trig):
            kind = "airstrike"   # «اعتدى طيران التحالف على موقع», "an attack by warplanes"
        elif kind == "deployment" and trig.pos == "verb" and _CONVOY_SUBJECT.match(
                self.folded, self.rev[trig.end - 1] + 1):
            kind = "convoy_movement"   # «دخل رتل عسكري تركي», «وصلت قافلة»: a convoy moved
        if kind == "displacement" and actors and all(a.actor != "civilians" for a in actors) \
                and not lex.PEOPLE_WORDS.search(self.folded, self.rev[trig.scope[0]],
                                                self.rev[trig.scope[1]]):
            kind = "withdrawal"     # fighters who flee withdraw; people who flee are displaced
        elif kind in ("withdrawal", "deployment") and actors and (
                all(a.actor == "civilians" for a in actors) or
                actors[0].actor == "civilians" and trig.pos == "verb"):
            # «غادرت دفعة من النازحين المخيم», «وصول آلاف المدنيين إلى نقطة الفرز»: people who
            # leave or arrive are displaced; they neither withdraw nor deploy
            kind = "displacement"

        if kind == "statement" and self._against_other_side(trig, sent, actors):
            kind = "accusation"
        if kind not in lex.CLAIM_KINDS:   # «رصد المرصد وصول تعزيزات»: the monitor only tells
            actors = [a for a in actors if a.actor not in _MONITORS] or actors
        casualties = self._casualties(sent, trig)
        if kind == "statement" and casualties.get("killed") and not any(
                k in lex.HOSTILE_KINDS or k == "strike" for k, _, _ in trig.about):
            kind = "casualties_report"   # "SOHR put the toll at 52 killed": a count of the dead
        return _Raw(trig, sent, actors, place, False, date, note, casualties, kind)

    def _territory(self, actor: ActorMention) -> bool:
        """A nationality that names ground or people, not a party: «الأراضي العراقية», "Turkish
        territory", «من الجنسيتين العراقية والأفغانية»."""
        f0 = self.rev[actor.start]
        return _TERRITORY_BEFORE.search(self.folded, max(0, f0 - 24), f0) is not None or \
            _TERRITORY_AFTER.match(self.folded, self.rev[actor.end - 1] + 1) is not None

    def _trailing_attribution(self, trig: _Trigger, sent: _Sentence) -> bool:
        """A reporting verb at the end of its sentence, after a comma: ", residents said.",
        «، بحسب ما أفادت مصادر محلية»."""
        f0, f_end = self.rev[trig.start], self.rev[sent.end]
        comma = max(self.folded.rfind(",", self.rev[sent.start], f0),
                    self.folded.rfind("،", self.rev[sent.start], f0))
        # what follows it, less the names of who tells ("the Syrian Observatory for Human
        # Rights"), is a few words at most
        named = sum(self.rev[a.end - 1] + 1 - self.rev[a.start] for a in self.actors
                    if trig.end <= a.start and a.end <= sent.end)
        return comma >= 0 and f0 - comma < 45 and f_end - self.rev[trig.end] - named < 25 \
            and not _CONTENT_AFTER.search(self.folded, self.rev[trig.end], f_end)

    def _per_place(self, raw: _Raw) -> list[_Raw]:
        """The event at each place of a list its clause names, or once with a note (a patrol
        or a convoy through villages: one movement along its route, at the first)."""
        if raw.implied_place or raw.place is None:
            return [raw]
        scope = (raw.trigger.partner or raw.trigger).scope
        listed = self._enumerated(scope) or self._place_list(raw.place, scope)
        if len(listed) < 2:
            return [raw]
        if not self.each_place or raw.kind in _ROUTES:
            raw = replace(raw, place=listed[0]) if self.each_place else raw
            others = ", ".join(m.name or m.surface for m in listed if m is not raw.place)
            raw.date_note = "; ".join(filter(None, [raw.date_note, f"also at {others}"]))
            return [raw]
        return [replace(raw, place=m) for m in listed]

    def _against_other_side(self, trig: _Trigger, sent: _Sentence,
                            actors: list[ActorMention]) -> bool:
        """A party saying that a party of another side did something («قال البيت الأبيض إن
        رتلاً روسياً اعترض ...», "Akar said the YPG was digging trenches"): an accusation."""
        if trig.pos != "verb" or not actors or self._threat(trig):
            return False   # (a threat is a statement, whoever it is against)
        speaker = side_of(actors[0].actor)
        start = self._content_start(trig, sent)
        if speaker == "non_party" or start == trig.end or start - trig.end > 60 or \
                re.search(r"[,،;]", self.text[trig.end:start]):
            return False    # no "that" of its own: "announced X, which followed Y that ..."
        said = [a for a in self.actors if start <= a.start < trig.scope[1]]
        if not said or side_of(said[0].actor) in ("non_party", speaker):
            return False
        # «أن روسيا والولايات المتحدة تواصلان ...»: both sides together, no accusation
        gap = self.folded[self.rev[said[0].end]:self.rev[said[1].start]] if len(said) > 1 else ""
        return not (len(said) > 1 and side_of(said[1].actor) == speaker
                    and re.fullmatch(r"\s*(?:و|and|,)\s*(?:the\s+)?", gap))

    def _announces_act(self, trig: _Trigger) -> bool:
        """«أعلنت رئاسة الأركان انطلاق العملية», "announced the start of the campaign": the
        announcement of an act it names by a noun is a claim of its own."""
        return trig.pos == "verb" and bool(cue.ANNOUNCE.fullmatch(self._folded_word(trig))) \
            and any(k in _VIOLENT | lex.PHYSICAL_KINDS for k, _, _ in trig.about)

    def _content_start(self, trig: _Trigger, sent: _Sentence) -> int:
        """Where what a claim says begins: after «إن/أن», "that", else right after it."""
        match = cue.CONTENT_START.search(self.folded, self.rev[trig.end], self.rev[sent.end])
        return self.index[match.start()] if match else trig.end

    def _pluperfect(self, sent: _Sentence, trig: _Trigger) -> bool:
        window = self.folded[self.rev[sent.start]:self.rev[trig.end]]
        return bool(re.search(r"(?<![\u0621-\u064a])[وف]?كان(?:ت|وا)?\s+(?:\S+\s+){0,4}?قد\s",
                              window) or re.search(r"\bhad\s+(?:\w+\s+)?\w+ed\b", window))

    # ------------------------------------------------------------------ the record
    def _draft(self, raw: _Raw) -> Draft:
        trig, sent, place = raw.trigger, raw.sentence, raw.place
        names = list(dict.fromkeys(a.actor for a in raw.actors))
        evidence = [Evidence("trigger", trig.start, trig.end, self.text[trig.start:trig.end])]
        evidence += [Evidence("content", s, e, self.text[s:e]) for _, s, e in trig.about]
        evidence += [Evidence("actor", a.start, a.end, a.surface) for a in raw.actors]
        notes = []
        if raw.implied_place:
            notes.append(f"place implied (named at {place.start}:{place.end})")
        else:
            evidence.append(Evidence("place", place.start, place.end, place.surface))
        date = raw.date
        if date is not None and date.surface and date.resolved:
            evidence.append(Evidence("date", date.start, date.end, date.surface))
        if raw.date_note:
            notes.append(raw.date_note)
        notes += _place_notes(place)
        killed = raw.casualties.get("killed")
        wounded = raw.casualties.get("wounded")
        for role_value in (killed, wounded):
            if role_value:
                evidence.append(Evidence("casualties", role_value[1], role_value[2],
                                         self.text[role_value[1]:role_value[2]]))
        hurt = (killed[0] if killed else 0) + (wounded[0] if wounded else 0)
        area, uncertainty = _area(place)
        if raw.implied_place and place.kind == "toponym" and (place.precision or 3) < 3:
            # an implied town stands for its surroundings
            uncertainty = max(uncertainty or 0.0, 25_000.0)
        resolved = date is not None and date.resolved
        incident = Incident(
            id=f"{self.doc}-draft", kind=raw.kind,
            event_date=date.first if resolved else None,
            date_end=date.last if resolved else None,
            date_precision=date.precision if resolved else None,
            actors=tuple(names), place=place.name, place_ar=place.surface,
            area=None if raw.implied_place else _area_text(place),
            longitude=round(place.lon, 6), latitude=round(place.lat, 6),
            geo_precision=_precision(place), uncertainty_m=uncertainty,
            fatalities=killed[0] if killed else None, casualties=hurt or None,
            summary=_summary(raw.kind, trig.about, names, place, date if resolved else None,
                             killed, wounded),
            sources=self.sources,
            provenance=Provenance(doc=self.doc, start=sent.start, end=sent.end,
                                  evidence=tuple(sorted(evidence, key=lambda e: e.start))),
            notes="; ".join(notes) or None)
        return Draft(incident, area, raw.implied_place, sent.paragraph,
                     raw.trigger.kind == "strike", place.place.id if place.place else None)


# ------------------------------------------------------------------------------- helpers

_COMMA = re.compile(r"[,،;؛]")
# what a claim says comes after it: "said that ...", «قال إن ...» (no trailing attribution)
_CONTENT_AFTER = re.compile(r"\b(?:that|ان|انه|انها)\b")

_PLANNED_WITHIN = dt.timedelta(days=92)
_ONGOING = frozenset({"military_presence", "patrol"})   # states and rounds "since" a date
_SINCE = re.compile(r"(?<![\u0621-\u064a])منذ\s|\bsince\s")
# an aside between commas about what was just named: «، وهي الثانية منذ ...،», ", which ...,"
_ASIDE = gated(re.compile(r"[,،]\s*(?:وهي|وهو|وهما|وهم|which)\s[^,،.;]{3,120}[,،]"))
# the convoy that is a verb's subject, right after it: «دخل ظهر اليوم رتل عسكري»
_CONVOY_SUBJECT = re.compile(r"(?:\s+[^\s.,،]+){0,3}?\s+(?:ال)?(?:رتل|قافله|ارتال|قوافل)"
                             r"(?![\u0621-\u064a])")
_NON_PARTIES = frozenset({"civilians", "SOHR"})
_MONITORS = frozenset({"SOHR"})
# a nationality that names ground, not a party: «الأراضي العراقية», "Turkish territory"
_TERRITORY_BEFORE = gated(re.compile(
    r"(?:ال|لل)(?:اراضي|حدود|اجواء|مياه|تراب)\s+"
    # «الحدود السورية – العراقية», «الحدود السورية والعراقية»
    r"(?:\S+\s*[-–—]\s*|\S+\s+و)?$"
    r"|\b(?:border|borders|frontier)\s+with\s+$"   # "the border with Iraq"
    # a nationality («من الجنسيتين العراقية والأفغانية»)
    r"|(?:ال)?(?:جنسيه|جنسيتين|جنسيات)\s+(?:\S+\s+و)?$"))
_TERRITORY_AFTER = re.compile(r"\s+(?:territory|soil|airspace|border|frontier|side\s+of\s+the\s+"
                              r"border)\b(?!\s+(?:guards?|police|forces|troops|units|patrols?))")
_ROUTES = frozenset({"patrol", "convoy_movement"})   # movements along a list of places
_CLAIMS_AT_LARGE = frozenset({"statement", "accusation", "denial", "agreement"})

# claims that only report an event: the event they report is the draft
_REPORTING = frozenset({"statement", "casualties_report"})
_SPECIFIC_CLAIMS = frozenset({"accusation", "denial", "casualties_report", "request_refused"})


def _referent(raw: _Raw, raws: list[_Raw]) -> Mention | None:
    """The place of the event a claim without a place of its own is about: the last event
    of the kind its content names («أكد المرصد الغارات», "confirmed the strikes"); not an
    agreement or a meeting, whose venue is not what a claim about it is about."""
    if raw.kind not in lex.CLAIM_KINDS:
        return None
    kinds = {k for k, _, _ in raw.trigger.about} & (_VIOLENT | lex.PHYSICAL_KINDS)
    if "strike" in kinds:
        kinds |= {"airstrike", "shelling"}
    for earlier in reversed(raws):
        if earlier.sentence.section == raw.sentence.section and not earlier.implied_place and (
                earlier.kind in kinds or earlier.kind in _VIOLENT and any(
                    k in kinds and k in _MOVERS for k, _, _ in earlier.trigger.about)):
            return earlier.place   # (or the clash a patrol was a side of: «تبادل لإطلاق النار
            #                         بين دورية أمريكية وعناصر حاجز في قرية خربة حمو»)
    return None

