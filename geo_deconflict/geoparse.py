"""Geoparser for Arabic and English news: place mentions with offsets, and relative places.

`geoparse` turns a report into `Mention` values, in text order:

* **toponyms** — a place name, its span in the unmodified text (proclitics such as و ب ل
  and generic heads such as نهر / مدينة / محافظة left out), the resolved gazetteer `Place`,
  a score and the runner-up candidates, ACLED's geo-precision code and a `metonymic` flag for
  capitals and countries that stand for their governments («موسكو طلبت من واشنطن»);
* **relative expressions** — «شرق نهر الفرات», «ريف حماة الشمالي الشرقي», «الضفة اليسرى لنهر
  الفرات», «على بعد 55 كم», "30 km south of Raqqa", "near Manbij" — with a `relation`
  (``east_of``, ``north_part``, ``northeast_countryside``, ``left_bank``, ``within_km``,
  ``near`` ...), its anchor place and a geodesic **geometry** (`relative`), not a point.

How it works: the text is tokenised once (offsets kept); token keys (`names.arabic_key`) are
concatenated into n-grams that are looked up in the gazetteer's key index, longest first,
with Arabic proclitics peeled off the first token only. Matches are filtered by stop lists
(organisation names, common words, nisba adjectives) and by context (small or distant places
need a locative preposition or a generic head), then resolved with the context (ريف X and
محافظة X mean the governorate, مدينة X and a bare X the town). Relative expressions are
found around the toponyms with the word lists of `_lexicon`; implicit anchors («شرقاً»,
«شرق المحافظة», «الجانب الآخر من النهر», «على بعد 55 كم», «مناطق قريبة») are taken from
what the text mentioned last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from geo_deconflict import _lexicon as lex
from geo_deconflict.gazetteer import Candidate, Gazetteer, Place, load_gazetteer
from geo_deconflict.names import arabic_key, arabic_peels, latin_key

__all__ = ["RELATIONS", "Mention", "geoparse"]

# relation names (the seed annotation's vocabulary, extended with the other compass points)
RELATIONS = ("near", "within_km", "countryside", "other_side", "left_bank", "right_bank",
             *(f"{d}_{kind}" for kind in ("of", "part", "countryside")
               for d in ("north", "northeast", "east", "southeast", "south", "southwest",
                         "west", "northwest")))

_REGION = {"SY", "IQ", "JO", "LB", "TR", "IL", "PS"}
_DIR_OF_M = 50_000.0      # how far "north of <town>" reaches
_COUNTRYSIDE_REP_M = 25_000.0
_IMPLICIT_WINDOW = 600    # characters back to look for an implicit anchor
_MAX_NGRAM = 5


# ---------------------------------------------------------------------------------------
# value object
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Mention:
    """A place mention: a toponym or a relative expression, with its span in the text.

    ``lon``/``lat`` are the resolved point (EPSG:4326): the place's point for a toponym, a
    representative point of `geometry` for a relative expression; None when the mention
    could not be resolved (it then abstains on its own). ``precision`` follows ACLED's
    geo_precision (1 town or site; 2 near a town or part of a region; 3 governorate, country
    or larger area). ``candidates`` are the runner-ups, best first. A toponym that anchors a
    relative expression repeats the expression's ``relation``.
    """

    start: int
    end: int
    surface: str
    kind: str                        # "toponym" or "relative"
    place: Place | None = None       # the toponym's place, or the relative's anchor
    score: float = 0.0
    candidates: tuple[Candidate, ...] = ()
    precision: int | None = None
    metonymic: bool = False
    relation: str | None = None
    anchor_name: str | None = None
    direction: str | None = None
    distance_m: float | None = None
    geometry: object = field(default=None, compare=False, repr=False)
    lon: float | None = None
    lat: float | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            msg = f"bad span {self.start}..{self.end} for {self.surface!r}"
            raise ValueError(msg)
        if self.kind not in ("toponym", "relative"):
            msg = f"kind must be 'toponym' or 'relative', not {self.kind!r}"
            raise ValueError(msg)

    @property
    def name(self) -> str | None:
        """English name of the place, or a description of the relative expression."""
        if self.kind == "relative":
            return _describe(self.relation, self.anchor_name, self.distance_m)
        return self.place.name_en if self.place else None

    @property
    def feature_class(self) -> str | None:
        """GeoNames-like class: the place's (P, A, H, L, S, T), ``L`` for relative areas."""
        if self.kind == "relative":
            return "L"
        return self.place.feature_class if self.place else None

    @property
    def is_event_location(self) -> bool:
        """Whether the point may be used as an event location (resolved and not metonymic)."""
        return self.lon is not None and not self.metonymic

    def to_dict(self, *, doc: str | None = None) -> dict:
        """A JSON-ready dict (the fields of ``geo-deconflict geoparse --format jsonl``)."""
        place = self.place
        out = {
            "doc": doc, "start": self.start, "end": self.end, "surface": self.surface,
            "kind": self.kind, "name": self.name,
            "id": place.id if place and self.kind == "toponym" else None,
            "name_ar": place.name_ar if place and self.kind == "toponym" else None,
            "lat": None if self.lat is None else round(self.lat, 6),
            "lon": None if self.lon is None else round(self.lon, 6),
            "feature_class": self.feature_class, "precision": self.precision,
            "score": round(self.score, 3), "metonymic": self.metonymic,
            "relation": self.relation,
            "anchor": self.anchor_name,
            "anchor_id": place.id if place and self.kind == "relative" else None,
            "direction": self.direction,
            "distance_km": None if self.distance_m is None else self.distance_m / 1000,
            "candidates": [{"id": c.place.id, "name": c.place.name_en,
                            "feature_class": c.place.feature_class,
                            "score": round(c.score, 3)} for c in self.candidates],
        }
        if doc is None:
            del out["doc"]
        return out

    def to_feature(self, *, doc: str | None = None) -> dict | None:
        """A GeoJSON Feature: the relative area's polygon, or the toponym's point."""
        import shapely.geometry

        if self.lon is None:
            return None
        geom = self.geometry if self.geometry is not None else shapely.geometry.Point(
            self.lon, self.lat)
        props = self.to_dict(doc=doc)
        props.pop("candidates")
        return {"type": "Feature", "geometry": shapely.geometry.mapping(geom),
                "properties": props}


def _describe(relation: str | None, anchor: str | None, distance_m: float | None) -> str:
    anchor = anchor or "(unresolved)"
    if relation is None:
        return anchor
    if relation == "within_km" and distance_m:
        return f"{distance_m / 1000:g} km from {anchor}"
    if relation.endswith("_countryside"):
        return f"{relation.split('_')[0]} countryside of {anchor}"
    if relation.endswith("_part"):
        return f"{relation.split('_')[0]} part of {anchor}"
    if relation.endswith("_of"):
        dist = f"{distance_m / 1000:g} km " if distance_m else ""
        return f"{dist}{relation.split('_')[0]} of {anchor}"
    return {"near": f"near {anchor}", "countryside": f"countryside of {anchor}",
            "left_bank": f"left bank of {anchor}", "right_bank": f"right bank of {anchor}",
            "other_side": f"other side of {anchor}"}.get(relation, f"{relation} {anchor}")


