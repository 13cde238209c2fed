"""Loading the gazetteer and the module-level shortcuts: `load_gazetteer`, `lookup`, `resolve`,
`reverse`."""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from geo_deconflict.gazetteer import geonames_db as _geonames_db
from geo_deconflict.gazetteer._store import Index
from geo_deconflict.gazetteer.index import Gazetteer
from geo_deconflict.gazetteer.places import Candidate, Nearby, Place
from geo_deconflict.geo.paths import data_dir

__all__ = ["load_gazetteer", "lookup", "read_index", "resolve", "reverse"]


_FILE = "gazetteer.idx"


def _bundled_path() -> Path:
    # same place as layers.layers_dir(), without importing geopandas (cold load < 1 s)
    return data_dir("layers", _FILE) / _FILE


def read_index(path: str | os.PathLike | None = None) -> dict:
    """The bundled index file, wholly decoded: ``{"meta", "places", "keys", "exact"}``.

    `load_gazetteer` does not use it: it opens the file and decodes what lookups ask for
    (see `geo_deconflict.gazetteer._store` for the format).
    """
    return Index.open(Path(path) if path is not None else _bundled_path()).to_dict()


@lru_cache(maxsize=4)
def _load(path: str | None, db: str | None) -> Gazetteer:
    return Gazetteer(Index.open(Path(path) if path is not None else _bundled_path()), db=db)


@lru_cache(maxsize=8)
def _default_db(*environment: str | None) -> Path:
    """The default GeoNames index path for these environment values (worked out once)."""
    return _geonames_db.data_home() / _geonames_db.DB_NAME


def load_gazetteer(*, path: str | os.PathLike | None = None,
                   db: str | os.PathLike | None | bool = None) -> Gazetteer:
    """The gazetteer: the bundled index plus the imported GeoNames index if there is one.

    Loaded once per (path, db) and shared. `db` defaults to
    ``$GEO_DECONFLICT_HOME/geonames.sqlite`` when that file exists; pass ``False`` to
    ignore it.

    Examples
    --------
    >>> gaz = load_gazetteer()
    >>> len(gaz) > 10_000
    True
    """
    if db is None:
        default = _default_db(os.environ.get("GEO_DECONFLICT_HOME"),
                              os.environ.get("XDG_DATA_HOME"), os.environ.get("HOME"))
        db = default if os.path.isfile(default) else None
    elif db is False:
        db = None
    gaz = _load(str(path) if path is not None else None, str(db) if db else None)
    return gaz


def lookup(name: str, *, limit: int = 5, country: str | Iterable[str] | None = None,
           kinds: Iterable[str] | None = None, fuzzy: bool = True) -> list[Candidate]:
    """Ranked candidates for `name` from the default gazetteer (see `Gazetteer.lookup`).

    Examples
    --------
    >>> [c.place.id for c in lookup("Menbij", limit=1)]
    ['gn:167357']
    >>> lookup("واشنطن")[0].place.name_en
    'Washington, D.C.'
    """
    return load_gazetteer().lookup(name, limit=limit, country=country, kinds=kinds, fuzzy=fuzzy)


def resolve(name: str, **kwargs) -> Place:
    """The best place for `name`, or `UnknownPlaceError` with the closest suggestions.

    Examples
    --------
    >>> resolve("Tadmur").name_en
    'Palmyra'
    >>> resolve("دير الزور").id, resolve("محافظة دير الزور").id
    ('gn:170794', 'gov:SY-DY')
    >>> resolve("Al Shaafa", country="Syria", admin1="Deir ez-Zor").admin1
    'SY-DY'
    """
    return load_gazetteer().resolve(name, **kwargs)


def reverse(lon: float, lat: float, *, min_population: int = 0,
            kinds: Iterable[str] = ("P",)) -> Nearby:
    """The nearest named place to (lon, lat) with distance and bearing (see `Gazetteer.reverse`).

    Examples
    --------
    >>> reverse(40.22, 35.40, min_population=500).description
    '10 km NE of Deir ez-Zor'
    """
    return load_gazetteer().reverse(lon, lat, min_population=min_population, kinds=kinds)
