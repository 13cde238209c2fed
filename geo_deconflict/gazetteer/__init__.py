"""The offline gazetteer: places by Arabic, English or transliterated name, and by coordinates.

`lookup` ranks candidates for a name, `resolve` returns the best one, `reverse` names the
places near a point. The bundled index is built by ``layers/build_gazetteer.py``; a full
GeoNames dump can be imported into a local SQLite index (`geonames_db.import_geonames`).
"""

from geo_deconflict.gazetteer.api import load_gazetteer, lookup, resolve, reverse
from geo_deconflict.gazetteer.index import Gazetteer
from geo_deconflict.gazetteer.places import KINDS, Candidate, Nearby, Place

__all__ = ["KINDS", "Candidate", "Gazetteer", "Nearby", "Place", "load_gazetteer", "lookup",
           "resolve", "reverse"]