# ---------------------------------------------------------------------------------------
# public entry point
# ---------------------------------------------------------------------------------------
def geoparse(text: str, *, gazetteer: Gazetteer | None = None,
             relatives: bool = True, geometry: bool = True) -> list[Mention]:
    """Find the places mentioned in a news text (Arabic or English), in text order.

    Parameters
    ----------
    text
        The report; it is not modified, and every offset refers to it.
    gazetteer
        The gazetteer to resolve names with (default: `load_gazetteer()`).
    relatives
        Also find relative expressions (east of, countryside, near, distance ...).
    geometry
        Build the geodesic geometry of each relative expression (slower; without it only
        the relation, anchor and a representative point are given).

    Returns
    -------
    list of Mention
        Toponyms and relative expressions, ordered by start offset (a relative expression
        before the toponym it contains).

    Examples
    --------
    >>> ms = geoparse("قصفت الطائرات مواقع شرق نهر الفرات قرب دير الزور")
    >>> [(m.surface, m.relation) for m in ms]
    [('شرق نهر الفرات', 'east_of'), ('الفرات', 'east_of'), ('قرب دير الزور', 'near'), ('دير الزور', 'near')]
    >>> ms[0].geometry.contains(ms[0].geometry.representative_point())
    True
    >>> m = geoparse("Moscow said Russian jets struck targets north of Manbij.")
    >>> [(x.surface, x.metonymic, x.relation) for x in m]
    [('Moscow', True, None), ('north of Manbij', False, 'north_of'), ('Manbij', False, 'north_of')]
    """
    if not isinstance(text, str):
        msg = f"text must be a str, not {type(text).__name__}"
        raise TypeError(msg)
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    toks = _tokenize(text)
    doc = _Doc(text, toks, gaz)
    doc.find_toponyms()
    if relatives:
        doc.find_relatives(build_geometry=geometry)
    return doc.mentions()


# ---------------------------------------------------------------------------------------
# tokens
# ---------------------------------------------------------------------------------------
_AR_CHARS = "\u0621-\u063a\u0640-\u065f\u0670-\u06d3"
_LAT_CHARS = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_TOKEN = re.compile(
    rf"(?P<ar>[{_AR_CHARS}]+)"
    rf"|(?P<num>[{_DIGITS}]+(?:[.,\u066b][{_DIGITS}]+)?)"
    rf"|(?P<lat>[{_LAT_CHARS}]+(?:[-'’ʿʾ][{_LAT_CHARS}]+)*)")
_HARD_BREAK = re.compile(r"[.\u060c,;:!?\u061b\u061f()\[\]\n]")
_DIGIT_MAP = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    kind: str          # "ar", "lat" or "num"
    key: str           # arabic_key for Arabic, lower case for Latin, the value for numbers
    soft_gap: bool     # something other than spaces before it (quotes, hyphens ...)
    hard_gap: bool     # sentence or clause punctuation before it


def _tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    append = toks.append
    prev_end = 0
    hard = True
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        word = m.group()
        start, end = m.span()
        if start - prev_end == 1 and text[prev_end] == " ":
            soft = False
        else:
            between = text[prev_end:start]
            soft = bool(between.strip())
            hard = hard or bool(_HARD_BREAK.search(between))
        prev_end = end
        if kind == "ar":
            append(_Tok(start, end, word, kind, _ar_key(word), soft, hard))
        elif kind == "num":
            append(_Tok(start, end, word, kind, word.translate(_DIGIT_MAP).replace(",", "."),
                        soft, hard))
        else:
            key = word.lower()
            if key.endswith(("'s", "’s")) and len(key) > 3:  # Russia's -> Russia + 's
                append(_Tok(start, end - 2, word[:-2], kind, key[:-2], soft, hard))
                append(_Tok(end - 2, end, word[-2:], kind, key[-2:], False, False))
            else:
                append(_Tok(start, end, word, kind, key, soft, hard))
        hard = False
    return toks


@lru_cache(maxsize=200_000)
def _ar_key(word: str) -> str:
    return arabic_key(word)


@lru_cache(maxsize=200_000)
def _bare_forms(key: str) -> tuple[tuple[str, int], ...]:
    """(form, letters cut) after peeling 0, 1 or 2 proclitics (و ف, then ب ل ك)."""
    out = [(key, 0)]
    rest, cut = key, 0
    if rest[:1] in ("و", "ف") and len(rest) > 2:
        rest, cut = rest[1:], 1
        out.append((rest, cut))
    if rest[:1] in ("ب", "ل", "ك") and len(rest) > 2:
        out.append((rest[1:], cut + 1))
        if rest.startswith("لل"):
            out.append(("ال" + rest[2:], cut + 1))
    return tuple(out)


def _lex(tok: _Tok, table) -> tuple[object, int] | None:
    """(value, letters cut) if `tok` (proclitics peeled) is in `table`, else None."""
    if tok.kind == "lat":
        if isinstance(table, dict):
            return (table[tok.key], 0) if tok.key in table else None
        return (tok.key, 0) if tok.key in table else None
    if tok.kind != "ar":
        return None
    for form, cut in _bare_forms(tok.key):
        if form in table:
            return (table[form] if isinstance(table, dict) else form), cut
    return None


def _cut_offset(word: str, letters: int) -> int:
    """Characters of `word` spanned by its first `letters` letters (diacritics included)."""
    if letters <= 0:
        return 0
    seen = 0
    for i, ch in enumerate(word):
        if "\u064b" <= ch <= "\u065f" or ch in "\u0670\u0640":
            continue
        if seen == letters:
            return i
        seen += 1
    return len(word)


@lru_cache(maxsize=50_000)
def _ar_variants(word: str) -> tuple[tuple[str, int, bool], ...]:
    """(key, letters cut, article peeled) for the first token of an Arabic n-gram."""
    key = _ar_key(word)
    out = [(key, 0, False)]
    for peeled, how in arabic_peels(word):
        parts = how.replace("→", "+").split("+")
        article = "ال" in parts and "لل" not in parts and "ل" not in parts
        letters = sum(1 for p in parts if p in ("و", "ف", "ب", "ل", "ك", "لل"))
        if "ال" in parts and not article:   # ل→ال / لل→ال: only the preposition's ل
            letters = sum(1 for p in parts if p in ("و", "ف", "ب", "ك")) + 1
        out.append((peeled, letters, article))
    return tuple(out)


# ---------------------------------------------------------------------------------------
# the document being parsed
# ---------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Top:
    """A toponym found in the text (mutable while the document is parsed)."""

    i: int                 # first token
    j: int                 # last token
    start: int
    end: int
    cands: list[Candidate]
    head: str | None       # kind asked for by a generic head ("city", "governorate" ...)
    place: Place | None = None
    score: float = 0.0
    metonymic: bool = False
    relation: str | None = None
    clitics: str = ""      # proclitic letters cut off ("و", "ب", "وب" ...)
    point: tuple[float, float] | None = None


@dataclass(slots=True)
class _Rel:
    start: int
    end: int
    relation: str
    anchor: Place | None
    anchor_name: str | None
    tops: list[_Top]
    direction: str | None = None
    distance_m: float | None = None
    within: bool = False
    anchor_point: tuple[float, float] | None = None
    border: tuple[str, ...] = ()
    prev: _Rel | None = None
    geometry: object = None
    point: tuple[float, float] | None = None


