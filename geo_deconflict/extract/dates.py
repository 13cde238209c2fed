"""Date expressions in Arabic and English reports, resolved against the publication date.

`find_dates` returns `DateMention` values with offsets into the original text and the
interval they stand for (first and last day, inclusive) with a precision from
`incidents.DATE_PRECISIONS` (``day``, ``range``, ``month``, ``year``):

* explicit dates: ``2017-09-24``, ``24/9/2017``, «25 مايو», «27 مارس 2024», «ما بين 8 و12
  أيلول/ سبتمبر الحالي», "September 16, 2017", "16 Sept. 2017", «عام 2016», "in 2016";
  Arabic-Indic digits (٢٥) are read like ASCII ones; Gregorian (يناير ...), Levantine
  (كانون الثاني ... كانون الأول) and Maghrebi (جانفي، أوت ...) month names;
* parts of a month: «أواخر ديسمبر», «مطلع الشهر», «منتصف آذار», "late December", "mid-March";
* relative expressions that need the publication date: weekdays («السبت»، «مساء الأحد»,
  "on Saturday"), «أمس»/«اليوم», «الشهر الماضي»/«الأسبوع الماضي»/«العام الماضي», «الشهر
  الجاري», «قبل أيام»/«قبل نحو أسبوعين», «خلال الأسابيع الماضية», «مؤخراً», "last month",
  "two weeks ago", "recently", "yesterday".

A month or weekday without a year is the latest one not after the publication date («ديسمبر
الماضي» in January is the previous December); «الجاري»/"this" keeps the publication's month.
Without a publication date, relative expressions are returned unresolved (``first`` None).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from geo_deconflict.extract._fold import _FOLD, fold
from geo_deconflict.extract._needles import Prefilter, needles

__all__ = ["DateMention", "find_dates", "fold"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression: its span in the original text and the days it stands for.

    ``first``/``last`` are inclusive; both None when the expression is relative and no
    publication date was given. ``relative`` is True when the publication date was needed.
    """

    start: int
    end: int
    surface: str
    first: dt.date | None
    last: dt.date | None
    precision: str | None
    relative: bool = False

    @property
    def resolved(self) -> bool:
        """Whether the expression was turned into days."""
        return self.first is not None

    @property
    def iso(self) -> str | None:
        """The interval as ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``start/end``."""
        if self.first is None or self.last is None:
            return None
        if self.precision == "year":
            return f"{self.first.year}"
        if self.precision == "month":
            return self.first.strftime("%Y-%m")
        if self.first == self.last:
            return self.first.isoformat()
        return f"{self.first.isoformat()}/{self.last.isoformat()}"


# ------------------------------------------------------------------------------ lexicon

_AR_MONTHS = {
    "يناير": 1, "كانون الثاني": 1, "جانفي": 1, "فبراير": 2, "شباط": 2, "فيفري": 2,
    "مارس": 3, "اذار": 3, "ابريل": 4, "افريل": 4, "نيسان": 4, "مايو": 5, "ايار": 5, "ماي": 5,
    "يونيو": 6, "يونيه": 6, "حزيران": 6, "جوان": 6, "يوليو": 7, "يوليه": 7, "تموز": 7,
    "جويليه": 7, "اغسطس": 8, "اب": 8, "اوت": 8, "سبتمبر": 9, "ايلول": 9, "اكتوبر": 10,
    "تشرين الاول": 10, "نوفمبر": 11, "تشرين الثاني": 11, "ديسمبر": 12, "كانون الاول": 12,
}
_EN_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_EN_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_EN_MONTHS["sept"] = 9
# names that are also ordinary words: they need a day, a year or a qualifier beside them
_AMBIGUOUS_MONTHS = {"اب", "ماي", "مارس", "may", "march", "mar", "jan", "jun", "aug", "dec", "oct",
                     "nov", "sep", "feb", "apr", "jul"}

_AR_WEEKDAYS = {"الاثنين": 0, "الاتنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3,
                "الجمعه": 4, "السبت": 5, "الاحد": 6}
_EN_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_PERIOD = {"اواخر": "late", "نهايه": "late", "اخر": "late", "اوائل": "early",
           "مطلع": "early", "بدايه": "early", "اول": "early",
           "منتصف": "mid", "اواسط": "mid", "late": "late", "end": "late", "early": "early",
           "beginning": "early", "start": "early", "mid": "mid", "middle": "mid"}
