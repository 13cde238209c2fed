"""Zone specs -> dated, sourced zone geometries.

A spec is YAML (read with ``yaml.safe_load``) or an already-parsed mapping::

    version: 1
    zones:
      - id: tanf_55km
        name_en: al-Tanf 55 km deconfliction zone
        name_ar: منطقة منع الاشتباك حول التنف
        kind: deconfliction_zone
        geometry:
          buffer: {centre: al_tanf_garrison, radius_m: 55000}
        parties: [US-led coalition, Maghawir al-Thawra]
        valid_from: 2017-05
        source: [{outlet: CNN Arabic, date: 2018-01-08}]

``geometry`` holds exactly one recipe (`RECIPES`):

``buffer``        ``centre`` (a place name resolved through the layers, ``[lon, lat]`` or
                  ``{lon:, lat:}``) and ``radius_m`` (or ``radius_km``); built geodesically.
``side_of_line``  ``area`` (a zone id, a country or governorate name, or an inline recipe),
                  ``line`` (a river of the layers or ``[[lon, lat], ...]``) and ``side``
                  (``left`` or ``right`` of the line's direction). The line must cross the area
                  from border to border. The Euphrates runs downstream, so ``left`` is its
                  east/north bank in Syria.
``admin``         one governorate name or a list of them.
``polygon``       ``coordinates: [[lon, lat], ...]`` or ``file: PATH`` (relative to the spec).
``union`` / ``intersection`` / ``difference``
                  a list of zone ids or inline recipes; ``difference`` takes the first minus
                  the others.

Dates may be ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: ``valid_from`` starts on the first day of
the period and ``valid_to`` ends on its last day (inclusive). Either may be omitted (open).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from geo_deconflict.errors import SpecError
from geo_deconflict.zones.model import Zone

__all__ = ["build_zones"]


# ---------------------------------------------------------------------------------- public API


def build_zones(spec: Mapping[str, Any] | str | Path | None = None, *,
                unmapped: bool = False) -> list[Zone]:
    """Build every zone of a spec (a parsed mapping, a YAML path, or None for the bundled one).

    The whole spec is validated before it is returned: an error names the zone id and the
    field, and no partial result is produced. A zone with versions gives one zone per version.
    Zones listed without a geometry (``geometry: none``) are left out unless `unmapped`. The
    bundled zones come from the prebuilt cache beside the spec when it is fresh (`zones.cache`).

    Examples
    --------
    >>> zones = {z.id: z for z in build_zones()}
    >>> round(zones["tanf_55km"].radius_m)
    55000
    >>> zones["euphrates_east"].parties[:2]
    ('United States', 'US-led coalition')
    """
    if spec is None:  # the bundled spec: prebuilt beside it unless it changed since
        from geo_deconflict.zones.cache import cached_zones

        zones = cached_zones()
        if zones is not None:
            return [z for z in zones if unmapped or z.mapped]
    return _build(spec, unmapped=unmapped)


def _build(spec: Mapping[str, Any] | str | Path | None, *, unmapped: bool = False
           ) -> list[Zone]:
    """Build the zones of a spec from its recipes (no cache)."""
    # imported here: the bundled zones come from the cache, without yaml, pyproj and the layers
    from geo_deconflict.zones.recipes import _Builder
    from geo_deconflict.zones.spec import _check_spec, load_spec

    if spec is None or isinstance(spec, (str, Path)):
        spec = load_spec(spec)
    entries = _check_spec(spec)
    builder = _Builder(entries, Path(spec.get("_base_dir", ".")))
    try:
        built = [builder.zone(zid) for zid, entry in entries.items() if not entry.get("_template")]
    except RecursionError:  # a long chain of zones that refer to the next one
        chain = builder.stack[:1]
        msg = f"zones refer to one another too deeply ({len(builder.stack)} levels)"
        raise SpecError(msg, zone_id=chain[0] if chain else None, field="geometry") from None
    return [z for z in built if unmapped or z.mapped]


# ------------------------------------------------------------------------------------ helpers