class _Doc:
    def __init__(self, text: str, toks: list[_Tok], gaz: Gazetteer) -> None:
        self.text = text
        self.toks = toks
        self.gaz = gaz
        self.tops: list[_Top] = []
        self.rels: list[_Rel] = []
        self.top_at: dict[int, _Top] = {}
        self.named_with_head: dict[int, Place] = {}
        self.index = gaz.key_index
        self.prefixes = _ar_prefixes(gaz)
        self.starts = _STARTS.setdefault(id(gaz), {})
        self.blocked = self._block_organisations()

    # -- organisations ----------------------------------------------------------------------
    def _block_organisations(self) -> set[int]:
        blocked: set[int] = set()
        toks = self.toks
        index = _org_index()
        for i, tok in enumerate(toks):
            if tok.kind == "ar":
                if tok.key not in index and tok.key[:1] not in "وفبلك":
                    continue
                firsts = [f for f, _ in _bare_forms(tok.key)]
            elif tok.kind == "lat":
                firsts = [tok.key]
            else:
                continue
            for first in firsts:
                for seq in index.get(first, ()):
                    n = len(seq)
                    if i + n <= len(toks) and all(
                            toks[i + k].key == seq[k] and not toks[i + k].hard_gap
                            for k in range(1, n)):
                        blocked.update(range(i, i + n))
        return blocked

    # -- toponyms ---------------------------------------------------------------------------
    def find_toponyms(self) -> None:
        toks = self.toks
        n = len(toks)
        i = 0
        while i < n:
            found = self._match_at(i)
            if found is None:
                top = self._fuzzy_after_head(i)
                if top is not None:
                    self.tops.append(top)
                    self.top_at[i] = top
                    i = top.j + 1
                    continue
                i += 1
                continue
            j, cut, article, surface_start = found
            if self._starts_with_head(i) and j > i and self._match_at(i + 1) and \
                    self._match_at(i + 1)[0] == j:
                # «نهر الفرات»: the name starts after the head; but a place whose own name
                # includes its head («مطار دير الزور», «معبر التنف») is what the whole means
                if _lex(toks[i], lex.GENERIC_HEADS_AR if toks[i].kind == "ar"
                        else lex.GENERIC_HEADS_EN) is not None:
                    whole = _lookup(self.gaz, self.text[surface_start:toks[j].end])
                    if whole and whole[0].match in ("exact", "normalised"):
                        self.named_with_head[i + 1] = whole[0].place
                i += 1
                continue
            top = self._accept(i, j, cut, article, surface_start) or self._fuzzy_after_head(i)
            if top is not None:
                self.tops.append(top)
                self.top_at[i] = top
                i = j + 1
            else:
                i += 1
        self._resolve_metonymy()

    def _fuzzy_after_head(self, i: int) -> _Top | None:
        """«قرية عين عيسا», "the village of Ain Issa": a name after a generic head that no
        key matches is looked up fuzzily among the towns of Syria and its neighbours."""
        toks = self.toks
        tok = toks[i]
        if i == 0 or tok.kind == "num" or i in self.blocked or tok.hard_gap:
            return None
        prev = toks[i - 1]
        if prev.kind == "ar" and not _is_city_head(prev.key):
            return None
        if prev.kind == "lat" and prev.key not in lex.GENERIC_HEADS_EN and prev.key != "of":
            return None
        if self._head_before(i) != "city":
            return None
        if tok.kind == "ar":
            head = _lex(toks[i - 1], lex.GENERIC_HEADS_AR)
            if head is None or (head[0] != _ar_key("العاصمة") and
                                head[0].startswith("ال")):
                return None  # «المنطقة الغنية» is a noun and its adjective
            if tok.key in lex.COMMON_WORDS_AR or tok.key in lex.FUNCTION_WORDS_AR or \
                    len(tok.key) < 4 or _is_trigger(tok.key) or _TANWEEN.search(tok.text) \
                    or (tok.key.startswith("ال") and tok.key.endswith(("يه", "ي"))):
                return None
            spans = [i + 1, i] if i + 1 < len(toks) and toks[i + 1].kind == "ar" and \
                not toks[i + 1].soft_gap and not toks[i + 1].hard_gap and \
                toks[i + 1].key not in lex.FUNCTION_WORDS_AR else [i]
        else:
            if not _capitalised(tok.text) or tok.key in lex.COMMON_WORDS_EN:
                return None
            j = i
            while j + 1 < len(toks) and j - i < 2 and toks[j + 1].kind == "lat" and \
                    not toks[j + 1].hard_gap and _capitalised(toks[j + 1].text):
                j += 1
            spans = list(range(j, i - 1, -1))
        for j in spans:
            surface = self.text[tok.start:toks[j].end]
            found = _fuzzy_lookup(self.gaz, surface)
            if found and found[0].match == "fuzzy" and found[0].score >= 0.6:
                return _Top(i=i, j=j, start=tok.start, end=toks[j].end, cands=found[1:],
                            head="city", place=found[0].place,
                            score=round(found[0].score * 0.9, 3))
        return None

    def _starts_with_head(self, i: int) -> bool:
        tok = self.toks[i]
        for table in (lex.GENERIC_HEADS_AR, lex.DIRECTION_NOUNS_AR, lex.COUNTRYSIDE_AR,
                      lex.NEAR_AR, lex.BANK_AR, lex.GENERIC_HEADS_EN, lex.DIRECTIONS_EN,
                      lex.DIRECTION_ADJ_EN):
            if _lex(tok, table) is not None:
                return True
        return False

    def _match_at(self, i: int):
        """(last token, letters cut, article peeled, start offset) of the longest match at i."""
        toks = self.toks
        tok = toks[i]
        if i in self.blocked or tok.kind == "num":
            return None
        index = self.index
        if tok.kind == "ar":
            best = None
            prefixes = self.prefixes
            starts = self.starts
            ok = starts.get(tok.text)
            if ok is None:
                if len(starts) > 200_000:
                    starts.clear()
                ok = starts[tok.text] = any(v[0] in index or v[0] in prefixes
                                            for v in _ar_variants(tok.text))
            if not ok:
                return None
            for key0, cut, article in _ar_variants(tok.text):
                key = key0
                j = i
                while True:
                    if key in index and (best is None or j > best[0]):
                        best = (j, cut, article)
                    j += 1
                    if j >= len(toks) or j - i >= _MAX_NGRAM or toks[j].kind != "ar" or \
                            toks[j].soft_gap or j in self.blocked or key not in prefixes:
                        break
                    key += toks[j].key
                if best is not None and cut == 0 and not article and best[0] > i:
                    break  # a multi-word match of the token as written beats any peeling
            if best is None:
                return None
            j, cut, article = best
            return j, cut, article, tok.start + _cut_offset(tok.text, cut)
        # Latin: a capitalised name, optionally with article prefixes (al-Tanf)
        if not _capitalised(tok.text):
            return None
        best = None
        j = i
        while j < len(toks) and j - i < _MAX_NGRAM:
            if j > i and (toks[j].kind != "lat" or toks[j].hard_gap or j in self.blocked
                          or not (_capitalised(toks[j].text) or toks[j].key in _LAT_LINKS)):
                break
            key = _lat_key(self.text[tok.start:toks[j].end])
            if key and key in index:
                best = j
            j += 1
        if best is None:
            return None
        return best, 0, False, tok.start

    def _accept(self, i: int, j: int, cut: int, article: bool, start: int) -> _Top | None:
        toks = self.toks
        end = toks[j].end
        surface = self.text[start:end]
        first = toks[i]
        arabic = first.kind == "ar"
        cands = _lookup(self.gaz, surface)
        if not cands:
            return None
        head = self._head_before(i) if cut == 0 or not arabic else None
        clitics = first.key[:cut] if arabic else ""
        if not arabic:
            head = self._trailing_head_en(j) or head
        single = i == j
        bare_key = _ar_key(surface) if arabic else surface.lower()
        # stop lists ---------------------------------------------------------------------
        if single and len(bare_key) < 3:
            return None
        if arabic:
            if single and (_TANWEEN.search(first.text) or bare_key in lex.GENERIC_HEADS_AR):
                return None  # «روسيًّا» is an adverb, «مدينة» a head, not Medina
            if head is None and (bare_key in lex.COMMON_WORDS_AR or any(
                    form in lex.FUNCTION_WORDS_AR or form in lex.COMMON_WORDS_AR
                    for form, _ in _bare_forms(bare_key)) and single):
                return None
            if bare_key.endswith(lex.DEMONYM_ENDINGS_AR):
                return None
            if single and self._is_nisba_adjective(i, bare_key):
                return None
        elif single and bare_key in lex.COMMON_WORDS_EN and head is None:
            return None
        if not arabic and j + 1 < len(toks) and not toks[j + 1].hard_gap and \
                toks[j + 1].kind == "lat" and _capitalised(toks[j + 1].text) and \
                toks[j + 1].key not in lex.TRAILING_HEADS_EN:
            partial = True  # "Ain" of "Ain Issa": only a strong place may be cut short
        else:
            partial = False
        place, score, runner_ups = self._choose(cands, head)
        named = self.named_with_head.get(i) if head else None
        if named is not None and named.id != place.id:
            runner_ups = [c for c in cands if c.place.id != named.id][:3]
            place, score = named, max(score, 0.9)
        if place is None:
            return None
        if article and not (place.country in _REGION and _strong(place)):
            return None  # الدولة is not Dhule, الروس is not Ruse
        if partial and not _strong(place):
            return None
        if not _strong(place) or (arabic and bare_key in lex.AMBIGUOUS_AR):
            if not (head or self._locative_before(i, clitics) or self._coordinated(i, clitics)):
                return None
        return _Top(i=i, j=j, start=start, end=end, cands=runner_ups, head=head, place=place,
                    score=score, clitics=clitics)

    def _head_before(self, i: int) -> str | None:
        if i == 0:
            return None
        prev = self.toks[i - 1]
        if self.toks[i].hard_gap:
            return None
        hit = _lex(prev, lex.GENERIC_HEADS_AR if prev.kind == "ar" else lex.GENERIC_HEADS_EN)
        if hit is None and prev.kind == "ar":
            hit = _lex(prev, lex.COUNTRYSIDE_AR)
            if hit is not None:
                return "governorate"
        if hit is None and prev.kind == "lat" and prev.key == "of" and i >= 2:
            # "the city of Manbij", "the province of Hama", "countryside of Hama"
            before = self.toks[i - 2]
            if before.key in lex.GENERIC_HEADS_EN:
                return lex.GENERIC_HEADS_EN[before.key]
            if before.key in lex.COUNTRYSIDE_EN:
                return "governorate"
        return hit[0] if hit else None

    def _trailing_head_en(self, j: int) -> str | None:
        if j + 1 < len(self.toks):
            nxt = self.toks[j + 1]
            if nxt.kind == "lat" and not nxt.hard_gap and nxt.key in lex.TRAILING_HEADS_EN:
                kind = lex.TRAILING_HEADS_EN[nxt.key]
                if nxt.key == "countryside":
                    return "governorate"
                return kind
        return None

    def _is_nisba_adjective(self, i: int, key: str) -> bool:
        """«قوات حكومية سورية»: an indefinite feminine adjective after an indefinite noun."""
        if not key.endswith(("يه", "ي")) or key.startswith("ال") or i == 0:
            return False
        prev = self.toks[i - 1]
        if prev.kind != "ar" or self.toks[i].hard_gap or self.toks[i].soft_gap:
            return False
        if prev.key.startswith("ال") or prev.key in lex.FUNCTION_WORDS_AR:
            return False
        if _lex(prev, lex.LOCATIVE_AR) or _lex(prev, lex.AGENTIVE_BEFORE_AR) or \
                _lex(prev, lex.GENERIC_HEADS_AR):
            return False
        return prev.key.endswith(("ه", "ات", "ين", "ون"))

    def _locative_before(self, i: int, clitics: str) -> bool:
        if "ب" in clitics:
            return True
        if i == 0 or self.toks[i].hard_gap:
            return False
        prev = self.toks[i - 1]
        if prev.kind == "lat":
            return prev.key in lex.LOCATIVE_EN or prev.key in lex.NEAR_EN
        return bool(_lex(prev, lex.PREPOSITIONS_AR) or _lex(prev, lex.NEAR_AR))

    def _coordinated(self, i: int, clitics: str) -> bool:
        """«منبج وجرابلس»: a name joined by و to a name just before it."""
        if not self.tops:
            return False
        last = self.tops[-1]
        if last.j == i - 1 and clitics.startswith("و"):
            return True
        return (last.j == i - 2 and self.toks[i - 1].key in ("و", "and")
                and not self.toks[i].hard_gap)

    def _choose(self, cands: list[Candidate], head: str | None):
        """The place meant, its score and the runner-ups, from the context's head."""
        want = {"governorate": ("A", "ADM1"), "city": ("P", None), "river": ("H", None),
                "country": ("A", "PCL"), "site": ("S", None)}.get(head or "")
        chosen = None
        if want is not None:
            for c in cands:
                if c.place.feature_class == want[0] and (
                        want[1] is None or c.place.feature_code.startswith(want[1])):
                    chosen = c
                    break
            if chosen is None and head == "site":
                chosen = next((c for c in cands if c.place.feature_class in "ST"), None)
        if chosen is None:
            top = cands[0]
            chosen = top
            if top.place.feature_class == "A" and top.place.feature_code == "ADM1":
                # a bare governorate name usually means its capital, the same-named town
                town = next((c for c in cands if c.place.feature_class == "P"
                             and c.place.country == top.place.country), None)
                if town is not None:
                    chosen = town
        if chosen is cands[0]:
            score = chosen.score
        else:
            score = max(chosen.score, 0.9 if head else 0.7)
        runner_ups = [c for c in cands if c is not chosen][:3]
        return chosen.place, score, runner_ups

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
        if toks[i].kind == "lat":
            return self._metonymic_en(prev, prev2, nxt, foreign)
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
            if prev.key == _MAA and prev2 is not None and _lex(prev2, lex.BORDER_AR):
                return False  # «الحدود مع العراق»
            if _lex(prev, lex.AGENTIVE_BEFORE_AR):
                if foreign or prev.key not in _WEAK_AGENTIVE:
                    return True
        if nxt is not None and _lex(nxt, lex.AGENTIVE_AFTER_AR):
            if foreign or nxt.key not in _WEAK_AGENTIVE:
                return True
        return foreign

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

    def _metonymic_en(self, prev, prev2, nxt, foreign: bool) -> bool:
        if prev is not None:
            if prev.key == "from" and prev2 is not None and \
                    prev2.key in lex.NON_LOCATIVE_BEFORE_FROM_EN:
                return True
            if prev.key in lex.LOCATIVE_EN:
                return False
            if prev.key in lex.AGENTIVE_BEFORE_EN and foreign:
                return True
        if nxt is not None and nxt.key in lex.AGENTIVE_AFTER_EN:
            return foreign or nxt.key not in ("and", "has", "is", "was", "'s", "’s")
        return foreign

    def _dateline(self, top: _Top) -> bool:
        """«واشنطن، الولايات المتحدة (CNN) --»: the place line that opens a report."""
        line_start = self.text.rfind("\n", 0, top.start) + 1
        before = self.text[line_start:top.start]
        after = self.text[top.end:top.end + 3].lstrip()
        if before.strip() == "" and after[:1] in ("،", ",", "(", "-", "—", ":"):
            return True
        if after[:1] in ("(", "-", "—") and re.fullmatch(r"[^\n.]{0,40}[،,]\s*", before) and \
                any(t.end <= top.start and t.start >= line_start for t in self.tops):
            return True
        return False

    # -- relative expressions --------------------------------------------------------------
    def find_relatives(self, *, build_geometry: bool) -> None:
        toks = self.toks
        i = 0
        while i < len(toks):
            rel = self._relative_at(i)
            if rel is None:
                i += 1
                continue
            self.rels.append(rel)
            for top in rel.tops:
                top.relation = rel.relation
                top.metonymic = False
            # continue after the expression's last token
            while i < len(toks) and toks[i].start < rel.end:
                i += 1
        self._place_line_features()
        for rel in self.rels:
            self._finish(rel, build_geometry)

    def _relative_at(self, i: int) -> _Rel | None:
        tok = self.toks[i]
        if tok.kind == "ar" and not _is_trigger(tok.key) and not (
                i > 0 and _is_trigger(self.toks[i - 1].key)):
            return None
        if tok.kind == "lat" and tok.key not in _TRIGGERS_EN and i not in self.top_at:
            return None
        if tok.kind == "ar":
            for finder in (self._ar_countryside, self._ar_bank, self._ar_direction,
                           self._ar_near, self._ar_distance, self._ar_nearby_areas,
                           self._ar_adverb):
                rel = finder(i)
                if rel is not None:
                    return rel
        elif tok.kind == "num":
            return self._ar_distance(i) or self._en_distance(i)
        else:
            for finder in (self._en_direction, self._en_countryside, self._en_bank,
                           self._en_near, self._en_distance):
                rel = finder(i)
                if rel is not None:
                    return rel
        return None

    def _rel_start(self, i: int) -> int:
        """Start of an expression at token i, leaving out a conjunction و/ف."""
        tok = self.toks[i]
        if tok.kind == "ar":
            for form, cut in _bare_forms(tok.key):  # fewest letters cut first
                if any(form in t for t in _REL_WORDS):
                    return tok.start + _cut_offset(tok.text, cut)
        return tok.start

    def _top_after(self, i: int, *, skip_heads: bool = True, max_skip: int = 2):
        """The toponym starting at token i (after up to `max_skip` generic heads)."""
        k = i
        skipped = 0
        while k < len(self.toks):
            if k in self.top_at:
                return self.top_at[k]
            if not skip_heads or skipped >= max_skip:
                return None
            tok = self.toks[k]
            if k > i and tok.hard_gap:
                return None
            if _lex(tok, lex.GENERIC_HEADS_AR if tok.kind == "ar" else lex.GENERIC_HEADS_EN) \
                    or tok.key in ("the", "of"):
                k += 1
                skipped += 1
                continue
            return None
        return None

    def _next(self, i: int) -> _Tok | None:
        if i + 1 < len(self.toks) and not self.toks[i + 1].hard_gap:
            return self.toks[i + 1]
        return None

    # Arabic patterns ...........................................................................
    def _ar_countryside(self, i: int) -> _Rel | None:
        if _lex(self.toks[i], lex.COUNTRYSIDE_AR) is None:
            return None
        toks = self.toks
        k = i + 1
        direction = None
        # «الريف الشمالي لحماة» / «الريف الشمالي الشرقي لمدينة حماة»
        if k < len(toks) and not toks[k].hard_gap and _lex(toks[k], lex.DIRECTION_ADJ_AR):
            direction, k = self._dir_adjs(k)
            if k < len(toks) and toks[k].kind == "ar":
                top = self._top_after(k)
                if top is None and toks[k].key in ("من", "في"):
                    top = self._top_after(k + 1)
                if top is not None:
                    return self._rel(i, top.end, "countryside", [top], direction=direction)
            return None
        if k >= len(toks) or toks[k].hard_gap:
            return None
        top = self._top_after(k)
        if top is None:
            return None
        end = top.end
        m = top.j + 1
        if m < len(toks) and not toks[m].hard_gap and _lex(toks[m], lex.DIRECTION_ADJ_AR):
            direction, m = self._dir_adjs(m)
            end = toks[m - 1].end
        return self._rel(i, end, "countryside", [top], direction=direction)

    def _dir_adjs(self, k: int) -> tuple[str, int]:
        """Direction adjectives from token k («الشمالي الشرقي» -> northeast); next index."""
        first = _lex(self.toks[k], lex.DIRECTION_ADJ_AR)[0]
        k += 1
        if k < len(self.toks) and not self.toks[k].hard_gap:
            second = _lex(self.toks[k], lex.DIRECTION_ADJ_AR)
            if second and lex.compound(first, second[0]):
                return lex.compound(first, second[0]), k + 1
        return first, k

    def _ar_direction(self, i: int) -> _Rel | None:
        hit = _lex(self.toks[i], lex.DIRECTION_NOUNS_AR)
        if hit is None:
            return None
        direction = hit[0]
        k = i + 1
        nxt = self._next(i)
        if nxt is not None:
            second = _lex(nxt, lex.DIRECTION_NOUNS_AR) or _lex(nxt, lex.DIRECTION_ADJ_AR)
            if second and lex.compound(direction, second[0]):
                direction, k = lex.compound(direction, second[0]), k + 1
        if k >= len(self.toks) or self.toks[k].hard_gap:
            return None
        top = self._top_after(k)
        if top is not None:
            return self._rel(i, top.end, _dir_relation(direction, top.place), [top],
                             direction=direction)
        # «شرق المحافظة», «غرب النهر», «شمال البلاد»: an anaphoric anchor
        kind = _lex(self.toks[k], lex.ANAPHORS_AR)
        if kind is not None:
            anchor = self._antecedent(kind[0], self.toks[k].start)
            if anchor is not None:
                place, point = anchor
                return self._rel(i, self.toks[k].end, _dir_relation(direction, place), [],
                                 direction=direction, anchor=place, anchor_point=point)
        return None

    def _ar_bank(self, i: int) -> _Rel | None:
        if _lex(self.toks[i], lex.BANK_AR) is None:
            return None
        toks = self.toks
        nxt = self._next(i)
        if nxt is None:
            return None
        side = _lex(nxt, lex.BANK_SIDE_AR)
        other = _lex(nxt, lex.OTHER_AR)
        if side is None and other is None:
            # «ضفة الفرات الشرقية»
            top = self._top_after(i + 1, max_skip=1)
            if top is not None and top.place.feature_class == "H" and top.j + 1 < len(toks):
                side = _lex(toks[top.j + 1], lex.BANK_SIDE_AR)
                if side is not None:
                    return self._bank_rel(i, toks[top.j + 1].end, side[0], top, None)
            return None
        k = i + 2
        if k < len(toks) and toks[k].kind == "ar" and toks[k].key in ("من", "ل", "عن"):
            k += 1
        if k >= len(toks) or toks[k].hard_gap:
            return None
        top = self._top_after(k, max_skip=1)
        if top is not None and top.place is not None and top.place.feature_class == "H":
            if other is not None:
                return self._rel(i, top.end, "other_side", [top])
            return self._bank_rel(i, top.end, side[0], top, None)
        anaphor = _lex(toks[k], lex.ANAPHORS_AR)
        if anaphor is not None and anaphor[0] == "river":
            anchor = self._antecedent("river", toks[k].start)
            if anchor is not None:
                if other is not None:
                    return self._rel(i, toks[k].end, "other_side", [], anchor=anchor[0],
                                     anchor_point=anchor[1])
                return self._bank_rel(i, toks[k].end, side[0], None, anchor)
        return None

    def _bank_rel(self, i, end, side, top, anchor) -> _Rel:
        relation = f"{side}_bank" if side in ("left", "right") else f"{side}_of"
        if top is not None:
            return self._rel(i, end, relation, [top], direction=None if "bank" in relation
                             else side)
        return self._rel(i, end, relation, [], anchor=anchor[0], anchor_point=anchor[1],
                         direction=None if "bank" in relation else side)

    def _ar_near(self, i: int) -> _Rel | None:
        toks = self.toks
        if _lex(toks[i], lex.NEAR_AR) is None:
            return None
        if toks[i].key in ("القريبه", "المحيطه", "القريب", "المحاذيه"):
            return None  # adjectives: handled with the noun they follow
        start_i = i
        if i > 0 and toks[i - 1].key == _ALA and not toks[i].hard_gap:
            start_i = i - 1  # «على مقربة من»
        return self._near_from(start_i, i + 1, lex.NEAR_BRIDGE_AR, lex.BORDER_AR)

    def _near_from(self, start_i: int, k: int, bridge, border_words) -> _Rel | None:
        toks = self.toks
        border = False
        steps = 0
        nisba: list[tuple[str, int]] = []   # «الحدود السورية التركية»: (country, end)
        nisba_table = lex.NISBA_COUNTRY_AR if toks[start_i].kind == "ar" else \
            lex.NISBA_COUNTRY_EN
        while k < len(toks) and steps <= 5 and not toks[k].hard_gap:
            parts = toks[k].key.split("-") if toks[k].kind == "lat" else [None]
            if len(parts) > 1 and all(p in nisba_table for p in parts):
                nisba.extend((nisba_table[p], toks[k].end) for p in parts)  # Syrian-Turkish
                k += 1
                steps += 1
                continue
            country = _lex(toks[k], nisba_table)
            if country is not None and (border or steps <= 2):
                nisba.append((country[0], toks[k].end))
                k += 1
                steps += 1
                continue
            if nisba and _lex(toks[k], border_words) is None:
                break
            if k in self.top_at:
                tops = [self.top_at[k]]
                m = tops[0].j + 1
                while m < len(toks) and m in self.top_at and self.top_at[m].clitics.startswith(
                        "و") and not toks[m].hard_gap:
                    tops.append(self.top_at[m])
                    m = self.top_at[m].j + 1
                if border:
                    return self._rel(start_i, tops[-1].end, "near", tops, border=tuple(
                        t.place.id for t in tops))
                return self._rel(start_i, tops[0].end, "near", tops[:1])
            tok = toks[k]
            if _lex(tok, border_words) is not None:
                border = True
                if nisba:   # "near the Syrian-Turkish border"
                    return self._nisba_border(start_i, tok.end, nisba)
            elif _lex(tok, bridge) is None and _lex(tok, lex.GENERIC_HEADS_AR) is None:
                break
            k += 1
            steps += 1
        if border and nisba:
            return self._nisba_border(start_i, nisba[-1][1], nisba)
        return None

    def _nisba_border(self, start_i: int, end: int, nisba) -> _Rel | None:
        places = []
        for country, _ in nisba:
            try:
                place = self.gaz.get(f"country:{country}")
            except LookupError:
                return None
            if place not in places:
                places.append(place)
        name = "–".join(p.name_en for p in places) + (" border" if len(places) > 1
                                                       else " boundary")
        return self._rel(start_i, end, "near", [], anchor=places[0], anchor_name=name,
                         border=tuple(p.id for p in places))

    def _ar_distance(self, i: int) -> _Rel | None:
        toks = self.toks
        tok = toks[i]
        value = None
        if tok.kind == "num":
            value = _number(tok.key)
        elif tok.kind == "ar":
            word = _lex(tok, lex.NUMBER_WORDS_AR)
            value = float(word[0]) if word else None
        if value is None or i + 1 >= len(toks) or toks[i + 1].hard_gap:
            return None
        unit = toks[i + 1]
        if unit.kind != "ar":
            return None
        if _lex(unit, lex.KM_UNITS_AR):
            metres = value * 1000
        elif _lex(unit, lex.MILE_UNITS_AR):
            metres = value * 1609.344
        else:
            return None
        # the lead words: «على بعد», «على مسافة», «ضمن نطاق», «نحو»
        start_i = i
        within = False
        while start_i > 0 and not toks[start_i].hard_gap and i - start_i < 3:
            prev = toks[start_i - 1]
            lead = _lex(prev, lex.DISTANCE_LEAD_AR)
            if lead is not None:
                within = within or lead[0] in lex.WITHIN_AR
                start_i -= 1
                continue
            if prev.key == _ALA and start_i < i:
                start_i -= 1
            break
        k = i + 2
        direction = None
        if k < len(toks) and not toks[k].hard_gap:
            hit = _lex(toks[k], lex.DIRECTION_NOUNS_AR) or _lex(toks[k], lex.DIRECTION_ADV_AR)
            if hit is not None:
                direction = hit[0]
                k += 1
                if k < len(toks) and not toks[k].hard_gap:  # «شمال غربي حماة»
                    second = _lex(toks[k], lex.DIRECTION_NOUNS_AR) or \
                        _lex(toks[k], lex.DIRECTION_ADV_AR)
                    if second and lex.compound(direction, second[0]):
                        direction = lex.compound(direction, second[0])
                        k += 1
        top = None
        if k < len(toks) and not toks[k].hard_gap:
            if toks[k].kind == "ar" and toks[k].key in ("من", "عن"):
                top = self._top_after(k + 1)
            elif direction is not None:
                top = self._top_after(k)
        relation = f"{direction}_of" if direction else "within_km"
        if top is not None:
            return self._rel(start_i, top.end, relation, [top], direction=direction,
                             distance_m=metres, within=within)
        anchor = self._antecedent("point", toks[start_i].start)
        if anchor is None:
            return None
        end = toks[k - 1].end
        return self._rel(start_i, end, relation, [], anchor=anchor[0], anchor_point=anchor[1],
                         direction=direction, distance_m=metres, within=within)

    def _ar_nearby_areas(self, i: int) -> _Rel | None:
        toks = self.toks
        if _lex(toks[i], lex.NEARBY_AREAS_AR) is None:
            return None
        nxt = self._next(i)
        if nxt is None or _lex(nxt, lex.NEARBY_ADJ_AR) is None:
            return None
        k = i + 2
        if k < len(toks) and not toks[k].hard_gap and toks[k].key in ("من", "ل"):
            top = self._top_after(k + 1)
            if top is not None:
                return self._rel(i, top.end, "near", [top])
        prev = self._previous_relative(toks[i].start)
        if prev is not None:
            return self._rel(i, nxt.end, "near", [], anchor=prev.anchor,
                             anchor_name=_describe(prev.relation, prev.anchor_name,
                                                   prev.distance_m),
                             anchor_point=None, prev=prev)
        anchor = self._antecedent("point", toks[i].start)
        if anchor is not None:
            return self._rel(i, nxt.end, "near", [], anchor=anchor[0], anchor_point=anchor[1])
        return None

    def _ar_adverb(self, i: int) -> _Rel | None:
        hit = _lex(self.toks[i], lex.DIRECTION_ADV_AR)
        if hit is None:
            return None
        prev = self._previous_relative(self.toks[i].start)
        if prev is None or prev.anchor is None or prev.direction is None:
            return None
        direction = hit[0]
        return self._rel(i, self.toks[i].end, _dir_relation(direction, prev.anchor), [],
                         direction=direction, anchor=prev.anchor,
                         anchor_name=prev.anchor_name, anchor_point=prev.anchor_point)

    # English patterns .........................................................................
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
            if k < len(toks) and toks[k].key == "of" and not toks[k].hard_gap:
                top = self._top_after(k + 1, max_skip=3)
                if top is not None:
                    end = self._en_trailing_end(top)
                    return self._rel(i, end, _dir_relation(direction, top.place), [top],
                                     direction=direction)
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
                return None
            nxt = toks[top.j + 1] if top.j + 1 < len(toks) else None
            if nxt is not None and nxt.key == "countryside" and not nxt.hard_gap:
                return self._rel(i, nxt.end, "countryside", [top], direction=direction)
            if top.place.feature_class == "P" and any(
                    c.place.feature_code == "ADM1" for c in top.cands):
                self._governorate_of(top)   # "eastern Deir ez-Zor": part of the province
            part = _dir_part(direction, top.place)
            return self._rel(i, self._en_trailing_end(top), part, [top], direction=direction)
        return None

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
        if key in ("outskirts", "vicinity", "edge", "surroundings", "environs"):
            if i > 0 and toks[i - 1].key == "the":
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
        anaphor = self._en_anaphor(k)
        if anaphor is not None:
            anchor = self._antecedent(anaphor[0], toks[start_i].start)
            if anchor is not None:
                return self._rel(start_i, toks[anaphor[1]].end, relation, [], anchor=anchor[0],
                                 anchor_point=anchor[1], direction=direction,
                                 distance_m=metres, within=within)
        return None

    # shared helpers ...........................................................................
    def _rel(self, i: int, end: int, relation: str, tops: list[_Top], *,
             direction: str | None = None, distance_m: float | None = None,
             within: bool = False, anchor: Place | None = None, anchor_name: str | None = None,
             anchor_point=None, border: tuple[str, ...] = (), prev: _Rel | None = None) -> _Rel:
        if relation == "countryside":
            relation = f"{direction}_countryside" if direction else "countryside"
            if tops:
                gov = self._governorate_of(tops[0])
                if gov is not None:
                    anchor = gov
        if tops and anchor is None:
            anchor = tops[0].place
        if border and len(tops) > 1:
            anchor_name = "–".join(t.place.name_en for t in tops) + " border"
        elif border and tops:
            anchor_name = f"{tops[0].place.name_en} boundary"
        if anchor_name is None and anchor is not None:
            anchor_name = anchor.name_en
        if anchor_point is None and tops:
            anchor_point = tops[0].point
        start = self._rel_start(i)
        inner = self.text[start:end]
        if end < len(self.text) and self.text[end] in _CLOSING and \
                sum(inner.count(q) for q in _QUOTES) % 2 == 1:
            end += 1  # «قرب منطقة "التنف"»: keep the closing quote with the opening one
        return _Rel(start=start, end=end, relation=relation, anchor=anchor,
                    anchor_name=anchor_name, tops=tops, direction=direction,
                    distance_m=distance_m, within=within, anchor_point=anchor_point,
                    border=border, prev=prev)

    def _governorate_of(self, top: _Top) -> Place | None:
        place = top.place
        if place.feature_class == "A" and place.feature_code == "ADM1":
            return place
        gov = next((c.place for c in top.cands if c.place.feature_class == "A"
                    and c.place.feature_code == "ADM1"), None)
        if gov is not None:
            top.cands = [Candidate(place=place, score=top.score, match="context", matched="")] + [
                c for c in top.cands if c.place is not gov]
            top.place = gov
            return gov
        return _containing_governorate(self.gaz, place.lon, place.lat)

    def _antecedent(self, kind: str, before: int):
        """(place, point) of the last place of `kind` mentioned before offset `before`."""
        for top in reversed(self.tops):
            if top.end > before:
                continue
            if before - top.end > _IMPLICIT_WINDOW * (3 if kind in ("river", "governorate")
                                                       else 1):
                break
            place = top.place
            if place is None or top.metonymic:
                continue
            fc, code = place.feature_class, place.feature_code
            if kind == "river" and fc == "H":
                return place, top.point
            if kind == "governorate":
                if fc == "A" and code == "ADM1":
                    return place, None
                if fc == "P" and place.country == "SY":
                    gov = _containing_governorate(self.gaz, place.lon, place.lat)
                    if gov is not None:
                        return gov, None
            if kind == "city" and fc == "P":
                return place, None
            if kind == "country" and fc == "A" and code.startswith("PCL"):
                return place, None
            if kind in ("point", "site") and fc in ("P", "S", "T") and place.country in (
                    _REGION | {""}):
                return place, None
        if kind == "country":
            try:
                return self.gaz.get("country:SY"), None
            except LookupError:
                return None
        return None

    def _previous_relative(self, before: int) -> _Rel | None:
        for rel in reversed(self.rels):
            if rel.end <= before and before - rel.end <= _IMPLICIT_WINDOW:
                return rel
        return None

    def _finish(self, rel: _Rel, build_geometry: bool) -> None:
        anchor = rel.anchor
        if anchor is None:
            return
        if rel.anchor_point is None:
            rel.anchor_point = rel.tops[0].point if rel.tops and rel.tops[0].point else (
                anchor.lon, anchor.lat)
        try:
            geom, point = _relative_geometry(self, rel, build_geometry)
        except (ValueError, LookupError, ArithmeticError, AttributeError, TypeError):
            geom, point = None, None  # the expression abstains; the others are unaffected
        rel.geometry = geom if build_geometry else None
        rel.point = point

    # -- output -----------------------------------------------------------------------------
    def mentions(self) -> list[Mention]:
        self._place_line_features()
        out: list[Mention] = []
        for top in self.tops:
            place = top.place
            lon, lat = top.point if top.point else (place.lon, place.lat)
            out.append(Mention(start=top.start, end=top.end, surface=self.text[top.start:top.end],
                               kind="toponym", place=place, score=round(top.score, 3),
                               candidates=tuple(top.cands), precision=_precision(place),
                               metonymic=top.metonymic, relation=top.relation,
                               lon=lon, lat=lat))
        for rel in self.rels:
            lon, lat = rel.point if rel.point else (None, None)
            out.append(Mention(start=rel.start, end=rel.end, surface=self.text[rel.start:rel.end],
                               kind="relative", place=rel.anchor,
                               score=_rel_score(rel), precision=_rel_precision(rel),
                               relation=rel.relation, anchor_name=rel.anchor_name,
                               direction=rel.direction, distance_m=rel.distance_m,
                               geometry=rel.geometry, lon=lon, lat=lat))
        out.sort(key=lambda m: (m.start, m.kind != "relative", m.end))
        return out

    def _place_line_features(self) -> None:
        """Rivers and regions: the point nearest to the report's local focus."""
        for top in self.tops:
            place = top.place
            if place is None or top.point is not None or place.feature_class != "H":
                continue
            focus = self._focus(top)
            if focus is None:
                continue
            top.point = _nearest_on(place, focus)

    def _focus(self, top: _Top) -> tuple[float, float] | None:
        """The local (Syrian) town or site mentioned nearest to `top` in the text, else the
        nearest Syrian governorate."""
        best = None
        for other in self.tops:
            place = other.place
            if other is top or place is None or other.metonymic:
                continue
            if place.feature_class in ("P", "S", "T") and place.country in ("SY", ""):
                rank = 0
            elif place.feature_code == "ADM1" and place.country == "SY":
                rank = 1
            else:
                continue
            dist = (rank, abs(other.start - top.start))
            if best is None or dist < best[0]:
                best = (dist, (place.lon, place.lat))
        return best[1] if best else None


