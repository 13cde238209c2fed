"""The evidence of a draft: which place and which date a sentence's event gets, and places that
the geoparser leaves untagged (a country's territory named by its adjective)."""

from __future__ import annotations

import re

from geo_deconflict.extract import _cues as cue
from geo_deconflict.extract import _lexicon as lex
from geo_deconflict.extract._fold import kept_before
from geo_deconflict.extract._needles import could_match, every_match, gated
from geo_deconflict.extract.dates import DateMention
from geo_deconflict.geoparse.core import Mention
from geo_deconflict.incidents.actors import ActorMention

_TERRITORY_NOUNS = r"(?:الاجواء|الاراضي|المناطق|الساحه|الداخل|الحدود)"
_THEATRE = (34.0, 29.0, 49.0, 38.5)   # lon/lat box: Syria, Iraq, Jordan, Lebanon, south Turkey


_NISBA_COUNTRY = {"السوريه": "Syria", "العراقيه": "Iraq", "التركيه": "Turkey",
                  "الاردنيه": "Jordan", "اللبنانيه": "Lebanon"}
_TERRITORY = gated(re.compile(
    rf"(?<![\u0621-\u064a])[وفبل]?(?:في\s+)?{_TERRITORY_NOUNS}\s+(?:\S+\s+)?"
    rf"(?P<nisba>{'|'.join(_NISBA_COUNTRY)})(?![\u0621-\u064a])"))


def _territory_mentions(text: str, folded: str, index: list[int],
                        mentions: list[Mention]) -> list[Mention]:
    """«الأجواء السورية», «المناطق السورية»: a country's territory named by its adjective,
    which the geoparser (rightly) does not tag as a toponym. `folded`/`index`: `fold(text)`."""
    from geo_deconflict.errors import UnknownPlaceError
    from geo_deconflict.gazetteer.api import resolve

    out = []
    for match in every_match(_TERRITORY, folded) if could_match(_TERRITORY, folded) else ():
        start, end = index[match.start()], index[match.end() - 1] + 1
        if any(m.start < end and start < m.end for m in mentions):
            continue
        try:
            place = resolve(_NISBA_COUNTRY[match["nisba"]], kinds=["country"])
        except (UnknownPlaceError, ValueError):
            continue
        out.append(Mention(start, end, text[start:end], "toponym", place=place, score=0.5,
                           precision=3, lon=place.lon, lat=place.lat))
    return out


def _reverse_index(text: str, index: list[int]) -> list[int]:
    """Original offset -> folded offset (the next kept character for a dropped one), for
    `text` and its `fold` index."""
    if len(index) == len(text) + 1:    # nothing dropped: folding kept every offset
        return list(range(len(text) + 1))
    return kept_before(text)


def _rank(m: Mention) -> tuple[bool, int]:
    """How good a place is as a report's lead place: in the theatre, then fine-grained."""
    theatre = _THEATRE[0] <= m.lon <= _THEATRE[2] and _THEATRE[1] <= m.lat <= _THEATRE[3]
    return (not theatre, m.precision or 3)


def _best_date(dates: list[DateMention]) -> DateMention | None:
    resolved = [d for d in dates if d.resolved]
    if not resolved:
        return None
    order = {"day": 0, "range": 1, "month": 2, "year": 3}
    return min(resolved, key=lambda d: (d.relative and d.precision != "day",
                                        order.get(d.precision, 4)))


def _area_text(place: Mention) -> str | None:
    """A place expression for `Incident.area` when the place is a relative one: its words if
    they name the same area out of context («شرق الفرات»), else its resolved description
    ("east of Euphrates"); None when neither does (an anaphoric «شرق المحافظة»)."""
    from geo_deconflict.incidents.model import _area_geometry

    if place.kind != "relative" or place.geometry is None:
        return None
    for text in (place.surface, place.name):
        geom = _area_geometry(text) if text else None
        # the geoparser's area geometries are shared: mostly the very same object
        if geom is not None and (geom is place.geometry or
                                 geom.equals_exact(place.geometry, 1e-9)):
            return text
    return None


_AREAS: dict[tuple, tuple[object, float | None]] = {}


