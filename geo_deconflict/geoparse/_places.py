"""Place helpers shared by the parts of `geoparse`: region, precision, geometry, governorate."""

from __future__ import annotations

from functools import lru_cache

from geo_deconflict.gazetteer.index import Gazetteer
from geo_deconflict.gazetteer.places import Place

_REGION = {"SY", "IQ", "JO", "LB", "TR", "IL", "PS"}
_DIR_OF_M = 50_000.0      # how far "north of <town>" reaches


def _precision(place: Place | None) -> int | None:
    if place is None:
        return None
    if place.feature_class in ("P", "S", "T"):
        return 2 if place.feature_code == "RD" else 1   # a road: its point stands for a stretch
    if place.feature_class == "A" and place.feature_code not in ("ADM1",) and \
            not place.feature_code.startswith("PCL"):
        return 2
    return 3


@lru_cache(maxsize=4096)
def _containing_governorate_cached(lon: float, lat: float) -> str | None:
    import shapely

    tree, ids = _governorates()
    hits = tree.query(shapely.points(lon, lat), predicate="covered_by")
    return f"gov:{ids[int(hits.min())]}" if hits.size else None  # the first in layer order


@lru_cache(maxsize=1)
def _governorates():
    """(STRtree of the prepared governorate polygons, their ids in layer order). The layer is
    read with json and shapely (`layers._records`), not as a GeoDataFrame: importing geopandas
    took half of the first report's time."""
    import numpy as np
    import shapely

    from geo_deconflict.geo.layers import _records

    records = _records("governorates")
    geoms = np.asarray([rec["geometry"] for rec in records], dtype=object)
    shapely.prepare(geoms)
    return shapely.STRtree(geoms), [str(rec["id"]) for rec in records]


def _containing_governorate(gaz: Gazetteer, lon: float, lat: float) -> Place | None:
    pid = _containing_governorate_cached(round(lon, 5), round(lat, 5))
    if pid is None:
        return None
    try:
        return gaz.get(pid)
    except LookupError:
        return None


def _nearest_on(place: Place, focus: tuple[float, float]) -> tuple[float, float]:
    key = (place.id, focus)
    if key not in _NEAREST:
        from shapely.geometry import Point
        from shapely.ops import nearest_points

        if len(_NEAREST) > 50_000:
            _NEAREST.clear()
        geom = _place_geometry(place.id, place)
        if geom is None or geom.geom_type == "Point":
            _NEAREST[key] = place.lon, place.lat
        else:
            near = nearest_points(geom, Point(*focus))[0]
            _NEAREST[key] = near.x, near.y
    return _NEAREST[key]


_NEAREST: dict[tuple, tuple[float, float]] = {}   # (place id, focus) -> point on the place


_GEOM_CACHE: dict[str, object] = {}


def _place_geometry(pid: str, place: Place):
    if pid not in _GEOM_CACHE:
        from geo_deconflict.geo.geodesy import geodesic_circle

        geom = place.geometry()
        if geom.geom_type == "Point" and place.radius_m:
            geom = geodesic_circle(place.lon, place.lat, place.radius_m)
        _GEOM_CACHE[pid] = geom
    return _GEOM_CACHE[pid]