# ---------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------
_LAT_LINKS = {"al", "el", "ad", "ar", "as", "at", "az", "ez", "ed", "es", "an", "ash", "al-",
              "of", "de", "du", "la", "le", "bin", "ibn", "abu", "umm"}
_MIN = arabic_key("من")
_ALA = arabic_key("على")
_MAA = arabic_key("مع")
_QUOTES = ('"', "«", "»", "“", "”")
_CLOSING = ('"', "»", "”")
_TANWEEN = re.compile("[\u064b-\u064d]")
_MIN_ILA = {_MIN, arabic_key("إلى"), arabic_key("الى")}
_WEAK_AGENTIVE = {arabic_key(w) for w in ("أن", "ان", "إن", "بأن", "لأن", "لان", "بان", "وأن",
                                          "مع", "على", "لم", "لن", "لا", "قد", "كانت",
                                          "جانب", "لدى")}
_REL_WORDS = (lex.COUNTRYSIDE_AR, lex.DIRECTION_NOUNS_AR, lex.BANK_AR, lex.NEAR_AR,
              lex.NEARBY_AREAS_AR, lex.DIRECTION_ADV_AR, lex.DISTANCE_LEAD_AR,
              frozenset({arabic_key("على")}))


_TRIGGERS_AR = frozenset().union(
    lex.COUNTRYSIDE_AR, lex.DIRECTION_NOUNS_AR, lex.BANK_AR, lex.NEAR_AR, lex.NEARBY_AREAS_AR,
    lex.DIRECTION_ADV_AR, lex.NUMBER_WORDS_AR, lex.DISTANCE_LEAD_AR)
