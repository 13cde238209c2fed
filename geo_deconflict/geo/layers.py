"""The project's shipped geodata layers, found by name, and name resolution over them.

Layers live in ``layers/`` (a checkout) or ``geo_deconflict/layers/`` (an installed wheel).
They are derived from public data by ``layers/build_layers.py``; see ``layers/README.md``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import shapely.geometry
from shapely.geometry.base import BaseGeometry

from geo_deconflict.errors import UnknownPlaceError
from geo_deconflict.geo.names import name_key
from geo_deconflict.geo.paths import data_dir

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["LayerFeature", "available", "feature_geometry", "find_feature", "get_path",
           "layers_dir", "load_layer", "river_line"]

_FILES = {
    "countries": "countries.geojson",
    "governorates": "governorates.geojson",
    "rivers": "rivers.geojson",
    "sites": "sites.geojson",
    "towns": "towns.geojson",
    "villages": "villages.csv",   # compact: a point per line (lon, lat columns)
    "zones": "zones.yaml",
}
available = tuple(_FILES)

# Which layers a bare name is looked up in, most specific first.
_SEARCH_ORDER = ("sites", "towns", "governorates", "countries", "rivers")


def layers_dir() -> Path:
    """The folder holding the shipped layers (inside the wheel, or the checkout's ``layers/``)."""
    return data_dir("layers", _FILES["countries"])


def get_path(name: str) -> Path:
    """Path of a shipped layer.

    Examples
    --------
    >>> get_path("rivers").name
    'rivers.geojson'
    """
    if name not in _FILES:
        msg = f"no layer {name!r}; available: {', '.join(available)}"
        raise ValueError(msg)
    return layers_dir() / _FILES[name]


@cache
def _load(name: str) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import pandas as pd

    path = get_path(name)
    if path.suffix == ".csv":
        frame = pd.read_csv(path, dtype={"id": str, "name_en": str, "name_ar": str, "kind": str},
                            keep_default_na=False, na_values={"population": [""]})
        frame["population"] = frame["population"].fillna(0).astype("int64")
        frame["current"] = frame["current"].astype(bool)
        frame["name_ar"] = frame["name_ar"].replace("", None)
        points = gpd.points_from_xy(frame.pop("lon"), frame.pop("lat"))
        return gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326")
    return gpd.read_file(path)


def load_layer(name: str) -> gpd.GeoDataFrame:
    """A shipped vector layer as a GeoDataFrame in EPSG:4326 (a copy: change it freely).

    Examples
    --------
    >>> len(load_layer("governorates"))
    14
    """
    if name == "zones" or name not in _FILES:
        msg = f"no vector layer {name!r}; available: {', '.join(n for n in available if n != 'zones')}"
        raise ValueError(msg)
    return _load(name).copy()


@cache
def _records(name: str) -> list[dict]:
    """A layer's features as dicts of their properties and ``geometry``, in file order. The
    shipped GeoJSON is read with json and shapely, so that a command needing a few shapes (a
    governorate or the river for `extract` or `geoparse`) never imports geopandas (0.8 s)."""
    path = get_path(name)
    if path.suffix == ".geojson":
        doc = json.loads(path.read_text(encoding="utf-8"))
        return [{**f["properties"], "geometry": shapely.geometry.shape(f["geometry"])
                 if f["geometry"] else None} for f in doc["features"]]
    frame = _load(name)
    rows = frame.drop(columns=frame.geometry.name).to_dict("records")
    return [{**row, "geometry": geom} for row, geom in zip(rows, frame.geometry.values)]


@cache
def _geometries(name: str) -> dict[str, object]:
    return {str(rec["id"]): rec["geometry"] for rec in _records(name)}


def feature_geometry(name: str, feature_id: str):
    """The geometry of one feature of a shipped layer by its id, or None (no frame copied).

    Examples
    --------
    >>> feature_geometry("governorates", "SY-DY").geom_type
    'Polygon'
    """
    if name == "zones" or name not in _FILES:
        msg = f"no vector layer {name!r}; available: {', '.join(n for n in available if n != 'zones')}"
        raise ValueError(msg)
    return _geometries(name).get(str(feature_id))


@dataclass(frozen=True, slots=True)
class LayerFeature:
    """One feature of a shipped layer, found by name."""

    layer: str
    id: str
    name_en: str
    name_ar: str | None
    geometry: BaseGeometry


@cache
def _index(layer: str) -> dict[str, list[int]]:
    """Name key -> row positions, over every name column of a layer."""
    index: dict[str, list[int]] = {}
    for pos, row in enumerate(_records(layer)):
        names = [str(row["id"]), row["name_en"]]
        for col in ("name_ar", "name_ar_full", "iso3", "iso_3166_2", "name_long"):
            value = row.get(col)
            if isinstance(value, str) and value:
                names.append(value)
        for col in ("names_alt", "names_ar"):
            value = row.get(col)
            if isinstance(value, str) and value:
                names.extend(value.split("|"))
        if layer == "sites":  # "Al-Tanf garrison (U.S. military base)" is also "Al-Tanf garrison"
            names.append(row["name_en"].split("(")[0])
            names.extend(part.strip() for part in str(row["name_ar"]).replace(")", "").split("("))
        for name in names:
            key = name_key(name)
            if key and pos not in index.setdefault(key, []):
                index[key].append(pos)
    return index


def find_feature(name: str, *, layers: tuple[str, ...] = _SEARCH_ORDER) -> LayerFeature:
    """Find a feature of the shipped layers by id, English, Arabic or alternate name.

    Layers are searched in the order given (sites, towns, governorates, countries, rivers by
    default); within a layer the most populous town wins. Matching uses `names.name_key`.

    Examples
    --------
    >>> find_feature("منبج").name_en
    'Manbij'
    >>> find_feature("al_tanf_garrison").geometry.y
    33.50583
    """
    key = name_key(name)
    for layer in layers:
        positions = _index(layer).get(key) if key else None
        if not positions:
            continue
        records = _records(layer)
        if len(positions) > 1 and "population" in records[positions[0]]:
            positions = sorted(positions, key=lambda p: -int(records[p]["population"]))
        row = records[positions[0]]
        name_ar = row.get("name_ar")
        return LayerFeature(layer=layer, id=str(row["id"]), name_en=str(row["name_en"]),
                            name_ar=name_ar if isinstance(name_ar, str) else None,
                            geometry=row["geometry"])
    msg = f"unknown place {name!r} (searched layers: {', '.join(layers)})"
    raise UnknownPlaceError(msg)


def river_line(name: str = "euphrates"):
    """A river of the shipped layer as one LineString oriented downstream.

    Examples
    --------
    >>> line = river_line("الفرات")
    >>> line.coords[0][1] > line.coords[-1][1]   # flows from Turkey (north) to Iraq (south-east)
    True
    """
    return find_feature(name, layers=("rivers",)).geometry
