"""Maps of zones and incidents as a folium map that saves to one HTML file.

`render_map` returns a ``folium.Map``; `map_html` renders it to text. Nothing here writes
files. The page is built in the browser by the project's own script (``assets/map.js``) from
one embedded data block, so 100,000 incidents cost a few megabytes rather than one folium
object each: incidents are clustered on a canvas, filtered by a time slider and shown in
popups built with ``textContent``. No string from a report or an input file is ever placed
in the page as HTML (see `geo_deconflict.maps.data.embed`).

``offline=True`` (the default) gives a self-contained file: Leaflet is inlined from the
installed ``xstatic-leaflet`` package and the basemap is drawn from the shipped vector layers
(countries, governorates, rivers, towns; the villages, shown from zoom 9, in a block of their own,
always deflated). ``offline=False`` loads folium's usual assets from their CDNs and adds
OpenStreetMap tiles, with their attribution (and no villages: the tiles have them).

Coordinates are (lon, lat) everywhere else; only the page flips them for Leaflet.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path

import folium
from branca.element import Element, MacroElement

from geo_deconflict.incidents.actors import canonical_actor, side_of
from geo_deconflict.incidents.model import Incident
from geo_deconflict.maps import data as _mapdata
from geo_deconflict.maps.html import esc
from geo_deconflict.zones.model import Zone

__all__ = ["PARTY_COLOURS", "SIDE_STYLES", "map_html", "render_map", "zone_colour"]

# Colour of each side of the arrangements (Paul Tol's colour-blind-safe wine, indigo, olive;
# a brown for the rest): zones take the colour of their first party's side, and incidents can
# be coloured by their initiator's side. No event type or precision outline uses these.
SIDE_STYLES = {"russia_government": ("Russia / Syrian government", "#882255"),
               "coalition": ("United States / coalition / SDF", "#332288"),
               "turkey": ("Turkey and allied factions", "#999933"),
               "non_party": ("Other or unknown", "#7a4e1d")}
PARTY_COLOURS = {"Russia": "#882255", "Syrian government": "#882255",
                 "United States": "#332288", "US-led coalition": "#332288", "SDF": "#332288",
                 "Turkey": "#999933"}
_DEFAULT_COLOUR = SIDE_STYLES["non_party"][1]
_SYRIA_BOUNDS = [[32.3, 35.6], [37.4, 42.4]]  # (lat, lon), for folium
_BASEMAP_ATTRIBUTION = ("Basemap: Natural Earth (public domain); governorates: geoBoundaries "
                        "(UNCS / UN OCHA, CC BY 3.0 IGO); places: GeoNames (CC BY 4.0) and "
                        "Who's On First (whosonfirst.org, CC0)")


def zone_colour(zone: Zone) -> str:
    """The display colour of a zone: that of the side of its first party with a known side.

    Examples
    --------
    >>> from geo_deconflict.zones import build_zones
    >>> [zone_colour(z) for z in build_zones()][:2]
    ['#332288', '#882255']
    """
    for party in zone.parties:
        if party in PARTY_COLOURS:
            return PARTY_COLOURS[party]
        canon = canonical_actor(party)
        side = side_of(canon) if canon else None
        if side in SIDE_STYLES and side != "non_party":
            return SIDE_STYLES[side][1]
    return _DEFAULT_COLOUR


def render_map(zones: Sequence[Zone], incidents: Sequence[Incident] = (), *,
               offline: bool = True, at: dt.date | None = None, title: str | None = None,
               compress: bool | None = None, m: folium.Map | None = None,
               breaches: Sequence = (), texts: Mapping[str, str] | None = None) -> folium.Map:
    """Draw zones and incidents, with the Euphrates and key sites, on a new or given map.

    Parameters
    ----------
    zones
        Zones to draw, styled by the party operating there.
    incidents
        Reported incidents; records without coordinates are left out (load them with
        `geo_deconflict.incidents.load_incidents`, which locates or lists them).
    offline
        Inline every asset and draw a vector basemap (True), or use CDNs and tiles (False).
    at
        Open the map with the time slider on this day (zones not in force are faded).
    title
        Heading shown on the map and as the page title.
    compress
        Deflate the embedded data (None: only when it is large).
    m
        An existing map to draw on (its assets are left as they are).
    breaches
        `geo_deconflict.breaches.core.Breach` values to ring in red, with the zone and rule broken.
    texts
        Report texts by report id: a draft's popup shows its sentence, evidence marked.

    Examples
    --------
    >>> from geo_deconflict.zones import build_zones
    >>> from geo_deconflict.incidents import seed_incidents
    >>> html = map_html(render_map(build_zones(), seed_incidents(), compress=False))
    >>> "al-Tanf 55 km deconfliction zone" in html, "cdn." in html
    (True, False)
    """
    if m is None:
        m = folium.Map(location=[35.0, 38.5], zoom_start=7, tiles=None, control_scale=True,
                       prefer_canvas=True, max_zoom=18, min_zoom=3)
        m.fit_bounds(_SYRIA_BOUNDS)
        if offline:
            m.default_js = []
            m.default_css = []
            _Assets().add_to(m)
    located = [i for i in incidents if i.located]
    payload_incidents, areas = _mapdata.incidents_payload(located, texts)
    heading = title or "Deconfliction zones and reported incidents"
    payload = {
        "meta": {"title": heading, "generated": dt.date.today().isoformat(),
                 "offline": offline, "at": at.isoformat() if at else None,
                 "basemapAttribution": _BASEMAP_ATTRIBUTION,
                 "tiles": None if offline else _tiles()},
        "basemap": {k: v for k, v in _mapdata.basemap_payload().items() if k != "villages"},
        "zones": _mapdata.zones_payload(zones, zone_colour),
        "parties": _party_legend(zones),
        "sides": [[k, *v] for k, v in SIDE_STYLES.items()],
        "precisionColours": _mapdata.PRECISION_COLOURS,
        "incidents": payload_incidents,
        "areas": areas,
        "breaches": [_breach_payload(b) for b in breaches],
    }
    _App(payload, compress=compress, title=heading,
         villages=_mapdata.basemap_payload()["villages"] if offline else []).add_to(m)
    return m


def _party_legend(zones: Sequence[Zone]) -> list[list[str]]:
    """(label, colour) of the sides whose colours the zones use, in `SIDE_STYLES` order."""
    used = {zone_colour(z) for z in zones}
    return [[label, colour] for label, colour in SIDE_STYLES.values() if colour in used]


def _breach_payload(breach) -> dict:
    inc = breach.incident
    return {"lon": inc.longitude, "lat": inc.latitude, "id": inc.id, "date": inc.date_label,
            "operators": ", ".join(breach.operators), "zone": breach.zone.name_en,
            "zoneAr": breach.zone.name_ar, "kmInside": round(breach.km_inside, 1),
            "rule": breach.rule, "summary": inc.summary,
            "source": "; ".join(str(s) for s in inc.sources)}


def map_html(m: folium.Map) -> str:
    """The complete HTML page of a map."""
    return m.get_root().render()


# ------------------------------------------------------------------------------- elements

class _Raw(Element):
    """Text placed in the page as it is: branca would otherwise compile it as a template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        return self._text