_TRIGGERS_EN = frozenset().union(
    lex.DIRECTIONS_EN, lex.DIRECTION_ADJ_EN, lex.BANK_SIDE_EN, lex.OTHER_EN, lex.NEAR_EN,
    lex.NUMBER_WORDS_EN, {"rural", "countryside"})


@lru_cache(maxsize=100_000)
def _is_city_head(key: str) -> bool:
    return any(lex.GENERIC_HEADS_AR.get(form) == "city" for form, _ in _bare_forms(key))


_FUZZY_CACHE: dict[tuple[int, str], list[Candidate]] = {}


def _fuzzy_lookup(gaz: Gazetteer, surface: str) -> list[Candidate]:
    key = (id(gaz), surface)
    found = _FUZZY_CACHE.get(key)
    if found is None:
        if len(_FUZZY_CACHE) > 20_000:
            _FUZZY_CACHE.clear()
        found = _FUZZY_CACHE[key] = gaz.lookup(surface, limit=3, country=sorted(_REGION),
                                               kinds=["P"])
    return found


@lru_cache(maxsize=100_000)
def _is_trigger(key: str) -> bool:
    """Whether an Arabic token (proclitics peeled) may start a relative expression."""
    return any(form in _TRIGGERS_AR for form, _ in _bare_forms(key))