_PAST = {"الماضي", "المنصرم", "الفائت", "السابق", "last", "past", "previous"}
_CURRENT = {"الجاري", "الحالي", "this", "current"}
_NEXT = {"المقبل", "القادم", "next", "coming"}

_AR_NUMBERS = {"يوم": 1, "يومين": 2, "اسبوع": 1, "اسبوعين": 2, "شهر": 1, "شهرين": 2,
               "عام": 1, "عامين": 2, "سنه": 1, "سنتين": 2, "ثلاثه": 3, "اربعه": 4,
               "خمسه": 5, "سته": 6, "سبعه": 7, "ثمانيه": 8, "تسعه": 9, "عشره": 10}
_EN_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
               "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a few": None,
               "several": None, "few": None}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_AR_DUAL_UNITS = ("يومين", "اسبوعين", "شهرين", "عامين", "سنتين")     # two of them
_AR_PLURAL_UNITS = ("ايام", "اسابيع", "اشهر", "شهور", "اعوام", "سنوات")  # some of them
_AR_UNITS = {"يوم": "day", "يومين": "day", "ايام": "day", "اسبوع": "week", "اسبوعين": "week",
             "اسابيع": "week", "شهر": "month", "شهرين": "month", "اشهر": "month",
             "شهور": "month", "عام": "year", "عامين": "year", "اعوام": "year", "سنه": "year",
             "سنتين": "year", "سنوات": "year"}

# the days of a month as ordinals («في الخامس من آذار», «الحادي عشر من الشهر الجاري»)
_UNITS_ORD = ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن",
              "التاسع")
_AR_ORDINALS = {
    **{w: n for n, w in enumerate(_UNITS_ORD, 1)}, "العاشر": 10, "الحادي عشر": 11,
    **{f"{w} عشر": n + 10 for n, w in enumerate(_UNITS_ORD[1:], 2)}, "العشرين": 20,
    "الحادي والعشرين": 21, **{f"{w} والعشرين": n + 20 for n, w in enumerate(_UNITS_ORD[1:], 2)},
    "الثلاثين": 30, "الحادي والثلاثين": 31}


def _fold_keys(table: dict) -> dict:
    return {k.translate(_FOLD): v for k, v in table.items()}


_AR_MONTHS, _AR_WEEKDAYS, _PERIOD, _AR_NUMBERS, _AR_UNITS, _AR_ORDINALS = (
    _fold_keys(t) for t in (_AR_MONTHS, _AR_WEEKDAYS, _PERIOD, _AR_NUMBERS, _AR_UNITS,
                            _AR_ORDINALS))
_PAST, _CURRENT, _NEXT = ({w.translate(_FOLD) for w in t} for t in (_PAST, _CURRENT, _NEXT))
_AMBIGUOUS_MONTHS = {w.translate(_FOLD) for w in _AMBIGUOUS_MONTHS}

_L = "\u0621-\u064a"  # Arabic letters (folded text)
_B = rf"(?<![{_L}a-z0-9])"            # word start
_E = rf"(?![{_L}a-z0-9])"             # word end
_PRE = "(?:[وفب]|ل)?"                # proclitics in front of a word


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words),
                           key=len, reverse=True))


