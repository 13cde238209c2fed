"""The conflict's parties: canonical names, Arabic and English aliases, and which side they are on.

`canonical_actor` maps any spelling (``قسد``, ``Syrian Democratic Forces``, ACLED's
``Military Forces of Russia (2000-)``) to one canonical name; `find_actors` finds actor
mentions in a text with offsets into the original, unmodified string, tolerating Arabic
letter-form variants, diacritics and proclitics (و ف ب ل).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from geo_deconflict.geo.names import arabic_key, latin_key
from geo_deconflict.incidents._alias_regex import Token, trie_pattern

__all__ = ["ACTORS", "SIDES", "Actor", "ActorMention", "canonical_actor", "find_actors", "side_of"]

# Sides of the US-Russia deconfliction arrangements in Syria.
SIDES = ("coalition", "russia_government", "turkey", "non_party")


@dataclass(frozen=True, slots=True)
class Actor:
    """A party to the conflict with its names in both scripts."""

    name: str
    side: str
    kind: str
    aliases_ar: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    # aliases that name the actor through a place (its capital, a ministry building): the
    # extractor treats these as the actor only when the geoparser marks them metonymic
    metonyms: tuple[str, ...] = ()


ACTORS: tuple[Actor, ...] = (
    Actor("Russia", "russia_government", "state",
          ("روسيا", "الروسية", "الروسي", "الروس", "روسي", "روسية", "روس", "الجيش الروسي",
           "القوات الروسية", "وزارة الدفاع الروسية", "الطيران الروسي", "الكرملين",
           "الخارجية الروسية", "وزارة الخارجية الروسية", "الشرطة العسكرية الروسية",
           "الطائرات الروسية", "المقاتلات الروسية", "الجانب الروسي", "روسيتين", "روسيتان",
           "روسيون", "روسيين",
           # its leaders speak and act for it
           "بوتين", "فلاديمير بوتين", "لافروف", "سيرغي لافروف", "شويغو", "سيرغي شويغو",
           "بيسكوف", "زاخاروفا", "كوناشينكوف"),
          ("Russia", "Russian", "Russians", "Russian Federation", "Kremlin",
           "Russian military", "Russian forces", "Russian troops", "Russian military police",
           "Russian Defence Ministry", "Russian Defense Ministry", "Military Forces of Russia",
           "Putin", "Vladimir Putin", "Lavrov", "Sergei Lavrov", "Shoigu", "Sergei Shoigu",
           "Peskov", "Zakharova", "Konashenkov"),
          ("موسكو", "Moscow")),
    Actor("United States", "coalition", "state",
          ("الولايات المتحدة", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية",
           "أمريكا", "أميركا", "الأمريكية", "الأميركية", "الأمريكي", "الأميركي", "الأمريكيين",
           "الأميركيين", "الأمريكيون", "الأميركيون", "أمريكية", "أميركية", "أمريكي", "أميركي",
           "أمريكيون", "أميركيون", "أمريكيين", "أميركيين", "أمريكيتين", "أمريكيتان",
           "أميركيتين", "أميركيتان", "وزارة الدفاع الأمريكية", "الجيش الأمريكي",
           "القوات الأمريكية", "القوات الأميركية", "البنتاغون", "البنتاجون", "البيت الأبيض",
           "ترامب", "دونالد ترامب", "أوباما", "بايدن", "بومبيو", "تيلرسون", "ماتيس", "إسبر",
           "كيري", "جون كيري"),
          ("United States", "US", "U.S.", "USA", "America", "American", "Americans", "Pentagon",
           "White House", "Military Forces of the United States", "Trump", "Donald Trump",
           "Obama", "Biden", "Pompeo", "Tillerson", "Mattis", "Esper", "Kerry", "John Kerry"),
          ("واشنطن", "Washington")),
    Actor("US-led coalition", "coalition", "coalition",
          ("التحالف الدولي", "الائتلاف الدولي", "التحالف", "قوات التحالف", "التحالف الدولي ضد داعش",
           "التحالف الدولي بقيادة الولايات المتحدة", "التحالف الذي تقوده الولايات المتحدة",
           "التحالف الدولي لمحاربة داعش", "طيران التحالف", "طائرات التحالف"),
          ("US-led coalition", "coalition", "Global Coalition", "anti-ISIS coalition",
           "Operation Inherent Resolve", "CJTF-OIR", "International Coalition Forces",
           "Global Coalition Against Daesh", "Global Coalition against ISIS",
           "U.S.-led coalition", "US-led alliance", "U.S.-led alliance",
           "Coalition Forces", "International Coalition")),
    Actor("SDF", "coalition", "armed_group",
          ("قوات سوريا الديمقراطية", "قوات سوريا الديموقراطية", "قسد", "قوات سورية الديمقراطية",
           # its component councils
           "مجلس منبج العسكري", "مجلس دير الزور العسكري"),
          ("SDF", "Syrian Democratic Forces", "QSD", "SDF: Syrian Democratic Forces",
           "Manbij Military Council", "Manbij MC", "MMC", "Deir ez-Zor Military Council",
           "Deir Ezzor Military Council", "Deir al-Zour Military Council", "Deir ez-Zor MC",
           "DMC", "Kurdish-led forces", "Kurdish-led fighters", "Kurdish-led militia",
           "Kurdish-led alliance", "Kurdish-led force")),
    Actor("Maghawir al-Thawra", "coalition", "armed_group",
          ("مغاوير الثورة", "جيش مغاوير الثورة"),
          ("Maghawir al-Thawra", "Revolutionary Commando Army", "Mughawir al-Thawra")),
    Actor("Syrian Elite Forces", "coalition", "armed_group",
          ("قوات النخبة السورية", "قوات النخبة"),
          ("Syrian Elite Forces", "Elite Forces")),
    Actor("Syrian government", "russia_government", "government",
          ("النظام السوري", "النظام", "الجيش السوري", "القوات الحكومية", "قوات النظام",
           "الحكومة السورية", "الجيش العربي السوري", "القوات السورية", "قوات الحكومة السورية",
           "قوات حكومية سورية", "الطيران السوري", "القوات الموالية للنظام", "قوات موالية للنظام",
           "الميليشيات الموالية للنظام", "ميليشيات موالية للنظام", "قوات الأسد", "نظام الأسد",
           "الجيش النظامي", "القوات النظامية", "الطائرات السورية", "بشار الأسد",
           "سوريتان", "سوريتين", "المقاتلات السورية", "الدفاعات الجوية السورية",
           "الطائرات الحربية السورية", "الدفاع الجوي السوري", "سلاح الجو السوري",
           "القوات الجوية السورية", "الطيران الحربي السوري",
           "وكالة الأنباء السورية", "التلفزيون السوري", "الإعلام الرسمي السوري",
           "وزارة الدفاع السورية", "الخارجية السورية", "وزارة الخارجية السورية",
           # pro-government militias fight under the government's command
           "قوات الدفاع الوطني", "الدفاع الوطني", "ميليشيا الدفاع الوطني", "لواء القدس",
           # the army's named formations
           "الفرقة الرابعة", "الحرس الجمهوري", "قوات النمر", "الفرقة 25", "الفيلق الخامس",
           "قوات الغيث"),
          ("Syrian government", "Syrian regime", "regime", "Syrian army", "Syrian Arab Army",
           "SAA", "pro-government forces", "government forces", "Military Forces of Syria",
           "Syrian forces", "Syrian troops", "Syrian government forces", "regime forces",
           "Assad regime", "pro-regime forces", "Syrian military", "Police Forces of Syria",
           "Syrian state media", "Syrian state television", "Assad", "Bashar al-Assad", "NDF", "National Defense Forces",
           "National Defence Forces", "National Defence Force", "National Defense Force",
           "Liwa al-Quds", "Al-Quds Brigade", "Quds Brigade", "Fourth Division",
           "4th Division", "Republican Guard", "Tiger Forces", "Fifth Corps", "5th Corps",
           "25th Division",
           # the state's organs and arms, "Syria's" as "Syrian"
           *(f"{who} {organ}" for who in ("Syrian", "Syria's")
             for organ in ("foreign ministry", "Foreign Ministry", "defence ministry",
                           "Defence Ministry", "defense ministry", "Defense Ministry",
                           "foreign minister", "Foreign Minister", "defense minister",
                           "Defense Minister", "defence minister", "Defence Minister",
                           "army", "military", "president", "presidency", "officials",
                           "authorities", "air force", "Air Force", "air defenses",
                           "air defences", "warplanes", "jets", "aircraft", "helicopters",
                           "artillery", "soldier", "soldiers", "state TV", "state news agency",
                           "army checkpoint", "checkpoint", "checkpoints")),
           *(f"{who} {force}" for who in ("government", "regime", "pro-government",
                                            "pro-regime")
             for force in ("artillery", "troops", "soldiers", "warplanes", "jets", "aircraft",
                           "helicopters", "militias", "fighters", "units", "gunners",
                           "gunmen", "militiamen", "shelling", "bombardment", "airstrikes",
                           "air strikes", "offensive", "positions", "checkpoint", "checkpoints"))),
          ("دمشق", "Damascus")),
    Actor("Iran", "russia_government", "state",
          ("إيران", "الإيرانية", "الإيراني", "الحرس الثوري", "الحرس الثوري الإيراني",
           "الإيرانيين", "إيرانية", "إيراني"),
          ("Iran", "Iranian", "IRGC", "Military Forces of Iran"), ("طهران", "Tehran")),
    Actor("Turkey", "turkey", "state",
          ("تركيا", "التركية", "التركي", "الجيش التركي", "القوات التركية", "الأتراك", "تركي",
           "أتراك", "جنود أتراك", "أردوغان", "رجب طيب أردوغان", "أكار", "خلوصي أكار",
           "جاووش أوغلو", "تشاووش أوغلو", "مولود جاووش أوغلو", "مولود تشاووش أوغلو",
           "تركية", "تركيتين", "تركيتان", "وزارة الدفاع التركية", "الطيران التركي",
           "الخارجية التركية",
           "رئاسة الأركان التركية"),
          ("Turkey", "Türkiye", "Turkish", "Turks", "Turkish army", "Turkish forces",
           "Turkish military", "Turkish troops", "Turkish General Staff", "Erdogan",
           "Tayyip Erdogan", "Recep Tayyip Erdogan", "Cavusoglu", "Mevlut Cavusoglu", "Akar",
           "Hulusi Akar",
           "Military Forces of Turkey"), ("أنقرة", "Ankara")),
    Actor("ISIS", "non_party", "armed_group",
          ("داعش", "تنظيم الدولة", "تنظيم الدولة الإسلامية", "الدولة الإسلامية", "تنظيم داعش",
           "عناصر داعش", "مسلحي داعش", "تنظيم «الدولة الإسلامية»",
           # its news agency speaks for it
           "وكالة أعماق", "أعماق"),
          ("ISIS", "ISIL", "IS", "Islamic State", "Daesh", "Daish", "jihadists",
           "Islamic State (Syria)", "Amaq", "Amaq News Agency")),
    Actor("HTS", "non_party", "armed_group",
          ("هيئة تحرير الشام", "تحرير الشام"),
          ("HTS", "Hayat Tahrir al-Sham", "Hay'at Tahrir al-Sham", "Tahrir al-Sham")),
    Actor("Nusra Front", "non_party", "armed_group",
          ("جبهة النصرة", "النصرة", "جبهة فتح الشام"),
          ("Nusra Front", "al-Nusra Front", "Jabhat al-Nusra", "Jabhat Fateh al-Sham")),
    Actor("NATO", "non_party", "alliance",
          ("حلف شمال الأطلسي", "حلف الناتو", "الناتو"), ("NATO",)),
    Actor("Israel", "non_party", "state",
          ("إسرائيل", "الإسرائيلية", "الإسرائيلي", "نتنياهو", "إسرائيلية", "إسرائيلي",
           "إسرائيليتين", "إسرائيليتان", "الإسرائيليين", "إسرائيليين"),
          ("Israel", "Israeli", "IDF", "Netanyahu", "Benjamin Netanyahu")),
    Actor("Hezbollah", "russia_government", "armed_group",
          ("حزب الله", "حزب الله اللبناني", "ميليشيا حزب الله", "ميليشيات حزب الله"),
          ("Hezbollah", "Hizbollah", "Hizballah", "Hizbullah", "Lebanese Hezbollah")),
    Actor("Wagner/Russian contractors", "russia_government", "armed_group",
          ("فاغنر", "مجموعة فاغنر", "شركة فاغنر", "فاغنير", "المرتزقة الروس",
           "مرتزقة روس", "متعاقدين روس", "المتعاقدين الروس", "متعاقدون روس"),
          ("Wagner", "Wagner Group", "Russian contractors",
           "Russian mercenaries", "PMC Wagner", "Russian private military contractors")),
    Actor("Iran-backed militias", "russia_government", "armed_group",
          ("الميليشيات الإيرانية", "ميليشيات إيرانية", "الميليشيات الموالية لإيران",
           "ميليشيات موالية لإيران", "الميليشيات المدعومة من إيران", "ميليشيات مدعومة من إيران",
           "الميليشيات الشيعية", "ميليشيات شيعية", "الحشد الشعبي", "قوات الحشد الشعبي",
           "الحشد الشعبي العراقي", "فصائل الحشد الشعبي", "المليشيات الإيرانية",
           "مليشيات إيرانية", "المليشيات الموالية لإيران", "الفصائل الموالية لإيران",
           "فصائل موالية لإيران", "فصائل مدعومة من إيران", "الفصائل المدعومة من إيران",
           # «ميليشيات إيران», Iran's militias; the named ones
           "ميليشيات إيران", "ميليشيا إيران", "مليشيات إيران", "الميليشيات التابعة لإيران",
           "ميليشيات تابعة لإيران", "لواء فاطميون", "فاطميون", "الفاطميون", "لواء زينبيون",
           "زينبيون", "حركة النجباء", "النجباء", "كتائب حزب الله العراقي", "كتائب حزب الله",
           "كتائب حزب الله العراقية", "حزب الله العراقي", "عصائب أهل الحق"),
          ("Iran-backed militias", "Iranian-backed militias", "Iran-backed militia",
           "Iranian-backed militia", "Iran-backed forces", "Iranian-backed forces",
           "Iran-backed faction", "Iranian-backed faction", "pro-Iranian militias",
           "pro-Iran militias", "Shiite militias", "Shia militias", "Popular Mobilization Forces",
           "Popular Mobilisation Forces", "Popular Mobilization Units",
           "Popular Mobilisation Units", "PMF", "PMU", "Hashd al-Shaabi", "al-Hashd al-Shaabi",
           "Iranian militias", "Iranian militia", "Iran's militias", "Iranian proxies",
           "Iran-backed proxies", "Fatemiyoun", "Fatemiyoun Brigade", "Zainabiyoun",
           "Nujaba", "al-Nujaba", "Kataib Hezbollah", "Kata'ib Hezbollah", "Asaib Ahl al-Haq")),
    Actor("YPG", "coalition", "armed_group",
          ("وحدات حماية الشعب", "وحدات حماية الشعب الكردية", "الوحدات الكردية",
           "الميليشيات الكردية", "المليشيات الكردية", "حزب العمال الكردستاني", "ي ب ك",
           "وحدات الحماية", "التنظيم الكردي", "الفصائل الكردية", "المقاتلين الأكراد",
           "التشكيلات الكردية", "تشكيلات كردية", "المسلحين الأكراد", "مسلحين أكراد",
           "المسلحون الأكراد", "مسلحون أكراد"),
          ("YPG", "People's Protection Units", "Kurdish YPG", "PKK", "YPG/PKK", "PYD",
           "Kurdish militia", "Kurdish fighters", "Kurdish forces", "Kurdish militants",
           "Kurdish militias", "Kurdish militiamen",
           # the Russian ministry's words
           "Kurdish formations", "Kurdish units", "Kurdish armed formations")),
    Actor("Turkish-backed factions", "turkey", "armed_group",
          ("الجيش الوطني السوري", "الجيش الوطني", "الفصائل الموالية لتركيا",
           "فصائل موالية لتركيا", "الفصائل المدعومة من تركيا", "فصائل مدعومة من تركيا",
           "الفصائل السورية الموالية لأنقرة", "الفصائل الموالية لأنقرة", "فصائل الجيش الحر",
           "الجيش السوري الحر", "الجيش الحر", "فصائل المعارضة الموالية لتركيا",
           "المعارضة السورية المسلحة"),
          ("Turkish-backed factions", "Turkish-backed rebels", "Turkey-backed rebels",
           "Turkish-backed fighters", "Turkey-backed fighters", "Turkish-backed forces",
           "Turkish-backed Syrian rebels", "Turkish-backed militias", "Syrian National Army",
           "SNA", "Free Syrian Army", "FSA", "TFSA")),
    Actor("Iraq", "non_party", "state",
          ("العراق", "العراقية", "العراقي", "القوات العراقية", "الجيش العراقي"),
          ("Iraq", "Iraqi", "Iraqi forces", "Military Forces of Iraq"), ("بغداد", "Baghdad")),
    Actor("civilians", "non_party", "civilians",
          ("مدنيين", "المدنيين", "مدنيون", "المدنيون", "مدني", "المدنيين العزل", "الأهالي",
           "السكان", "النازحين", "نازحين", "الأطفال", "أطفال", "العائلات", "عائلات",
           "نازح", "نازحا", "نازحون", "النازحون", "المهجرين", "مهجرين", "عائلة", "عائلتين",
           "أسرة", "أسر", "الأسر", "العوائل", "عوائل", "قاطني", "قاطنو", "قاطنين",
           "القاطنين", "سكان", "شخص", "أشخاص", "شخصاً", "الأشخاص"),
          ("civilians", "civilian", "residents", "displaced people", "Civilians (Syria)",
           "children", "people", "families", "villagers", "refugees", "households",
           "the displaced")),
    Actor("SOHR", "non_party", "monitor",
          ("المرصد السوري لحقوق الإنسان", "المرصد السوري", "المرصد"),
          ("SOHR", "Syrian Observatory for Human Rights", "Syrian Observatory",
           "the Observatory")),
    Actor("Unidentified armed group", "non_party", "unknown",
          ("مجهولين", "مسلحين مجهولين", "مسلحون مجهولون", "طائرات مجهولة", "طائرات مجهولة الهوية",
           "جهة مجهولة", "طيران مجهول"),
          ("Unidentified Military Forces", "Unidentified Armed Group", "unidentified aircraft",
           "unidentified gunmen", "unknown gunmen", "unidentified warplanes")),
    Actor("Jordan", "non_party", "state",
          ("الأردن", "الأردنية", "الأردني", "الأردنيين", "الأردنيون"), ("Jordan", "Jordanian"), ("عمان", "Amman")),
)

_BY_NAME = {a.name: a for a in ACTORS}
# The marks (harakat, tanween, shadda, Quranic signs) are taken out of a text before the
# alias scan, so that the alias pattern need not allow them after every letter: a class of
# scattered code points after each of ~2,900 letters took 0.3 s of every process's start to
# compile. The tatweel stays (it joins letters, and counts as one at a word's edge).
_AR_MARKS = "\u0610-\u061a\u064b-\u065f\u0670"
_MARK_RUN = re.compile(f"[{_AR_MARKS}]+")
_TATWEEL = "\u0640*"
_AR_CLASS = {"ا": "[اأإآٱ]", "أ": "[اأإآٱ]", "إ": "[اأإآٱ]", "آ": "[اأإآٱ]", "ي": "[يى]",
             "ى": "[يى]", "ة": "[ةه]", "ه": "[هة]"}
_AR_LETTER = "\u0621-\u064a\u0671-\u06d3"


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in a text: offsets into the original string, the canonical actor, and
    whether the name was a metonym (a capital or building standing for the state)."""

    start: int
    end: int
    surface: str
    actor: str
    metonym: bool = False