_PREFIXES: dict[int, frozenset[str]] = {}
_STARTS: dict[int, dict[str, bool]] = {}  # gazetteer -> token -> may start a name


def _ar_prefixes(gaz: Gazetteer) -> frozenset[str]:
    """Keys of the first words of multi-word Arabic names (where an n-gram may go on)."""
    found = _PREFIXES.get(id(gaz))
    if found is None:
        out: set[str] = set()
        for pos in range(len(gaz)):
            for name in gaz.place_at(pos).names:
                words = name.split()
                if len(words) < 2 or not _AR_WORD.search(name):
                    continue
                keys = [_ar_key(w) for w in words[:-1]]
                key = ""
                for k in keys:
                    key += k
                    out.add(key)
                if keys[0].startswith("ال"):
                    out.add(keys[0][2:])
                    key = keys[0][2:]
                    for k in keys[1:]:
                        key += k
                        out.add(key)
        found = _PREFIXES[id(gaz)] = frozenset(out)
    return found


_AR_WORD = re.compile(f"[{_AR_CHARS}]")


def _capitalised(word: str) -> bool:
    if word[:1].isupper():
        return True
    # al-Tanf, ar-Raqqa
    head, sep, rest = word.partition("-")
    return bool(sep) and head.lower() in _LAT_LINKS and rest[:1].isupper()


