"""A static figure of the zones and incidents (PNG or PDF) for a report, without a browser.

`render_figure` draws what the HTML map draws (the same zones and colours, incidents by type
in the same colour-blind-safe palette, dashed uncertainty circles, area-level outlines, breach
rings, key sites, the Euphrates) with matplotlib through geopandas, in UTM zone 37N
(EPSG:32637, metres), with a legend, a scale bar, a north arrow and the attribution.
Uncertainty circles are geodesic buffers (`geo_deconflict.geo.geodesy.buffer_m`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
from shapely.geometry import Point

from geo_deconflict.geo import layers
from geo_deconflict.geo.geodesy import buffer_m
from geo_deconflict.geo.io import atomic_path
from geo_deconflict.incidents.model import Incident
from geo_deconflict.incidents.records import display_precision, uncertainty_m
from geo_deconflict.maps import data as _mapdata
from geo_deconflict.maps.render import SIDE_STYLES, zone_colour
from geo_deconflict.zones.model import Zone

__all__ = ["FIGURE_CRS", "render_figure"]

FIGURE_CRS = "EPSG:32637"     # UTM 37N: metres, true scale within 0.1 % over Syria
_EXTENT = (35.3, 32.0, 42.7, 37.6)     # lon/lat box shown: Syria and its borders
_BREACH = "#d7191c"
_ATTRIBUTION = ("Basemap: Natural Earth (public domain); governorates: geoBoundaries (CC BY 3.0 "
                "IGO); towns: GeoNames (CC BY 4.0). Projection: UTM 37N (EPSG:32637).")


def render_figure(zones: Sequence[Zone], incidents: Sequence[Incident], path: str | Path, *,
                  at: dt.date | None = None, title: str | None = None, breaches: Sequence = (),
                  overwrite: bool = False, dpi: int = 200, fmt: str | None = None) -> int:
    """Write a figure of `zones` and `incidents` to `path` (PNG or PDF, atomically).

    Parameters
    ----------
    zones, incidents
        What to draw; records without coordinates are left out.
    at
        Only zones in force and incidents up to this day.
    title
        Heading of the figure.
    breaches
        `geo_deconflict.breaches.core.Breach` values to ring in red.
    overwrite
        Replace an existing file.
    dpi
        Resolution of a PNG.
    fmt
        ``"png"`` or ``"pdf"``; by the extension of `path` when not given.

    Returns
    -------
    int
        The size of the written file in bytes.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = Path(path)
    fmt = fmt or path.suffix.lower().lstrip(".")
    if fmt not in ("png", "pdf"):
        msg = f"cannot write a figure as {path.suffix or 'no extension'!r}: use .png or .pdf"
        raise ValueError(msg)
    if at is not None:
        zones = [z for z in zones if z.valid_at(at)]
        incidents = [i for i in incidents if i.event_date is None or i.event_date <= at]
    located = [i for i in incidents if i.located]
    fig, ax = plt.subplots(figsize=(12, 7.6))
    x0, y0, x1, y1 = _extent()
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_facecolor("#cfe3ef")
    _basemap(ax)
    handles = _zones(ax, zones)
    handles += _incidents(ax, located, breaches)
    _sites(ax)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_aspect("equal")
    heading = title or "Deconfliction zones and reported incidents"
    if at is not None:
        heading += f" (on {at.isoformat()})"
    ax.set_title(heading, fontsize=13, fontweight="bold", loc="left")
    w, s, e, n = _EXTENT
    outside = sum(1 for i in located if not (w <= i.longitude <= e and s <= i.latitude <= n))
    heading = f"{len(zones)} zones · {len(located)} incidents"
    if outside:
        heading += f"\n({outside} outside the frame)"
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=7.5,
              framealpha=0.95, title=heading, title_fontsize=8)
    _scale_bar(ax)
    _north_arrow(ax)
    fig.text(0.01, 0.01, _ATTRIBUTION, fontsize=6.5, color="#444")
    fig.tight_layout(rect=(0, 0.02, 1, 1))
    _declutter(fig, ax.texts)
    with atomic_path(path, overwrite=overwrite) as tmp:
        fig.savefig(tmp, format=fmt, dpi=dpi)
    plt.close(fig)
    return path.stat().st_size


