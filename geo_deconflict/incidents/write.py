"""Writing incident records: a flat table, and JSONL, GeoJSON, GeoPackage or ACLED-style CSV files."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from geo_deconflict.errors import (
    InputFileError,
)
from geo_deconflict.incidents import tabular as _tabular
from geo_deconflict.incidents.model import _FIELDS_ORDER, Incident

__all__ = ["incidents_frame", "write_incidents"]


def incidents_frame(incidents: Sequence[Incident]):
    """Records as a GeoDataFrame of points (EPSG:4326) with flat columns for any file format.

    Examples
    --------
    >>> from geo_deconflict.incidents import seed_incidents
    >>> frame = incidents_frame(seed_incidents())
    >>> list(frame.columns[:4]), frame.crs.to_epsg()
    (['id', 'event_date', 'date_end', 'date_precision'], 4326)
    """
    import geopandas as gpd
    from shapely.geometry import Point

    rows = []
    for inc in incidents:
        row = inc.to_dict()
        row["actors"] = "; ".join(inc.actors)
        row["actor1"], row["actor2"] = inc.actor1, inc.actor2
        row["source"] = "; ".join(str(s) for s in inc.sources)
        row["sources"] = json.dumps(row["sources"], ensure_ascii=False) if inc.sources else None
        prov = inc.provenance
        row["provenance"] = str(prov) if prov else None
        row["provenance_doc"] = prov.doc if prov else None
        row["provenance_start"] = prov.start if prov else None
        row["provenance_end"] = prov.end if prov else None
        row["geometry"] = Point(inc.longitude, inc.latitude) if inc.located else None
        rows.append(row)
    head = _FIELDS_ORDER[:_FIELDS_ORDER.index("actors")]
    middle = _FIELDS_ORDER[_FIELDS_ORDER.index("actors") + 1:_FIELDS_ORDER.index("sources")]
    columns = [*head, "actor1", "actor2", "actors", *middle,
               "source", "sources", "provenance_doc", "provenance_start", "provenance_end",
               "notes", "geometry"]
    frame = gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs="EPSG:4326")
    for col in ("fatalities", "casualties", "provenance_start", "provenance_end"):
        frame[col] = frame[col].astype("Int64")
    return frame


def write_incidents(incidents: Sequence[Incident], path: str | Path, *,
                    format: str | None = None, overwrite: bool = False) -> Path:
    """Write records atomically; the format comes from `format` or the extension.

    Formats: ``jsonl`` (the project's own), ``acled`` (current 31 columns, ``.csv``),
    ``acled-2022`` (pre-2023 layout), ``ucdp`` (UCDP GED columns), ``geojson``, ``gpkg``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from geo_deconflict.incidents import seed_incidents
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "seeds.csv"
    >>> _ = write_incidents(seed_incidents(), out)
    >>> out.read_text(encoding="utf-8").split(",")[:3]
    ['event_id_cnty', 'event_date', 'year']
    """
    from geo_deconflict.geo.io import write_text, write_vector

    path = Path(path)
    fmt = format or {".jsonl": "jsonl", ".csv": "acled", ".geojson": "geojson",
                     ".json": "geojson", ".gpkg": "gpkg"}.get(path.suffix.lower())
    if fmt == "jsonl":
        text = "".join(json.dumps(i.to_dict(), ensure_ascii=False) + "\n" for i in incidents)
        return write_text(path, text, overwrite=overwrite)
    if fmt in ("acled", "acled-2022", "ucdp"):

        return write_text(path, _tabular.to_csv(incidents, fmt), overwrite=overwrite)
    if fmt in ("geojson", "gpkg"):
        frame = incidents_frame([i for i in incidents if i.located])
        return write_vector(frame, path, overwrite=overwrite, layer="incidents")
    msg = (f"unknown incident format {format or path.suffix!r} for {str(path)!r}; use one of "
           "jsonl, acled, acled-2022, ucdp, geojson, gpkg")
    raise InputFileError(msg)
