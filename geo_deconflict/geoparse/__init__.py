"""The geoparser: place mentions in Arabic and English news text, with offsets and geometries.

`geoparse` finds toponyms (``_toponyms``), marks those that stand for a government
(``_metonymy``), reads relative expressions such as «شرق الفرات» or "north of Manbij"
(``_relatives`` with its Arabic and English patterns) and builds their geometries
(``_relgeom`` on the primitives of `relative`). `evaluate` scores it against annotations.
"""

from geo_deconflict.geoparse.core import RELATIONS, Mention, geoparse

__all__ = ["RELATIONS", "Mention", "geoparse"]
