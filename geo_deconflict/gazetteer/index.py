"""An offline, multilingual gazetteer: Arabic, English and transliterated names.

The bundled index (``layers/gazetteer.idx``, built by ``layers/build_gazetteer.py``)
holds GeoNames populated places of Syria and its neighbours, the world's larger cities and
capitals, every country, the project's layers (governorates, rivers, key sites) and the
curated table ``layers/curated_places.csv`` (regions, short forms, transliterations). A
GeoNames dump imported with ``geo-deconflict gazetteer import`` is consulted beside it.

Matching goes in tiers, and an earlier tier always beats a later one:

``exact``       the name as written (case, spacing and Arabic letter forms aside);
``normalised``  the same `names.name_key` (diacritics, articles, transliteration variants);
``clitic``      an Arabic proclitic peeled off (و ب ل ف ك, ال, لل), tried only on a miss;
``fuzzy``       a rapidfuzz ratio over keys, with a consonant-skeleton search for Latin.

Within a tier candidates are ranked by a prior: feature class (countries, then
governorates, then rivers, regions and sites, then towns by population), capital status
and a regional bonus (Syria first, then its neighbours). ``score`` is the tier's
confidence times the candidate's share of the tier's prior weight, so a name shared by a
metropolis and a hamlet gives the metropolis a score close to the tier's.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, KeysView, Mapping
from pathlib import Path
from types import MappingProxyType

from geo_deconflict.errors import UnknownPlaceError
from geo_deconflict.gazetteer import geonames_db as _geonames_db
from geo_deconflict.gazetteer._ranking import _ALL, _check_lonlat, _country_code, _Filter, _rank
from geo_deconflict.gazetteer._store import Index
from geo_deconflict.gazetteer._translit import sound_groups, translit_groups
from geo_deconflict.gazetteer.geonames_db import PLACE_SQL as _DB_PLACE
from geo_deconflict.gazetteer.geonames_db import place_from_row as _db_place
from geo_deconflict.gazetteer.places import Candidate, Nearby, Place, _prior
from geo_deconflict.geo.names import (
    arabic_peels,
    arabic_sound_key,
    exact_form,
    is_arabic,
    latin_key,
    latin_skeleton,
    match_keys,
    name_key,
    toggle_arabic_article,
    translit_of_key,
)

__all__ = ["KEY_VERSION", "Gazetteer"]

KEY_VERSION = 3  # bump when names.py changes the keys (or skeletons): rebuild the index

# exact and normalised spellings are ranked together (the prior decides, an exact spelling
# adds _EXACT_BONUS); each later tier is tried only when the earlier ones miss
_TIER_RANK = {"exact": 0, "normalised": 0, "variant": 2, "clitic": 3, "fuzzy": 4}
_MEMO_SIZE = 200_000   # lookups remembered (names repeat: a corpus names few places often)
_SYRIA = {"SY"}
_COMPASS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")
_PLACE_COLUMNS = ("id", "name", "name_ar", "lon", "lat", "fclass", "fcode", "country", "population",
                  "geonameid", "names", "approximate", "radius_km", "layer", "src", "admin1")


class Gazetteer:
    """The bundled index plus, optionally, an imported GeoNames SQLite index.

    Use `load_gazetteer` to get the shared instance; construct one directly to choose the
    files (tests do). `data` is the bundled index: an opened `_store.Index` (decoded as
    lookups need it) or the dict that `api.read_index` returns."""

    def __init__(self, data: Mapping | Index, *, db: str | os.PathLike | None = None) -> None:
        index = data if isinstance(data, Index) else Index.from_dict(data)
        meta = index.meta
        if meta.get("key_version") != KEY_VERSION:
            msg = (f"the gazetteer index was built with key version {meta.get('key_version')}, "
                   f"this code uses {KEY_VERSION}: run layers/build_gazetteer.py")
            raise ValueError(msg)
        self.meta = meta
        self._index = index
        self._cols = index.cols    # column -> values, decoded on first use
        self._n = index.n
        self._sources = meta.get("sources", [])
        self._keys: Mapping[str, list[int]] = index.keys   # name_key -> positions
        self._places: list[Place | None] = [None] * self._n
        self._exact_index: Mapping[str, list[int]] = index.exact  # exact_form -> positions
        self._priors: list[float | None] = [None] * self._n   # filled as places are ranked
        self._by_id: dict[str, int] | None = None
        self._fuzzy_blocks: dict[str, list[str]] | None = None
        self._skeletons = None   # latin skeleton -> Latin keys
        self._translit: dict[str, list[str]] | None = None
        self._sounds: dict[str, list[str]] | None = None   # `arabic_sound_key` -> keys
        self._memo: dict[tuple, tuple[Candidate, ...]] = {}   # answers of `lookup`
        self._points = None
        self.db_path = Path(db) if db is not None else None
        self._db, self._db_pid = (_geonames_db.connect(self.db_path) if self.db_path else None,
                                  os.getpid())

    @property
    def _con(self):
        """This process's index connection (a forked worker opens its own, as SQLite needs)."""
        if self._db is not None and self._db_pid != os.getpid():
            self._db, self._db_pid = _geonames_db.connect(self.db_path), os.getpid()
        return self._db

    # -- public -------------------------------------------------------------------------
    @property
    def key_index(self) -> Mapping[str, list[int]]:
        """Read-only map of every name key to the positions of its places, best first
        (`place_at` gives the places); decoded whole on first use."""
        return MappingProxyType(self._keys.as_dict())

    @property
    def name_keys(self) -> KeysView[str]:
        """Every name key, as a set-like view (``name_key(span) in gaz.name_keys``, as a
        geoparser tests n-grams): made in half the time of `key_index`."""
        return self._keys.key_set()

    def __len__(self) -> int:
        return self._n

    def place_at(self, pos: int) -> Place:
        """The bundled place at position `pos` of the index."""
        place = self._places[pos]
        if place is None:
            place = self._places[pos] = self._make_place(pos)
        return place

    def get(self, place_id: str) -> Place:
        """A place by its id (``gn:170794``, ``gov:SY-DY``, ``site:al_tanf_garrison`` ...)."""
        if self._by_id is None:
            self._by_id = {pid: i for i, pid in enumerate(self._cols["id"])}
        if place_id in self._by_id:
            return self.place_at(self._by_id[place_id])
        if place_id.startswith("gn:") and self._con is not None:
            row = self._con.execute(_DB_PLACE + " WHERE p.geonameid = ?",
                                    (int(place_id[3:]),)).fetchone()
            if row:
                return _db_place(row, self._con)
        raise UnknownPlaceError(f"no place with id {place_id!r}")

    def known(self, text: str) -> tuple[str, str] | None:
        """``(key, peeled)`` if `text` is a known name as it stands or after peeling Arabic
        proclitics, else None. No fuzzy matching: cheap enough to call on every span.

        Examples
        --------
        >>> from geo_deconflict.gazetteer import load_gazetteer
        >>> gaz = load_gazetteer()
        >>> gaz.known("وبالرقة")
        ('الرقه', 'و+ب')
        >>> gaz.known("قالت") is None
        True
        """
        for key, peeled in match_keys(text):
            if key in self._keys or self._db_has(key):
                return key, peeled
        return None

    def lookup(self, name: str, *, limit: int = 5, country: str | Iterable[str] | None = None,
               kinds: Iterable[str] | None = None, fuzzy: bool = True,
               admin1: str | None = None,
               near: tuple[float, float] | None = None) -> list[Candidate]:
        """Ranked candidates for `name` (Arabic, English or a transliteration).

        Parameters
        ----------
        name : str
            The name as written; clitics and articles are handled.
        limit : int
            At most this many candidates.
        country : str or iterable of str, optional
            Countries to keep: ISO 3166-1 codes (``"SY"``, ``"SYR"``) or names
            (``"Syria"``), as in ACLED's and UCDP's ``country`` column. A hard filter.
        kinds : iterable of str, optional
            Feature classes to keep: GeoNames letters (``"P"``, ``"A"`` ...) or words from
            `KINDS` (``"city"``, ``"country"``, ``"governorate"``, ``"river"``, ``"region"``,
            ``"site"`` ...).
        fuzzy : bool
            Fall back to fuzzy matching when nothing matches by key.
        admin1 : str, optional
            A Syrian governorate (a name in either script, any common spelling, or its
            ISO 3166-2 code ``"SY-DY"``), as in ACLED's ``admin1`` column: only places in it
            are kept, at every tier. If no place of that name lies in it, the filter is
            dropped (the record's admin1 may be wrong) and the answer is as without it.
        near : (lon, lat), optional
            Where the text is about: candidates near it are preferred (a document prior).

        Returns
        -------
        list of Candidate
            Best first; empty if nothing matches.

        Notes
        -----
        Tiers: ``exact`` and ``normalised`` are ranked together (an exact spelling adds a
        small bonus, so a Syrian village spelled differently still beats a foreign town of
        the same size spelled alike), then ``variant`` (transliteration and Arabic article
        variants), ``clitic`` and ``fuzzy``. A name shared by a governorate and a town in it
        means the town; the governorate needs a head («محافظة», "province") or ``kinds``.

        Examples
        --------
        >>> from geo_deconflict.gazetteer import load_gazetteer
        >>> gaz = load_gazetteer()
        >>> [c.place.name_en for c in gaz.lookup("Deir al-Zour", kinds=["city"], limit=1)]
        ['Deir ez-Zor']
        >>> top = gaz.lookup("موسكو")[0]
        >>> top.place.country, top.match
        ('RU', 'exact')
        >>> gaz.lookup("Dayr az Zawr")[0].place.id
        'gn:170794'
        """
        if limit == 5 and fuzzy and country is None and kinds is None and admin1 is None \
                and near is None:
            memo = name   # the common call: the name alone is the key
        else:
            memo = (name, limit, fuzzy, admin1, near,
                    country if country is None or isinstance(country, str) else tuple(country),
                    kinds if kinds is None or isinstance(kinds, str) else tuple(kinds))
        try:
            hit = self._memo.get(memo)
        except TypeError:   # unhashable arguments: validated below
            hit = memo = None
        if hit is not None:
            return list(hit)
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"a place name must be a non-empty string, not {name!r}")
        if not isinstance(limit, int) or limit < 1:
            raise ValueError(f"limit must be a positive integer, not {limit!r}")
        found = self._lookup(name, limit, country, kinds, fuzzy, admin1, near)
        if memo is not None:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            self._memo[memo] = tuple(found)
        return found

    def _lookup(self, name, limit, country, kinds, fuzzy, admin1, near) -> list[Candidate]:
        filt = _ALL if country is None and kinds is None else _Filter(country, kinds)
        gov = self.admin1_code(admin1) if admin1 is not None else None
        if near is not None:
            near = _check_lonlat(*near)
        key = name_key(name)
        if not key:
            return []
        found = self._tiers(name, key, filt, fuzzy, gov)
        if not found and gov is not None:
            found = self._tiers(name, key, filt, fuzzy, None)
        return _rank(found, limit, self, near=near)

    def _tiers(self, name: str, key: str, filt: _Filter, fuzzy: bool,
               gov: str | None) -> list[tuple]:
        """The rows of the first tier that matches (and lies in `gov`, if given)."""
        def keep(rows: list[tuple]) -> list[tuple]:
            return rows if gov is None else [r for r in rows if self._in_admin1(r[2], gov)]

        found = keep(self._by_key(name, key, filt, tier="normalised"))
        if not found or is_arabic(name) and not any(self._country_of(r[2]) in _SYRIA
                                                    for r in found):
            # Syria first: when no Syrian place matches as written, a Syrian variant
            # («جنينة» for «الجنينة») competes with the foreign ones on the prior (Latin
            # transliteration variants are tried only when nothing matches)
            for variant in self._variants(name, key):
                rows = keep(self._by_key(name, variant, filt, tier="variant"))
                if found:
                    rows = [(0, *r[1:]) for r in rows if self._country_of(r[2]) in _SYRIA]
                found = found + rows
                if rows:
                    break
        if not found and is_arabic(name):  # peel proclitics only when the full form misses
            for peeled_key, peeled in arabic_peels(name):
                found = keep(self._by_key(name, peeled_key, filt, tier="clitic",
                                          peeled=peeled))
                if found:
                    break
        if not found and fuzzy:
            found = keep(self._fuzzy(key, filt, cutoff=None))
        return found

    def _variants(self, name: str, key: str) -> list[str]:
        """Other keys of the same name: the Arabic article added or dropped (الشحيل / شحيل),
        the same `names.arabic_sound_key` (كنصفرة / كنسفرة), or the same
        `names.translit_key` (Shajla / Ash Shajilah, Sousa / As Susah)."""
        if is_arabic(name):
            if key.startswith("ال") and key.endswith(("يه", "ي")):
                return []   # السورية (Syrian) is an adjective, not سورية (Syria)
            other = toggle_arabic_article(key)
            if self._sounds is None:
                self._sounds = sound_groups(self._keys)
            return ([other] if other and other in self._keys else []) + [
                k for k in self._sounds.get(arabic_sound_key(key), ()) if k not in (key, other)
            ][:4]
        if self._translit is None:   # stored in the index, or worked out
            self._translit = self._index.key_groups("translits") or translit_groups(self._keys)
        return [k for k in self._translit.get(translit_of_key(key), ()) if k != key][:8]

    @staticmethod
    def country_code(country: str) -> str | None:
        """ISO alpha-2 code of a country given by code (``"SY"``, ``"SYR"``) or name
        (``"Syria"``, as ACLED writes it); None if there is none."""
        return _country_code(country)

    def _country_of(self, row) -> str:
        return row.country if isinstance(row, Place) else (self._cols["country"][row] or "SY"
                                                           if self._cols["admin1"][row] else
                                                           self._cols["country"][row])

    def admin1_code(self, admin1: str) -> str:
        """ISO 3166-2 code (``"SY-DY"``) of a Syrian governorate given by name (either script,
        any common spelling) or code; `ValueError` naming the value if there is none."""
        text = str(admin1).strip()
        if text.upper().startswith("SY-") and f"gov:{text.upper()}" in self._id_map():
            return text.upper()
        found = self.lookup(text, kinds=["governorate"], limit=1, country="SY") if text else []
        if not found or found[0].match == "fuzzy" and found[0].score < 0.5:
            msg = f"unknown Syrian governorate {admin1!r} (admin1)"
            raise ValueError(msg)
        return found[0].place.id.removeprefix("gov:")

    def _in_admin1(self, row, gov: str) -> bool:
        if isinstance(row, Place):
            return row.admin1 == gov or row.id == f"gov:{gov}"
        c = self._cols
        return c["admin1"][row] == gov or c["id"][row] == f"gov:{gov}"

    def _id_map(self) -> dict[str, int]:
        if self._by_id is None:
            self._by_id = {pid: i for i, pid in enumerate(self._cols["id"])}
        return self._by_id

    def suggest(self, name: str, *, limit: int = 5) -> list[Candidate]:
        """Close names for an unknown `name` (a looser fuzzy search)."""
        keys = match_keys(name)
        if not keys:
            return []
        return _rank(self._fuzzy(keys[0][0], _Filter(None, None), cutoff=60), limit, self)

    def resolve(self, name: str, *, prefer_town: bool = False, **kwargs) -> Place:
        """The best place for `name`, or `UnknownPlaceError` listing the closest names.

        A bare name shared by a governorate and its capital (دير الزور) already means the
        town; with `prefer_town` any other area (a region, a country) of the same match tier
        also yields to a same-named town or site. ``محافظة دير الزور`` still names the
        governorate. Other keywords go to `lookup`: ``country`` and ``admin1`` (an ACLED or
        UCDP record's columns) are hard filters, ``near`` a document prior.
        """
        found = self.lookup(name, limit=5 if prefer_town else 1, **kwargs)
        if found:
            best = found[0]
            if prefer_town and best.place.feature_class == "A":
                best = next((c for c in found if c.match == best.match
                             and c.place.feature_class in ("P", "S")), best)
            return best.place
        close = self.suggest(name)
        hint = ", ".join(dict.fromkeys(c.place.name_en for c in close))
        msg = f"unknown place {name!r}" + (f"; did you mean: {hint}?" if hint else "")
        err = UnknownPlaceError(msg)
        err.suggestions = close
        raise err

    def reverse(self, lon: float, lat: float, *, min_population: int = 0,
                kinds: Iterable[str] = ("P",)) -> Nearby:
        """The nearest named place to (lon, lat), with distance and bearing from it.

        By default only populated places are considered, villages included; pass
        ``min_population=500`` for the nearest town (descriptions such as "12 km NE of Deir
        ez-Zor") and ``kinds=("P", "S", "T")`` to include sites and hills.

        Examples
        --------
        >>> from geo_deconflict.gazetteer import load_gazetteer
        >>> near = load_gazetteer().reverse(40.22, 35.40, min_population=500)
        >>> near.place.name_en, near.direction
        ('Deir ez-Zor', 'NE')
        """
        import numpy as np

        from geo_deconflict.geo.geodesy import GEOD

        lon, lat = _check_lonlat(lon, lat)
        classes = _Filter(None, kinds).classes
        ids, lons, lats = self._point_arrays()
        mask = np.array([self._cols["fclass"][i] in classes
                         and (self._cols["population"][i] or 0) >= min_population
                         for i in ids]) if (classes != {"P", "S", "T"} or min_population) \
            else np.ones(len(ids), bool)
        cand: list[Place] = []
        if mask.any():
            coslat = math.cos(math.radians(lat))
            d2 = ((lons - lon) * coslat) ** 2 + (lats - lat) ** 2
            d2[~mask] = np.inf
            for j in np.argsort(d2)[:8]:
                if np.isfinite(d2[j]):
                    cand.append(self.place_at(int(ids[j])))
        cand.extend(self._db_near(lon, lat, classes, min_population))
        if not cand:
            raise UnknownPlaceError(f"no named place found near lon={lon}, lat={lat}")
        best = None
        for place in cand:
            az, _, dist = GEOD.inv(place.lon, place.lat, lon, lat)
            if best is None or dist < best[0]:
                best = (dist, az % 360, place)
        dist, az, place = best
        return Nearby(place=place, distance_m=float(dist), bearing_deg=float(az),
                      direction=_COMPASS[int((az + 22.5) // 45) % 8])

    # -- internals ----------------------------------------------------------------------
    def _make_place(self, i: int) -> Place:
        value = self._index.value   # a column's list once decoded, else the value alone
        row = [value(name, i) for name in _PLACE_COLUMNS]
        (pid, name, name_ar, lon, lat, fclass, fcode, country, population, geonameid, names,
         approximate, radius, layer, src, admin1) = row
        return Place(id=pid, name_en=name, name_ar=name_ar or None, lon=lon, lat=lat,
                     feature_class=fclass, feature_code=fcode or "", country=country or "",
                     population=population or 0, geonameid=geonameid, names=tuple(names),
                     approximate=bool(approximate), radius_m=radius * 1000 if radius else None,
                     layer=layer or None,
                     source=self._sources[src] if src is not None and src < len(self._sources)
                     else "", admin1=admin1 if country in ("SY", "") else "")

    def _all_priors(self) -> list[float]:
        return [self._prior_at(i) for i in range(self._n)]

    def _prior_at(self, i: int) -> float:
        prior = self._priors[i]
        if prior is None:
            c = self._cols
            prior = self._priors[i] = _prior(c["fclass"][i], c["fcode"][i], c["country"][i],
                                             c["population"][i] or 0)
        return prior

    def _by_key(self, name: str, key: str, filt: _Filter, *, tier: str,
                peeled: str = "") -> list[tuple]:
        """(rank, prior, place, tier, matched, peeled) for every place under `key`."""
        out = []
        positions = self._keys.get(key, ())
        form = exact_form(name) if tier == "normalised" else None
        if positions:
            c = self._cols
            if filt is not _ALL:
                positions = [i for i in positions
                             if filt.ok(c["fclass"][i], c["fcode"][i], c["country"][i])]
            priors = self._priors
            prior_at = self._prior_at
            exact = self._exact_index.get(form, ()) if form is not None else ()
            for i in positions:
                prior = priors[i] if priors[i] is not None else prior_at(i)
                if i in exact:
                    out.append((0, prior, i, "exact", name, peeled))
                else:
                    out.append((_TIER_RANK[tier], prior, i, tier, key, peeled))
        if self._con is None:
            return out
        seen = {self._cols["id"][r[2]] for r in out}
        for place, matched in self._db_lookup(key):
            if place.id in seen or not filt.ok(place.feature_class, place.feature_code,
                                               place.country):
                continue
            seen.add(place.id)
            t = "exact" if form is not None and exact_form(matched) == form else tier
            out.append((_TIER_RANK[t], _prior(place.feature_class, place.feature_code,
                                              place.country, place.population, bundled=False),
                        place, t, matched, peeled))
        return out

    def _fuzzy(self, key: str, filt: _Filter, *, cutoff: float | None) -> list[tuple]:
        from rapidfuzz import fuzz, process

        if len(key) < 3:
            return []
        arabic = is_arabic(key)
        if cutoff is None:
            cutoff = 86 if len(key) <= 5 else 80
        pool = self._fuzzy_pool(_block_of(key, arabic), len(key))
        sims = {k: s for k, s, _ in process.extract(key, pool, scorer=fuzz.ratio,
                                                    score_cutoff=cutoff, limit=12)}
        if arabic:
            # the article is not a spelling slip: السورية (the Syrian) is not سورية, and
            # the rest of the word must be close on its own (السوري is not السويد)
            def _rest(k: str) -> str:
                return k.removeprefix("ال")

            has_article = key.startswith("ال")
            sims = {k: s for k, s in sims.items() if k.startswith("ال") == has_article
                    and fuzz.ratio(_rest(key), _rest(k)) >= max(cutoff, 85)}
        if not arabic:
            skel = latin_skeleton(key)
            if len(skel) >= 3:
                for k in self._skeleton_index().get(skel, ()):
                    sim = fuzz.ratio(key, k)
                    if sim >= min(cutoff, 60):
                        sims[k] = max(sims.get(k, 0), sim)
        out = []
        c = self._cols
        seen = set()
        for k, sim in sims.items():
            for i in self._keys[k][:5]:
                if c["id"][i] in seen or not filt.ok(c["fclass"][i], c["fcode"][i],
                                                     c["country"][i]):
                    continue
                seen.add(c["id"][i])
                out.append((_TIER_RANK["fuzzy"], self._prior_at(i), i, "fuzzy", k, "", sim))
        if not arabic and self._con is not None:
            for place, matched in self._db_lookup(latin_skeleton(key), column="skel"):
                sim = fuzz.ratio(key, latin_key(matched))
                if place.id not in seen and sim >= 60 and filt.ok(
                        place.feature_class, place.feature_code, place.country):
                    seen.add(place.id)
                    out.append((_TIER_RANK["fuzzy"], _prior(
                        place.feature_class, place.feature_code, place.country,
                        place.population, bundled=False), place, "fuzzy", matched, "", sim))
        return out

    def _fuzzy_pool(self, block: str, length: int) -> list[str]:
        if self._fuzzy_blocks is None:
            blocks: dict[str, list[str]] = {}
            for k in self._keys:
                blocks.setdefault(_block_of(k, not k.isascii() and is_arabic(k)), []).append(k)
            self._fuzzy_blocks = blocks
        slack = max(2, length // 3)
        return [k for k in self._fuzzy_blocks.get(block, ()) if abs(len(k) - length) <= slack]

    def _skeleton_index(self) -> Mapping[str, list[str]]:
        if self._skeletons is None:   # stored in the file; worked out for an index without
            self._skeletons = self._index.key_groups("skeletons")
        if self._skeletons is None:
            index: dict[str, list[str]] = {}
            for k in self._keys:
                if k.isascii():
                    index.setdefault(latin_skeleton(k), []).append(k)
            self._skeletons = index
        return self._skeletons

    def _point_arrays(self):
        if self._points is None:
            import numpy as np

            c = self._cols
            ids = np.array([i for i in range(self._n) if c["fclass"][i] in ("P", "S", "T")])
            self._points = (ids, np.array([c["lon"][i] for i in ids]),
                            np.array([c["lat"][i] for i in ids]))
        return self._points

    def _db_has(self, key: str) -> bool:
        if self._con is None:
            return False
        return self._con.execute("SELECT 1 FROM names WHERE key = ? LIMIT 1",
                                 (key,)).fetchone() is not None

    def _db_lookup(self, key: str, *, column: str = "key") -> list[tuple[Place, str]]:
        if self._con is None or not key:
            return []
        rows = self._con.execute(_DB_PLACE.replace("FROM places p", "FROM names n JOIN places p "
                                                   "ON p.geonameid = n.geonameid")
                                 .replace("SELECT ", "SELECT n.name, ")
                                 + f" WHERE n.{column} = ? LIMIT 200", (key,)).fetchall()
        out = []
        for row in rows:
            place = self._bundled_or(row[1:])
            out.append((place, row[0]))
        return out

    def _db_near(self, lon: float, lat: float, classes: set[str],
                 min_population: int) -> list[Place]:
        if self._con is None:
            return []
        for half in (0.1, 0.5, 2.0):
            rows = self._con.execute(
                _DB_PLACE + " WHERE p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ? "
                "AND p.population >= ?", (lat - half, lat + half, lon - half, lon + half,
                                          min_population)).fetchall()
            rows = [r for r in rows if r[5] in classes]
            if rows:
                coslat = math.cos(math.radians(lat))
                rows.sort(key=lambda r: ((r[4] - lon) * coslat) ** 2 + (r[3] - lat) ** 2)
                return [self._bundled_or(r) for r in rows[:8]]
        return []

    def _bundled_or(self, row) -> Place:
        pid = f"gn:{row[0]}"
        if self._by_id is None:
            self._by_id = {p: i for i, p in enumerate(self._cols["id"])}
        if pid in self._by_id:
            return self.place_at(self._by_id[pid])
        return _db_place(row, self._con)


# -- helpers --------------------------------------------------------------------------------
def _block_of(key: str, arabic: bool) -> str:
    if arabic and key.startswith("ال") and len(key) > 3:
        key = key[2:]
    return key[:1]