def _area(place: Mention) -> tuple[object, float | None]:
    """The area a place stands for and its radius in metres (None for a town or site)."""
    key = (place.kind, place.name, place.surface, place.lon, place.lat)
    if key not in _AREAS:
        if len(_AREAS) > 4096:
            _AREAS.clear()
        _AREAS[key] = _measure_area(place)
    return _AREAS[key]


def _measure_area(place: Mention) -> tuple[object, float | None]:
    from geo_deconflict.geo.geodesy import GEOD

    geom = place.geometry if place.kind == "relative" else None
    if geom is None and place.place is not None and place.place.feature_class in "AHL":
        geom = place.place.geometry()
    if geom is None or geom.geom_type == "Point":
        return None, None
    xs, ys = _outline(geom)
    if not xs:
        return geom, None
    _, _, dist = GEOD.inv([place.lon] * len(xs), [place.lat] * len(ys), xs, ys)
    return geom, round(float(max(dist)), -2)


_OUTLINES: dict[int, tuple[object, list[float], list[float]]] = {}


def _outline(geom) -> tuple[list[float], list[float]]:
    """The vertices of an area's simplified outline (or a line's), once per geometry: the
    places' and the relative expressions' geometries are shared objects, measured from
    many points."""
    hit = _OUTLINES.get(id(geom))
    if hit is not None and hit[0] is geom:
        return hit[1], hit[2]
    boundary = geom.boundary if geom.geom_type.endswith("Polygon") else geom
    simple = boundary.simplify(0.01)
    xs, ys = [], []
    for part in getattr(simple, "geoms", [simple]):
        x, y = part.xy
        xs.extend(x)
        ys.extend(y)
    if len(_OUTLINES) > 4096:
        _OUTLINES.clear()
    _OUTLINES[id(geom)] = (geom, xs, ys)   # the geometry is kept, so its id is not reused
    return xs, ys


def _date_from_next(raws: list) -> None:
    """An undated event in a paragraph whose next sentences give a date takes that date: a
    lead («قصفت طائرات التحالف مواقع ...») is dated by the sentence that follows it
    («ونقلت الوكالة، اليوم السبت، أن ...»)."""
    for n, raw in enumerate(raws):
        if raw.date is not None or raw.kind in lex.CLAIM_KINDS:
            continue
        for later in raws[n + 1:]:
            if later.sentence.paragraph != raw.sentence.paragraph or \
                    later.sentence.section != raw.sentence.section:
                break
            if later.date is not None and later.date.resolved and later.date.surface:
                raw.date = later.date
                raw.date_note = "; ".join(filter(None, [raw.date_note,
                                                        "date of the next sentence"]))
                break


def _precision(place: Mention) -> int:
    """ACLED geo-precision of a draft's place: never 1 (a point) for a region, a governorate,
    a river or a relative expression, whatever the geoparser gave."""
    precision = place.precision or 3
    region = place.kind == "relative" or (
        place.place is not None and (place.place.feature_class or "") in ("A", "H", "L"))
    return max(precision, 2) if region else precision


# «التنظيم» not followed by an adjective naming another group («التنظيم الكردي»)
_THE_GROUP = re.compile(r"(?<![\u0621-\u064a])(?:[وفبك]?(التنظيم)|[وف]?ل(لتنظيم))"
                        r"(?![\u0621-\u064a])"
                        r"(?!\s+(?:الكردي|الارهابي\s+الكردي))")