def side_of(actor: str) -> str:
    """The side of a canonical actor in the arrangements, ``non_party`` when unknown.

    Examples
    --------
    >>> side_of("SDF"), side_of("Syrian government"), side_of("ISIS")
    ('coalition', 'russia_government', 'non_party')
    >>> side_of("Military Forces of Syria (2000-)"), side_of("Wagner Group")
    ('russia_government', 'russia_government')
    """
    found = _BY_NAME.get(actor) or _BY_NAME.get(canonical_actor(actor) or "")
    return found.side if found else "non_party"


@lru_cache(maxsize=1)
def _alias_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for actor in ACTORS:
        for alias in (actor.name, *actor.aliases_en, *actor.metonyms):
            keys.setdefault("en:" + latin_key(alias), actor.name)
        for alias in (*actor.aliases_ar, *(m for m in actor.metonyms if not m.isascii())):
            keys.setdefault("ar:" + arabic_key(alias), actor.name)
    return keys


def canonical_actor(name: str) -> str | None:
    """The canonical name of an actor given in any spelling, or None if it is not known.

    ACLED's actor strings ("Military Forces of Russia (2000-)", "SDF: Syrian Democratic
    Forces") are recognised too.

    Examples
    --------
    >>> canonical_actor("قسد"), canonical_actor("Military Forces of Russia (2000-)")
    ('SDF', 'Russia')
    >>> canonical_actor("Islamic State (Syria)"), canonical_actor("Martians") is None
    ('ISIS', True)
    """
    if not name or not name.strip():
        return None
    text = name.strip()
    keys = _alias_keys()
    if any("\u0621" <= ch <= "\u064a" for ch in text):
        return keys.get("ar:" + arabic_key(text))
    text = re.sub(r"\s*\([^)]*\)\s*$", "", text)  # ACLED's "(2000-)" or "(Syria)"
    for candidate in (text, *text.split(":")):
        found = keys.get("en:" + latin_key(candidate))
        if found:
            return found
    return None


