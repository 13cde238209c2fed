"""Tests of geo_deconflict.extract.dates on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from geo_deconflict.extract.dates import find_dates, fold
from geo_deconflict.extract.published import guess_publication_date

D = dt.date


@pytest.mark.parametrize(("text", "published", "iso", "precision"), [
    ("أعلن الجيش في أواخر ديسمبر الماضي انسحابه", D(2018, 1, 8), "2017-12-21/2017-12-31", "range"),
    ("وقعت الغارة يوم السبت على البلدة", D(2017, 9, 17), "2017-09-16", "day"),
    ("وقعت الغارة مساء الأحد", D(2017, 9, 17), "2017-09-17", "day"),
    ("تبادل الطرفان النار الشهر الماضي", D(2018, 1, 8), "2017-12", "month"),
    ("تبدأ الضربات في ٢٥ مايو الجاري", D(2016, 5, 20), "2016-05-25", "day"),
    ("تم التقاط الصور ما بين 3 و7 تشرين الأول الحالي", D(2019, 10, 20),
     "2019-10-03/2019-10-07", "range"),
    ("توصلا إلى اتفاق في شباط/ فبراير 2016", D(2016, 5, 20), "2016-02", "month"),
    ("قال المتحدث أمس إن", D(2020, 3, 2), "2020-03-01", "day"),
    # the night from one day into the next
    ("استهدفت غارات ليل الأحد - الإثنين مقرات للميليشيات", D(2019, 9, 10),
     "2019-09-08/2019-09-09", "range"),
    ("Strikes hit militia depots overnight Sunday to Monday", D(2019, 9, 10),
     "2019-09-08/2019-09-09", "range"),
    ("قصفت الطائرات القرية قبل أسبوعين", D(2020, 3, 15), "2020-03-01", "day"),
    ("في منتصف آذار الماضي", D(2020, 3, 15), "2019-03-11/2019-03-20", "range"),
    ("وقع التفجير في 2017-09-24 صباحا", None, "2017-09-24", "day"),
    ("وقع التفجير في 24/09/2017", None, "2017-09-24", "day"),
    ("المذكرة الموقعة عام ٢٠١٥", None, "2015", "year"),
    ("Jets struck the village on 16 September 2017.", None, "2017-09-16", "day"),
    ("The talks ended Sept. 3, 2016 in Geneva.", None, "2016-09-03", "day"),
    ("Clashes broke out in late December.", D(2018, 1, 8), "2017-12-21/2017-12-31", "range"),
    ("Troops withdrew last month.", D(2018, 1, 8), "2017-12", "month"),
    ("The convoy was hit two days ago.", D(2018, 1, 8), "2018-01-06", "day"),
    ("The base was shelled on Saturday.", D(2017, 9, 17), "2017-09-16", "day"),
    ("The deal was signed in 2016.", None, "2016", "year"),
])
def test_find_dates_resolves(text, published, iso, precision):
    found = [m for m in find_dates(text, published=published) if m.resolved]
    assert [(m.iso, m.precision) for m in found] == [(iso, precision)]
    m = found[0]
    assert text[m.start:m.end] == m.surface


def test_relative_dates_need_the_publication_date():
    found = find_dates("اشتبك الطرفان يوم السبت الشهر الماضي")
    assert found and not any(m.resolved for m in found)
    assert all(m.relative for m in found)


@pytest.mark.parametrize("text", [
    "مارس الجيش ضغوطا على الفصائل",        # a verb, not March
    "They may strike again.",               # a modal, not May
    "الموجز الصحفي اليومي للبيت الأبيض",   # 'daily', not 'today'
    "بعد أسبوع سيعود الوفد",               # looks ahead, no event date
])
def test_words_that_are_not_dates(text):
    assert [m for m in find_dates(text, published=D(2017, 3, 15)) if m.resolved] == []


def test_weekday_before_an_explicit_date_is_one_date():
    found = find_dates("تظاهر الآلاف مساء الأربعاء 27 مارس 2024 في العاصمة",
                       published=D(2016, 5, 20))
    assert [(m.surface, m.iso, m.relative) for m in found] == [
        ("مساء الأربعاء 27 مارس 2024", "2024-03-27", False)]


def test_fold_keeps_offsets():
    text = "أواخرَ ديسمبر ٢٠١٧"
    folded, index = fold(text)
    assert folded == "اواخر ديسمبر 2017"
    assert all(folded[i] == text[index[i]] or not folded[i].isalpha() or
               text[index[i]] in "أإآ" for i in range(len(folded)))
    assert index[-1] == len(text)


def test_guess_publication_date_prefers_a_plain_date_line():
    text = "2024-03-29 12:22 م\n\nعنوان\n\n2017-09-24\nنشرت الوزارة صورا"
    assert guess_publication_date(text) == D(2017, 9, 24)
    assert guess_publication_date("2021-05-01 10:00\nنص") == D(2021, 5, 1)
    assert guess_publication_date("لا تاريخ هنا") is None


def test_scanning_near_the_needles_finds_what_a_whole_scan_finds(seeds_dir, monkeypatch):
    # the date patterns are tried only around their months, weekdays or digits
    # (`Prefilter.regions` with a margin): the same dates as trying each on the whole text
    from geo_deconflict.extract import _needles

    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    texts += ["وفي أواخر شهر آب/أغسطس 2017، وقبل ذلك في 3 أيار", "On Friday, 4 May 2018, and Sept. 9"]
    published = dt.date(2018, 6, 1)
    near = [find_dates(t, published=published) for t in texts]
    monkeypatch.setattr(_needles.Prefilter, "regions",
                        lambda self, text: [(n, [(0, len(text))]) for n in range(len(self._needs))])
    whole = [find_dates(t, published=published) for t in texts]
    assert near == whole
    assert sum(map(len, near)) > 20


def test_the_day_before_yesterday_with_or_without_min():
    from geo_deconflict.extract.dates import find_dates

    published = dt.date(2018, 12, 30)
    for text in ("انتشرت القوات أول من أمس في قرية العريمة", "انتشرت القوات أول أمس في قرية"):
        assert [d.first for d in find_dates(text, published=published)][:1] == \
            [dt.date(2018, 12, 28)], text


@pytest.mark.parametrize(("text", "first", "last"), [
    # a day of the month as an ordinal word, before «من» and a month or «الشهر»
    ("اتفق الرئيسان في الخامس من آذار الجاري على وقف إطلاق النار", dt.date(2020, 3, 5), None),
    ("شنّ التنظيم هجوماً في الحادي عشر من الشهر الجاري", dt.date(2020, 3, 11), None),
    ("وقعت المذكرة في الثاني والعشرين من تشرين الأول الماضي", dt.date(2019, 10, 22), None),
    ("تصدت الدفاعات فجر السادس من الشهر الماضي لصواريخ", dt.date(2020, 2, 6), None),
    # hours back from the report
    ("رصد المركز خلال الساعات الأربع والعشرين الماضية ثلاث حالات قصف", dt.date(2020, 3, 14),
     dt.date(2020, 3, 15)),
    ("Militants shelled the town in the past 24 hours", dt.date(2020, 3, 14), dt.date(2020, 3, 15)),
])
def test_ordinal_days_and_hours_back(text, first, last):
    found = find_dates(text, published=dt.date(2020, 3, 15))
    assert found and found[0].first == first and found[0].last == (last or first), found


def test_an_ordinal_that_is_not_a_day_is_no_date():
    assert find_dates("سيّرت القوات الدورية الثانية من نوعها", published=dt.date(2020, 3, 15)) == []


def test_a_year_before_a_noun_dates_it_but_a_count_does_not():
    pub = dt.date(2019, 2, 20)
    assert [(d.first, d.last) for d in find_dates("A 2016 car bombing killed seven", published=pub)] \
        == [(dt.date(2016, 1, 1), dt.date(2016, 12, 31))]
    assert find_dates("the 2000 people who fled", published=pub) == []


@pytest.mark.parametrize(("text", "first", "last"), [
    ("since Moscow deployed forces to Qamishli airport in late 2019.", "2019-10-01", "2019-12-31"),
    ("the roadmap agreed in mid-2018", "2018-05-01", "2018-08-31"),
    ("انتشرت القوات الروسية في مطار القامشلي أواخر عام 2019", "2019-10-01", "2019-12-31"),
    ("منذ مطلع 2018", "2018-01-01", "2018-03-31"),
])
def test_a_part_of_a_year_named_by_its_number(text, first, last):
    found = find_dates(text, published=dt.date(2020, 8, 27))
    assert [(d.first.isoformat(), d.last.isoformat(), d.precision) for d in found] == \
        [(first, last, "range")]


@pytest.mark.parametrize(("text", "iso"), [
    ("In June 2017 US jets struck convoys, and on June 8 that year shot down a drone.",
     "2017-06-08"),
    ("دخلت القوات في آذار 2016، ثم انسحبت في حزيران من العام نفسه.", "2016-06"),
])
def test_that_year_is_the_year_named_last(text, iso):
    found = find_dates(text, published=D(2018, 9, 8))
    assert found[-1].iso == iso
