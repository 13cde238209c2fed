"""The map page as HTML (no browser): assets, embedded data, escaping."""

from __future__ import annotations

import base64
import json
import re
import zlib

import pytest

from geo_deconflict.incidents.model import Incident
from geo_deconflict.incidents.read import seed_incidents
from geo_deconflict.maps import data as _mapdata
from geo_deconflict.maps.render import map_html, render_map
from geo_deconflict.zones.core import build_zones
from geo_deconflict.zones.model import Source

HOSTILE = '<img src=x onerror=alert(1)> </script><script>alert(2)</script> "q" \'s\' `b` ${x} {{7*7}}'


@pytest.fixture(scope="module")
def zones():
    return build_zones()


@pytest.fixture(scope="module")
def seeds():
    return seed_incidents()


def hostile_incidents():
    return [
        Incident(id="h1", event_date=None, kind="<b>kind</b>", event_type=HOSTILE, actors=(HOSTILE, "روسيا"),
                 place=HOSTILE, place_ar="دير الزور <script>", longitude=40.14, latitude=35.33,
                 summary=HOSTILE, notes=HOSTILE,
                 sources=(Source(outlet=HOSTILE, date="2017", url="javascript:alert(3)"),)),
        Incident(id="h2</script>", longitude=38.0, latitude=35.0, geo_precision=3,
                 place="Syria", summary="قال المتحدث `x` ${y}"),
    ]


def payload_of(html: str):
    match = re.search(r'<script type="([^"]+)" id="gd-data-[^"]+">(.*?)</script>', html, re.DOTALL)
    kind, body = match[1], match[2]
    if kind == "application/json":
        return json.loads(body)
    return json.loads(zlib.decompress(base64.b64decode(body)))


def test_offline_page_fetches_nothing(zones, seeds):
    html = map_html(render_map(zones, seeds))
    assert not re.search(r'<(?:script|img)[^>]+src=|<link[^>]+href=', html)
    assert not re.search(r'url\((?!data:|#default#VML)', html)  # css images are inlined
    assert "Leaflet 1.9.3" in html  # inlined from the installed xstatic-leaflet
    data = payload_of(html)
    assert data["meta"]["offline"] is True and data["meta"]["tiles"] is None
    assert len(data["zones"]["features"]) == len(zones)
    assert data["incidents"]["n"] == len(seeds)


def test_tiles_page_uses_cdn_and_attribution(zones, seeds):
    html = map_html(render_map(zones, seeds[:3], offline=False))
    assert re.search(r'<script src="https://[^"]+leaflet', html)
    tiles = payload_of(html)["meta"]["tiles"]
    assert "tile.openstreetmap.org" in tiles["url"] and "OpenStreetMap" in tiles["attribution"]


@pytest.mark.parametrize("compress", [False, True])
def test_hostile_text_travels_as_data_only(zones, compress):
    html = map_html(render_map(zones, hostile_incidents(), compress=compress,
                               title="<b>t</b> {{x}}"))
    # nothing hostile reaches the markup: exactly our own script tags, no stray img
    assert "<img" not in html and "<script>alert" not in html and "<b>" not in html
    assert html.count("<script") == html.count("</script>") == 6   # with the villages block
    assert "<title>&lt;b&gt;t&lt;/b&gt; &#123;&#123;x&#125;&#125;</title>" in html
    inc = payload_of(html)["incidents"]
    strings = inc["strings"]
    assert inc["summary"][0] == HOSTILE and inc["id"][1] == "h2</script>"
    assert strings[inc["place"][0]] == HOSTILE and strings[inc["placeAr"][0]] == "دير الزور <script>"
    assert inc["types"][0][0] == "<b>kind</b>"  # raw in the data; the page sets textContent
    src_label, src_url = inc["src"][0][0]
    assert strings[src_label].startswith(HOSTILE) and strings[src_url] == "javascript:alert(3)"