_QUOTES = "\"'«»“”‘’"
_GAP = rf"(?:\s*[{_QUOTES}]\s*|\s+)+"
# what a gap and the tatweel after a letter may consume (for `_alias_regex.Token.tail`)
_GAP_CHARS = frozenset(_QUOTES) | frozenset(c for c in map(chr, range(0x3001)) if c.isspace())
_TATWEEL_CHARS = frozenset("\u0640")


@lru_cache(maxsize=1)
def _scanner() -> tuple[tuple[str, ...], tuple[str, ...], dict[str, tuple[str, bool]]]:
    lookup: dict[str, tuple[str, bool]] = {}
    ar_aliases, en_aliases = [], []
    for actor in ACTORS:
        for alias in actor.aliases_ar:
            ar_aliases.append(alias)
            lookup["ar:" + arabic_key(alias)] = (actor.name, False)
        for alias in actor.aliases_en:
            en_aliases.append(alias)
            lookup["en:" + alias.casefold()] = (actor.name, False)
        for alias in actor.metonyms:
            if alias.isascii():
                en_aliases.append(alias)
                lookup["en:" + alias.casefold()] = (actor.name, True)
            else:
                ar_aliases.append(alias)
                lookup["ar:" + arabic_key(alias)] = (actor.name, True)
    ar_aliases.sort(key=len, reverse=True)  # longest first: "التحالف الدولي" before "التحالف"
    en_aliases.sort(key=len, reverse=True)
    return tuple(ar_aliases), tuple(en_aliases), lookup