def _anaphoric_actors(text: str, folded: str, index: list[int],
                      actors: list[ActorMention]) -> list[ActorMention]:
    """«التنظيم» alone, after the report has named the Islamic State: the same group; «المرتزقة»,
    «ومرتزقته» alone: the armed group named last before them (Turkey's: the factions it backs;
    «مرتزقة داعش» in the Kurdish press: the Islamic State)."""
    isis = [a.start for a in actors if a.actor == "ISIS"]
    out = []
    for m in every_match(_THE_GROUP, folded) if isis and "تنظيم" in folded else ():
        start, end = _word_span(m, index)
        if start > isis[0] and not any(a.start <= start < a.end for a in actors):
            out.append(ActorMention(start, end, text[start:end], "ISIS"))
    masters = [a for a in actors if a.actor in _MASTERS] if "مرتزق" in folded else []
    for m in _MERCENARIES.finditer(folded) if masters else ():
        start, end = _word_span(m, index)
        before = [a for a in masters if a.end <= start]
        if before and not any(a.start < end and start < a.end for a in actors):
            out.append(ActorMention(start, end, text[start:end], _MASTERS[before[-1].actor]))
    # «الميليشيات» alone, "the militias", "militia reinforcements": those the report named
    militias = [a.start for a in actors if a.actor == "Iran-backed militias"]
    for m in _MILITIA_ALONE.finditer(folded) if militias else ():
        start, end = _word_span(m, index)
        if start > militias[0] and not any(a.start < end and start < a.end for a in actors):
            out.append(ActorMention(start, end, text[start:end], "Iran-backed militias"))
    # «الهيئة» alone, after the report has named Hayat Tahrir al-Sham: the same group
    hts = [a.start for a in actors if a.actor == "HTS"]
    for m in _THE_BODY.finditer(folded) if hts else ():
        start, end = _word_span(m, index)
        if start > hts[0] and not any(a.start < end and start < a.end for a in actors):
            out.append(ActorMention(start, end, text[start:end], "HTS"))
    return out


def _word_span(match: re.Match, index: list[int]) -> tuple[int, int]:
    """The original offsets of the word a match of the folded text took: the one group of its
    alternatives that matched (the word without its proclitics)."""
    g = match.lastindex or 0
    return index[match.start(g)], index[match.end(g) - 1] + 1


_THE_BODY = re.compile(r"(?<![\u0621-\u064a])[وفبل]{0,2}((?:ال|ل)هييه)(?![\u0621-\u064a])")
_MILITIA_ALONE = re.compile(r"(?<![\u0621-\u064a])[وفبل]{0,2}((?:ال)?(?:ميليشيات|مليشيات))"
                            r"(?![\u0621-\u064a])|\b(militias|militiamen|militia)\b")


# «المرتزقة», «مرتزقة», «ومرتزقته», «مرتزقتها» (folded) standing alone, and whose they are
_MERCENARIES = re.compile(r"(?<![\u0621-\u064a])[وفبل]{0,2}((?:ال)?مرتزق(?:ه|ته|تها|تهم))"
                          r"(?![\u0621-\u064a])")
_MASTERS = {"Turkey": "Turkish-backed factions", "Turkish-backed factions": "Turkish-backed factions",
            "ISIS": "ISIS"}


# an army named alone after the report named it in full: «وحدات الجيش», "the army"
_THE_ARMY = gated(re.compile(
    r"(?<![\u0621-\u064a])[وفبل]?(الجيش)(?![\u0621-\u064a])|\bthe\s+(army)\b"))
_ARMY_NAMED = re.compile(r"الجيش|army", re.IGNORECASE)


def _army_actors(text: str, folded: str, index: list[int],
                 actors: list[ActorMention]) -> list[ActorMention]:
    """«بسطت وحدات من الجيش العربي السوري ... وحدات الجيش تواصل تقدمها»: the army the report
    has named in full (the last one before), when the word stands alone."""
    armies = [a for a in actors if _ARMY_NAMED.search(a.surface)]
    out = []
    for m in every_match(_THE_ARMY, folded) if armies else ():
        start, end = _word_span(m, index)
        if any(a.start < end and start < a.end for a in actors):
            continue   # part of a name («الجيش التركي», "the Syrian army")
        named = [a for a in armies if a.end <= start]
        if named:
            out.append(ActorMention(start, end, text[start:end], named[-1].actor))
    return out


# forces named by a possessive: "their troops", «عناصره», «قواتها» (not «موقع لقواتها», a
# position of its forces: a target); the Arabic words are found by their letters and their
# start checked after (a leading look-behind would be tried at every character)
_THEIR_FORCES = gated(re.compile(
    r"\b(?:its|their)\s+(?:own\s+)?(?:forces|troops|soldiers|fighters|jets|warplanes|aircraft|"
    r"drones|units|militiamen|personnel|patrols?|convoys?)\b|"
    r"(?:قوات|جنود|عناصر|مقاتلي|طائرات|مقاتلات|دوريات|دوريت|طيران)(?:ها|هم|ه)(?![\u0621-\u064a])"))
