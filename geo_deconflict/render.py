"""Folium maps of zones, rivers and key sites. Returns ``folium.Map``; never writes files.

Every string that reaches HTML is escaped here (folium inserts popup and tooltip text as raw
HTML). Coordinates are (lon, lat) everywhere else; this module flips to (lat, lon) for folium.
"""

from __future__ import annotations

from collections.abc import Sequence

import folium

from geo_deconflict import layers
from geo_deconflict._html import esc as _esc
from geo_deconflict.zones import Zone

__all__ = ["PARTY_COLOURS", "render_map", "zone_colour"]

# Colour of a zone by the first party that operates there.
PARTY_COLOURS = {
    "Russia": "#c0392b", "Syrian government": "#c0392b",
    "United States": "#2463b4", "US-led coalition": "#2463b4", "SDF": "#2463b4",
    "Turkey": "#8e44ad",
}
_DEFAULT_COLOUR = "#7f8c8d"


def zone_colour(zone: Zone) -> str:
    """The display colour of a zone: that of the first party with a known colour."""
    return next((PARTY_COLOURS[p] for p in zone.parties if p in PARTY_COLOURS), _DEFAULT_COLOUR)


def _zone_popup(zone: Zone) -> str:
    rows = [
        f"<b>{_esc(zone.name_en)}</b>",
        f'<div dir="auto">{_esc(zone.name_ar)}</div>' if zone.name_ar else "",
        f"Parties: {_esc(', '.join(zone.parties) or 'unknown')}",
        f"Valid: {_esc(zone.valid_from or '…')} to {_esc(zone.valid_to or 'open')}",
        f"Area: {zone.area_km2:,.0f} km²" + (" (approximate)" if zone.approximate else ""),
        "Source: " + _esc("; ".join(str(s) for s in zone.sources) or "none given"),
    ]
    if zone.notes:
        rows.append(f'<div style="max-width:320px">{_esc(zone.notes)}</div>')
    return "<br>".join(r for r in rows if r)


def render_map(zones: Sequence[Zone], *, m: folium.Map | None = None,
               tiles: str | None = "OpenStreetMap") -> folium.Map:
    """Draw zones, the Euphrates and key sites on a new or given map and return it.

    Examples
    --------
    >>> from geo_deconflict.zones import build_zones
    >>> m = render_map(build_zones())
    >>> "al-Tanf 55 km deconfliction zone" in m.get_root().render()
    True
    """
    if m is None:
        m = folium.Map(tiles=tiles, control_scale=True)
        m.fit_bounds([[32.3, 35.6], [37.4, 42.4]])  # Syria, (lat, lon)
    zone_group = folium.FeatureGroup(name="Zones").add_to(m)
    for zone in zones:
        colour = zone_colour(zone)
        folium.GeoJson(
            zone.geometry.__geo_interface__,
            name=_esc(zone.name_en),
            style_function=lambda _f, c=colour, a=zone.approximate: {
                "color": c, "weight": 2, "fillColor": c, "fillOpacity": 0.15,
                "dashArray": "6 4" if a else None},
            tooltip=folium.Tooltip(_esc(zone.name_en)),
            popup=folium.Popup(_zone_popup(zone), max_width=360),
        ).add_to(zone_group)
    rivers = folium.FeatureGroup(name="Rivers").add_to(m)
    for row in layers.load_layer("rivers").itertuples():
        coords = [(y, x) for x, y in row.geometry.coords]
        folium.PolyLine(coords, color="#1f78b4", weight=3 if row.id == "euphrates" else 1.5,
                        tooltip=folium.Tooltip(_esc(f"{row.name_en} / {row.name_ar}"))).add_to(rivers)
    sites = folium.FeatureGroup(name="Key sites").add_to(m)
    for row in layers.load_layer("sites").itertuples():
        label = f"{row.name_en} / {row.name_ar}" + (" (approximate)" if row.approximate else "")
        folium.CircleMarker((row.geometry.y, row.geometry.x), radius=4, color="#222",
                            fill=True, fill_opacity=0.9, tooltip=folium.Tooltip(_esc(label)),
                            popup=folium.Popup(f"<b>{_esc(label)}</b><br>Source: {_esc(row.source)}",
                                               max_width=360)).add_to(sites)
    folium.LayerControl(collapsed=False).add_to(m)
    return m