def _arabic_tokens(alias: str) -> list[list[Token]]:
    """The alias as trie tokens: each letter with its variants (أ إ آ ا, ى ي, ة ه) and any
    tatweel after it (the marks are out of the text: `_arabic_spans`); a space as a gap
    that quotes may fill («تنظيم "الدولة"»)."""
    tokens = []
    for ch in alias:
        if ch == " ":
            tokens.append(Token(("gap",), _GAP_CHARS, _GAP, _GAP_CHARS))
        else:
            cls = _AR_CLASS.get(ch)
            chars = frozenset(cls[1:-1]) if cls else frozenset(ch)
            tokens.append(Token(("char", chars), chars,
                                (cls or re.escape(ch)) + _TATWEEL, _TATWEEL_CHARS))
    out = [tokens]
    if alias.startswith("ال"):
        # ل + ال is written لل ("للتحالف"): after the proclitic ل, the article's alef is dropped
        second = tokens[1]
        out.append([Token(("after lam", *second.key), second.chars, "(?<=ل)" + second.regex,
                          second.tail), *tokens[2:]])
    return out


def _english_tokens(alias: str) -> list[Token]:
    """The characters of `re.escape(alias)` as trie tokens (compared ignoring case)."""
    out = []
    for ch in alias:
        if ch.isascii():
            key = ch.lower()
            out.append(Token(("char", key), frozenset(key), re.escape(ch)))
        else:   # case variants of other scripts are not worked out: moved past nothing
            out.append(Token(("char", ch), None, re.escape(ch)))
    return out


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    """Every alias in one expression per script, longest first (as a trie: see
    `_alias_regex`); compiled once per process."""
    ar_aliases, en_aliases, _ = _scanner()
    alternatives = [alt for a in ar_aliases for alt in _arabic_tokens(a)]
    # the letters a match can open with (a proclitic or an alias's first letter): tested
    # before the alternatives, so that the scan passes over the other positions at once (and
    # after the word start, which rules out more of them: most positions are inside a word)
    # no «ك» (as): «كاسرةً» (breaking) is no «أسرة» (a family), and «كالجيش» is rare in news
    firsts = "".join(sorted(set("وفبل").union(*(alt[0].chars for alt in alternatives))))
    ar = re.compile(
        f"(?<![{_AR_LETTER}])(?=[{re.escape(firsts)}])(?:[وف]?[بل]?)(?P<name>"
        + trie_pattern(alternatives) + f")(?![{_AR_LETTER}])")
    en = re.compile(r"(?<![\w.])(?P<name>" + trie_pattern(map(_english_tokens, en_aliases))
                    + r")(?![\w])", re.IGNORECASE)
    return ar, en


