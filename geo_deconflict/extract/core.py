"""Draft incident records from a news report (Arabic or English), tied to the words they come from.

`extract` reads a report and returns one `Draft` per reported event or claim: an `Incident`
(event type and `kind`, actors, place with precision and uncertainty, date with precision,
casualties, a machine-made summary, the source) whose `Provenance` gives the sentence's
offsets and the **evidence** spans (trigger, actor, place, date, casualties), so that an
analyst can check every field against the text. Drafts load as incidents as they are
(`drafts_json` → `incidents.load_incidents`), so ``map`` and ``check`` accept them.

How it works, sentence by sentence:

1. **Triggers** (`_event_lexicon.TRIGGERS`): verbs report acts of their own (قصفت، اتهمت،
   نفت، قال، التقى ...); a noun after another trigger in the sentence is that trigger's
   content («اتهمت قسد الطيران الروسي **بقصف** مواقعها» is one accusation about a strike), as
   is a verb right after a relative pronoun («الاتفاق **الذي أكده** الرئيسان»). Negated
   triggers («لم تتعرض لقصف») are dropped. Each kept trigger governs the words up to the next.
2. **Actors** (`actors.find_actors`) in that scope, else in the sentence. A capital counts
   as its state («موسكو نفت») only where the geoparser reads it as metonymic.
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
from dataclasses import dataclass, field, replace

from geo_deconflict.extract import _lexicon as lex
from geo_deconflict.extract._evidence import (
    _THEATRE,
    _area,
    _area_text,
    _best_date,
    _rank,
    _reverse_index,
    _territory_mentions,
)
from geo_deconflict.extract.dates import DateMention, find_dates, fold, guess_publication_date
from geo_deconflict.extract.drafts import Draft, _merge, _summary
from geo_deconflict.geoparse.core import Mention, geoparse
from geo_deconflict.incidents.actors import ActorMention, find_actors
from geo_deconflict.incidents.model import PLACE_UNCERTAIN, Evidence, Incident, Provenance
from geo_deconflict.zones.model import Source

__all__ = ["extract"]


def extract(text: str, *, published: dt.date | None = None, doc: str = "doc",
            source: str | None = None) -> list[Draft]:
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
    return report.run()


# --------------------------------------------------------------------------------- pieces

@dataclass(slots=True)
class _Trigger:
    start: int
    end: int
    kind: str
    pos: str
    about: list[tuple[str, int, int]] = field(default_factory=list)
    scope: tuple[int, int] = (0, 0)


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    section: int
    heading: bool
    paragraph: int = 0


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


class _Report:
    def __init__(self, text: str, published: dt.date | None, doc: str,
                 source: str | None) -> None:
        self.text = text
        self.published = published
        self.doc = doc
        self.folded, self.index = fold(text)
        self.rev = _reverse_index(self.index, len(text))
        self.mentions = [m for m in geoparse(text) if m.lon is not None]
        self.mentions = sorted(self.mentions + _territory_mentions(text, self.mentions),
                               key=lambda m: m.start)
        self.dates = find_dates(text, published=published)
        self.dateline_end = self._dateline()
        metonyms = {(m.start, m.end) for m in self.mentions if m.metonymic}
        places = [(m.start, m.end) for m in self.mentions]
        self.actors = [a for a in find_actors(text) if not a.metonym
                       or (a.start, a.end) in metonyms
                       or not any(s < a.end and a.start < e for s, e in places)]
        self.sources = self._sources(source)
        self._trigger_cache: dict[tuple[int, int], list[_Trigger]] = {}

    # ------------------------------------------------------------------ the pipeline
    def run(self) -> list[Draft]:
        raws: list[_Raw] = []
        last_place: dict[int, Mention] = {}
        lead_place: dict[int, Mention] = {}
        last_date: dict[int, tuple[int, DateMention]] = {}
        for sent in self._sentences():
            if sent.heading:
                continue
            for trig in self._triggers(sent):
                raw = self._raw(trig, sent)
                if not raw.actors:
                    continue
                if raw.place is None:
                    implied = self._anaphor(sent) and last_place.get(sent.section) \
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
                elif raw.kind not in lex.CLAIM_KINDS and sent.section in last_date and \
                        sent.paragraph == last_date[sent.section][0]:
                    raw.date = last_date[sent.section][1]
                    raw.date_note = "date of the context"
                raws.append(raw)
        drafts = [self._draft(raw) for raw in raws]
        drafts = _merge(drafts)
        return [replace(d, incident=replace(d.incident, id=f"{self.doc}-D{n}"))
                for n, d in enumerate(drafts, start=1)]

    # ------------------------------------------------------------------ segmentation
    def _sentences(self) -> list[_Sentence]:
        out: list[_Sentence] = []
        section = 0
        text = self.text
        for n_para, para in enumerate(re.finditer(r"[^\n]+", text)):
            line = para.group()
            if not line.strip():
                continue
            if _TEASER.match(fold(line)[0].strip()):
                section += 1          # what follows is another story
                continue
            words = len(line.split())
            heading = words <= 14 and not re.search(r"[.!?؟…:]\s*[\"”»]?\s*$", line.strip())
            pieces = re.split(r"(?<=[.!?؟])(?<![A-Z]\.)(?<!\d\.)\s+", line)
            pos = para.start()
            for piece in pieces:
                start = text.index(piece, pos) if piece else pos
                end = start + len(piece)
                pos = end
                if piece.strip():
                    out.append(_Sentence(start, end, section, heading, n_para))
        return out

    def _dateline(self) -> tuple[int, int]:
        """The dateline («واشنطن (CNN) --», "BEIRUT (Reuters) -") opening one of the first
        lines: the place where the report was filed, not where events happened."""
        for line in list(re.finditer(r"[^\n]+", self.text))[:4]:
            match = re.match(r"\s*[^\n(]{0,80}?\((?:[A-Za-z .]+|[\u0621-\u064a ]+)\)\s*"
                             r"(?:--|-|–|—|:)", line.group())
            if match:
                return line.start(), line.start() + match.end()
        return 0, 0

    # ------------------------------------------------------------------ triggers
    def _triggers(self, sent: _Sentence) -> list[_Trigger]:
        key = (sent.start, sent.end)
        if key not in self._trigger_cache:
            self._trigger_cache[key] = self._find_triggers(sent)
        return self._trigger_cache[key]

    def _find_triggers(self, sent: _Sentence) -> list[_Trigger]:
        f_start, f_end = self.rev[sent.start], self.rev[sent.end]
        found: list[_Trigger] = []
        for s, e, entry in lex.find_triggers(self.folded, f_start, f_end):
            if self._negated(s):
                continue
            pos = entry.pos
            if pos == "verb" and s > 0 and self.folded[s - 1] in "بل" and \
                    (s < 2 or not self.folded[s - 2].isalpha() or self.folded[s - 2] in "وف"):
                pos = "noun"   # «بقصف», «لضرب»: a verbal noun after a preposition
            found.append(_Trigger(self.index[s], self.index[e - 1] + 1, entry.kind, pos))
        kept: list[_Trigger] = []
        for n, trig in enumerate(found):
            host = kept[-1] if kept else None
            if trig.pos == "weak" and host is None:
                continue
            until = next((t.start for t in found[n + 1:] if t.pos == "verb"), sent.end)
            if host is not None and trig.pos == "noun" and self._own_event(trig, host, until):
                kept.append(trig)
                continue
            if host is not None and self._participle(trig) and not any(
                    trig.end <= m.start and m.end <= sent.end for m in self.mentions):
                host.about.append((trig.kind, trig.start, trig.end))
                continue    # «..., مشدداً على أن ...»: the same speaker goes on
            if host is not None and (trig.pos in ("noun", "weak") or self._after_relative(trig)
                                     or (host.kind in lex.CLAIM_KINDS
                                         and trig.kind not in lex.HOSTILE_KINDS
                                         and trig.kind not in lex.PHYSICAL_KINDS
                                         and trig.kind not in lex.CLAIM_KINDS)):
                host.about.append((trig.kind, trig.start, trig.end))
                continue
            kept.append(trig)
        for i, trig in enumerate(kept):
            before = kept[i - 1].end if i else sent.start
            finish = kept[i + 1].start if i + 1 < len(kept) else sent.end
            trig.scope = (before, finish)
        return kept

    def _own_event(self, trig: _Trigger, host: _Trigger, until: int) -> bool:
        """A hostile verbal noun with a place of its own after a claim is also an event
        («اتهمت قسد الطيران الروسي بقصف مواقعها في ريف دير الزور»), unless it is only
        asked for, proposed or planned."""
        if trig.kind not in lex.HOSTILE_KINDS | {"deployment", "movement"} \
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
        if not hostile_host and lex.ANAPHORS.search(self.folded, self.rev[trig.end],
                                                    self.rev[until]):
            return True     # «عقب تبادل إطلاق النار ... في المنطقة»
        return any(trig.end <= m.start and m.end <= until and not m.metonymic
                   and (not hostile_host or (m.kind == "toponym" and m.precision == 1))
                   for m in self.mentions)

    def _participle(self, trig: _Trigger) -> bool:
        word = fold(self.text[trig.start:trig.end])[0]
        return trig.kind == "statement" and word.endswith("ا") and \
            bool(lex.CONTINUATION.match(word))

    def _negated(self, folded_start: int) -> bool:
        """A negation or a condition in the clause just before («لم يوضح ما إذا كان أعلن»)."""
        clause = re.split(r"[,.:;؛!?؟()\"]", self.folded[max(0, folded_start - 60):folded_start])[-1]
        words = [w.lstrip("وف") if len(w) > 2 else w for w in clause.split()[-7:]]
        near = words[-2:]
        return any(w in lex.NEGATORS for w in near) or \
            any(w in lex.CONDITIONAL for w in words) or \
            (any(w in ("لم", "لن", "ليس", "not", "never") for w in words)
             and not any(w in ("الا", "لكن", "بل", "but") for w in words))

    def _after_relative(self, trig: _Trigger) -> bool:
        if trig.pos != "verb":
            return False
        f = self.rev[trig.start]
        before = self.folded[max(0, f - 25):f].split()[-2:]
        return bool(before) and before[-1] in lex.RELATIVE_PRONOUNS and \
            not (len(before) == 2 and before[0] in ("الامر", "وهو", "ما"))

    # ------------------------------------------------------------------ one trigger
    def _raw(self, trig: _Trigger, sent: _Sentence) -> _Raw:
        actors = self._actors(trig, sent)
        place = self._place(trig, sent)
        lo, hi = trig.scope
        dates = [d for d in self.dates if sent.start <= d.start and d.end <= sent.end]
        date = _best_date([d for d in dates if lo <= d.start and d.end <= hi]) or \
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
            window = self.folded[max(0, self.rev[sent.start] - 300):self.rev[sent.end]]
            kind = "airstrike" if lex.AIR_WORDS.search(window) else "shelling"
        casualties = {}
        if kind in lex.HOSTILE_KINDS | {"airstrike", "shelling"} or not any(
                t.kind in lex.HOSTILE_KINDS for t in self._triggers(sent)):
            casualties = self._casualties(sent)
        return _Raw(trig, sent, actors, place, False, date, note, casualties, kind)

    def _pluperfect(self, sent: _Sentence, trig: _Trigger) -> bool:
        window = self.folded[self.rev[sent.start]:self.rev[trig.end]]
        return bool(re.search(r"(?<![\u0621-\u064a])[وف]?كان(?:ت|وا)?\s+(?:\S+\s+){0,4}?قد\s",
                              window) or re.search(r"\bhad\s+(?:\w+\s+)?\w+ed\b", window))

    def _actors(self, trig: _Trigger, sent: _Sentence) -> list[ActorMention]:
        """The actors a trigger governs, its subject first.

        Arabic puts the subject after the verb (قال المتحدث، نفت موسكو), except after «كان ...
        قد» (كانت موسكو قد حمّلت واشنطن) or when the sentence opens with it; English puts it
        before. The words before the trigger count only for a subject in those positions.
        """
        lo, hi = trig.scope
        after = [a for a in self.actors if trig.start <= a.start and a.end <= hi]
        before = [a for a in self.actors if lo <= a.start and a.end <= trig.start]
        gap = self.folded[self.rev[lo]:self.rev[trig.start]]
        arabic = not self.text[trig.start:trig.end].isascii()
        if arabic:
            subject = re.search(r"كان(?:ت|وا)?\s+(.{1,80}?)\s+قد\s+$", gap)
            # after إن/أن/بأن a clause puts its subject first: «قالت قسد إن طائرات روسية قصفت»
            content = list(_CONTENT_MARKER.finditer(gap))
            if content and not subject:
                c0 = self.index[self.rev[lo] + content[-1].end()]
                clause = [a for a in before if c0 <= a.start]
                if clause:
                    return clause + after
            if subject:
                s0 = self.index[self.rev[lo] + subject.start(1)]
                s1 = self.index[self.rev[lo] + subject.end(1) - 1] + 1
                head = [a for a in before if s0 <= a.start and a.end <= s1]
            elif lo == sent.start and len(gap.split()) <= 5:
                head = before   # a sentence that opens with its subject
            else:
                head = []
            found = head + after
        else:
            found = before[-2:] + after
        return found or [a for a in self.actors
                         if sent.start <= a.start and a.end <= sent.end]

    def _place(self, trig: _Trigger, sent: _Sentence) -> Mention | None:
        cands = [m for m in self.mentions if sent.start <= m.start and m.end <= sent.end
                 and not m.metonymic
                 and not self.dateline_end[0] <= m.start < self.dateline_end[1]]
        relatives = [m for m in cands if m.kind == "relative"]
        cands = [m for m in cands if m.kind == "relative" or not any(
            r.start <= m.start and m.end <= r.end for r in relatives)]
        if not cands:
            return None
        lo, hi = trig.scope

        def score(m: Mention) -> tuple:
            # in the trigger's own words: the nearest place; elsewhere in the sentence: one
            # in the theatre and fine-grained first
            if lo <= m.start and m.end <= hi:
                return (1, 0, 0, -abs(m.start - trig.start))
            theatre = _THEATRE[0] <= m.lon <= _THEATRE[2] and _THEATRE[1] <= m.lat <= _THEATRE[3]
            return (0, theatre, (m.precision or 3) < 3, -abs(m.start - trig.start))

        return max(cands, key=score)

    def _anaphor(self, sent: _Sentence) -> bool:
        return bool(lex.ANAPHORS.search(self.folded, self.rev[sent.start], self.rev[sent.end]))

    def _casualties(self, sent: _Sentence) -> dict[str, tuple[int, int, int]]:
        found: dict[str, tuple[int, int, int]] = {}
        f_lo, f_hi = self.rev[sent.start], self.rev[sent.end]
        for role, pattern in lex.CASUALTIES:
            for m in pattern.finditer(self.folded, f_lo, f_hi):
                group = "n" if m.group("n") else "n2"
                value = lex.number_value(m.group(group))
                if value is None or role in found:
                    continue
                found[role] = (value, self.index[m.start()], self.index[m.end() - 1] + 1)
        return found

    def _sources(self, source: str | None) -> tuple[Source, ...]:
        date = self.published.isoformat() if self.published else None
        if source:
            return (Source(outlet=source, date=date),)
        lines = [ln for ln in self.folded.splitlines() if ln.strip()]
        region = self.folded[:max(self.rev[self.dateline_end[1]], 150)] + "\n" + \
            (lines[-1] if lines and len(lines[-1]) <= 40 else "")
        found = []
        for outlet, names in lex.OUTLETS.items():
            for name in names:
                f_name = fold(name)[0]
                if re.search(rf"(?<![\w\u0621-\u064a]){re.escape(f_name)}(?![\w\u0621-\u064a])",
                             region):
                    found.append(Source(outlet=outlet, date=date))
                    break
        return tuple(found) or ((Source(outlet="", date=date),) if date else ())

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
        if getattr(place, "doubtful", False):   # a namesake nearly as likely, or far away
            notes.append(f"{PLACE_UNCERTAIN}: {place.surface!r} read as {place.name}, "
                         "far from the report's other places or close to a namesake")
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
            geo_precision=place.precision or 3, uncertainty_m=uncertainty,
            fatalities=killed[0] if killed else None, casualties=hurt or None,
            summary=_summary(raw.kind, trig.about, names, place, date if resolved else None,
                             killed, wounded),
            sources=self.sources,
            provenance=Provenance(doc=self.doc, start=sent.start, end=sent.end,
                                  evidence=tuple(sorted(evidence, key=lambda e: e.start))),
            notes="; ".join(notes) or None)
        return Draft(incident, area, raw.implied_place, sent.paragraph)


# ------------------------------------------------------------------------------- helpers

# «إن/أن/بأن»: a clause that reports what happened starts after one of these
_CONTENT_MARKER = re.compile("(?<![\u0621-\u064a])(?:" + "|".join(
    m for m in lex.CONTENT_MARKERS if not m.isascii()) + ")\\s")


_TEASER = re.compile(r"^(?:شاهد|اقرا|طالع)\s+ايضا|^(?:مواضيع|اخبار|مقالات)\s+ذات\s+صله|"
                     r"^ذات\s+صله|^(?:read|see)\s+(?:also|more)|^related(?:\s+\w+)?\s*:?$")


