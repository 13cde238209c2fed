"""Word lists for `extract`: event and claim triggers, negation, casualties, news outlets.

Arabic entries are written in the folded form of `_dates.fold` (أ إ آ → ا, ى → ي, ة → ه,
no diacritics); a leading proclitic (و ف ب ل ك) is allowed in front of every entry. Each
trigger has a `kind` (a key of `incidents.KINDS`, or ``strike``, decided later between
``airstrike`` and ``shelling``) and a part of speech: a **verb** reports an act of its own,
a **noun** after another trigger in the same sentence is that trigger's content («اتهمت
قسد الطيران الروسي **بقصف** مواقعها» is one accusation, not also a strike).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geo_deconflict.extract.dates import _FOLD

CLAIM_KINDS = frozenset({"statement", "accusation", "denial", "proposal", "request_refused"})
HOSTILE_KINDS = frozenset({"strike", "airstrike", "shelling", "attack", "exchange_of_fire",
                           "ground_offensive", "capture", "advance"})


@dataclass(frozen=True, slots=True)
class TriggerWord:
    kind: str
    pos: str          # "verb" or "noun"
    pattern: str      # regex over folded text (without the proclitic and word boundaries)


def _rx(pattern: str) -> re.Pattern:
    """Compile a pattern written in plain Arabic for matching folded text."""
    return re.compile(pattern.translate(_FOLD))


def _w(kind: str, pos: str, *forms: str) -> list[TriggerWord]:
    return [TriggerWord(kind, pos, f) for f in forms]


_X = r"(?:\s+\S+){0,4}?\s+"   # up to four words in between

TRIGGERS: list[TriggerWord] = [
    # --- composite claims first (longest match wins at one position)
    *_w("request_refused", "verb", rf"رفض(?:ت|وا|ا)?{_X}(?:ال)?طلب(?:ا|ه|ات)?",
        rf"لم\s+(?:ي|ت)ستجب{_X}?ل(?:ل)?طلب",
        r"(?:refused|rejected|turned\s+down|declined)(?:\s+\S+){0,4}?\s+(?:a\s+|the\s+|an?\s+)?"
        r"(?:\S+\s+)?request"),
    *_w("denial", "verb", rf"رفض(?:ت|وا)?{_X}?(?:ال)?(?:مزاعم|اتهام(?:ات)?|ادعاءات)",
        r"(?:rejected|dismissed)\s+(?:the\s+)?(?:claims?|accusations?|allegations?|reports?)"),
    *_w("accusation", "verb", rf"حمل(?:ت|وا)?{_X}(?:ال)?مسؤوليه"),
    # --- claims
    *_w("statement", "verb",
        "قال", "قالت", "قالوا", "يقول", "تقول", "يقولون", "اعلن", "اعلنت", "اعلنوا", "يعلن",
        "تعلن", "اكد", "اكدت", "اكدوا", "اكده", "اكدها", "يوكد", "توكد", "اوضح", "اوضحت",
        "اوضح", "اشار", "اشارت", "صرح", "صرحت", "اضاف", "اضافت", "ذكر", "ذكرت", "ذكروا", "افاد",
        "افادت", "كشف", "كشفت", "كشف عن", "اعترف", "اعترفت", "اقر", "اقرت", "شدد", "شددت",
        "نشرت", "نشر", "مشددا", "مضيفا", "موضحا", "موكدا", "معتبرا", "لافتا", "مشيرا",
        "منوها", "said", "says", "say", "told", "stated", "announced", "confirmed",
        "added", "according to", "disclosed", "revealed", "acknowledged", "published",
        "reported"),
    *_w("statement", "noun", "بيان", "البيان", "تصريح", "تصريحات", "موتمر صحفي",
        "statement", "briefing"),
    *_w("accusation", "verb", "اتهم", "اتهمت", "اتهموا", "يتهم", "تتهم", "لاتهام", "اتهام",
        "زعم", "زعمت", "ادعى", "ادعت", "accused", "accuses", "accuse", "blamed", "blames",
        "alleged", "alleges"),
    *_w("accusation", "noun", "اتهامات", "الاتهامات", "تواطو", "accusations", "allegations"),
    *_w("denial", "verb", "نفى", "نفي", "نفت", "نفوا", "نفته", "نفاه", "نفتها", "ينفي", "تنفي",
        "كذبت", "denied", "denies", "deny"),
    *_w("proposal", "verb", "اقترح", "اقترحت", "طلبت\\s+من", "طلب\\s+من", "proposed",
        "suggested", "offered", "asked"),
    *_w("proposal", "noun", "اقتراح", "مقترح", "المقترح", "العرض", "proposal", "offer"),
    # --- events
    *_w("strike", "verb", "قصف", "قصفت", "قصفوا", "يقصف", "تقصف", "استهدف", "استهدفت",
        "استهدفوا", "ضرب", "ضربت", "طاولت", "طالت", "اصابت", "bombed", "struck", "shelled",
        "hit"),
    *_w("strike", "noun", "القصف", "غاره", "غارات", "الغارات", "غارتين", "ضربه", "ضربات",
        "الضربه", "الضربات", "استهداف", "airstrikes?", "air\\s+strikes?", "air\\s+raids?",
        "strikes?", "bombing", "bombardment", "shelling"),
    *_w("attack", "verb", "هاجم", "هاجمت", "هاجموا", "يهاجم", "اقتحم", "اقتحمت", "شن\\s+هجوما",
        "شنت\\s+هجوما", "attacked", "stormed", "ambushed"),
    *_w("attack", "noun", "هجوم", "هجوما", "هجمات", "الهجوم", "كمين", "تفجير", "انفجار",
        "attacks?", "assault", "ambush"),
    *_w("exchange_of_fire", "verb", "اشتبك", "اشتبكت", "اشتبكوا", "clashed", "exchanged\\s+fire"),
    *_w("exchange_of_fire", "noun", "اشتباك", "اشتباكات", "الاشتباكات", "تبادل\\s+(?:ل)?اطلاق\\s+النار",
        "مواجهات", "معارك", "clash(?:es)?", "firefight", "exchange\\s+of\\s+fire", "fighting"),
    *_w("ground_offensive", "verb", "تقاتل", "يقاتل", "يقاتلون", "تقاتلان", "يركز\\s+عملياته",
        "اطلقت", "اطلق", "fights?", "fought", "launched"),
    *_w("ground_offensive", "noun", "هجومين", "حمله\\s+عسكريه", "معركه", "offensive"),
    # generic words: only ever the content of another trigger
    *_w("ground_offensive", "weak", "عمليه", "العمليه", "عمليات", "العمليات", "عملياته",
        "عملياتها", "operations?", "campaign"),
    *_w("capture", "verb", "سيطر", "سيطرت", "سيطروا", "استعاد", "استعادت", "استعادوا",
        "استولى", "استولت", "انتزع", "انتزعت", "حرر", "حررت", "captured", "seized", "recaptured",
        "retook", "took\\s+control"),
    *_w("capture", "noun", "السيطره\\s+على", "سيطره(?:\\s+\\S+){0,3}?\\s+على", "استعاده",
        "capture"),
    *_w("advance", "verb", "تقدم(?:ت)?\\s+(?:نحو|باتجاه|الى|في|على)", "advanced"),
    *_w("advance", "noun", "التقدم", "advance"),
    *_w("movement", "verb", "انسحب", "انسحبت", "انسحبوا", "فروا", "فر", "انتقلوا", "انتقل",
        "طاردوا", "فطاردوهم", "طاردوهم", "اخلت", "اخلى", "withdrew", "fled", "evacuated",
        "moved"),
    *_w("movement", "noun", "انسحاب", "فرار", "اجلاء", "تحركات", "withdrawal"),
    *_w("deployment", "verb", "نشرت\\s+(?:\\S+\\s+)?(?:قوات|جنود|عناصر|قوه|منظومه|صواريخ)",
        "ارسلت\\s+(?:\\S+\\s+)?"
        "(?:قوات|تعزيزات)", "deployed", "sent\\s+troops"),
    *_w("deployment", "noun", "نشر\\s+(?:\\S+\\s+)?(?:قوات|جنود|عناصر)", "تعزيزات",
        "deployment", "reinforcements"),
    *_w("military_presence", "verb", "تتواجد", "يتواجد", "يتمركز", "تتمركز", "stationed"),
    *_w("military_presence", "noun", "وجود", "تواجد", "انتشار", "presence"),
    *_w("meeting", "verb", "اجتمع", "اجتمعت", "التقى", "التقت", "تحدث\\s+(?:الى|مع)",
        "تحدثت\\s+(?:الى|مع)", "تشاور", "اجرتا\\s+مشاورات", "اجرى\\s+\\S+\\s+مناقشات",
        "met", "spoke\\s+(?:to|with)", "talked", "discussed"),
    *_w("meeting", "noun", "اجتماع", "اجتماعا", "لقاء", "لقاءات", "محادثات", "مباحثات",
        "مشاورات", "مناقشات", "اتصالات", "اتصال\\s+هاتفي", "على\\s+الهاتف", "مكالمه",
        "قمه", "مفاوضات", "meeting",
        "talks", "(?:phone\\s+)?call", "summit", "negotiations", "consultations"),
    *_w("agreement", "verb", "اتفقا", "اتفقت", "اتفقوا", "تم\\s+الاتفاق", "توصلت", "توصلا",
        "توصل", "agreed", "signed"),
    *_w("agreement", "noun", "اتفاق", "الاتفاق", "اتفاقا", "اتفاقيه", "مذكره\\s+التفاهم",
        "مذكره\\s+تفاهم", "هدنه", "وقف\\s+اطلاق\\s+النار", "agreement", "deal", "memorandum",
        "ceasefire", "truce", "cessation\\s+of\\s+hostilities"),
    *_w("hotline_contact", "noun", "الخط\\s+الساخن", "خط\\s+ساخن", "القناه\\s+الخاصه",
        "قناه\\s+الاتصال", "hotline", "deconfliction\\s+(?:line|channel)"),
    *_w("protest", "verb", "تظاهر", "تظاهروا", "يتظاهر", "يتظاهرون", "احتج", "احتجوا",
        "يحتج", "يحتجون", "protested", "rallied"),
    *_w("protest", "noun", "مظاهره", "مظاهرات", "تظاهره", "المتظاهرين", "متظاهرين",
        "المتظاهرون", "متظاهرون", "المحتجين", "محتجين", "المحتجون", "محتجون",
        "احتجاج", "احتجاجات", "وقفه", "اعتصام", "protests?", "protesters", "demonstrations?",
        "rally"),
]

NEGATORS = ("لا", "لم", "لن", "ليس", "ليست", "عدم", "غياب", "دون", "بدون", "not", "no",
            "never", "without", "n't", "didn't", "nor")
HYPOTHETICAL = ("طلب", "طلبا", "الطلب", "اقتراح", "مقترح", "خطه", "تعتزم", "يعتزم", "بشان",
                "تنفيذ", "السماح", "اي", "كل", "عاده", "request", "proposal", "plan", "would",
                "will", "to", "any", "every", "usually")
# words that make what follows a question or a condition, not a report
CONDITIONAL = ("اذا", "لو", "whether", "if")
# verbs that continue the previous speaker's statement
CONTINUATION = _rx(r"^[وف]?(?:اضاف|اضافت|اوضح|اوضحت|اشار|اشارت|تابع|تابعت|تابعوا|"
                          r"مضيفا|مضيفه|مشددا|موضحا|موكدا|معتبرا|لافتا|مشيرا|منوها|added|"
                          r"continued)$")
PHYSICAL_KINDS = frozenset({"deployment", "movement"})
RELATIVE_PRONOUNS = ("الذي", "التي", "الذين", "اللذين", "اللتين", "حيث", "which", "that",
                     "who", "where")
CONTENT_MARKERS = ("ان", "انه", "انها", "انهم", "بان", "that")
AIR_WORDS = _rx(r"طائر|طيران|مقاتلات|جوي|الجو|مروحي|مسير|درون|aircraft|jets?\b|"
                       r"planes?\b|air\b|airstrike|drone|warplanes?|helicopter")
ANAPHORS = _rx(r"(?<![\u0621-\u064a])(?:[وفب]?(?:في|ب)\s*)?(?:المنطقه|هناك|"
                      r"المدينه|المحافظه|الموقع|القاعده)(?![\u0621-\u064a])|\b(?:there|the area|"
                      r"the region|the town|the city|the base)\b")

_AR_L = "\u0621-\u064a"


_SIMPLE = re.compile("[\u0621-\u064aa-z]+")
_WORD = re.compile("[\u0621-\u064a]+|[a-z']+")
_PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")


def find_triggers(folded: str, start: int, end: int) -> list[tuple[int, int, TriggerWord]]:
    """Trigger matches in ``folded[start:end]``: (start, end, entry), without overlaps
    (the longest match wins), a leading proclitic left out of the span.

    Single words are looked up in a table, word by word; only the entries that are
    patterns (several words, optional endings) go through a regular expression.
    """
    table, pattern, entries = _tables()
    found = []
    for m in _WORD.finditer(folded, start, end):
        word = m.group()
        for clitic in _PROCLITICS if not word.isascii() else ("",):
            if not word.startswith(clitic):
                continue
            stem = word[len(clitic):]
            entry = table.get(stem) or _verb_with_ending(stem, table)
            if entry is not None:
                found.append((m.start() + len(clitic), m.end(), entry))
                break
    for m in pattern.finditer(folded, start, end):
        name = m.lastgroup
        s, e = m.span(name)
        found.append((s, e, entries[int(name[1:])]))
    found.sort(key=lambda f: (f[0], f[0] - f[1]))
    out: list[tuple[int, int, TriggerWord]] = []
    for item in found:
        if out and item[0] < out[-1][1]:
            continue
        out.append(item)
    return out


# Plural and dual endings of a past-tense verb (اجتمعوا، اجتمعا، اجتمعتا، قصفن): the lexicon
# lists the singular forms; these are tried only for verb entries.
_VERB_ENDINGS = ("وا", "تا", "ا", "ن")


def _verb_with_ending(word: str, table: dict[str, TriggerWord]) -> TriggerWord | None:
    for ending in _VERB_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            entry = table.get(word[:-len(ending)])
            if entry is not None and entry.pos == "verb":
                return entry
    return None


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, TriggerWord], re.Pattern, list[TriggerWord]]:
    table: dict[str, TriggerWord] = {}
    complex_ids = []
    for i, entry in enumerate(TRIGGERS):
        word = entry.pattern.translate(_FOLD)
        if _SIMPLE.fullmatch(word):
            table.setdefault(word, entry)
        else:
            complex_ids.append(i)
    return table, _pattern(complex_ids), list(TRIGGERS)


def _pattern(ids: list[int]) -> re.Pattern:
    """One regex with a named group per trigger entry, longest entries first."""
    order = sorted(ids, key=lambda i: -len(TRIGGERS[i].pattern))
    parts = []
    for i in order:
        entry = TRIGGERS[i]
        if entry.pattern.isascii():
            parts.append(rf"(?P<t{i}>\b{entry.pattern}\b)")
        else:
            parts.append(rf"(?<![{_AR_L}])(?:[وف]?[بلك]?)(?P<t{i}>{entry.pattern})"
                         rf"(?![{_AR_L}])")
    return re.compile("|".join(parts).translate(_FOLD))


# ---------------------------------------------------------------------------- casualties

AR_NUMBERS = {"واحد": 1, "اثنان": 2, "اثنين": 2, "ثلاثه": 3, "ثلاث": 3, "اربعه": 4, "اربع": 4,
              "خمسه": 5, "خمس": 5, "سته": 6, "ست": 6, "سبعه": 7, "سبع": 7, "ثمانيه": 8,
              "ثماني": 8, "تسعه": 9, "تسع": 9, "عشره": 10, "عشر": 10}
EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_NUM = "|".join([r"\d+", *sorted(AR_NUMBERS, key=len, reverse=True),
                 *sorted(EN_NUMBERS, key=len, reverse=True)])
_KILLED_AR = r"قتل(?:وا)?|قتيلا|قتلى|لقوا\s+حتفهم|لقي\s+حتفه"
_WOUNDED_AR = r"اصيب(?:وا)?|جرح(?:وا|ى)?|جريحا|مصابا|مصابين|باصابات"
CASUALTIES = [  # (role, pattern over folded text)
    ("killed", _rx(rf"(?<![{_AR_L}\w])(?P<n>{_NUM})(?:\s+\S+){{0,3}}?\s+(?:{_KILLED_AR})"
                          rf"(?![{_AR_L}])")),
    ("wounded", _rx(rf"(?<![{_AR_L}\w])(?P<n>{_NUM})(?:\s+\S+){{0,3}}?\s+(?:{_WOUNDED_AR})"
                           rf"(?![{_AR_L}])")),
    ("killed", _rx(rf"(?<![{_AR_L}])[وب]?مقتل\s+(?P<n>{_NUM})(?![{_AR_L}\d])")),
    ("wounded", _rx(rf"(?<![{_AR_L}])[وب]?(?:اصابه|جرح)\s+(?P<n>{_NUM})(?![{_AR_L}\d])")),
    ("killed", _rx(rf"\b(?P<n>{_NUM})(?:\s+\S+){{0,3}}?\s+(?:were\s+|was\s+)?"
                          r"(?:killed|dead|died)\b|\bkill(?:ing|ed)\s+(?:at\s+least\s+)?"
                          rf"(?P<n2>{_NUM})\b")),
    ("wounded", _rx(rf"\b(?P<n>{_NUM})(?:\s+\S+){{0,3}}?\s+(?:were\s+|was\s+)?"
                           r"(?:wounded|injured|hurt)\b|\b(?:wounding|injuring)\s+"
                           rf"(?:at\s+least\s+)?(?P<n2>{_NUM})\b")),
]


def number_value(text: str) -> int | None:
    """The value of a number written in digits or as an Arabic or English word."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    return AR_NUMBERS.get(text) or EN_NUMBERS.get(text)


# ------------------------------------------------------------------------------- outlets

OUTLETS = {
    "CNN": ("cnn",), "AFP": ("afp", "ا ف ب", "فرانس برس", "فرانس بريس"),
    "Reuters": ("reuters", "رويترز"), "Anadolu": ("anadolu", "الاناضول", "الأناضول"),
    "AP": ("associated press", "اسوشيتد برس"), "SANA": ("sana", "سانا"),
    "TASS": ("tass", "تاس"), "Sputnik": ("sputnik", "سبوتنيك"), "RIA Novosti": ("ria", "ريا نوفوستي"),
    "Interfax": ("interfax", "انترفاكس"), "Al Jazeera": ("al jazeera", "الجزيره"),
    "BBC": ("bbc",), "DPA": ("dpa", "د ب ا"),
}