def find_actors(text: str) -> list[ActorMention]:
    """Actor mentions in `text`, in order, with offsets into the original string.

    A proclitic (و ف ب ل) is left out of the span. Upper-case English acronyms must match
    in upper case ("US", "IS"), so that the words "us" and "is" are not actors.

    Examples
    --------
    >>> [(m.surface, m.actor) for m in find_actors("اتهمت قسد الطيران الروسي وللتحالف")]
    [('قسد', 'SDF'), ('الطيران الروسي', 'Russia'), ('لتحالف', 'US-led coalition')]
    >>> [(m.surface, m.actor, m.metonym) for m in find_actors("Moscow said the SDF advanced")]
    [('Moscow', 'Russia', True), ('SDF', 'SDF', False)]
    """
    lookup = _scanner()[2]
    ar, en = _patterns()
    found: list[ActorMention] = []
    for start, end in _arabic_spans(ar, text) if _AR_ANY.search(text) else ():
        surface = text[start:end]
        actor = _arabic_actor(surface)
        if actor and not _MADE_AR.match(text, end):   # «طائرة مسيرة إيرانية الصنع»: no party
            found.append(ActorMention(start, end, surface, actor[0], actor[1]))
    for match in en.finditer(text) if _LATIN_ANY.search(text) else ():
        surface = match.group("name")
        if surface.casefold() in _acronyms() and not surface.isupper():
            continue  # "us", "is": words, not actors
        actor = lookup.get("en:" + surface.casefold())
        if actor:
            start, end = match.span("name")
            if text[max(0, start - 8):start].casefold().endswith(("anti-", "counter-")):
                continue  # "an anti-Islamic State patrol", "anti-Assad rebels": against them
            if text.startswith(_MADE_EN, end):
                continue  # "an Iranian-made drone", "Russian-built jets": where it was made
            found.append(ActorMention(start, end, surface, actor[0], actor[1]))
    if _BACKED_HINT.search(text):
        found = _backed_groups(text, found)
    if any(word in text for word in _MILITIA_HINT):
        found = _militias_by_patron(text, found)
    return sorted(found, key=lambda m: m.start)