# a speaker: "X said", «قال X»
_SAID_EN = re.compile(r"(?:\s+[\w'-]+){0,2}?\s+(?:said|says|told|stated|announced|claimed|insisted|added|"
                      r"confirmed|confirms|reported|acknowledged)\b")
_SAID_AR = re.compile(r"(?:قال|قالت|اكد|اكدت|اعلن|اعلنت|افاد|افادت|ذكر|ذكرت|اوضح|اوضحت)"
                      r"(?:\s+\S+){0,2}?\s*$")
_NOT_REFERENTS = frozenset({"civilians", "SOHR"})


def _possessive_actors(text: str, folded: str, index: list[int], rev: list[int],
                       actors: list[ActorMention]) -> list[ActorMention]:
    """"Turkish officials said their troops ...", «قال فصيل مغاوير الثورة إن عناصره ...»: the
    forces of a speaker named before them in the sentence are the speaker's."""
    out = []
    for m in every_match(_THEIR_FORCES, folded):
        at = m.start()
        if folded[at] > "z":   # Arabic: a word's start, or after و/ف only
            prior = folded[at - 1] if at else " "
            if "\u0621" <= prior <= "\u064a" and (prior not in "وف" or (
                    at > 1 and "\u0621" <= folded[at - 2] <= "\u064a")):
                continue
            if prior in "وف":
                at -= 1
        start, end = index[at], index[m.end() - 1] + 1
        if any(a.start < end and start < a.end for a in actors):
            continue
        sent = max(folded.rfind(c, 0, m.start()) for c in ".!?؟\n") + 1
        first = index[sent]
        before = [a for a in actors if first <= a.start and a.end <= start
                  and a.actor not in _NOT_REFERENTS]
        for a in reversed(before):   # the speaker: "X said", «قال X»
            f0, f1 = rev[a.start], rev[a.end]
            if _SAID_EN.match(folded, f1) or _SAID_AR.search(folded, max(0, f0 - 40), f0):
                out.append(ActorMention(start, end, text[start:end], a.actor))
                break
    return out


def _site_head(match: re.Match) -> str:
    """One key per site noun, singular and plural alike (villages / village, «قرى» / «قرية»)."""
    word = (match["ar"] or re.sub(r"\s+", "", match["en"])).rstrip("s")
    return {"قريه": "قري", "بلدات": "بلده", "حواجز": "حاجز"}.get(word, word)


def _named_later(raws: list, folded: str, rev: list[int], index: list[int],
                 mentions: list[Mention]) -> None:
    """An event placed only in a region, at a site the report names later with its place:
    "an airfield in northern Syria that US troops left ... the airfield near the town of
    Kobane", «قرى في ريف حلب ... القرى الواقعة غرب منبج». The site's place, if it lies in the
    region, replaces the region, for that event and for those that took its place up."""
    import shapely

    moved: dict[int, Mention] = {}
    for raw in raws if could_match(cue.SITE_NOUN, folded) else ():
        place = raw.place
        if raw.implied_place or place is None or (place.precision or 3) < 3:
            continue
        sent = raw.sentence
        heads = {_site_head(m) for m in cue.SITE_NOUN.finditer(folded, rev[sent.start],
                                                                 rev[sent.end])}
        region = _area(place)[0] if heads else None
        if region is None:
            continue
        for match in cue.SITE_NOUN.finditer(folded, rev[sent.end]):
            if _site_head(match) not in heads or not (match["def"] or match["the"]):
                continue
            after = index[match.end() - 1] + 1
            site = next((m for m in mentions if after <= m.start <= after + 40
                         and not m.metonymic and (m.precision or 3) < 3), None)
            if site is not None and shapely.contains_xy(region, site.lon, site.lat):
                moved[id(place)] = site
                break
    for raw in raws:
        if raw.place is not None and id(raw.place) in moved:
            raw.date_note = "; ".join(filter(None, [raw.date_note, (
                f"placed where the report names the site later ({raw.place.surface} "
                f"→ {moved[id(raw.place)].surface})")]))
            raw.place = moved[id(raw.place)]
