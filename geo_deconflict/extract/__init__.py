"""Draft incident records from news reports: event triggers, actors, places, dates, casualties.

`extract` drafts the records of one report; `dates` reads date expressions against the
publication date; `evaluate` scores drafts against annotated incidents.
"""

from geo_deconflict.extract.core import extract
from geo_deconflict.extract.drafts import Draft, drafts_json

__all__ = ["Draft", "drafts_json", "extract"]