# "Turkish-backed Syrian fighters", "Iran-backed Iraqi militias", "militias backed by Tehran":
# a group named by its backer, whatever words stand between
_BACKED = re.compile(
    # "pro-Turkish armed groups", "pro-Iranian fighters": a group named by its patron
    r"\bpro-(?P<pro>Turkish|Turkey|Ankara|Iranian|Iran|Tehran)(?:\s+[a-z][\w'-]*){0,2}?\s+"
    r"(?:fighters|rebels|factions|militias|militiamen|groups|gunmen|militants|forces|proxies)\b|"
    r"\b(?P<pre>Turkish|Turkey|Ankara|Iranian|Iran|Tehran|U\.S\.|US|American|Washington|"
    r"[Cc]oalition|IRGC)-(?:backed|supported|allied|sponsored|aligned|affiliated|linked)"
    r"(?:\s+[A-Z][\w'-]*){0,2}\s+(?P<group>fighters|rebels|factions|militias|militiamen|forces|"
    r"groups|troops|gunmen|paramilitaries|proxies|opposition)\b"
    r"|\b(?:[A-Z][\w'-]*\s+){0,2}(?i:fighters|rebels|factions|militias|militiamen|groups|"
    r"paramilitaries|paramilitary\s+factions|gunmen)\s+(?:(?:backed|supported|sponsored|funded)"
    r"\s+by|loyal\s+to|aligned\s+with|allied\s+(?:to|with))\s+"
    r"(?P<post>Turkey|Ankara|Iran|Tehran)\b")