class _Assets(MacroElement):
    """Leaflet's CSS and JS inlined from the installed xstatic-leaflet package."""

    def render(self, **kwargs) -> None:
        header = self.get_root().header
        header.add_child(_Raw(f"<style>{_leaflet_css()}</style>"), name="leaflet_css")
        header.add_child(_Raw(f"<script>{_leaflet_js()}</script>"), name="leaflet")


class _App(MacroElement):
    """The page's own script and style, and the embedded data, started on the folium map."""

    def __init__(self, payload: dict, *, compress: bool | None, title: str,
                 villages: list = ()) -> None:
        super().__init__()
        self._name = "GeoDeconflictApp"
        self.payload = payload
        self.villages = list(villages)
        self.compress = compress
        self.title = title

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        data_id = f"gd-data-{self.get_name()}"
        figure.header.add_child(_Raw(f"<title>{esc(self.title)}</title>"), name="gd_title")
        figure.header.add_child(_Raw(f"<style>{_asset('map.css')}</style>"), name="gd_css")
        figure.header.add_child(_Raw(f"<script>{_asset('map.js')}</script>"), name="gd_js")
        figure.html.add_child(_Raw(_mapdata.embed(self.payload, data_id,
                                                  compress=self.compress)), name=data_id)
        if self.villages:   # 10,000 villages: their own block, always deflated (~250 kB)
            figure.html.add_child(_Raw(_mapdata.embed(self.villages, f"{data_id}-villages",
                                                      compress=True)),
                                  name=f"{data_id}-villages")
        map_name = self._parent.get_name()
        figure.script.add_child(_Raw(
            f"geoDeconflict.start({map_name}, {data_id!r});"), name=self.get_name())


def _tiles() -> dict:
    import xyzservices.providers as xyz

    provider = xyz.OpenStreetMap.Mapnik
    return {"url": provider.build_url(), "attribution": provider.html_attribution,
            "maxZoom": provider.get("max_zoom", 19), "name": "OpenStreetMap"}


@cache
def _asset(name: str) -> str:
    return (files("geo_deconflict.maps") / "assets" / name).read_text(encoding="utf-8")


def _leaflet_dir() -> Path:
    try:
        from xstatic.pkg import leaflet
    except ImportError as err:  # a declared dependency: only a broken install gets here
        msg = "the xstatic-leaflet package is missing; reinstall geo_deconflict"
        raise ImportError(msg) from err
    return Path(leaflet.BASE_DIR)


@lru_cache(maxsize=1)
def _leaflet_js() -> str:
    return (_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _leaflet_css() -> str:
    """leaflet.css with its images as data: URIs, so that nothing is fetched."""
    folder = _leaflet_dir()
    css = (folder / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match) -> str:
        data = base64.b64encode((folder / match[1]).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", inline, css)