# words (folded) of which a pattern needs one: without any of them, its regex is not run
# (so a report in one language is not scanned with the other's patterns)
_NEEDLES = {name: tuple(sorted({w.translate(_FOLD).split()[0] for w in words}))
            for name, words in {
    "ar_month": _AR_MONTHS, "en_month": _EN_MONTHS,
    "ar_day_of_month": ("الشهر",), "ar_part_of_month": ("الشهر", "العام", "السنه", "الاسبوع"),
    "en_part_of_unit": ("week", "month", "year", "midweek", "mid"),
    "ar_weekday": _AR_WEEKDAYS, "en_weekday": _EN_WEEKDAYS,
    "night_span": ("ليل", "ليله", "overnight", "night"),
    "ar_named_rel": ("امس", "البارحه", "اليوم", "الليله", "غدا"),
    "en_named_rel": ("yesterday", "today", "tonight", "last", "tomorrow", "overnight"),
    "ar_unit_rel": ("الشهر", "الاسبوع", "العام", "السنه"),
    "ar_plural_rel": ("الايام", "الاسابيع", "الاشهر", "الشهور", "الاعوام", "السنوات",
                      "الساعات", "اليومين", "الاسبوعين", "الشهرين", "العامين", "السنتين"),
    "en_hours": ("hours",),
    "ar_ago": ("قبل", "منذ", "بعد", "عقب"), "en_unit_rel": ("week", "month", "year"),
    "en_ago": ("ago",),
    "ar_recent": ("مؤخر", "موخر", "الاونه", "حاليا", "راهنا", "الراهن"),
    "en_recent": ("recently", "currently", "these", "recent"),
}.items()}


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern]]:
    ar_month = f"(?:{_alt(_AR_MONTHS)})"
    ar_months = rf"(?P<mon>{ar_month}(?:\s*[/\\(-]\s*{ar_month}\)?)?)"
    en_month = rf"(?P<mon>(?:{_alt(_EN_MONTHS)})\.?)"
    day = r"(?:[12]?\d|3[01])"
    ordinal = rf"(?P<o1>{_alt(_AR_ORDINALS)})(?=\s+من\s)"   # «الخامس من»
    days = (rf"(?:(?:(?:ما\s+)?بين\s+)?(?P<d1>{day})(?:\s*(?:و|-|الى|حتي|حتى)\s*(?P<d2>{day}))?"
            rf"|{ordinal})(?:\s+من)?")
    year = r"(?P<year>(?:19|20)\d\d)"
    ar_year = rf"(?:\s*,?\s*(?:(?:من\s+)?(?:عام|سنه)\s+)?{year})"
    qual_words = _alt(_PAST | _CURRENT | _NEXT)
    # «حزيران الماضي», or the year named by its relation («يونيو من العام الماضي»)
    ar_qual = (rf"(?:\s+(?:من\s+)?(?:العام|السنه)\s+(?P<yqual>{qual_words}|نفسه|ذاته)"
               rf"|\s+(?P<qual>{qual_words}))")
    ar_period = rf"(?:(?:في\s+)?(?P<period>{_alt(k for k in _PERIOD if not k.isascii())})\s+)"
    en_period = r"(?:(?P<period>late|early|mid|middle of|end of|beginning of|start of)[-\s]+)"
    ar_wd = rf"(?P<wd>{_alt(_AR_WEEKDAYS)})"
    en_wd = rf"(?P<wd>{_alt(_EN_WEEKDAYS)})"
    ar_unit = rf"(?P<unit>{_alt(_AR_UNITS)})"
    return [(name, re.compile(p.translate(_FOLD))) for name, p in (
        ("iso", rf"{_B}(?P<year>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d1>[0-3]?\d){_E}"),
        ("dmy", rf"{_B}(?P<d1>[0-3]?\d)[/.](?P<m>[01]?\d)[/.](?P<year>(?:19|20)\d\d){_E}"),
        ("ar_month", (rf"{_B}{_PRE}{ar_period}?(?:{days}\s+)?(?:شهر\s+)?{ar_months}"
                     rf"{ar_year}?{ar_qual}?{_E}")),
        ("ar_day_of_month", (rf"{_B}{_PRE}(?:(?P<d1>{day})|{ordinal})\s+(?:من\s+)?"
                            rf"(?P<this>الشهر|هذا\s+الشهر)"
                            rf"(?:\s+(?P<qual>{qual_words}))?{_E}")),
        # «مطلع الأسبوع», «منذ منتصف الشهر الماضي», "since the start of the week"
        ("ar_part_of_month", (rf"{_B}{_PRE}(?:(?P<since>منذ)\s+|في\s+)?(?P<period>"
                             rf"{_alt(k for k in _PERIOD if not k.isascii())})"
                             rf"\s+(?P<this>الشهر|العام|السنه|الاسبوع)(?:\s+(?P<qual>{qual_words}))?"
                             rf"{_E}")),
        ("en_part_of_unit", (rf"{_B}(?:(?P<since>since)\s+|(?:at|in|by)\s+)?(?:the\s+)?"
                            rf"(?P<period>start|beginning|end|middle)\s+of\s+(?:the\s+|(?P<qual>"
                            rf"this|last|next|past|previous)\s+)?(?P<this>week|month|year){_E}"
                            rf"|{_B}(?:(?P<since2>since)\s+)?(?P<mid>mid-?week){_E}")),
        ("en_month", (rf"{_B}(?:{en_period})?(?:(?P<d1>{day})(?:\s*(?:-|to|and)\s*(?P<d2>{day}))?"
                     rf"(?:st|nd|rd|th)?\s+(?:of\s+)?)?{en_month}(?:\s+(?P<d1b>{day})"
                     rf"(?:st|nd|rd|th)?{_E})?(?:,?\s+{year})?(?:\s+(?:of\s+)?(?P<yqual>last|this|next|that|the\s+same)"
                     rf"\s+year|\s+(?P<qual>last|this|next)(?!\s+(?:week|month|year)))?{_E}")),
        # «ليل الأحد - الإثنين», "overnight Sunday to Monday": the night, from one day to the next
        ("night_span", (rf"{_B}{_PRE}(?:ليل|ليله|خلال\s+ليل)\s+{ar_wd}\s*(?:-|–|—|/|و|علي|الي)\s*"
                        rf"(?P<wd2>{_alt(_AR_WEEKDAYS)}){_E}"
                        rf"|{_B}(?:overnight|(?:on\s+)?the\s+night\s+(?:of|between))\s+"
                        rf"(?P<ewd>{_alt(_EN_WEEKDAYS)})\s+(?:to|into|and|-)\s+"
                        rf"(?P<ewd2>{_alt(_EN_WEEKDAYS)}){_E}")),
        ("ar_weekday", (rf"{_B}{_PRE}(?:(?:يوم|مساء|صباح|ليل|ليله|فجر|ظهر|عصر)\s+)?{ar_wd}"
                       rf"(?:\s+(?P<qual>{qual_words}))?{_E}")),
        ("en_weekday", (rf"{_B}(?:(?P<qual>last|this|next|on)\s+)?{en_wd}"
                       rf"(?:\s+(?:morning|afternoon|evening|night))?{_E}")),
        ("ar_named_rel", (rf"{_B}{_PRE}(?P<word>اول\s+(?:من\s+)?امس|امس|البارحه|"
                         # «في اليوم نفسه»: the day named before, not today
                         rf"اليوم(?!\s+(?:نفسه|ذاته|التالي|السابق))|الليله\s+الماضيه|غدا|غدا)"
                         rf"{_E}")),
        ("en_named_rel", (rf"{_B}(?P<word>the\s+day\s+before\s+yesterday|yesterday|today|tonight|"
                         rf"last\s+night|tomorrow|overnight){_E}")),
        ("ar_unit_rel", (rf"{_B}{_PRE}(?:(?:خلال|في|طوال)\s+)?(?:(?P<this>هذا|هذه)\s+)?"
                        rf"(?P<unit>الشهر|الاسبوع|العام|السنه)(?:\s+(?P<qual>{qual_words}))?{_E}")),
        ("ar_plural_rel", (rf"{_B}{_PRE}(?:(?:خلال|في|طوال)\s+)?(?P<unit>الايام|الاسابيع|الاشهر|"
                          rf"الشهور|الاعوام|السنوات|الساعات)(?:\s+(?:القليله|الاخيره))?"
                          # «الساعات الأربع والعشرين الماضية», «الساعات الـ24 الماضية»
                          rf"(?:\s+(?:الـ\s*|ال)?\d+|\s+\S+\s+و\S+|\s+ال\S+(?=\s+ال))?\s+"
                          rf"(?P<qual>الماضيه|المنصرمه|الفائته|الاخيره|السابقه){_E}"
                          # «خلال اليومين الماضيين»: the dual
                          rf"|{_B}{_PRE}(?:(?:خلال|في|طوال)\s+)?(?P<dual>اليومين|الاسبوعين|الشهرين|"
                          rf"العامين|السنتين)\s+(?:الماضيين|الاخيرين|المنصرمين|الفايتين|السابقين){_E}")),
        ("en_hours", (rf"{_B}(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+"
                     rf"(?P<n>\d+|twenty-four|forty-eight|few|several)\s+hours{_E}")),
        ("ar_ago", (rf"{_B}{_PRE}(?P<ago>قبل|منذ|بعد|عقب)\s+(?P<approx>(?:نحو|حوالي|قرابه|زهاء)\s+)?"
                   rf"(?:(?P<n>\d+|{_alt(k for k in _AR_NUMBERS if k not in _AR_UNITS)})\s+)?"
                   rf"{ar_unit}(?:\s+(?P<on>على|من)(?=\s))?{_E}")),
        ("en_unit_rel", (rf"{_B}(?:earlier\s+)?(?P<qual>last|this|next|past|previous)\s+"
                        rf"(?P<unit>week|month|year){_E}")),
        ("en_ago", (rf"{_B}(?P<approx>about\s+|some\s+|nearly\s+|around\s+)?(?P<n>\d+|"
                   rf"{_alt(_EN_NUMBERS)})\s+(?P<unit>day|week|month|year)s?\s+ago{_E}")),
        ("ar_recent", (rf"{_B}{_PRE}(?P<word>مؤخرا|موخرا|مؤخر|في\s+الاونه\s+الاخيره|حاليا|راهنا|"
                      rf"في\s+الوقت\s+الراهن){_E}")),
        ("en_recent", rf"{_B}(?P<word>recently|currently|these\s+days|in\s+recent\s+(?:days|weeks)){_E}"),
        # «أواخر عام 2019», "late 2019", "mid-2017": a part of a year named by its number
        ("part_of_year", (rf"{_B}{_PRE}(?:(?:في|خلال)\s+)?(?P<period>"
                          rf"{_alt(k for k in _PERIOD if not k.isascii())})\s+"
                          rf"(?:(?:عام|سنه|العام)\s+)?{year}{_E}")),
        ("part_of_year", rf"{_B}{en_period}{year}{_E}"),
        ("year", rf"{_B}{_PRE}(?:(?:في|خلال|منذ)\s+)?(?:(?:عام|سنه|العام)\s+){year}{_E}"),
        ("year", rf"{_B}(?:in|since|during)\s+{year}{_E}"),
        # "a 2016 car bombing", "the 2018 roadmap": the year of what it names
        ("year", (rf"{_B}(?:a|an|the|its)\s+{year}(?=\s+[a-z])(?!\s+(?:people|civilians|"
                  r"fighters|troops|soldiers|families|residents|members|militants|men|women|"
                  r"children|trucks|vehicles|displaced|refugees|km|kilomet|miles|tons))")),
    )]


