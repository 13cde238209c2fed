"""Normalise Arabic and Latin place names into comparison keys (str -> str, no I/O).

Three levels of folding, from strict to loose, back the gazetteer's match tiers:

* `exact_form`: NFKC, case and spacing only (``عمّان`` keeps its shadda);
* `name_key`: `arabic_key` for Arabic script (alef forms, alef maqsura, taa marbuta,
  hamza, diacritics, tatweel, spaces) or `latin_key` for Latin script (diacritics,
  articles al-/el-/ad-/ez-..., ``ou``, doubled letters, final ``h``, punctuation);
* `translit_key`: a looser key of a transliteration that folds the spelling habits of
  English, French and BGN romanisations (``e``/``a``, ``o``/``u``, ``ei``/``ay``,
  ``aw``/``o``, ``q``/``k``/``g``, ``ch``/``sh``, ``dj``/``j``, a final ``-a``/``-ah``/``-eh``);
* `latin_skeleton`: a consonant skeleton of a transliteration (``Dayr az Zawr`` and
  ``Der Ezzor`` both give ``drzr``), used to find candidates for fuzzy scoring.

`arabic_peels` lists the forms left after peeling Arabic proclitics (و ف ب ل ك, ال, لل);
suffixes are never stripped, so الرقة and اللاذقية stay whole.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["arabic_key", "arabic_peels", "arabic_sound_key", "exact_form", "is_arabic", "latin_key",
           "latin_skeleton", "match_keys", "name_key", "script_of", "toggle_arabic_article",
           "translit_key"]

_AR_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_AR_MAP = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",  # alef forms
    "ى": "ي", "ئ": "ي", "ؤ": "و",            # alef maqsura, hamza seats
    "ء": None,                                 # bare hamza (السويداء = السويدا)
    "ة": "ه",                                  # taa marbuta
    "ـ": None,                                 # tatweel
    "ک": "ك", "ی": "ي", "ھ": "ه", "ہ": "ه",    # Persian/Urdu letter forms
    "چ": "ج", "گ": "ك", "پ": "ب", "ڤ": "ف",    # letters for sounds Arabic lacks (منبچ)
    "\u200c": None, "\u200d": None, "\u200f": None, "\u200e": None,  # joiners, marks
})
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
# a word of the basic Arabic letters alone (most words of a text): NFKC (they compose with no
# mark), the diacritics, casefolding and the stripping of other characters leave it as it is,
# so that `arabic_key` has only the letter forms to fold
_AR_PLAIN = re.compile("[\u0621-\u064a]+")
_AR_LETTER_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                                  "ـ": None})
_LATIN_ARTICLE = re.compile(
    r"\b(?:al|el|il|ul|ad|ar|as|at|az|ez|ed|er|es|et|ash|esh|an|en|adh|ath|dh|ah)[-\s'’]+")
_JOINED_ARTICLE = re.compile(r"(?<=[a-z])(?:al|el|ez|az|ad|ar|as|es|ed|er|et|at)-")
_APOSTROPHES = re.compile("['`‘’ʿʾʻʼ´]")
_NON_ALNUM = re.compile(r"[^0-9a-z\u0621-\u064a]+")
_LATIN_LETTERS = str.maketrans({"ı": "i", "ə": "e", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d",
                                "ł": "l", "œ": "oe", "þ": "th", "ð": "d"})
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")
_DOUBLE = re.compile(r"(.)\1+")

# Consonant skeleton of a Latin key: digraphs first, then single letters; vowels go.
_SKELETON_DIGRAPHS = (("dsch", "j"), ("tch", "s"), ("sch", "s"), ("dzh", "j"), ("dj", "j"),
                      ("zh", "j"), ("kh", "h"), ("gh", "g"), ("sh", "s"), ("ch", "s"),
                      ("th", "t"), ("dh", "d"), ("ph", "f"), ("ck", "k"))
_SKELETON_MAP = str.maketrans({"q": "k", "c": "k", "v": "f", "x": "h", "a": None, "e": None,
                               "i": None, "o": None, "u": None, "y": None, "w": None})


def is_arabic(text: str) -> bool:
    """True if `text` contains at least one Arabic letter.

    Examples
    --------
    >>> is_arabic("دير الزور"), is_arabic("Deir ez-Zor")
    (True, False)
    """
    return _ARABIC_LETTER.search(text) is not None


def script_of(text: str) -> str | None:
    """``"arabic"`` or ``"latin"`` if every letter of `text` is in that script, else None.

    Names mixing scripts (GeoNames has a few, such as ``ڕەqqە``) and names in other
    scripts (Cyrillic, CJK ...) give None; the gazetteer keeps only the first two kinds.

    Examples
    --------
    >>> script_of("الرقة"), script_of("Ar Raqqah"), script_of("Ракка"), script_of("ڕەqqە")
    ('arabic', 'latin', None, None)
    """
    seen = set()
    for ch in text:
        if not ch.isalpha():
            continue
        if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufefc":
            seen.add("arabic")
        elif ch.isascii() or unicodedata.name(ch, "").startswith("LATIN"):
            seen.add("latin")
        else:
            return None
    return seen.pop() if len(seen) == 1 else None


@lru_cache(maxsize=100_000)
def exact_form(text: str) -> str:
    """The form compared by the gazetteer's *exact* tier: NFKC, casefolded, spaces collapsed,
    Arabic letter forms (alef, alef maqsura, taa marbuta, tatweel) folded; diacritics kept.

    Examples
    --------
    >>> exact_form("  Deir  EZ-Zor ")
    'deir ez-zor'
    >>> exact_form("عمّان") == exact_form("عمان")
    False
    """
    text = unicodedata.normalize("NFKC", text).casefold().translate(_AR_LETTER_FORMS)
    return " ".join(text.split())


def arabic_key(text: str) -> str:
    """Fold an Arabic name: NFKC, alef forms, alef maqsura, taa marbuta, hamza, diacritics,
    tatweel; spaces and punctuation are removed, so ``ديرالزور`` equals ``دير الزور``.

    Nothing is stripped from either end of a word (see `arabic_peels` for proclitics).

    Examples
    --------
    >>> arabic_key("حماة") == arabic_key("حماه")
    True
    >>> arabic_key("إدلِب")
    'ادلب'
    >>> arabic_key("ديرالزور") == arabic_key("دير الزور")
    True
    """
    if _AR_PLAIN.fullmatch(text):
        return text.translate(_AR_MAP)
    text = unicodedata.normalize("NFKC", text)
    text = _AR_DIACRITICS.sub("", text).translate(_AR_MAP)
    return _NON_ALNUM.sub("", text.casefold())


def latin_key(text: str) -> str:
    """Fold a Latin transliteration: diacritics, case, articles (al-, el-, ad-, ar-, as-, at-,
    az-, ez- ...), ``ou``/``oo``/``ee``, doubled letters, a final ``h`` after a vowel,
    apostrophes, hyphens and spaces.

    Examples
    --------
    >>> latin_key("Ḩamāh") == latin_key("Hama")
    True
    >>> latin_key("Deir ez-Zor") == latin_key("Deir-ez-Zor") == latin_key("Deir al Zor")
    True
    >>> latin_key("Al-Raqqah") == latin_key("Raqqa")
    True
    >>> latin_key("Deir al-Zour")
    'deirzur'
    """
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    if not text.isascii():
        text = text.translate(_LATIN_LETTERS)
    text = _APOSTROPHES.sub("", text)
    text = _LATIN_ARTICLE.sub("", text)
    text = _JOINED_ARTICLE.sub("", text)
    text = text.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    text = _FINAL_H.sub("", text)
    text = _NON_ALNUM.sub("", text)
    return _DOUBLE.sub(r"\1", text)


_TRANSLIT_PAIRS = (("dzh", "j"), ("dj", "j"), ("zh", "j"), ("sch", "sh"), ("ch", "sh"))
_TRANSLIT_CHARS = str.maketrans({"q": "k", "c": "k", "e": "a", "o": "u"})
_TRANSLIT_G = re.compile("g(?!h)")
_TRANSLIT_U = re.compile("a[wu]|u[wu]|w(?=[^aiu]|$)")
_TRANSLIT_AI = re.compile("a[yi]|i[yi]|y(?=[^aiu]|$)")


def translit_key(text: str) -> str:
    """A looser `latin_key` that folds the usual spelling differences of romanisations.

    News, French and BGN/GeoNames spellings of one Arabic name often differ in their vowels
    and a few consonants: ``e``/``a`` and ``o``/``u``, ``ei``/``ay``/``ai``, ``aw``/``o``,
    ``q``/``k``/``g``, ``ch``/``sh``, ``dj``/``j`` and a final ``-a``/``-ah``/``-eh``. The
    gazetteer looks these keys up only after the exact and normalised tiers miss, and scores
    them below.

    Examples
    --------
    >>> translit_key("Deir ez-Zor") == translit_key("Dayr az Zawr")
    True
    >>> translit_key("Ain al-Hawr") == translit_key("`Ayn al Hawr")
    True
    >>> translit_key("Qamishli") == translit_key("Kamechliyé")
    False
    >>> translit_key("Jarablus") == translit_key("Djerablous")
    True
    """
    return translit_of_key(latin_key(text))


def translit_of_key(key: str) -> str:
    """`translit_key` of a string that is already a `latin_key` (no second normalisation)."""
    if not key.isascii():
        return key
    for old, new in _TRANSLIT_PAIRS:
        if old in key:
            key = key.replace(old, new)
    if "g" in key:
        key = _TRANSLIT_G.sub("k", key)
    key = _TRANSLIT_AI.sub("ai", _TRANSLIT_U.sub("u", key.translate(_TRANSLIT_CHARS)))
    if len(key) > 1 and key.endswith("a"):
        key = key[:-1]
    return _DOUBLE.sub(r"\1", key)


def latin_skeleton(text: str) -> str:
    """A consonant skeleton of a Latin name, for finding spelling variants.

    Built from `latin_key`: digraphs are folded (kh, sh, ch, dj, th, dh ...), q/c become k
    and vowels (with y and w) are dropped. Many names share a skeleton, so it only
    proposes candidates; the gazetteer scores them with a fuzzy ratio.

    Examples
    --------
    >>> latin_skeleton("Dayr az Zawr") == latin_skeleton("Der Ezzor") == latin_skeleton("Deir ez-Zor")
    True
    >>> latin_skeleton("Menbij") == latin_skeleton("Manbidj")
    True
    """
    key = latin_key(text)
    if not key.isascii():
        return ""
    for old, new in _SKELETON_DIGRAPHS:
        key = key.replace(old, new)
    # an initial article glued to a sun letter ("Ezzor", "Ar-Raqqa" already folded)
    return _DOUBLE.sub(r"\1", key.translate(_SKELETON_MAP))


@lru_cache(maxsize=100_000)
def name_key(text: str) -> str:
    """The comparison key of any name: `arabic_key` for Arabic script, else `latin_key`.

    Examples
    --------
    >>> name_key("Manbij") == name_key("MANBIJ")
    True
    """
    return arabic_key(text) if is_arabic(text) else latin_key(text)


_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
_MIN_PEELED = 3


# the emphatics and their plain letters (no plain letter is itself folded: the pairs may be
# replaced one after the other, as `_translit.sound_keys` does)
_AR_SOUND_PAIRS = (("ص", "س"), ("ط", "ت"), ("ض", "د"), ("ظ", "ز"), ("ذ", "ز"))
_AR_SOUNDS = str.maketrans(dict(_AR_SOUND_PAIRS))


def arabic_sound_key(key: str) -> str:
    """An Arabic name key (`arabic_key`) folded further for village names whose spelling
    varies: the emphatics as their plain letters (كنصفرة / كنسفرة), no article, no final taa
    marbuta or alef (قوقفين / قوقفينة); "" when too short to tell names apart, or when the
    ending is the feminine of a nisba (سورية).

    >>> arabic_sound_key(arabic_key("كنصفرة")) == arabic_sound_key(arabic_key("كنسفرة"))
    True
    >>> arabic_sound_key(arabic_key("قوقفين")) == arabic_sound_key(arabic_key("قوقفينة"))
    True
    """
    return _plain_sound_key(key.translate(_AR_SOUNDS))


def _plain_sound_key(key: str) -> str:
    """`arabic_sound_key` of a key whose emphatics are already plain letters."""
    key = key.removeprefix("ال")
    if key[-1:] in ("ه", "ا"):
        key = key[:-1]
        if key.endswith("ي"):
            return ""   # سورية / سوري: a noun and its adjective, not two spellings
    return key if len(key) >= 4 else ""


def toggle_arabic_article(key: str) -> str:
    """An Arabic name key with its article dropped or added (الشحيل / شحيل), as names are
    written both ways; "" when the other form would be too short to be a name.

    Examples
    --------
    >>> toggle_arabic_article(arabic_key("الشحيل")) == arabic_key("شحيل")
    True
    >>> toggle_arabic_article(arabic_key("شحيل")) == arabic_key("الشحيل")
    True
    """
    if key.startswith("ال"):
        return key[2:] if len(key) > 4 else ""
    return "ال" + key if len(key) >= 3 else ""


def arabic_peels(text: str, *, min_length: int = _MIN_PEELED) -> list[tuple[str, str]]:
    """Keys left after peeling Arabic proclitics off `text`, fewest letters peeled first.

    Each item is ``(key, peeled)`` where `peeled` shows what was removed (``"و+ب"``,
    ``"ل→ال"`` ...). The full form itself is not included: try it first, and peel only when
    it misses. Conjunctions و ف, then prepositions ب ل ك, then ``لل`` (ل + ال, whose alef
    is dropped in writing) are tried; at least `min_length` letters must remain (three for a
    name on its own; a geoparser joining the word to the next ones may ask for two: «لتل أبيض»). Suffixes are never
    touched, and neither is the article of the name itself: a place's article is part of its
    name (الصور, a town on the Khabur, is not صور, Tyre), so «بالرقة» gives الرقة, never رقة.

    Examples
    --------
    >>> [k for k, _ in arabic_peels("وبالرقة")]
    ['بالرقه', 'الرقه']
    >>> arabic_peels("الصور")
    []
    >>> arabic_peels("للولايات المتحدة")[0]
    ('الولاياتالمتحده', 'لل→ال')
    >>> arabic_peels("لولايات المتحدة")[1]
    ('الولاياتالمتحده', 'ل→ال')
    """
    key = arabic_key(text)
    out: list[tuple[str, str]] = []
    seen = {key}

    def add(form: str, how: str) -> None:
        if len(form) >= min_length and form not in seen:
            seen.add(form)
            out.append((form, how))

    bases = [(key, "")]
    if key[:1] in _CONJ:
        bases.append((key[1:], key[0]))
    for base, how in bases:
        if base is not key:
            add(base, how)
        sep = "+" if how else ""
        if base.startswith("لل"):
            add("ال" + base[2:], f"{how}{sep}لل→ال")
        if base[:1] in _PREP:
            add(base[1:], f"{how}{sep}{base[0]}")
            if base[0] == "ل" and not base.startswith("ال"):
                add("ال" + base[1:], f"{how}{sep}ل→ال")
    return out


def match_keys(text: str) -> list[tuple[str, str]]:
    """Every key under which `text` may be found, in the order to try them.

    The first item is ``(name_key(text), "")``; for Arabic it is followed by the
    `arabic_peels` forms. This is what the gazetteer's exact and clitic tiers look up, and
    what a geoparser can use to ask "is this span a known name?" without fuzzy matching.

    Examples
    --------
    >>> match_keys("Deir ez-Zor")
    [('deirzor', '')]
    >>> match_keys("والرقة")[:2]
    [('والرقه', ''), ('الرقه', 'و')]
    """
    key = name_key(text)
    if not key:
        return []
    if not is_arabic(text):
        return [(key, "")]
    return [(key, ""), *arabic_peels(text)]
