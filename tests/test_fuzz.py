"""Fuzz tests (hypothesis): parsers of user input raise nothing but the project's own errors.

The examples are few (60 each) to keep the suite quick; set GEO_DECONFLICT_FUZZ_EXAMPLES for a
longer run (1,500 each found nothing at the time of writing).
"""

from __future__ import annotations

import csv
import io
import json
import os
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo_deconflict.errors import GeoDeconflictError

FUZZ = settings(max_examples=int(os.environ.get("GEO_DECONFLICT_FUZZ_EXAMPLES", "60")),
                deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like coordinates and dates more often than random text does.
_PIECES = st.sampled_from(["°", "'", '"', "′", "″", "N", "S", "E", "W", "ش", "ج", "ق", "غ", "-",
                           "+", ".", ",", " ", "/", ":", "T", "33", "38", "0", "90", "180",
                           "181", "1e400", "nan", "inf", "9999", "0000", "02-30", "37S", "DT",
                           "\u2028", "\x00", "٣٣", "۳۸", "Sept", "أيلول"])
_MIXED = st.one_of(st.text(max_size=40),
                   st.lists(_PIECES, max_size=12).map("".join),
                   st.text(alphabet=string.digits + " .-/°'\"NSEW", max_size=30))


def _only_ours(call, *args, **kwargs):
    """Run `call`; an error must be one of the project's."""
    try:
        call(*args, **kwargs)
    except GeoDeconflictError:
        pass


@FUZZ
@given(_MIXED)
def test_point_parser(text):
    from geo_deconflict.geo.coords import parse_point

    _only_ours(parse_point, text)


@FUZZ
@given(_MIXED)
def test_dms_parser(text):
    from geo_deconflict.geo.coords import parse_dms

    _only_ours(parse_dms, text)


@FUZZ
@given(st.one_of(_MIXED, st.from_regex(r"\A\d{1,2}[C-X][A-Z]{2}\d{0,10}\Z")))
def test_mgrs_parser(text):
    from geo_deconflict.geo.coords import parse_mgrs

    _only_ours(parse_mgrs, text)


@FUZZ
@given(st.one_of(_MIXED, st.floats(allow_nan=True, allow_infinity=True)),
       st.one_of(_MIXED, st.floats(allow_nan=True, allow_infinity=True)))
def test_decimal_parser(lat, lon):
    from geo_deconflict.geo.coords import parse_decimal

    _only_ours(parse_decimal, lat, lon)


@FUZZ
@given(st.one_of(_MIXED, st.from_regex(r"\A\d{1,5}(-\d{1,2}(-\d{1,2})?)?(/\d{4}-\d\d-\d\d)?\Z"),
                 st.integers(), st.none()))
def test_date_parser(value):
    from geo_deconflict.incidents._values import parse_date

    _only_ours(parse_date, value)


@FUZZ
@given(st.lists(st.one_of(_MIXED, st.from_regex(r"\A\d{1,5}-\d{1,2}-\d{1,2}\Z"), st.none()),
                min_size=1, max_size=5))
def test_check_dates_parser(values):
    from geo_deconflict.check.checker import _dates

    _only_ours(_dates, values, len(values))


@FUZZ
@given(st.text(max_size=60))
def test_date_finder_in_reports(text):
    from geo_deconflict.extract.dates import find_dates

    find_dates(text)  # free text: it finds dates or none, and never fails


@FUZZ
@given(st.one_of(st.text(max_size=40), st.lists(_PIECES, max_size=10).map("".join)))
def test_name_normaliser(text):
    from geo_deconflict.geo.names import latin_skeleton, match_keys, name_key

    assert isinstance(name_key(text), str)
    assert isinstance(latin_skeleton(text), str)
    assert isinstance(match_keys(text), list)


_CELL = st.one_of(st.text(max_size=12), _PIECES, st.just('"'), st.just("\n"))


@FUZZ
@given(st.lists(st.lists(_CELL, min_size=0, max_size=6), min_size=1, max_size=4),
       st.booleans())
def test_csv_reader(rows, raw):
    """ACLED-like and flat CSV files, well-formed or not."""
    from geo_deconflict.incidents.read import load_incidents

    header = ["event_id_cnty", "event_date", "event_type", "latitude", "longitude", "notes"]
    if raw:  # cells joined without quoting: quotes and newlines break the layout
        text = ",".join(header) + "\n" + "\n".join(",".join(r) for r in rows) + "\n"
    else:
        out = io.StringIO()
        csv.writer(out).writerows([header, *rows])
        text = out.getvalue()
    _load(text, ".csv", load_incidents)


_JSON = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                               st.text(max_size=10)),
                     lambda inner: st.one_of(st.lists(inner, max_size=3),
                                             st.dictionaries(st.text(max_size=5), inner,
                                                             max_size=3)),
                     max_leaves=8)
_FIELDS = st.sampled_from(["id", "event_date", "date_end", "date", "longitude", "latitude",
                           "actors", "sources", "place", "provenance", "fatalities",
                           "uncertainty_m", "geo_precision", "metonymic", "kind", "summary"])


@FUZZ
@given(st.lists(st.dictionaries(_FIELDS, _JSON, max_size=8), min_size=1, max_size=3),
       st.lists(st.text(max_size=20), max_size=2))
def test_jsonl_reader(records, junk_lines):
    from geo_deconflict.incidents.read import load_incidents

    lines = [json.dumps(r, allow_nan=True) for r in records] + junk_lines
    _load("\n".join(lines) + "\n", ".jsonl", load_incidents)


def _load(text: str, suffix: str, load_incidents) -> None:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_text(text, encoding="utf-8")
        for on_error in ("raise", "skip"):
            _only_ours(load_incidents, path, on_error=on_error, locate=False)