# «الميليشيات العراقية والأفغانية الموالية لإيران», «ميليشيات عراقية وإيرانية», «الفصائل
# السورية المسلحة المدعومة من أنقرة»: a group named by its origin or its patron, whatever
# adjectives stand between (the nationalities are not the states)
# (the words `_MILITIAS_AR` needs one of, looked for as strings: quicker over Arabic text
# than a regex of them, tried at every one of their common first letters)
_MILITIA_HINT = ("ميليشي", "مليشي", "فصائل", "مجموعات")
_ORIGINS_AR = "(?:عراقي|أفغاني|افغاني|باكستاني|شيعي|إيراني|ايراني)"
_PATRONS_AR = {"إيران": "Iran-backed militias", "ايران": "Iran-backed militias",
               "طهران": "Iran-backed militias", "تركيا": "Turkish-backed factions",
               "أنقرة": "Turkish-backed factions", "انقرة": "Turkish-backed factions"}
_MILITIAS_AR = re.compile(
    r"(?<![\u0621-\u064a])[وفبل]?(?P<name>(?:(?:ال)?(?:ميليشي|مليشي)(?:ات|ا)(?P<origins>(?:\s+و?(?:ال)?"
    + _ORIGINS_AR + r"(?:ة|ه)?){1,3})|(?:ال)?(?:ميليشي|مليشي|فصائل|مجموعات)\S*)"
    r"(?:(?:\s+[^\s،,.]+){0,3}?\s+(?:ال)?(?:موالي|تابع|مدعوم)[ةه]\s+(?:ل|من\s+)"
    r"(?P<patron>" + "|".join(_PATRONS_AR) + r"))?)(?![\u0621-\u064a])")