@lru_cache(maxsize=100_000)
def _lat_key(text: str) -> str:
    return latin_key(text)


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


_LOOKUP_CACHE: dict[tuple[int, str], list[Candidate]] = {}


def _lookup(gaz: Gazetteer, surface: str) -> list[Candidate]:
    key = (id(gaz), surface)
    found = _LOOKUP_CACHE.get(key)
    if found is None:
        if len(_LOOKUP_CACHE) > 100_000:
            _LOOKUP_CACHE.clear()
        found = gaz.lookup(surface, limit=8, fuzzy=False)
        _LOOKUP_CACHE[key] = found
    return found


@lru_cache(maxsize=1)
def _org_index() -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for name in lex.ORGANISATIONS_AR:
        seq = tuple(_ar_key(w) for w in name.split())
        index.setdefault(seq[0], []).append(seq)
    for name in lex.ORGANISATIONS_EN:
        seq = tuple(t.key for t in _tokenize(name))
        index.setdefault(seq[0], []).append(seq)
    for seqs in index.values():
        seqs.sort(key=len, reverse=True)
    return index


def _strong(place: Place) -> bool:
    """Places that a bare mention may name without a locative cue."""
    fc = place.feature_class
    if fc in ("A", "H", "L", "S", "T"):
        return fc != "A" or place.feature_code.startswith(("PCL", "ADM1")) or \
            place.country in _REGION
    if fc == "P":
        if place.feature_code == "PPLC":
            return True
        if place.country in _REGION:
            return place.population >= 15_000 or place.feature_code in ("PPLA", "PPLA2")
        return place.population >= 1_000_000
    return False