_REACH = 120   # characters a date expression reaches from its month, weekday or digits
_SAME_YEAR = re.compile(r"(?:العام|السنه)\s+(?:نفسه|ذاته)|\b(?:that|the\s+same)\s+year\b")


@lru_cache(maxsize=1)
def _prefiltered() -> tuple[list[tuple[str, re.Pattern]], Prefilter]:
    """The patterns, and which of them can match a text (`_NEEDLES`, `needles`)."""
    return _patterns(), Prefilter([(_NEEDLES.get(n),) * bool(_NEEDLES.get(n)) + needles(p)
                                   for n, p in _patterns()], shortest=2, margin=_REACH)


# ------------------------------------------------------------------------------ finding

def find_dates(text: str, *, published: dt.date | None = None) -> list[DateMention]:
    """Date expressions in `text`, in order, resolved against `published` where needed.

    Parameters
    ----------
    text
        The report (Arabic or English); offsets refer to it unchanged.
    published
        The report's publication date; needed for weekdays, «الشهر الماضي», "last month"
        and other relative expressions, and for months or days given without a year.

    Returns
    -------
    list of DateMention
        Non-overlapping, longest first where two expressions overlap.

    Examples
    --------
    >>> pub = dt.date(2018, 1, 8)
    >>> [(m.surface, m.iso, m.precision) for m in find_dates(
    ...     "كشفت في أواخر ديسمبر الماضي، وقال الإثنين إن الاشتباك وقع الشهر الماضي", published=pub)]
    [('أواخر ديسمبر الماضي', '2017-12-21/2017-12-31', 'range'), ('الإثنين', '2018-01-08', 'day'), ('الشهر الماضي', '2017-12', 'month')]
    >>> [(m.surface, m.iso) for m in find_dates("Jets struck on Saturday, 16 September 2017.",
    ...                                          published=dt.date(2017, 9, 17))]
    [('Saturday, 16 September 2017', '2017-09-16')]
    >>> find_dates("السبت")[0].resolved
    False
    """
    folded, index = fold(text)
    return _find_dates(text, folded, index, published)