_MADE_EN = ("-made", "-built", "-manufactured", "-supplied")
_MADE_AR = re.compile(r"\s+(?:ال)?صنع(?![\u0621-\u064a])")
_BACKED_HINT = re.compile(r"backed|-led|loyal to|aligned|allied|pro-|-affiliated|-linked")
_BACKED_ADJECTIVE = re.compile(r"-(?:backed|supported|sponsored|allied|aligned|affiliated|linked|"
                               r"led)\b")
_BACKERS = {"turkish": "Turkish-backed factions", "turkey": "Turkish-backed factions",
            "ankara": "Turkish-backed factions", "iranian": "Iran-backed militias",
            "irgc": "Iran-backed militias",
            "iran": "Iran-backed militias", "tehran": "Iran-backed militias",
            # the forces the coalition backs are the SDF; the rebels it backs, at al-Tanf
            **{k: "SDF" for k in ("u.s.", "us", "american", "washington", "coalition")}}
_US_BACKED_REBELS = frozenset({"rebels", "opposition", "factions"})


def _backed_groups(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """The backed group in place of the backer and the other names inside its phrase; a
    backer named as an adjective alone ("the U.S.-backed SDF") is not a party to the act."""
    found = [a for a in found if not _BACKED_ADJECTIVE.match(text, a.end)]
    for m in _BACKED.finditer(text):
        actor = _BACKERS[(m["pro"] or m["pre"] or m["post"]).lower()]
        if actor == "SDF" and (m["group"] or "") in _US_BACKED_REBELS:
            actor = "Maghawir al-Thawra"   # "U.S.-backed rebels" (at al-Tanf)
        start, end = m.span()
        found = [a for a in found if a.end <= start or a.start >= end]
        found.append(ActorMention(start, end, m.group(), actor, False))
    return found


def _militias_by_patron(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """The group in place of the nationalities and the patron inside its phrase."""
    for m in _MILITIAS_AR.finditer(text):
        if m["patron"]:
            actor = _PATRONS_AR[m["patron"]]
        elif m["origins"]:
            actor = "Iran-backed militias"   # Iraqi, Afghan, Shiite militias in Syria
        else:
            continue
        start, end = m.span("name")   # (a proclitic left out, as for every actor)
        found = [a for a in found if a.end <= start or a.start >= end]
        found.append(ActorMention(start, end, m["name"], actor, False))
    return sorted(found, key=lambda a: a.start)


def _arabic_spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    """The spans of the alias names that `pattern` finds in `text` with its marks taken out,
    as offsets into `text`; a name's span takes in the marks inside and right after it."""
    cuts = [(m.start(), m.end()) for m in _MARK_RUN.finditer(text)]
    if not cuts:
        return [m.span("name") for m in pattern.finditer(text)]
    # each run of marks sits at an offset of the bare text; `shift` is what was cut up to it;
    # the bare text is joined from the pieces between the runs (no second scan)
    at, shift, pieces, cut, last = [], [], [], 0, 0
    for s, e in cuts:
        at.append(s - cut)
        cut += e - s
        shift.append(cut)
        pieces.append(text[last:s])
        last = e
    pieces.append(text[last:])
    spans = []
    for m in pattern.finditer("".join(pieces)):
        s, e = m.span("name")
        k = bisect_right(at, s)
        start = s + (shift[k - 1] if k else 0)
        k = bisect_right(at, e - 1)
        end = e + (shift[k - 1] if k else 0)
        after = _MARK_RUN.match(text, end)
        spans.append((start, after.end() if after else end))
    return spans


_AR_ANY = re.compile(f"[{_AR_LETTER}]")
_LATIN_ANY = re.compile("[A-Za-z]")
_QUOTE_RUN = re.compile(f"[{_QUOTES}]")


@lru_cache(maxsize=20_000)
def _arabic_actor(surface: str) -> tuple[str, bool] | None:
    """The lexicon entry of an Arabic alias as written (quotes and spacing aside)."""
    lookup = _scanner()[2]
    key = arabic_key(" ".join(_QUOTE_RUN.sub(" ", surface).split()))
    return lookup.get("ar:" + key) or lookup.get("ar:ا" + key)  # "لتحالف" of "للتحالف"


@lru_cache(maxsize=1)
def _acronyms() -> frozenset[str]:
    return frozenset(a.casefold() for actor in ACTORS for a in actor.aliases_en
                     if a.isupper() and len(a) <= 4)