def test_embed_escapes_markup_characters():
    block = _mapdata.embed({"a": "</script><!-- & \u2028"}, "d", compress=False)
    body = block[len('<script type="application/json" id="d">'):-len("</script>")]
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body) == {"a": "</script><!-- & \u2028"}


def test_incidents_are_stored_by_column_with_areas(zones, seeds):
    data, areas = _mapdata.incidents_payload(seeds)
    assert data["n"] == len(seeds)
    area_level = [i for i in seeds if i.geo_precision == 3]
    assert sum(1 for a in data["area"] if a >= 0) == len(area_level)
    names = {a["name"] for a in areas}
    assert {"Syria", "Deir ez-Zor Governorate"} <= names  # drawn as the real outlines
    assert all(("geometry" in a) != ("radius_m" in a) for a in areas)
    approx = [k for k, p in enumerate(data["prec"]) if p == 2]
    assert all(data["unc"][k] > 0 for k in approx)
    # dates as day numbers and labels
    k = data["id"].index("004-E2")
    assert data["strings"][data["date"][k]] == "2017-09-08 to 2017-09-12"
    assert data["d1"][k] - data["d0"][k] == 4


def test_unlocated_records_are_not_drawn(zones):
    records = [Incident(id="u1", place="nowhere"), Incident(id="p1", longitude=38, latitude=35)]
    data = payload_of(map_html(render_map(zones, records)))
    assert data["incidents"]["id"] == ["p1"]


def test_at_opens_the_slider_on_that_day(zones, seeds):
    import datetime as dt

    data = payload_of(map_html(render_map(zones, seeds, at=dt.date(2017, 3, 15))))
    assert data["meta"]["at"] == "2017-03-15"


def test_palette_groups_never_share_a_colour(zones):
    """Event types, zone sides and precision outlines use disjoint colours, all from the
    colour-blind-safe sets named in `maps.data` (Okabe-Ito) and `maps.render` (Tol)."""
    from geo_deconflict.maps.render import SIDE_STYLES, zone_colour

    types = {c.lower() for _, c, _ in _mapdata.TYPE_STYLES.values()}
    sides = {c.lower() for _, c in SIDE_STYLES.values()}
    precision = {c.lower() for c in _mapdata.PRECISION_COLOURS.values()}
    assert types <= {c.lower() for c in _mapdata.OKABE_ITO.values()}
    assert not types & sides and not types & precision and not sides & precision
    assert {zone_colour(z).lower() for z in zones} <= sides
    # two operations never share a colour, so strikes and shelling stay apart
    operations = [c for _, c, hollow in _mapdata.TYPE_STYLES.values() if not hollow]
    kinds = {label: c for k, (label, c, hollow) in _mapdata.TYPE_STYLES.items()
             if not hollow and k.islower()}
    assert len(set(kinds.values())) == len(kinds)
    # one symbol (colour, hollow) means one label
    symbols = {}
    for k, (label, c, hollow) in _mapdata.TYPE_STYLES.items():
        if k.islower():
            assert symbols.setdefault((c, hollow), label) == label, k
    acled = [_mapdata.TYPE_STYLES[k][1] for k in ("Battles", "Explosions/Remote violence",
                                                  "Violence against civilians")]
    assert len(set(acled)) == 3 and operations


def test_map_uses_the_shared_uncertainty(zones):
    from geo_deconflict.incidents.records import PRECISION_UNCERTAINTY_M

    records = [Incident(id=f"p{p}", longitude=38.6, latitude=33.5, geo_precision=p)
               for p in (1, 2, 3)]
    payload, _ = _mapdata.incidents_payload(records)
    assert payload["unc"] == [PRECISION_UNCERTAINTY_M[p] for p in (1, 2, 3)]
    assert PRECISION_UNCERTAINTY_M[2] == 25_000


def test_every_incident_kind_has_a_style():
    from geo_deconflict.incidents import KINDS

    assert set(KINDS) <= set(_mapdata.TYPE_STYLES)