def _frame(geoms, crs="EPSG:4326") -> gpd.GeoSeries:
    return gpd.GeoSeries(list(geoms), crs=crs).to_crs(FIGURE_CRS)


def _extent() -> tuple[float, float, float, float]:
    """The frame (projected metres) around the region."""
    w, s, e, n = _EXTENT
    box = _frame([Point(w, s), Point(e, n), Point(w, n), Point(e, s)])
    return box.x.min(), box.y.min(), box.x.max(), box.y.max()


def _declutter(fig, texts) -> None:
    """Hide labels that would cover one drawn before them (key sites come first)."""
    renderer = fig.canvas.get_renderer()
    placed = []
    labels = sorted((t for t in texts if t.get_gid() in ("site", "town")),
                    key=lambda t: t.get_gid() != "site")
    for text in labels:
        box = text.get_window_extent(renderer).padded(1)
        if any(box.overlaps(other) for other in placed):
            text.set_visible(False)
        else:
            placed.append(box)


def _basemap(ax) -> None:
    countries = layers.load_layer("countries").to_crs(FIGURE_CRS)
    syria = countries["id"] == "SYR"
    countries[~syria].plot(ax=ax, color="#ece8df", edgecolor="#8a8a8a", linewidth=0.6, zorder=1)
    countries[syria].plot(ax=ax, color="#fbf8f0", edgecolor="#6f6f6f", linewidth=1.2, zorder=1)
    layers.load_layer("governorates").to_crs(FIGURE_CRS).boundary.plot(
        ax=ax, color="#a39e93", linewidth=0.5, linestyle=(0, (4, 3)), zorder=2)
    rivers = layers.load_layer("rivers").to_crs(FIGURE_CRS)
    rivers.plot(ax=ax, color="#3b83c4", linewidth=[2.2 if i == "euphrates" else 1.0
                                                   for i in rivers["id"]], zorder=3)
    towns = layers.load_layer("towns")
    towns = towns[towns["population"] >= 250_000].sort_values("population", ascending=False)
    towns = towns.drop_duplicates("name_en").to_crs(FIGURE_CRS)
    xmin, xmax = ax.get_xlim()
    ymin, ymax = ax.get_ylim()
    for row in towns.itertuples():
        x, y = row.geometry.x, row.geometry.y
        if xmin < x < xmax and ymin < y < ymax:
            ax.plot(x, y, "o", ms=2.5, mfc="white", mec="#555", mew=0.8, zorder=8)
            ax.annotate(row.name_en, (x, y), xytext=(3, 2), textcoords="offset points",
                        fontsize=6.5, color="#333", zorder=8, gid="town")


def _zones(ax, zones: Sequence[Zone]) -> list:
    from matplotlib.patches import Patch

    for zone in sorted(zones, key=lambda z: -z.area_km2):
        colour = zone_colour(zone)
        shape = _frame([zone.geometry])
        shape.plot(ax=ax, color=colour, alpha=0.12, zorder=4)
        shape.boundary.plot(ax=ax, color=colour, linewidth=1.6, zorder=5,
                            linestyle="--" if zone.approximate else "-")
    used = {zone_colour(z) for z in zones}
    return [Patch(facecolor=colour, edgecolor=colour, alpha=0.5, label=f"zone: {label}")
            for label, colour in SIDE_STYLES.values() if colour in used]


