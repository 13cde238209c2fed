"""Incident records: the model, readers and writers (ACLED, UCDP GED, GeoJSON, GPKG, JSONL), actors."""

from geo_deconflict.incidents._values import parse_date
from geo_deconflict.incidents.model import DATE_PRECISIONS, KINDS, Evidence, Incident, Provenance
from geo_deconflict.incidents.read import (
           LoadResult,
           Skipped,
           load_incidents,
           read_incidents,
           seed_incidents,
           seeds_dir,
)
from geo_deconflict.incidents.write import incidents_frame, write_incidents

__all__ = ["DATE_PRECISIONS", "KINDS", "Evidence", "Incident", "LoadResult", "Provenance",
           "Skipped", "incidents_frame", "load_incidents", "parse_date", "read_incidents",
           "seed_incidents", "seeds_dir", "write_incidents"]
