"""Coordinates as people type them: decimal degrees, DMS, MGRS, and their validation.

Every parser returns a `Location`: (lon, lat) in EPSG:4326 plus how uncertain it is. A typed
point is exact (``uncertainty_m == 0``); a reduced-precision MGRS reference is a grid *cell*,
so its `Location` carries the cell polygon as `area` and the distance from the cell centre to
its farthest corner as `uncertainty_m`.

Accepted DMS forms (any mix of them; ASCII, Unicode or Arabic marks and digits)::

    33°30'21"N 38°37'04"E        33°30′21″N, 38°37′04″E      N33 30 21  E38 37 04
    33:30:21N 38:37:04E          33d30m21sN 38d37m4sE        33°30.35'N 38°37.07'E
    33.50583°N 38.61778°E        33.50583, 38.61778          -33.5 151.2
    ٣٣°٣٠′٢١″ ش ٣٨°٣٧′٠٤″ ق     33°30′21″ شمالاً 38°37′04″ شرقاً

Hemisphere letters (``N S E W`` before or after the number; Arabic ``ش``/``شمال`` north,
``ج``/``جنوب`` south, ``ق``/``شرق`` east, ``غ``/``غرب`` west) decide which value is the
latitude. Without them the order is **latitude, longitude**, as most sources write it
(and as maps and the reports in ``seeds/`` do).
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import ArrayLike
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from geo_deconflict.errors import CoordinateError
from geo_deconflict.geo.geodesy import GEOD

__all__ = ["Location", "check_lonlat", "parse_decimal", "parse_dms", "parse_mgrs",
           "parse_point"]


@dataclass(frozen=True, slots=True)
class Location:
    """A location to check: a point, or an area (an MGRS cell, a governorate) and its centre.

    Attributes
    ----------
    lon, lat
        Degrees, EPSG:4326 (the centre of `area` when there is one).
    uncertainty_m
        Radius in metres within which the true location may lie (0 for an exact point).
    area
        The extent of an area location (lon/lat polygon), or None for a point.
    label
        How the location was given (normalised), for display.
    """

    lon: float
    lat: float
    uncertainty_m: float = 0.0
    area: BaseGeometry | None = None
    label: str = ""

    def __post_init__(self) -> None:
        check_lonlat(self.lon, self.lat)
        if not (self.uncertainty_m >= 0 and math.isfinite(self.uncertainty_m)):
            msg = f"uncertainty must be a finite number of metres >= 0, got {self.uncertainty_m!r}"
            raise CoordinateError(msg)


def check_lonlat(lon: ArrayLike, lat: ArrayLike, *, what: str = "", first_row: int = 1) -> None:
    """Raise `CoordinateError` naming the first longitude/latitude that is missing or out of range.

    Examples
    --------
    >>> check_lonlat(38.7, 33.6)
    >>> check_lonlat(38.7, 133.6)
    Traceback (most recent call last):
    ...
    geo_deconflict.errors.CoordinateError: latitude 133.6 is out of range (-90 to 90)
    """
    lon_a = np.atleast_1d(np.asarray(lon, dtype=float))
    lat_a = np.atleast_1d(np.asarray(lat, dtype=float))
    where = f" {what}" if what else ""
    for name, values, limit in (("latitude", lat_a, 90.0), ("longitude", lon_a, 180.0)):
        bad = ~(np.abs(values) <= limit)  # NaN is bad too
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            row = f" (row {i + first_row}{where})" if values.size > 1 or first_row > 1 else where
            value = values[i]
            shown = "missing" if math.isnan(value) else f"{value:g}"
            msg = f"{name} {shown} is out of range (-{limit:g} to {limit:g}){row}"
            if math.isnan(value):
                msg = f"{name} is missing or not a number{row}"
            raise CoordinateError(msg)


def parse_decimal(lat: float | str, lon: float | str) -> Location:
    """A point from decimal latitude and longitude (numbers or strings), validated.

    Examples
    --------
    >>> parse_decimal(33.6, "38.7")
    Location(lon=38.7, lat=33.6, uncertainty_m=0.0, area=None, label='33.6, 38.7')
    """
    values = []
    for name, value in (("latitude", lat), ("longitude", lon)):
        try:
            values.append(float(_normalise(value) if isinstance(value, str) else value))
        except (TypeError, ValueError):
            msg = f"{name} {value!r} is not a decimal number"
            raise CoordinateError(msg) from None
    check_lonlat(values[1], values[0])
    return Location(lon=values[1], lat=values[0], label=f"{values[0]:g}, {values[1]:g}")


def parse_point(text: str) -> Location:
    """A point from a coordinate string: decimal or DMS in the forms of the module docstring.

    Examples
    --------
    >>> loc = parse_point("33°30'21\\"N 38°37'04\\"E")     # the al-Tanf garrison
    >>> round(loc.lat, 5), round(loc.lon, 5)
    (33.50583, 38.61778)
    >>> parse_point("٣٣٫٦، ٣٨٫٧").lon
    38.7
    """
    lat, lon = parse_dms(text)
    return Location(lon=lon, lat=lat, label=" ".join(text.split()))


def parse_dms(text: str) -> tuple[float, float]:
    """``(lat, lon)`` in decimal degrees from a DMS or decimal coordinate pair.

    Raises `CoordinateError` naming the part that is malformed or out of range.

    Examples
    --------
    >>> [round(v, 5) for v in parse_dms("N33 30 21 E38 37 04")]
    [33.50583, 38.61778]
    >>> [round(v, 5) for v in parse_dms("33°30′21″ ش 38°37′04″ ق")]     # Arabic N and E
    [33.50583, 38.61778]
    >>> round(parse_dms("38d37m04sE, 33d30m21sN")[0], 5)               # letters decide the order
    33.50583
    """
    if not isinstance(text, str) or not text.strip():
        msg = f"empty coordinate {text!r}; expected e.g. 33°30'21\"N 38°37'04\"E or 33.5, 38.6"
        raise CoordinateError(msg)
    norm = _tokens(text)
    parts = _split_pair(norm, text)
    values: dict[str, float] = {}
    for i, (tokens, hemi) in enumerate(parts):
        axis = {"N": "lat", "S": "lat", "E": "lon", "W": "lon"}.get(hemi or "",
                                                                    ("lat", "lon")[i])
        if axis in values:
            msg = f"two latitudes or two longitudes in {text!r}; expected one N/S and one E/W"
            raise CoordinateError(msg)
        value = _angle(tokens, text)
        if hemi and value < 0:
            msg = f"a negative value with hemisphere {hemi} in {text!r}; use one or the other"
            raise CoordinateError(msg)
        values[axis] = -value if hemi in ("S", "W") else value
    check_lonlat(values["lon"], values["lat"], what=f"in {text!r}")
    return values["lat"], values["lon"]


_MGRS_RE = re.compile(r"^(\d{1,2})([C-HJ-NP-X])([A-HJ-NP-Z]{2})(\d*)$")


def parse_mgrs(text: str) -> Location:
    """An MGRS reference as a `Location`: the centre of its cell, the cell, its half-diagonal.

    Precision follows the number of digits: 10 digits is a 1 m cell, 8 is 10 m, 6 is 100 m,
    4 is 1 km, 2 is 10 km and none is the whole 100 km square. Spaces are ignored.

    Examples
    --------
    >>> loc = parse_mgrs("37SDT6470306783")
    >>> round(loc.lat, 5), round(loc.lon, 5), round(loc.uncertainty_m, 2)
    (33.5, 38.62, 0.71)
    >>> round(parse_mgrs("37S DT 64 06").uncertainty_m)       # a 1 km cell
    707
    """
    import mgrs

    compact = re.sub(r"\s+", "", str(text)).upper()
    match = _MGRS_RE.match(compact)
    if not match or len(match[4]) % 2 or len(match[4]) > 10 or not 1 <= int(match[1]) <= 60:
        msg = (f"malformed MGRS reference {text!r}; expected grid zone, band, 100 km square and "
               "an even number of digits (0-10), e.g. 37SDT6470306783")
        raise CoordinateError(msg)
    digits = len(match[4]) // 2
    size = 10.0 ** (5 - digits)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the library only warns about a wrong latitude band
        try:
            zone, hemi, easting, northing = mgrs.MGRS().MGRSToUTM(compact)
        except Exception as err:  # noqa: BLE001 - MGRSError or the promoted RuntimeWarning
            reason = str(err).split(":")[-1].strip() or "not a valid reference"
            if "Latitude" in reason:
                reason = "its latitude band letter does not fit the grid square"
            msg = f"invalid MGRS reference {text!r} ({reason})"
            raise CoordinateError(msg) from None
    west = math.floor(easting / size) * size
    south = math.floor(northing / size) * size
    epsg = (32600 if hemi == "N" else 32700) + int(zone)
    from pyproj import Transformer

    to_lonlat = Transformer.from_crs(epsg, 4326, always_xy=True)
    xs = np.array([west, west + size, west + size, west, west + size / 2])
    ys = np.array([south, south, south + size, south + size, south + size / 2])
    lons, lats = to_lonlat.transform(xs, ys)
    cell = Polygon(np.column_stack([lons[:4], lats[:4]]))
    if size > 1_000:  # long cell edges: keep the polygon close to the UTM square
        cell = shapely.segmentize(cell, 0.01)
    _, _, dists = GEOD.inv(np.full(4, lons[4]), np.full(4, lats[4]), lons[:4], lats[:4])
    return Location(lon=float(lons[4]), lat=float(lats[4]), uncertainty_m=float(np.max(dists)),
                    area=cell, label=compact)


# ------------------------------------------------------------------------------------ helpers

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_MARKS = {
    "°": " d ", "º": " d ", "˚": " d ", "ᵒ": " d ", "⁰": " d ",
    "′": " m ", "'": " m ", "’": " m ", "‘": " m ", "ʹ": " m ", "´": " m ", "`": " m ",
    "″": " s ", '"': " s ", "”": " s ", "“": " s ", "ʺ": " s ", "˝": " s ", "〃": " s ",
    "٫": ".", "،": ",", "؛": ";", "\u200f": "", "\u200e": "", "\u00a0": " ",
}
_AR_HEMI = [("شمالا", "N"), ("شمال", "N"), ("جنوبا", "S"), ("جنوب", "S"), ("شرقا", "E"),
            ("شرق", "E"), ("غربا", "W"), ("غرب", "W"), ("ش", "N"), ("ج", "S"), ("ق", "E"),
            ("غ", "W")]


_WORDS = ("min", "sec")


def _normalise(text: str) -> str:
    text = text.translate(_DIGITS).replace("\u064b", "")  # tanween in "شمالاً"
    for mark, repl in _MARKS.items():
        text = text.replace(mark, repl)
    return text


def _tokens(text: str) -> list[str]:
    """Numbers, unit marks (d m s), hemisphere letters (N S E W) and commas."""
    norm = _normalise(text)
    for word, hemi in _AR_HEMI:
        norm = norm.replace(word, f" {hemi} ")
    norm = re.sub(r"(?i)\bdeg(?:rees?)?\b", " d ", norm)
    norm = re.sub(r"(?<=\d)\s*m\s+m\b", " s ", norm)  # two primes ('') are seconds
    pattern = r"[-+]?\d+(?:\.\d+)?|[A-Za-z]+|[:,;/]"
    leftover = re.sub(pattern, "", norm).strip()
    if leftover:
        msg = f"unexpected {leftover.split()[0]!r} in coordinate {text!r}"
        raise CoordinateError(msg)
    tokens = []
    for tok in re.findall(pattern, norm):  # "21sN" -> "s", "N"
        glued = tok.isalpha() and len(tok) > 1 and tok.lower() not in _WORDS
        tokens.extend(tok if glued and set(tok) <= set("dmsNSEW") else [tok])
    out: list[str] = []
    for tok in tokens:
        if tok[0].isalpha():
            low = tok.lower()
            if tok.upper() in ("N", "S", "E", "W") and not (low == "s" and _after_number_unit(out)):
                out.append(tok.upper())
            elif low in ("d", "m", "s", "min", "sec"):
                out.append(low[0])
            else:
                msg = f"unexpected {tok!r} in coordinate {text!r}"
                raise CoordinateError(msg)
        elif tok == ":":
            out.append(":")
        elif tok in ",;/":
            out.append(",")
        else:
            out.append(tok)
    return out


def _after_number_unit(out: list[str]) -> bool:
    """A lowercase 's' right after minutes is 'seconds' (33d30m21s), not 'south'."""
    return len(out) >= 2 and out[-1][0].isdigit() and "m" in out[-4:-1]


def _split_pair(tokens: list[str], text: str) -> list[tuple[list[str], str | None]]:
    """Split tokens into two coordinates, each (number/unit tokens, hemisphere letter)."""
    hemis = [i for i, t in enumerate(tokens) if t in ("N", "S", "E", "W")]
    body = [t for t in tokens if t != ","]
    if hemis:
        if len(hemis) != 2:
            msg = (f"expected one N/S and one E/W hemisphere letter in {text!r}, "
                   f"found {len(hemis)}")
            raise CoordinateError(msg)
        prefix = tokens[0] in ("N", "S", "E", "W")
        parts, current, letter = [], [], None
        for tok in body:
            if tok in ("N", "S", "E", "W"):
                if prefix:
                    if current or letter:
                        parts.append((current, letter))
                    current, letter = [], tok
                else:
                    parts.append((current, tok))
                    current = []
            else:
                current.append(tok)
        if prefix:
            parts.append((current, letter))
        elif current:
            msg = f"numbers after the last hemisphere letter in {text!r}"
            raise CoordinateError(msg)
    elif "," in tokens:
        i = tokens.index(",")
        parts = [(tokens[:i], None), ([t for t in tokens[i + 1:] if t != ","], None)]
    else:
        parts = _split_unlettered(body, text)
    if len(parts) != 2 or not all(p[0] for p in parts):
        msg = f"expected a latitude and a longitude in {text!r}"
        raise CoordinateError(msg)
    return parts


def _split_unlettered(tokens: list[str], text: str) -> list[tuple[list[str], str | None]]:
    numbers = [t for t in tokens if t[0] in "+-0123456789"]
    if len(numbers) == 2 and all(t[0] in "+-0123456789" for t in tokens):
        return [([numbers[0]], None), ([numbers[1]], None)]
    if "d" in tokens:  # a new coordinate starts at each number followed by a degree mark
        starts = [i for i in range(len(tokens) - 1) if tokens[i + 1] == "d"]
        if len(starts) == 2 and starts[0] == 0:
            return [(tokens[: starts[1]], None), (tokens[starts[1]:], None)]
    if len(numbers) in (4, 6) and len(numbers) == len(tokens):  # "33 30 21 38 37 04"
        half = len(numbers) // 2
        return [(numbers[:half], None), (numbers[half:], None)]
    msg = f"cannot tell the latitude from the longitude in {text!r}; separate them with a comma"
    raise CoordinateError(msg)


def _angle(tokens: list[str], text: str) -> float:
    """Decimal degrees from e.g. ['33', 'd', '30', 'm', '21', 's'] or ['33', ':', '30']."""
    numbers: list[tuple[str, str | None]] = []
    for tok in tokens:
        if tok[0] in "+-0123456789":
            numbers.append((tok, None))
        elif tok in ("d", "m", "s"):
            if not numbers or numbers[-1][1] is not None:
                msg = f"misplaced unit mark in coordinate {text!r}"
                raise CoordinateError(msg)
            numbers[-1] = (numbers[-1][0], tok)
        # ':' just separates
    expected = ["d", "m", "s"]
    if not 1 <= len(numbers) <= 3:
        msg = f"expected degrees[, minutes[, seconds]] in {text!r}"
        raise CoordinateError(msg)
    units = [u or expected[i] for i, (_, u) in enumerate(numbers)]
    if units != expected[: len(numbers)]:
        msg = f"units out of order in {text!r}; expected degrees, minutes, seconds"
        raise CoordinateError(msg)
    values = [float(n) for n, _ in numbers]
    for i, (raw, _) in enumerate(numbers[:-1]):
        if "." in raw:
            msg = f"only the last of degrees/minutes/seconds may have decimals in {text!r}"
            raise CoordinateError(msg)
        if i > 0 and raw.startswith(("-", "+")):
            msg = f"a sign inside a coordinate in {text!r}"
            raise CoordinateError(msg)
    for value, name in zip(values[1:], ("minutes", "seconds")):
        if not 0 <= value < 60:
            msg = f"{name} {value:g} out of range (0 to <60) in {text!r}"
            raise CoordinateError(msg)
    sign = -1.0 if numbers[0][0].startswith("-") else 1.0
    degrees = abs(values[0]) + sum(v / 60 ** (i + 1) for i, v in enumerate(values[1:]))
    return sign * degrees