def _find_dates(text: str, folded: str, index: list[int],
                published: dt.date | None) -> list[DateMention]:
    """`find_dates` of a text folded already (`fold`): `extract` passes its report's folding,
    which a short report would otherwise have folded again (and scanned again for the words
    of the date and trigger patterns: `Prefilter` keeps the scan of the last folded text)."""
    found: list[tuple[int, int, tuple]] = []
    patterns, prefilter = _prefiltered()
    for n, regions in prefilter.regions(folded):    # where their words or digits are
        name, pattern = patterns[n]
        for match in (m for lo, hi in regions for m in pattern.finditer(folded, lo, hi)):
            value = _resolve(name, match, published)
            if value is None:
                continue
            start, end = _trim(folded, match)
            found.append((start, end, value))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[DateMention] = []
    last_end = -1
    for start, end, (first, last, precision, relative) in found:
        if start < last_end:
            continue
        if first is not None and _SAME_YEAR.search(folded, start, end):
            # "on June 8 that year", «في حزيران من العام نفسه»: the year named last
            year = next((m.first.year for m in reversed(out) if not m.relative and m.first), 0)
            if year and (2, 29) not in ((first.month, first.day), (last.month, last.day)):
                first, last = first.replace(year=year), last.replace(year=year)
        if out and out[-1].precision == "day" and out[-1].relative and not relative \
                and precision == "day" and index[start] - out[-1].end <= 2:
            # «الأربعاء 27 مارس 2024»: the weekday names the explicit date that follows
            prev = out.pop()
            o_end = index[end - 1] + 1
            out.append(DateMention(prev.start, o_end, text[prev.start:o_end], first, last,
                                   precision, False))
            last_end = end
            continue
        last_end = end
        o_start, o_end = index[start], index[end - 1] + 1
        out.append(DateMention(o_start, o_end, text[o_start:o_end], first, last, precision,
                               relative))
    return out


