"""Whether points lie in the zones, on which bank of the Euphrates, and how far from each line.

`check_points` answers for arrays of coordinates, `check_location` for one parsed location,
`check_frame` for a table; `files.check_file` streams a whole file to an output, and
`dask_engine.check_dask` does the same on a dask cluster (the ``[dask]`` extra).
"""

from geo_deconflict.check.checker import BANK_TOLERANCE_M, ZoneChecker
from geo_deconflict.check.core import (
           ACLED_PRECISION_M,
           AMBIGUOUS,
           INACTIVE,
           STATUS_IN,
           STATUS_OUT,
           check_frame,
           check_location,
           check_points,
           precision_radius,
           resolve_place,
)
from geo_deconflict.check.files import check_file

__all__ = ["ACLED_PRECISION_M", "AMBIGUOUS", "BANK_TOLERANCE_M", "INACTIVE", "STATUS_IN",
           "STATUS_OUT", "ZoneChecker", "check_file", "check_frame", "check_location",
           "check_points", "precision_radius", "resolve_place"]
