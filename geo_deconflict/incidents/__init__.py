"""Incident records: the model, readers and writers (ACLED, UCDP GED, GeoJSON, GPKG, JSONL), actors."""

from geo_deconflict.incidents.core import (
    DATE_PRECISIONS,
    KINDS,
    Evidence,
    Incident,
    LoadResult,
    Provenance,
    Skipped,
    incidents_frame,
    load_incidents,
    parse_date,
    read_incidents,
    seed_incidents,
    seeds_dir,
    write_incidents,
)

__all__ = ["DATE_PRECISIONS", "KINDS", "Evidence", "Incident", "LoadResult", "Provenance",
           "Skipped", "incidents_frame", "load_incidents", "parse_date", "read_incidents",
           "seed_incidents", "seeds_dir", "write_incidents"]