def _trim(folded: str, match: re.Match) -> tuple[int, int]:
    """The match without a leading proclitic or preposition (kept out of the surface)."""
    start, end = match.span()
    words = ("ما بين ", "بين ", "في ", "خلال ", "طوال ", "in ", "since ", "during ", "on ",
             "at ", "by ")
    for _ in range(2):
        for w in words:
            if folded.startswith(w, start) and start + len(w) < end:
                start += len(w)
        if end - start > 2 and folded[start] in "وفبل" and folded[start + 1] != " " and \
                _starts_word(folded, start + 1):
            start += 1
    return start, end


_WORD_STARTS = ("ال", "اول", "اوا", "مطلع", "منتصف", "نهاي", "بداي", "اواخر", "مساء", "صباح",
                "يوم", "ليل", "فجر", "ظهر", "عصر", "قبل", "منذ", "مؤخر", "موخر", "حالي", "راهن",
                "امس", "عام", "سنه", "غدا", "هذا", "هذه", "خلال", "طوال")


def _starts_word(folded: str, i: int) -> bool:
    return folded.startswith(_WORD_STARTS, i) or folded[i:i + 1].isdigit()


# ----------------------------------------------------------------------------- resolving

Resolved = tuple[dt.date | None, dt.date | None, str | None, bool]


def _resolve(name: str, m: re.Match, pub: dt.date | None) -> Resolved | None:
    g = m.groupdict()
    try:
        if name in ("iso", "dmy"):
            d = dt.date(int(g["year"]), int(g["m"]), int(g["d1"]))
            return d, d, "day", False
        if name in ("ar_month", "en_month"):
            return _month_expr(g, name == "en_month", pub)
        if name == "ar_day_of_month":
            if pub is None:
                return None, None, None, True
            month = _shift_month(pub.replace(day=1), _qual_offset(g.get("qual")))
            d = month.replace(day=int(g["d1"] or _AR_ORDINALS[g["o1"]]))
            return d, d, "day", True
        if name in ("ar_part_of_month", "en_part_of_unit"):
            return _part_of_this(g, pub)
        if name in ("ar_weekday", "en_weekday"):
            return _weekday(g, name == "en_weekday", pub)
        if name == "night_span":   # the night from the first day named into the next
            english = g["ewd"] is not None
            first = _weekday({"wd": g["ewd"] if english else g["wd"]}, english, pub)[0]
            if first is None:
                return None, None, None, True
            return first, first + dt.timedelta(days=1), "range", True
        if name in ("ar_named_rel", "en_named_rel"):
            return _named(g["word"], pub)
        if name in ("ar_unit_rel", "en_unit_rel"):
            return _unit_rel(g, pub)
        if name == "ar_plural_rel":
            return _span_back(pub, {"الايام": 7, "الاسابيع": 21, "الاشهر": 90, "الشهور": 90,
                                    "الاعوام": 730, "السنوات": 730, "الساعات": 1, "اليومين": 2,
                                    "الاسبوعين": 14, "الشهرين": 61, "العامين": 730,
                                    "السنتين": 730}[g["unit"] or g["dual"]])
        if name == "en_hours":   # "in the past 24 hours": the day before and the day itself
            return _span_back(pub, 1)
        if name in ("ar_ago", "en_ago"):
            return _ago(g, name == "en_ago", pub)
        if name in ("ar_recent", "en_recent"):
            word = g["word"]
            if word.startswith(("حالي", "راهن", "في الوقت", "currently", "these")):
                return _span_back(pub, 7)
            return _span_back(pub, 30)
        if name == "part_of_year":
            first, last = _PARTS_OF_YEAR[_PERIOD.get(g["period"], "mid")]
            year = int(g["year"])
            return dt.date(year, first, 1), _month_end(dt.date(year, last, 1)), "range", False
        if name == "year":
            year = int(g["year"])
            return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", False
    except ValueError:  # 31 February and the like: not a date
        return None
    return None