def _incidents(ax, located: Sequence[Incident], breaches: Sequence) -> list:
    from matplotlib.lines import Line2D

    grey = _mapdata.PRECISION_COLOURS
    circles = [buffer_m(Point(i.longitude, i.latitude), uncertainty_m(i))
               for i in located if display_precision(i) == 2 and uncertainty_m(i) > 0]
    if circles:
        _frame(circles).boundary.plot(ax=ax, color=grey["uncertainty"], linewidth=0.6,
                                      linestyle=(0, (3, 3)), zorder=6)
    area_level = [i for i in located if display_precision(i) == 3]
    if area_level:
        shapes = [i.area_geometry() or buffer_m(Point(i.longitude, i.latitude), uncertainty_m(i))
                  for i in area_level]
        _frame(shapes).boundary.plot(ax=ax, color=grey["area"], linewidth=0.6,
                                     linestyle=(0, (1, 3)), zorder=6)
    styles: dict[str, tuple[str, bool]] = {}
    points: dict[str, list[Point]] = {}
    spare = iter(_mapdata._SPARE_COLOURS * 100)
    for inc in located:
        if display_precision(inc) == 3:
            continue
        label, colour, hollow = _mapdata.type_of(inc)
        styles.setdefault(label, (colour or next(spare), hollow))
        points.setdefault(label, []).append(Point(inc.longitude, inc.latitude))
    handles = []
    for label, pts in points.items():
        colour, hollow = styles[label]
        xy = _frame(pts)
        ax.scatter(xy.x, xy.y, s=26, zorder=9, linewidths=1.6 if hollow else 0.7,
                   facecolors="white" if hollow else colour,
                   edgecolors=colour if hollow else "white")
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=6,
                              markerfacecolor="white" if hollow else colour,
                              markeredgecolor=colour if hollow else "white",
                              markeredgewidth=1.6 if hollow else 0.7, label=f"{label} ({len(pts)})"))
    handles.append(Line2D([], [], color=grey["uncertainty"], linestyle=(0, (3, 3)),
                          label="near a place: uncertainty circle"))
    handles.append(Line2D([], [], color=grey["area"], linestyle=(0, (1, 3)),
                          label=f"region level only ({len(area_level)})"))
    if breaches:
        xy = _frame([Point(b.incident.longitude, b.incident.latitude) for b in breaches])
        ax.scatter(xy.x, xy.y, s=190, facecolors="none", edgecolors=_BREACH, linewidths=2,
                   zorder=10)
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=11,
                              markerfacecolor="none", markeredgecolor=_BREACH,
                              markeredgewidth=2, label=f"breach ({len(breaches)})"))
    return handles


def _sites(ax) -> None:
    sites = layers.load_layer("sites").to_crs(FIGURE_CRS)
    ax.scatter(sites.geometry.x, sites.geometry.y, s=22, c="#ffd400", edgecolors="#111",
               linewidths=1, zorder=11, marker="D")
    for row in sites.itertuples():
        ax.annotate(row.name_en, (row.geometry.x, row.geometry.y), xytext=(4, -8),
                    textcoords="offset points", fontsize=6, fontweight="bold", zorder=11,
                    gid="site",
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none",
                          "alpha": 0.7})


def _scale_bar(ax) -> None:
    """A bar of a round length in metres of the projected (UTM) map, bottom left."""
    from matplotlib.patches import Rectangle

    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    target = (x1 - x0) / 5
    length = next(v for v in (500_000, 200_000, 100_000, 50_000, 20_000, 10_000, 5_000)
                  if v <= target or v == 5_000)
    left, base = x0 + (x1 - x0) * 0.03, y0 + (y1 - y0) * 0.04
    height = (y1 - y0) * 0.008
    for k in range(2):
        ax.add_patch(Rectangle((left + k * length / 2, base), length / 2, height,
                               facecolor="black" if k == 0 else "white", edgecolor="black",
                               linewidth=0.8, zorder=12))
    for frac in (0, 0.5, 1):
        ax.text(left + frac * length, base + height * 1.8, f"{frac * length / 1000:g}",
                ha="center", va="bottom", fontsize=7, zorder=12)
    ax.text(left + length + (x1 - x0) * 0.01, base, "km", fontsize=7, va="bottom", zorder=12)


def _north_arrow(ax) -> None:
    """Grid north of UTM 37N (within 2.5 degrees of true north over the map)."""
    ax.annotate("N", xy=(0.04, 0.93), xytext=(0.04, 0.84), xycoords="axes fraction",
                textcoords="axes fraction", ha="center", va="center", fontsize=11,
                fontweight="bold", arrowprops={"facecolor": "black", "width": 4,
                                               "headwidth": 11, "headlength": 10}, zorder=12)
