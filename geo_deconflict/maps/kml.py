"""Zones as KML for Google Earth: one styled placemark per zone, with its dates as a TimeSpan.

Every string from the spec is XML-escaped; colours are those of the map (`zone_colour`).
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from shapely.geometry import MultiPolygon, Polygon

from geo_deconflict.maps.render import zone_colour
from geo_deconflict.zones.model import Zone

__all__ = ["zones_kml"]


def _kml_colour(hex_rgb: str, alpha: int) -> str:
    """KML's aabbggrr from #rrggbb.

    Examples
    --------
    >>> _kml_colour("#882255", 255)
    'ff552288'
    """
    r, g, b = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"{alpha:02x}{b}{g}{r}".lower()


def _ring(coords) -> str:
    return " ".join(f"{x:.6f},{y:.6f}" for x, y, *_ in coords)


def _polygon(poly: Polygon) -> str:
    inner = "".join(f"<innerBoundaryIs><LinearRing><coordinates>{_ring(r.coords)}"
                    "</coordinates></LinearRing></innerBoundaryIs>" for r in poly.interiors)
    return (f"<Polygon><outerBoundaryIs><LinearRing><coordinates>{_ring(poly.exterior.coords)}"
            f"</coordinates></LinearRing></outerBoundaryIs>{inner}</Polygon>")


def _geometry(geom) -> str:
    if isinstance(geom, Polygon):
        return _polygon(geom)
    parts = geom.geoms if isinstance(geom, MultiPolygon) else [
        g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon)]
    return "<MultiGeometry>" + "".join(_polygon(p) for p in parts) + "</MultiGeometry>"


def zones_kml(zones: Sequence[Zone], *, name: str = "Deconfliction zones") -> str:
    """A KML document of `zones` (EPSG:4326 lon/lat, as KML requires).

    Examples
    --------
    >>> from geo_deconflict.zones import build_zones
    >>> zones = build_zones()
    >>> text = zones_kml(zones)
    >>> text.count("<Placemark") == len(zones), "<TimeSpan><begin>2017-05-01</begin></TimeSpan>" in text
    (True, True)
    """
    styles, marks = {}, []
    for zone in zones:
        colour = zone_colour(zone)
        style = "s" + colour[1:]
        styles[style] = (f'<Style id="{style}"><LineStyle><color>{_kml_colour(colour, 255)}'
                         f"</color><width>2</width></LineStyle><PolyStyle><color>"
                         f"{_kml_colour(colour, 48)}</color></PolyStyle></Style>")
        span = ""
        if zone.valid_from or zone.valid_to:
            span = "<TimeSpan>" + (f"<begin>{zone.valid_from}</begin>" if zone.valid_from else "")
            span += (f"<end>{zone.valid_to}</end>" if zone.valid_to else "") + "</TimeSpan>"
        lines = [zone.name_ar or "", f"Kind: {zone.kind}",
                 f"Operating: {', '.join(zone.parties) or 'not stated'}",
                 f"In force: {zone.valid_from or 'start not stated'} to {zone.valid_to or 'open'}",
                 f"Area: {zone.area_km2:,.0f} km²" + (" (approximate outline)"
                                                      if zone.approximate else "")]
        lines += [f"Source: {s}" for s in zone.sources]
        if zone.notes:
            lines.append(zone.notes)
        description = escape("\n".join(line for line in lines if line))
        data = "".join(f'<Data name="{k}"><value>{escape(str(v))}</value></Data>' for k, v in (
            ("id", zone.id), ("kind", zone.kind), ("parties", "; ".join(zone.parties)),
            ("valid_from", zone.valid_from or ""), ("valid_to", zone.valid_to or "")))
        marks.append(f'<Placemark id="{escape(zone.id, {chr(34): "&quot;"})}"><name>{escape(zone.name_en)}</name>'
                     f"<description>{description}</description>{span}"
                     f"<styleUrl>#{style}</styleUrl><ExtendedData>{data}</ExtendedData>"
                     f"{_geometry(zone.geometry)}</Placemark>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
            f"<name>{escape(name)}</name>" + "".join(styles.values()) + "".join(marks)
            + "</Document></kml>\n")