def _can_be_metonymic(place: Place | None) -> bool:
    if place is None:
        return False
    return (place.feature_class == "A" and place.feature_code.startswith("PCL")) or \
        place.feature_code == "PPLC"


def _dir_relation(direction: str, place: Place | None) -> str:
    """east_of for a line or point (beyond it), east_part for an area (a part of it)."""
    if place is not None and place.feature_class in ("A", "L"):
        return f"{direction}_part"
    return f"{direction}_of"


def _dir_part(direction: str, place: Place | None) -> str:
    if place is not None and place.feature_class == "H":
        return f"{direction}_of"
    return f"{direction}_part"


def _precision(place: Place | None) -> int | None:
    if place is None:
        return None
    if place.feature_class in ("P", "S", "T"):
        return 1
    if place.feature_class == "A" and place.feature_code not in ("ADM1",) and \
            not place.feature_code.startswith("PCL"):
        return 2
    return 3


def _rel_precision(rel: _Rel) -> int | None:
    if rel.anchor is None:
        return None
    if rel.relation.endswith("_part") and (
            rel.anchor.feature_code.startswith("PCL") or rel.anchor.feature_class == "L"):
        return 3
    return 2


def _rel_score(rel: _Rel) -> float:
    if rel.anchor is None:
        return 0.0
    base = 0.9 if rel.tops else 0.6   # explicit vs implicit anchor
    return round(base if rel.point is not None else base / 2, 3)


@lru_cache(maxsize=4096)
def _containing_governorate_cached(lon: float, lat: float) -> str | None:
    from shapely.geometry import Point

    frame = _governorates()
    hits = frame[frame.geometry.covers(Point(lon, lat))]
    return f"gov:{hits['id'].iloc[0]}" if len(hits) else None


@lru_cache(maxsize=1)
def _governorates():
    from geo_deconflict.layers import load_layer

    return load_layer("governorates")


def _containing_governorate(gaz: Gazetteer, lon: float, lat: float) -> Place | None:
    pid = _containing_governorate_cached(round(lon, 5), round(lat, 5))
    if pid is None:
        return None
    try:
        return gaz.get(pid)
    except LookupError:
        return None


def _nearest_on(place: Place, focus: tuple[float, float]) -> tuple[float, float]:
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    geom = _place_geometry(place.id, place)
    if geom is None or geom.geom_type == "Point":
        return place.lon, place.lat
    near = nearest_points(geom, Point(*focus))[0]
    return near.x, near.y


_GEOM_CACHE: dict[str, object] = {}


def _place_geometry(pid: str, place: Place):
    if pid not in _GEOM_CACHE:
        from geo_deconflict.geodesy import geodesic_circle

        geom = place.geometry()
        if geom.geom_type == "Point" and place.radius_m:
            geom = geodesic_circle(place.lon, place.lat, place.radius_m)
        _GEOM_CACHE[pid] = geom
    return _GEOM_CACHE[pid]


def _relative_geometry(doc: _Doc, rel: _Rel, build: bool):
    """(geometry, representative (lon, lat)) of a relative expression."""
    from geo_deconflict import _relgeom

    return _relgeom.build(doc, rel, build)
