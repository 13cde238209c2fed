"""Coordinate parsing: decimal, DMS in its common forms, MGRS cells, and clear errors."""

from __future__ import annotations

import pytest

from geo_deconflict.errors import CoordinateError
from geo_deconflict.geo.coords import (
    Location,
    check_lonlat,
    parse_decimal,
    parse_dms,
    parse_mgrs,
    parse_point,
)
from geo_deconflict.geo.geodesy import geodesic_distance_m
from geo_deconflict.geo.layers import find_feature

# The al-Tanf garrison as its Wikipedia infobox gives it (33°30′21″N 38°37′04″E).
TANF = (33.505833, 38.617778)


@pytest.mark.parametrize("text", [
    "33°30'21\"N 38°37'04\"E",
    "33°30′21″N, 38°37′04″E",
    "33° 30′ 21″ N  38° 37′ 04″ E",
    "N33°30'21\" E38°37'04\"",
    "N33 30 21 E38 37 04",
    "33:30:21N 38:37:04E",
    "33d30m21sN 38d37m04sE",
    "33 deg 30 min 21 sec N, 38 deg 37 min 4 sec E",
    "33°30'21''N 38°37'04''E",
    "38°37'04\"E 33°30'21\"N",                       # order given by the letters
    "33°30′21″ ش 38°37′04″ ق",                      # Arabic hemisphere letters
    "33°30′21″ شمالاً 38°37′04″ شرقاً",               # Arabic hemisphere words
    "٣٣°٣٠′٢١″ ش ٣٨°٣٧′٠٤″ ق",                      # Arabic-Indic digits
    "33°30′21″, 38°37′04″",                          # no letters: latitude first
])
def test_dms_forms(text):
    lat, lon = parse_dms(text)
    assert lat == pytest.approx(TANF[0], abs=1e-6)
    assert lon == pytest.approx(TANF[1], abs=1e-6)


@pytest.mark.parametrize(("text", "expected"), [
    ("33.50583, 38.61778", (33.50583, 38.61778)),
    ("33.50583 38.61778", (33.50583, 38.61778)),
    ("33.50583°N 38.61778°E", (33.50583, 38.61778)),
    ("33°30.35'N 38°37.0667'E", (33 + 30.35 / 60, 38 + 37.0667 / 60)),
    ("٣٣٫٥، ٣٨٫٦", (33.5, 38.6)),
    ("33°30'21\"S 38°37'04\"W", (-TANF[0], -TANF[1])),
    ("-33.5, -70.25", (-33.5, -70.25)),
])
def test_decimal_and_hemispheres(text, expected):
    assert parse_dms(text) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize(("text", "needle"), [
    ("33°70'N 38°E", "minutes 70"),
    ("33°30'75\"N 38°E", "seconds 75"),
    ("95°N 38°E", "latitude 95"),
    ("33.5, 200", "longitude 200"),
    ("33 N 34 N", "two latitudes"),
    ("33.5", "cannot tell"),
    ("hello", "'hello'"),
    ("دير الزور", "'دير'"),
    ("33.5°30'N 38°E", "only the last"),
    ("-33°30'S 38°E", "negative value with hemisphere S"),
    ("", "empty coordinate"),
])
def test_malformed_dms_names_the_bad_value(text, needle):
    with pytest.raises(CoordinateError, match=needle):
        parse_dms(text)


def test_parse_point_keeps_the_text_as_label():
    loc = parse_point("33°30'21\"N  38°37'04\"E")
    assert isinstance(loc, Location) and loc.uncertainty_m == 0 and loc.area is None
    assert loc.label == "33°30'21\"N 38°37'04\"E"


def test_parse_decimal_validates():
    assert parse_decimal("33.6", 38.7).lon == 38.7
    with pytest.raises(CoordinateError, match="latitude 91"):
        parse_decimal(91, 38)
    with pytest.raises(CoordinateError, match="not a decimal number"):
        parse_decimal("33,6,1", 38)


def test_check_lonlat_names_the_row():
    with pytest.raises(CoordinateError, match=r"longitude 181 .*\(row 2\)"):
        check_lonlat([38.0, 181.0], [33.0, 33.0])
    with pytest.raises(CoordinateError, match=r"latitude is missing .*\(row 11\)"):
        check_lonlat([38.0, 38.0], [33.0, float("nan")], first_row=10)


def test_mgrs_full_precision_is_a_metre_cell_near_the_garrison():
    loc = parse_mgrs("37SDT6470306783")
    garrison = find_feature("al_tanf_garrison").geometry
    # The example reference lies ~650 m from the garrison point of the layers.
    assert 500 < float(geodesic_distance_m(loc.lon, loc.lat, garrison.x, garrison.y)) < 800
    assert loc.uncertainty_m == pytest.approx(0.707, abs=0.01)
    assert loc.area.contains(loc.area.centroid)


@pytest.mark.parametrize(("ref", "cell_m"), [("37SDT64700678", 10), ("37SDT647067", 100),
                                             ("37SDT6406", 1_000), ("37SDT60", 10_000),
                                             ("37SDT", 100_000)])
def test_reduced_precision_mgrs_is_a_cell(ref, cell_m):
    loc = parse_mgrs(ref)
    assert loc.uncertainty_m == pytest.approx(cell_m * 2 ** 0.5 / 2, rel=0.01)
    # the full-precision reference lies inside every coarser cell that contains it
    full = parse_mgrs("37SDT6470306783")
    from shapely.geometry import Point
    assert loc.area.contains(Point(full.lon, full.lat))


def test_mgrs_spaces_and_case():
    assert parse_mgrs("37s dt 64703 06783").lat == parse_mgrs("37SDT6470306783").lat


@pytest.mark.parametrize(("ref", "needle"), [
    ("37SDT647030678", "malformed"),       # odd number of digits
    ("37SDT647030678312", "malformed"),    # too many digits
    ("61SDT12", "malformed"),              # no zone 61
    ("37SDI12", "malformed"),              # I is not a grid letter
    ("37TDT6470306783", "latitude band"),  # band T does not fit this square
    ("hello", "malformed"),
])
def test_malformed_mgrs(ref, needle):
    with pytest.raises(CoordinateError, match=needle):
        parse_mgrs(ref)
