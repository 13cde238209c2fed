"""Points -> the zones that hold them, their bank of the Euphrates, their distance to each zone.

Semantics
---------
Zone status (column ``in_<zone id>``)
    ``in`` or ``out``; ``ambiguous`` when the point's location uncertainty (an explicit radius,
    an ACLED ``geo_precision`` of 2 or 3, an MGRS cell, an area) is larger than its distance
    to the zone's boundary; ``inactive`` when a per-row date falls outside the zone's validity.
    With ACLED's ``time_precision`` a row's date is a range (2: the week around it, 3: its
    month): ``inactive`` when the zone is in force on none of its days, and ``ambiguous`` in
    place of ``in`` when on only some of them (``breaches`` calls such a case undecided).
    *Buffer zones* (a plain ``buffer`` recipe, e.g. al-Tanf 55 km) are decided by the exact
    geodesic distance to the centre (Karney's algorithm via pyproj), never by the polygon:
    54,999 m is in and 55,001 m is out. *Polygon zones* are decided by containment, with edges
    straight in lon/lat as in GeoJSON. **Boundary rule: a point exactly on the boundary (at
    exactly ``radius_m``, or on a polygon edge) is inside**: zones are closed sets, so a point
    on the Euphrates line lies in both ``euphrates_west`` and ``euphrates_east``.
Distance (column ``dist_<zone id>_m``)
    Signed geodesic distance in metres to the zone's boundary, negative inside. Buffer zones:
    distance to the centre minus the radius, by Vincenty's formulae (within 0.1 mm of Karney's
    algorithm; Karney's itself via pyproj within 1 m of the circle, so the in/out decision is
    the exact one). Polygon zones: the nearest boundary point is found in the conformal
    (Mercator) plane among the few segments whose normals can reach the point's raster cell,
    with the foot moved poleward as far as the true (bowed) geodesic puts it, ranked by true
    length; the distance to it is then the geodesic one (Vincenty). Against a brute-force
    geodesic search over the boundary (200 m samples, then 2 m samples round the best) the
    error is below 1 cm within 100 km of the boundary and below 5 cm out to 600 km (measured:
    a few millimetres at most; tests/test_check.py and tests/test_grid.py check it).
Bank (columns ``bank`` and ``euphrates_offset_m``)
    ``left`` (east/north bank, left of the downstream direction) or ``right`` (west/south
    bank); ``ambiguous`` within `bank_tolerance_m` (default 2 km) of the river line or within
    the point's uncertainty; empty outside the region the shipped river line divides (lon
    34-43.5, lat 31-38.5). The offset is the signed geodesic distance to the line, positive on
    the left bank. The Natural Earth 1:10m line is itself only good to a km or two, which is
    why the band exists: Deir ez-Zor's GeoNames point is 1.4 km from it, so it is reported
    ``ambiguous`` with the default band (and ``right`` with a band under 1.4 km).
Summary (columns ``zones`` and ``zones_ambiguous``)
    ``;``-joined ids of the zones the point is in, and of those it may be in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import shapely
import shapely.ops
from numpy.typing import ArrayLike
from shapely.geometry import Point

from geo_deconflict.check.checker import (
    AMBIGUOUS,
    BANK_TOLERANCE_M,
    INACTIVE,
    REGION,
    STATUS_IN,
    STATUS_OUT,
    ZoneChecker,
)
from geo_deconflict.geo.coords import Location
from geo_deconflict.geo.geodesy import GEOD
from geo_deconflict.incidents.records import PRECISION_UNCERTAINTY_M
from geo_deconflict.zones.model import Zone

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ACLED_PRECISION_M",
    "AMBIGUOUS",
    "BANK_TOLERANCE_M",
    "INACTIVE",
    "REGION",
    "STATUS_IN",
    "STATUS_OUT",
    "ZoneChecker",
    "check_frame",
    "check_location",
    "check_points",
    "place_doubt",
    "precision_radius",
    "region_counts",
    "region_message",
    "region_warning",
    "resolve_place",
]

# Location uncertainty for ACLED geo_precision codes: one table for every command (see
# geo_deconflict.incidents.records).
ACLED_PRECISION_M = PRECISION_UNCERTAINTY_M


def check_points(lon: ArrayLike, lat: ArrayLike, *, zones: Sequence[Zone] | None = None,
                 at: dt.date | None = None, dates: ArrayLike | None = None,
                 uncertainty_m: ArrayLike | float = 0.0,
                 bank_tolerance_m: float = BANK_TOLERANCE_M,
                 distances: bool = True,
                 time_precision: ArrayLike | None = None) -> pd.DataFrame:
    """Check points against zones: status, signed distance, bank (see the module docstring).

    Parameters
    ----------
    lon, lat
        Degrees, EPSG:4326; scalars or arrays of the same length.
    zones
        Zones to check (the bundled ones by default).
    at
        Only zones in force on this date are checked (the others get no columns).
    dates
        A date per point (ISO or other common forms; missing = no check; unreadable = a
        `DateError` naming the row): a zone not
        in force on a point's date gets status ``inactive`` for it.
    uncertainty_m
        Location uncertainty radius per point (or one for all), metres.
    bank_tolerance_m
        Half-width of the band along the river where the bank is ``ambiguous``.
    distances
        Add the ``dist_*_m`` and ``euphrates_offset_m`` columns (the slow part; statuses and
        bank are exact either way).
    time_precision
        ACLED ``time_precision`` per point (1 or missing: the day; 2: the week around it;
        3: its month; anything else: a `DateError`): a zone in force on none of those days
        is ``inactive``, on only some of them an ``in`` becomes ``ambiguous``.

    Returns
    -------
    pandas.DataFrame
        One row per point, columns ``in_<id>``, ``dist_<id>_m`` per zone, ``bank``,
        ``euphrates_offset_m``, ``zones``, ``zones_ambiguous``.

    Examples
    --------
    >>> out = check_points([38.61778, 38.66847], [33.50583, 33.31086])   # garrison, Rukban
    >>> out["in_tanf_55km"].tolist(), out["bank"].tolist()
    (['in', 'in'], ['right', 'right'])
    >>> float(out["dist_tanf_55km_m"].round(-2)[1])   # Rukban, 22.1 km from the garrison
    -32900.0
    """
    checker = _checker(zones, at, bank_tolerance_m)
    return checker.check(lon, lat, uncertainty_m=uncertainty_m, dates=dates, distances=distances,
                         time_precision=time_precision)


def check_location(location: Location, *, zones: Sequence[Zone] | None = None,
                   at: dt.date | None = None,
                   bank_tolerance_m: float = BANK_TOLERANCE_M) -> dict:
    """Check one `Location` (a point, an MGRS cell, an area) and describe every zone.

    An area location (an MGRS cell, a governorate) is ``in`` a zone only if all of it is,
    ``out`` if none of it is, else ``ambiguous``; distances are from its centre.

    Examples
    --------
    >>> from geo_deconflict.geo.coords import parse_point
    >>> res = check_location(parse_point("33°30'21\\"N 38°37'04\\"E"))
    >>> [(z["id"], z["status"]) for z in res["zones"]][:2]
    [('tanf_55km', 'in'), ('euphrates_west', 'in')]
    """
    return _checker(zones, at, bank_tolerance_m).check_location(location)


def check_frame(frame: pd.DataFrame, *, lon: str, lat: str, zones: Sequence[Zone] | None = None,
                at: dt.date | None = None, date_column: str | None = None,
                uncertainty_column: str | None = None, precision_column: str | None = None,
                bank_tolerance_m: float = BANK_TOLERANCE_M, distances: bool = True,
                checker: ZoneChecker | None = None,
                distance_max_m: float | None = None,
                time_precision_column: str | None = None) -> pd.DataFrame:
    """`frame` with the check columns added (every input column is kept, in order).

    The uncertainty of each row is the larger of `uncertainty_column` (metres) and the radius
    of its ACLED `precision_column` code (`ACLED_PRECISION_M`). The date in `date_column` is
    widened by ACLED's `time_precision_column` code, if given (see `check_points`). Existing
    columns with the names of the added ones are replaced.

    Examples
    --------
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"event": ["a", "b"], "latitude": [33.5, 35.95],
    ...                      "longitude": [38.6, 39.01], "geo_precision": [1, 1]})
    >>> check_frame(rows, lon="longitude", lat="latitude",
    ...             precision_column="geo_precision")[["event", "zones", "bank"]]
      event                     zones   bank
    0     a  tanf_55km;euphrates_west  right
    1     b            euphrates_east   left
    """
    import pandas as pd

    checker = checker or _checker(zones, at, bank_tolerance_m)
    x = pd.to_numeric(frame[lon], errors="coerce").to_numpy(dtype=float)
    y = pd.to_numeric(frame[lat], errors="coerce").to_numpy(dtype=float)
    unc = np.zeros(len(frame))
    if uncertainty_column is not None:
        unc = np.fmax(unc, pd.to_numeric(frame[uncertainty_column], errors="coerce")
                      .to_numpy(dtype=float))
    if precision_column is not None:
        unc = np.fmax(unc, precision_radius(frame[precision_column]))
    dates = frame[date_column] if date_column is not None else None
    widen = frame[time_precision_column] if time_precision_column is not None else None
    added = checker.check(x, y, uncertainty_m=unc, dates=dates, distances=distances,
                          distance_max_m=distance_max_m, time_precision=widen)
    added.index = frame.index
    keep = frame.drop(columns=[c for c in added.columns if c in frame.columns])
    return pd.concat([keep, added], axis=1)


def resolve_place(name: str) -> Location:
    """A `Location` for a place name (Arabic or English): a point for a site or a town, the
    extent for an area (governorate, country, river), which makes its checks uncertain.

    Examples
    --------
    >>> loc = resolve_place("دير الزور")
    >>> loc.label, round(loc.lat, 3), loc.area is None
    ('Deir ez-Zor (gn:170794)', 35.336, True)
    >>> resolve_place("محافظة دير الزور").uncertainty_m > 100_000      # the governorate
    True
    """
    return _resolve_place(name)


def _resolve_place(name: str) -> Location:
    from geo_deconflict.gazetteer.api import resolve

    place = resolve(name, fuzzy=False, prefer_town=True)
    geom = place.geometry()
    label = f"{place.name_en} ({place.id})"
    if isinstance(geom, Point):
        if place.radius_m:  # a curated region known only as a point and a radius
            return Location(lon=geom.x, lat=geom.y, uncertainty_m=float(place.radius_m),
                            label=label)
        return Location(lon=geom.x, lat=geom.y, label=label)
    centre = geom.representative_point()
    coords = shapely.get_coordinates(geom)
    _, _, d = GEOD.inv(np.full(len(coords), centre.x), np.full(len(coords), centre.y),
                       coords[:, 0], coords[:, 1])
    return Location(lon=centre.x, lat=centre.y, uncertainty_m=float(np.max(d)), area=geom,
                    label=label)


DOUBT_SCORE = 0.5     # a best reading below this score ...
DOUBT_RATIO = 0.6     # ... with a rival scoring at least this share of it ...
DOUBT_KM = 50.0       # ... farther than this away is doubtful


def place_doubt(name: str) -> str | None:
    """Why the resolution of a place name is doubtful, or None when it is not.

    Doubtful as the geoparser's ``Mention.doubtful`` is: the best reading scores under 0.5
    and a rival reading more than 50 km away, matched as closely, scores at least 0.6 of it
    (a namesake nearly as likely). An area that holds the place (the governorate of a town) is no rival.

    Examples
    --------
    >>> place_doubt("Manbij") is None
    True
    >>> print(place_doubt("Al Busayrah"))     # Deir ez-Zor's, or a village in Jordan
    'Al Busayrah' may be another place: Buşayrā (JO, 666 km away) scores 0.31 against 0.49
    """
    from geo_deconflict.gazetteer.api import lookup

    found = lookup(name, limit=5, fuzzy=False)
    if not found:
        return None
    chosen = _resolve_place(name).label
    best = next((c for c in found if f"({c.place.id})" in (chosen or "")), found[0])
    if best.score >= DOUBT_SCORE:
        return None
    here = best.place.geometry()
    for other in found:
        if other.place.id == best.place.id or other.score < best.score * DOUBT_RATIO \
                or other.match not in (best.match, "exact"):   # a looser match is no rival
            continue
        there = other.place.geometry()
        if there.covers(here) or here.covers(there):
            continue
        km = GEOD.inv(best.place.lon, best.place.lat, other.place.lon, other.place.lat)[2] / 1000
        if km > DOUBT_KM:
            where = ", ".join(x for x in (other.place.country, f"{km:,.0f} km away") if x)
            return (f"{name!r} may be another place: {other.place.name_en} ({where}) scores "
                    f"{other.score:.2f} against {best.score:.2f}")
    return None


def precision_radius(codes: ArrayLike) -> np.ndarray:
    """Uncertainty radius in metres for ACLED ``geo_precision`` codes (unknown codes: 0).

    Examples
    --------
    >>> precision_radius([1, 2, 3, None]).tolist()
    [0.0, 25000.0, 100000.0, 0.0]
    """
    import pandas as pd

    values = pd.to_numeric(pd.Series(np.asarray(codes, dtype=object)), errors="coerce")
    return values.map(ACLED_PRECISION_M).fillna(0.0).to_numpy(dtype=float)


def region_warning(lon: ArrayLike, lat: ArrayLike) -> str | None:
    """A warning if points lie outside the region, saying so if lat and lon look swapped.

    Examples
    --------
    >>> region_warning([38.7], [33.6]) is None
    True
    >>> region_warning([33.6], [38.7])
    '1 of 1 points lie outside the region (lon 34-43.5, lat 31-38.5); 1 would be inside with latitude and longitude swapped: check the column order'
    """
    x = np.atleast_1d(np.asarray(lon, dtype=float))
    outside, swapped = region_counts(lon, lat)
    return region_message(outside, swapped, x.size) if outside else None


def region_counts(lon: ArrayLike, lat: ArrayLike) -> tuple[int, int]:
    """(points outside `REGION`, of which inside it with lat and lon swapped)."""
    x = np.atleast_1d(np.asarray(lon, dtype=float))
    y = np.atleast_1d(np.asarray(lat, dtype=float))
    w, s, e, n = REGION
    outside = ~((x >= w) & (x <= e) & (y >= s) & (y <= n))
    swapped = outside & (y >= w) & (y <= e) & (x >= s) & (x <= n)
    return int(outside.sum()), int(swapped.sum())


def region_message(outside: int, swapped: int, total: int) -> str:
    """The warning text of `region_warning` for counts."""
    w, s, e, n = REGION
    msg = f"{outside:,} of {total:,} points lie outside the region (lon {w:g}-{e:g}, lat {s:g}-{n:g})"
    if swapped:
        return (f"{msg}; {swapped:,} would be inside with latitude and longitude swapped: "
                "check the column order")
    return f"{msg}; are latitude and longitude the right way round?"


# ----------------------------------------------------------------------------------- checker


# ------------------------------------------------------------------------------------ tests


# ---------------------------------------------------------------------------------- helpers


def _checker(zones, at, bank_tolerance_m) -> ZoneChecker:
    if zones is None:  # the bundled zones: prepare them once per process
        return _default_checker(at, float(bank_tolerance_m))
    return ZoneChecker(zones, at=at, bank_tolerance_m=bank_tolerance_m)


@lru_cache(maxsize=8)
def _default_checker(at, bank_tolerance_m) -> ZoneChecker:
    return ZoneChecker(None, at=at, bank_tolerance_m=bank_tolerance_m)