def _month_expr(g: dict, english: bool, pub: dt.date | None) -> Resolved | None:
    mon_text = re.split(r"\s*[/\\(-]\s*", g["mon"].rstrip(".)"))[0].strip()
    mon_key = re.sub(r"\s+", " ", mon_text)
    month = (_EN_MONTHS if english else _AR_MONTHS).get(mon_key.rstrip("."))
    if month is None:
        return None
    d1 = g.get("d1") or g.get("d1b") or _AR_ORDINALS.get(g.get("o1") or "")
    d2 = g.get("d2")
    qual, period, year = g.get("qual"), g.get("period"), g.get("year")
    if mon_key in _AMBIGUOUS_MONTHS and not (d1 or year or qual or g.get("yqual") or period
                                             or "/" in g["mon"]):
        return None
    relative = year is None
    if year is not None:
        y = int(year)
    elif pub is None:
        return None, None, None, True
    elif g.get("yqual"):      # «يونيو من العام الماضي», "June last year"
        y = pub.year + _qual_offset(g["yqual"])
    else:
        y = _year_for(month, pub, qual)
    first = dt.date(y, month, 1)
    if d1:
        start = first.replace(day=int(d1))
        end = first.replace(day=int(d2)) if d2 else start
        if end < start:
            return None
        return start, end, "day" if start == end else "range", relative
    if period:
        return (*_part(first, _PERIOD.get(period.split()[0], "mid")), relative)
    return first, _month_end(first), "month", relative


def _year_for(month: int, pub: dt.date, qual: str | None) -> int:
    if qual in _CURRENT:
        return pub.year
    if qual in _NEXT:
        return pub.year if month > pub.month else pub.year + 1
    if qual in _PAST:
        return pub.year if month < pub.month else pub.year - 1
    return pub.year if month <= pub.month else pub.year - 1


def _part(first: dt.date, period: str) -> tuple[dt.date, dt.date, str]:
    if period == "early":
        return first, first.replace(day=10), "range"
    if period == "mid":
        return first.replace(day=11), first.replace(day=20), "range"
    return first.replace(day=21), _month_end(first), "range"


_PARTS_OF_YEAR = {"early": (1, 3), "mid": (5, 8), "late": (10, 12)}   # months


def _part_of_this(g: dict, pub: dt.date | None) -> Resolved:
    """A part of this (last, next) month, year or week; from it to publication after
    «منذ», "since"."""
    if pub is None:
        return None, None, None, True
    period = _PERIOD.get(g.get("period") or "mid", "mid")
    offset = _qual_offset(g.get("qual"))
    unit = g.get("this") or "week"
    if unit in ("الشهر", "month"):
        first, last, _ = _part(_shift_month(pub.replace(day=1), offset), period)
    elif unit in ("الاسبوع", "week"):   # weeks from Monday, as `_unit_rel`
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=offset)
        lo, hi = {"early": (0, 2), "mid": (2, 4)}.get(period, (4, 6))
        first, last = monday + dt.timedelta(days=lo), monday + dt.timedelta(days=hi)
    else:
        year = pub.year + offset
        months = _PARTS_OF_YEAR[period]
        first, last = dt.date(year, months[0], 1), _month_end(dt.date(year, months[1], 1))
    if (g.get("since") or g.get("since2")) and first <= pub:
        last = pub
    return first, last, "range", True


def _weekday(g: dict, english: bool, pub: dt.date | None) -> Resolved:
    if pub is None:
        return None, None, None, True
    target = (_EN_WEEKDAYS if english else _AR_WEEKDAYS)[g["wd"]]
    qual = g.get("qual")
    back = (pub.weekday() - target) % 7
    if qual in _NEXT:
        d = pub + dt.timedelta(days=(target - pub.weekday()) % 7 or 7)
    else:
        if qual in _PAST and back == 0:
            back = 7
        d = pub - dt.timedelta(days=back)
    return d, d, "day", True


def _named(word: str, pub: dt.date | None) -> Resolved:
    if pub is None:
        return None, None, None, True
    word = re.sub(r"\s+", " ", word).replace("اول من امس", "اول امس")   # «أول من أمس»
    if word == "overnight":   # the night before the report: its evening and its morning
        return pub - dt.timedelta(days=1), pub, "range", True
    days = {"امس": -1, "البارحه": -1, "اول امس": -2, "اليوم": 0, "الليله الماضيه": -1,
            "غدا": 1, "yesterday": -1, "today": 0, "tonight": 0, "last night": -1,
            "tomorrow": 1, "the day before yesterday": -2}[word]
    d = pub + dt.timedelta(days=days)
    return d, d, "day", True


def _qual_offset(qual: str | None) -> int:
    return -1 if qual in _PAST else 1 if qual in _NEXT else 0


def _unit_rel(g: dict, pub: dt.date | None) -> Resolved | None:
    unit = {"الشهر": "month", "الاسبوع": "week", "العام": "year", "السنه": "year"}.get(
        g["unit"], g["unit"])
    qual = g.get("qual")
    if qual is None and not g.get("this"):
        return None  # a bare «الشهر» is not a date
    if pub is None:
        return None, None, None, True
    offset = _qual_offset(qual)
    if unit == "month":
        first = _shift_month(pub.replace(day=1), offset)
        return first, _month_end(first), "month", True
    if unit == "year":
        y = pub.year + offset
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", True
    if qual == "past":  # "the past week": the seven days before publication
        return pub - dt.timedelta(days=7), pub, "range", True
    monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=offset)
    return monday, monday + dt.timedelta(days=6), "range", True


def _ago(g: dict, english: bool, pub: dt.date | None) -> Resolved | None:
    unit_word = g["unit"]
    unit = unit_word if english else _AR_UNITS[unit_word]
    if g.get("ago") in ("بعد", "عقب") and not g.get("on"):
        return None  # «بعد أسبوع» alone looks ahead; «بعد أسبوع على X» dates X a week back
    n_text = g.get("n")
    if n_text is None:
        n = 2 if unit_word in _AR_DUAL_UNITS else (None if unit_word in _AR_PLURAL_UNITS else 1)
    elif n_text.isdigit():
        n = int(n_text)
    else:
        n = (_EN_NUMBERS if english else _AR_NUMBERS).get(re.sub(r"\s+", " ", n_text))
    if pub is None:
        return None, None, None, True
    if n is None:  # «قبل أيام», "a few weeks ago": a span back from publication
        days = _UNIT_DAYS[unit]   # («منذ سنوات»: for years, up to the report)
        return pub - dt.timedelta(days=days * 7 if unit == "day" else days * 5), \
            pub - dt.timedelta(days=0 if g.get("ago") == "منذ" else days), "range", True
    back = n * _UNIT_DAYS[unit]
    if unit in ("day", "week") and not g.get("approx") and not g.get("on"):
        d = pub - dt.timedelta(days=back)
        return d, d, "day", True
    slack = max(1, back // 7)
    return pub - dt.timedelta(days=back + slack), pub - dt.timedelta(days=back - slack), \
        "range", True


def _span_back(pub: dt.date | None, days: int) -> Resolved:
    if pub is None:
        return None, None, None, True
    return pub - dt.timedelta(days=days), pub, "range", True


def _shift_month(first: dt.date, months: int) -> dt.date:
    total = first.year * 12 + first.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])
