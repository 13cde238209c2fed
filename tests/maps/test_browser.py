"""The map page in headless chromium: offline loading, counts, escaping, and the page's own JS.

These tests skip only when /usr/bin/chromium is absent and the CI variable is not set; in CI
they run (and fail if chromium cannot be started).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from geo_deconflict.cli import cli
from geo_deconflict.geo.geodesy import geodesic_distance_m
from geo_deconflict.incidents.model import Incident
from geo_deconflict.incidents.read import seed_incidents
from geo_deconflict.incidents.write import write_incidents
from geo_deconflict.maps.render import map_html, render_map
from geo_deconflict.zones.core import build_zones
from geo_deconflict.zones.model import Source

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LEAD_SCREENSHOT = Path("/tmp/geo_deconflict_map.png")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("CI"),
                       reason="/usr/bin/chromium is not installed (set CI=1 to make this fail)"),
]

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>window.__pwned=1</script>",
    "<img src=y onerror=\"document.title='PWNED'\">",
    "\"quotes\" and 'single' and `backticks` ${window.__pwned=2} {{7*7}}",
    "هجوم قرب دير الزور <b>عريض</b>",
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Page:
    """A page whose every request other than the file itself is blocked and recorded."""

    def __init__(self, browser, path: Path):
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.own = path.as_uri()
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.route("**/*", self._route)
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri())
        self.page.wait_for_function(
            "window.geoDeconflict && (geoDeconflict.ready || geoDeconflict.error)", timeout=30_000)
        assert self.page.evaluate("geoDeconflict.error || null") is None

    def _route(self, route):
        url = route.request.url
        if url == self.own or url.startswith("data:"):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)


def test_offline_map_loads_everything_from_the_file(browser, runner, tmp_path):
    out = tmp_path / "map.html"
    assert runner.invoke(cli, ["map", "-o", str(out)]).exit_code == 0
    page = Page(browser, out)
    assert page.js("typeof L") == "object" and page.js("L.version") == "1.9.3"
    stats = page.js("geoDeconflict.app.stats()")
    assert stats["zones"] == len(build_zones()) == page.js(
        "document.querySelectorAll('.leaflet-gd-zones-pane path').length")
    page.js("geoDeconflict.app.fitIncidents()")
    stats = page.js("geoDeconflict.app.stats()")
    seeds = seed_incidents()
    area_level = sum(1 for i in seeds if i.geo_precision == 3)
    assert stats["incidents"] == stats["active"] == len(seeds)
    assert stats["areaIncidents"] == area_level
    assert stats["points"] == len(seeds) - area_level
    # what is on screen adds up: cluster badges + single points + area-level reports
    assert stats["drawnClusterCounts"] + stats["singles"] == stats["points"]
    badges = page.js("[...document.querySelectorAll('.gd-cluster span')].map(e => +e.textContent)")
    assert sum(badges) == stats["drawnClusterCounts"] and len(badges) == stats["clusters"]
    page.js("void geoDeconflict.app.map.fitBounds([[32.3, 35.6], [37.4, 42.4]], {animate: false})")
    page.page.wait_for_timeout(300)
    shot = tmp_path / "offline_map.png"
    page.page.screenshot(path=str(shot))
    shutil.copyfile(shot, LEAD_SCREENSHOT)
    assert shot.stat().st_size > 50_000
    assert page.requests == [] and page.errors == []


def hostile_records() -> list[Incident]:
    out = []
    for k, text in enumerate(HOSTILE):
        out.append(Incident(
            id=f"x{k}{text[:12]}", event_date=dt.date(2017, 9, 1 + k), kind=f"kind {text}",
            actors=(text, "روسيا"), place=text, place_ar="دير الزور " + text,
            longitude=38 + k * 0.5, latitude=35.0, geo_precision=1 + k % 3, summary=text,
            notes=text, sources=(Source(outlet=text, date="2017-09-20",
                                        url="javascript:alert(3)"),)))
    return out


@pytest.mark.parametrize("compress", [False, True])
def test_hostile_strings_show_literally_and_run_nothing(browser, tmp_path, compress):
    records = hostile_records()
    spec = tmp_path / "zones.yaml"
    spec.write_text(
        "version: 1\nzones:\n  - id: z1\n    name_en: '" + HOSTILE[0] + "'\n"
        "    name_ar: '" + HOSTILE[4] + "'\n    geometry: {buffer: {centre: [38.5, 35.0], "
        "radius_m: 30000}}\n    parties: ['" + HOSTILE[2].replace("'", "''") + "']\n"
        "    source: [{outlet: '" + HOSTILE[1] + "', date: 2017-09-01}]\n", encoding="utf-8")
    out = tmp_path / "hostile.html"
    out.write_text(map_html(render_map(build_zones(spec), records, compress=compress,
                                       title=HOSTILE[3])), encoding="utf-8")
    page = Page(browser, out)
    texts = [page.js(f"geoDeconflict.app.openIncident({k}).textContent")
             for k in range(len(records))]
    for text, shown in zip(HOSTILE, texts):
        assert shown.count(text) >= 4  # type, place, actors, summary, source, note: literal
    assert page.js("document.querySelectorAll('.gd-summary[dir=auto]').length") >= 1
    zone_text = page.js("geoDeconflict.app.openZone(0).textContent")
    assert HOSTILE[0] in zone_text and HOSTILE[4] in zone_text and HOSTILE[1] in zone_text
    legend = page.js("document.querySelector('.gd-legend').textContent")
    assert all(f"kind {t}" in legend for t in HOSTILE)
    assert page.js("document.querySelector('.gd-titlebox').textContent").startswith(HOSTILE[3])
    # nothing ran, nothing was injected, nothing was fetched
    assert page.dialogs == [] and page.js("window.__pwned === undefined")
    assert page.js("document.title") == HOSTILE[3]
    assert page.js("document.querySelectorAll('.leaflet-popup-content img, .gd-legend img, "
                   ".leaflet-popup-content b, .gd-legend b').length") == 0
    assert page.js("[...document.querySelectorAll('a')].filter(a => a.href.startsWith("
                   "'javascript:')).length") == 0
    rtl = page.js("[...document.querySelectorAll('.gd-ar')].map(e => e.dir)")
    assert rtl and set(rtl) == {"rtl"}
    assert page.requests == [] and page.errors == []


@pytest.fixture(scope="module")
def seed_page(browser, tmp_path_factory):
    out = tmp_path_factory.mktemp("seedmap") / "seeds.html"
    out.write_text(map_html(render_map(build_zones(), seed_incidents())), encoding="utf-8")
    return Page(browser, out)


def test_time_slider_filters_incidents_and_zones(seed_page):
    seeds, zones = seed_incidents(), build_zones()
    for day in (dt.date(2016, 6, 1), dt.date(2017, 3, 15), dt.date(2017, 9, 20)):
        epoch_day = (day - dt.date(1970, 1, 1)).days
        seed_page.js(f"geoDeconflict.app.setDate({epoch_day})")
        expected = sum(1 for i in seeds if i.event_date is None or i.event_date <= day)
        stats = seed_page.js("geoDeconflict.app.stats()")
        assert stats["active"] == expected
        in_force = seed_page.js("geoDeconflict.app.zoneLayers.filter(l => l.gdInForce).length")
        assert in_force == sum(1 for z in zones if z.valid_at(day))
        label = seed_page.js("document.querySelector('.gd-slider-label').textContent")
        assert f"Up to {day}: {expected} of {len(seeds)} incidents" in label
    seed_page.js("geoDeconflict.app.setDate(null)")
    assert seed_page.js("geoDeconflict.app.stats()")["active"] == len(seeds)


def test_legend_toggles_a_type(seed_page):
    boxes = seed_page.page.locator(".gd-legend input[type=checkbox]")
    label = seed_page.js("document.querySelector('.gd-legend-row span:nth-of-type(2)').textContent")
    boxes.first.click()
    seeds = seed_incidents()
    from geo_deconflict.maps.data import type_of
    hidden = sum(1 for i in seeds if type_of(i)[0] == label)
    assert hidden > 0
    assert seed_page.js("geoDeconflict.app.stats()")["active"] == len(seeds) - hidden
    boxes.first.click()
    assert seed_page.js("geoDeconflict.app.stats()")["active"] == len(seeds)


def test_measure_matches_geodesic_distance(seed_page):
    route = [(38.61778, 33.50583), (40.14084, 35.33588), (37.95495, 36.52815)]  # lon, lat
    measured = seed_page.js(
        "pts => geoDeconflict.app.measure(pts)", [[lat, lon] for lon, lat in route])
    lons, lats = zip(*route)
    geodesic = float(sum(geodesic_distance_m(lons[:-1], lats[:-1], lons[1:], lats[1:])))
    assert measured == pytest.approx(geodesic, rel=0.005)
    tip = seed_page.js("document.querySelector('.gd-measure-tip').textContent")
    assert tip == f"{measured / 1000:.1f} km"
    seed_page.page.keyboard.press("Escape")


def test_bin_points_partitions_the_active_points(seed_page):
    result = seed_page.js("""() => {
        const n = 5000, mx = new Float64Array(n), my = new Float64Array(n), act = new Uint8Array(n);
        let seed = 1; const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
        for (let i = 0; i < n; i++) { mx[i] = 0.6 + rnd() * 0.01; my[i] = 0.4 + rnd() * 0.01; act[i] = i % 3 ? 1 : 0; }
        const scale = 256 * 2 ** 10, cells = geoDeconflict.binPoints(mx, my, act, scale, [0, 0, 1e12, 1e12], 64);
        const seen = new Set(); let ok = true;
        for (const c of cells) for (const i of c.members) {
            if (seen.has(i) || !act[i]) ok = false; seen.add(i);
            if (Math.floor(mx[i] * scale / 64) !== Math.floor(mx[c.members[0]] * scale / 64)) ok = false;
        }
        return {cells: cells.length, total: cells.reduce((s, c) => s + c.n, 0), ok,
                active: act.reduce((a, b) => a + b, 0)};
    }""")
    assert result["ok"] and result["total"] == result["active"] and 1 < result["cells"] < 5000


def test_urls_other_than_http_are_not_links(seed_page):
    assert seed_page.js("geoDeconflict.safeUrl('javascript:alert(1)')") is None
    assert seed_page.js("geoDeconflict.safeUrl(' https://x.org')") is None
    assert seed_page.js("geoDeconflict.safeUrl('https://x.org/a')") == "https://x.org/a"


def test_incidents_from_a_gpkg_file_on_the_map(browser, runner, tmp_path):
    records = seed_incidents()[:12]
    write_incidents(records, tmp_path / "inc.gpkg")
    out = tmp_path / "gpkg.html"
    result = runner.invoke(cli, ["map", str(tmp_path / "inc.gpkg"), "-o", str(out), "--at",
                                 "2017-12-31"])
    assert result.exit_code == 0, result.output
    page = Page(browser, out)
    stats = page.js("geoDeconflict.app.stats()")
    day = dt.date(2017, 12, 31)
    assert stats["incidents"] == 12
    assert stats["active"] == sum(1 for i in records if i.event_date is None or i.event_date <= day)
    assert page.requests == []


def test_breach_layer_rings_breaches_and_shows_hostile_text_literally(browser, tmp_path):
    from geo_deconflict.breaches.core import find_breaches

    zones = build_zones()
    records = [Incident(id=f"b{k}", event_date=dt.date(2017, 10, 1 + k), kind="airstrike",
                        actors=("Russia", "SDF"), longitude=40.30944 + k * 0.01,
                        latitude=35.33611, summary=text,
                        sources=(Source(outlet=text, date="2017-10-02"),))
               for k, text in enumerate(HOSTILE)]
    found = find_breaches(records, zones).breaches
    assert len(found) == len(HOSTILE)
    out = tmp_path / "breaches.html"
    out.write_text(map_html(render_map(zones, records, breaches=found)), encoding="utf-8")
    page = Page(browser, out)
    assert page.js("geoDeconflict.app.drawn.breaches") == len(HOSTILE)
    texts = page.js("(() => { const out = []; geoDeconflict.app.breachLayer.eachLayer(l => {"
                    " l.openPopup(); out.push(l.getPopup().getElement().textContent); });"
                    " return out; })()")
    assert len(texts) == len(HOSTILE)
    for text in HOSTILE:
        assert any(text in shown and "Breach of Syria east of the Euphrates" in shown
                   for shown in texts)
    assert page.dialogs == [] and page.js("window.__pwned === undefined")
    assert page.js("document.querySelectorAll('.leaflet-popup-content img').length") == 0
    assert page.requests == [] and page.errors == []


# ------------------------------------------------------------------ an analyst's interactions

SHOTS = os.environ.get("GD_SHOTS_DIR")   # also keep the screenshots here when set


def _keep(shot: Path) -> None:
    if SHOTS and Path(SHOTS).is_dir():
        shutil.copyfile(shot, Path(SHOTS) / shot.name)


def _breach_records() -> list[Incident]:
    """Russian strikes east of the Euphrates (breaches) over five months, and a statement."""
    out = [Incident(id=f"rb{k}", event_date=dt.date(2017, 10, 1) + dt.timedelta(days=30 * k),
                    kind="airstrike", actors=("Russia", "ISIS"), longitude=40.30944 + k * 0.05,
                    latitude=35.33611, fatalities=3 * k, summary=f"strike number {k}")
           for k in range(5)]
    out.append(Incident(id="st1", event_date=dt.date(2017, 11, 15), kind="statement",
                        actors=("Turkey",), longitude=37.0, latitude=36.6, summary="a statement"))
    return out


@pytest.fixture(scope="module")
def analyst_map(tmp_path_factory):
    from geo_deconflict.breaches.core import find_breaches

    zones = build_zones()
    records = seed_incidents() + _breach_records()
    found = find_breaches(records, zones).breaches
    out = tmp_path_factory.mktemp("analyst") / "analyst.html"
    out.write_text(map_html(render_map(zones, records, breaches=found)), encoding="utf-8")
    return out, zones, records, found


def _zone_targets(zones, records, zone) -> list[tuple[float, float]]:
    """Points inside `zone`, outside every smaller zone (drawn above it) and at least 20 km
    from every incident and key site: candidates for a click on the zone alone."""
    import shapely
    from shapely.geometry import Point

    from geo_deconflict.geo import layers
    from geo_deconflict.geo.geodesy import buffer_m

    region = zone.geometry
    for other in zones:
        if other.area_km2 < zone.area_km2:
            region = region.difference(other.geometry)
    points = [(i.longitude, i.latitude) for i in records if i.located]
    points += [(g.x, g.y) for g in layers.load_layer("sites").geometry]
    region = region.difference(shapely.union_all([buffer_m(Point(p), 20_000) for p in points]))
    x0, y0, x1, y1 = region.bounds
    grid = [(x0 + (x1 - x0) * a / 24, y0 + (y1 - y0) * b / 24)
            for a in range(1, 24) for b in range(1, 24)]
    inner = region.buffer(-0.02)   # away from edges (a visual margin, not a measurement)
    return [p for p in grid if inner.contains(Point(p))]


def test_a_click_inside_each_zone_opens_its_popup(browser, analyst_map):
    path, zones, records, _ = analyst_map
    page = Page(browser, path)
    page.js("geoDeconflict.app.setLegendOpen(false)")
    under_area = 0
    for k, zone in enumerate(zones):
        page.js("void geoDeconflict.app.map.closePopup()")
        page.js(f"geoDeconflict.app.fitZone({k})")
        page.page.wait_for_function("!document.querySelector('.leaflet-popup')")  # faded out
        clicked = None
        for lon, lat in _zone_targets(zones, records, zone):
            hit = page.js("""([lat, lon]) => {
                const app = geoDeconflict.app, m = app.map;
                const p = m.latLngToContainerPoint([lat, lon]), r = m.getContainer().getBoundingClientRect();
                if (p.x < 5 || p.y < 5 || p.x > r.width - 5 || p.y > r.height - 5) return null;
                const e = document.elementFromPoint(r.left + p.x, r.top + p.y);
                if (!e || e.closest('.leaflet-control, .leaflet-marker-icon')) return null;
                const areas = app.areaLayers.filter(l => l.getRadius &&
                    m.distance(l.getLatLng(), [lat, lon]) < l.getRadius()).length;
                return {x: r.left + p.x, y: r.top + p.y, areas};
            }""", [lat, lon])
            if hit:
                clicked = hit
                break
        assert clicked, f"no free point of {zone.id} on screen"
        page.page.mouse.click(clicked["x"], clicked["y"])
        popup = page.page.locator(".leaflet-popup-content")
        popup.wait_for(timeout=3000)
        # versions of a zone (and zones drawn alike) share a geometry: the top one answers
        alike = [o.name_en for o in zones if o.geometry.equals(zone.geometry)]
        assert any(name in popup.inner_text() for name in alike), zone.id
        under_area += clicked["areas"] > 0
    assert under_area >= 1   # at least one click went through an area-level outline
    assert page.errors == []


def test_legend_collapses_and_screenshots(browser, analyst_map, tmp_path):
    path = analyst_map[0]
    wide = Page(browser, path)
    body = wide.page.locator(".gd-legend-body")
    assert body.is_visible()
    wide.page.wait_for_timeout(300)
    shot = tmp_path / "map_1400x900.png"
    wide.page.screenshot(path=str(shot))
    _keep(shot)
    toggle = wide.page.locator(".gd-legend-toggle")
    toggle.click()
    assert not body.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert body.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    # a phone: the legend starts collapsed and leaves the map visible
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(path.as_uri())
    phone.wait_for_function("window.geoDeconflict && geoDeconflict.ready", timeout=30_000)
    assert not phone.locator(".gd-legend-body").is_visible()
    legend_box = phone.locator(".gd-legend").bounding_box()
    assert legend_box["width"] < 390 / 2 and legend_box["height"] < 60
    phone.wait_for_timeout(300)
    shot = tmp_path / "map_390x844.png"
    phone.screenshot(path=str(shot))
    _keep(shot)
    phone.locator(".gd-legend-toggle").click()
    assert phone.locator(".gd-legend-body").is_visible()
    box = phone.locator(".gd-legend").bounding_box()
    assert box["y"] + box["height"] <= 844 and box["x"] >= 0
    shot = tmp_path / "map_390x844_legend.png"
    phone.screenshot(path=str(shot))
    _keep(shot)
    phone.close()
    assert wide.errors == []


def test_window_and_type_toggles_change_counts_and_breach_rings(browser, analyst_map):
    path, zones, records, found = analyst_map
    page = Page(browser, path)
    epoch = dt.date(1970, 1, 1)
    assert page.js("geoDeconflict.app.stats()")["breaches"] == len(found) == 6  # 1 in the seeds

    def expect(lo, hi, skip_type=None):
        from geo_deconflict.maps.data import type_of

        def shown(i):
            if skip_type and type_of(i)[0] == skip_type:
                return False
            if i.event_date is None:
                return True
            return i.event_date <= hi and (i.date_end or i.event_date) >= lo

        ids = {i.id for i in records if shown(i)}
        return len(ids), sum(1 for b in found if b.incident.id in ids)

    lo, hi = dt.date(2017, 10, 15), dt.date(2017, 12, 31)
    page.js(f"geoDeconflict.app.setWindow({(lo - epoch).days}, {(hi - epoch).days})")
    stats = page.js("geoDeconflict.app.stats()")
    count, rings = expect(lo, hi)
    assert (stats["active"], stats["breaches"]) == (count, rings) and 0 < rings < len(found)
    assert page.js("document.querySelectorAll('.gd-breach').length") == rings
    label = page.js("document.querySelector('.gd-slider-label').textContent")
    assert f"{lo} to {hi}: {count} of {len(records)} incidents" in label
    assert f"breaches: {rings}" in label
    # zones in force at some time in the window
    in_force = page.js("geoDeconflict.app.zoneLayers.filter(l => l.gdInForce).length")
    assert in_force == sum(1 for z in zones if (z.valid_from or lo) <= hi
                           and (z.valid_to or hi) >= lo)
    # the type toggle: air strikes off removes their points and their rings
    rows = page.page.locator(".gd-legend label.gd-legend-row")
    k = next(j for j in range(rows.count()) if "Air/drone strike" in rows.nth(j).inner_text())
    rows.nth(k).locator("input").click()
    stats = page.js("geoDeconflict.app.stats()")
    assert (stats["active"], stats["breaches"]) == (expect(lo, hi, "Air/drone strike")[0], 0)
    assert page.js("document.querySelectorAll('.gd-breach').length") == 0
    assert "breaches: 0" in page.js("document.querySelector('.gd-slider-label').textContent")
    rows.nth(k).locator("input").click()
    # the sliders themselves, as a user drags them
    page.js("geoDeconflict.app.setWindow(null, null)")
    page.page.locator(".gd-range-to").fill(str((dt.date(2017, 10, 20) - epoch).days))
    page.page.wait_for_timeout(200)
    count, rings = expect(dt.date.min, dt.date(2017, 10, 20))
    assert page.js("geoDeconflict.app.stats()")["breaches"] == rings == 2
    assert page.js("geoDeconflict.app.stats()")["active"] == count
    # playback moves the window forward
    page.js("geoDeconflict.app.setWindow(null, null)")
    page.js("geoDeconflict.app.play()")
    first = page.js("geoDeconflict.app.to")
    page.page.wait_for_timeout(900)
    assert page.js("geoDeconflict.app.to") > first
    page.js("geoDeconflict.app.stopPlay()")
    assert page.errors == []


def test_filters_by_side_and_actor_and_colour_by_side(browser, analyst_map):
    from geo_deconflict.incidents.actors import canonical_actor, side_of

    path, _, records, _ = analyst_map
    page = Page(browser, path)

    def sides(i):
        return {side_of(c) for c in (canonical_actor(a) for a in i.actors) if c}

    page.js("geoDeconflict.app.setSide('turkey')")
    assert page.js("geoDeconflict.app.stats()")["active"] == sum(
        1 for i in records if "turkey" in sides(i)) > 0
    page.js("geoDeconflict.app.setSide('')")
    page.js("geoDeconflict.app.setActor('Russia')")
    assert page.js("geoDeconflict.app.stats()")["active"] == sum(
        1 for i in records if "Russia" in {canonical_actor(a) or a for a in i.actors}) > 0
    page.js("geoDeconflict.app.setActor('')")
    page.page.locator(".gd-select select").nth(2).select_option("side")
    assert page.js("geoDeconflict.app.colourBy") == "side"
    assert page.page.locator(".gd-side-key").is_visible()
    assert page.errors == []


def test_search_finds_a_place(browser, analyst_map):
    path, _, records, _ = analyst_map
    page = Page(browser, path)
    box = page.page.locator(".gd-search input")
    box.fill("raqqa")
    box.press("Enter")
    hits = page.js("geoDeconflict.app.found.map(p => p.name)")
    assert any("Raqqa" in h for h in hits)
    centre = page.js("(() => { const c = geoDeconflict.app.map.getCenter(); return [c.lng, c.lat]; })()")
    found = page.js("geoDeconflict.app.lastFound")
    assert geodesic_distance_m(centre[0], centre[1], found["lon"], found["lat"]) < 2_000
    assert geodesic_distance_m(found["lon"], found["lat"], 39.0, 35.95) < 30_000
    expected = sum(1 for i in records if "raqqa" in " ".join(
        filter(None, [i.place, i.place_ar, i.summary, *i.actors])).lower())
    assert page.js("geoDeconflict.app.stats()")["active"] == expected > 0
    assert f"{expected} incident" in page.page.locator(".gd-search-results").inner_text()
    assert page.js("geoDeconflict.app.search('الرقة').length") >= 1   # Arabic names too
    page.js("geoDeconflict.app.search('')")
    assert page.js("geoDeconflict.app.stats()")["active"] == len(records)
    assert page.errors == []


def test_draft_popup_marks_the_evidence_in_its_sentence(browser, tmp_path):
    from geo_deconflict.incidents.model import Evidence, Provenance

    sentence = f"Russian jets {HOSTILE[0]} struck Deir ez-Zor on Monday {HOSTILE[1]}."
    text = "Heading line.\n" + sentence + " Another sentence."
    start = text.index(sentence)

    def span(role, words):
        at = text.index(words)
        return Evidence(role, at, at + len(words), words)

    draft = Incident(id="d1", event_date=dt.date(2017, 10, 2), kind="airstrike",
                     actors=("Russia",), longitude=40.14, latitude=35.33, summary="draft",
                     provenance=Provenance(doc="r1", start=start, end=start + len(sentence),
                                           evidence=(span("actor", "Russian"),
                                                     span("trigger", "struck"),
                                                     span("place", "Deir ez-Zor"),
                                                     span("date", "Monday"))))
    out = tmp_path / "draft.html"
    out.write_text(map_html(render_map(build_zones(), [draft], texts={"r1": text})),
                   encoding="utf-8")
    page = Page(browser, out)
    page.js("geoDeconflict.app.openIncident(0)")
    shown = page.js("document.querySelector('.gd-sentence').textContent")
    assert shown == sentence
    marks = page.js("[...document.querySelectorAll('.gd-sentence mark')].map(m => [m.title, "
                    "m.textContent])")
    assert marks == [["actor", "Russian"], ["trigger", "struck"], ["place", "Deir ez-Zor"],
                     ["date", "Monday"]]
    assert page.js("document.querySelectorAll('.gd-sentence img, .gd-sentence script').length") == 0
    assert page.dialogs == [] and page.js("window.__pwned === undefined") and page.errors == []


def test_a_draft_at_a_doubtful_place_says_place_uncertain(browser, tmp_path):
    from dataclasses import replace

    from geo_deconflict.extract.core import extract

    text = ("Clashes in Deir ez-Zor, Mayadin and Abu Kamal. "
            "Russian jets struck the village of Ain al-Baida on Monday.")
    (doubtful,) = [d.incident for d in extract(text, doc="r1") if d.incident.kind == "airstrike"]
    assert "place uncertain" in doubtful.notes
    hostile = replace(doubtful, id="d-hostile", notes=doubtful.notes + " " + HOSTILE[0])
    sure = Incident(id="d-sure", event_date=dt.date(2017, 10, 2), kind="airstrike",
                    actors=("Russia",), longitude=40.14, latitude=35.33, place="Deir ez-Zor")
    out = tmp_path / "doubt.html"
    out.write_text(map_html(render_map(build_zones(), [hostile, sure])), encoding="utf-8")
    page = Page(browser, out)
    page.js("void geoDeconflict.app.openIncident(0)")
    assert page.js("document.querySelector('.gd-incident .gd-doubt').textContent") == \
        " · place uncertain"
    note = page.js("document.querySelector('.leaflet-popup-content').textContent")
    assert HOSTILE[0] in note   # shown as text, not run
    page.js("void geoDeconflict.app.map.closePopup()")
    page.page.wait_for_function("!document.querySelector('.leaflet-popup')")  # faded out
    page.js("void geoDeconflict.app.openIncident(1)")
    assert "Deir ez-Zor" in page.js("document.querySelector('.leaflet-popup-content').textContent")
    assert page.js("document.querySelectorAll('.leaflet-popup-content .gd-doubt').length") == 0
    assert page.js("document.querySelectorAll('.leaflet-popup-content img').length") == 0
    assert page.dialogs == [] and page.js("window.__pwned === undefined") and page.errors == []


@pytest.mark.parametrize(("where", "lat", "lon", "zoom"), [
    ("deir_ez_zor", 35.336, 40.14, 11), ("abu_kamal", 34.45, 40.92, 12)])
def test_villages_with_arabic_names_from_zoom_9(browser, analyst_map, tmp_path, where, lat, lon,
                                                zoom):
    from geo_deconflict.maps.data import villages_payload

    page = Page(browser, analyst_map[0])
    page.js("geoDeconflict.app.setLegendOpen(false)")
    assert page.js("document.querySelectorAll('.gd-village-tip').length") == 0   # zoom 7
    page.js(f"void geoDeconflict.app.map.setView([{lat}, {lon}], {zoom}, {{animate: false}})")
    page.page.wait_for_timeout(300)
    shown = page.js("[...document.querySelectorAll('.gd-village-tip')].filter(e => "
                    "e.style.visibility !== 'hidden').map(e => e.textContent)")
    bounds = page.js("(() => { const b = geoDeconflict.app.map.getBounds(); "
                     "return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; })()")
    west, south, east, north = bounds
    near = {f"{v[2]} · {v[3]}" for v in villages_payload() if v[3]
            and west < v[0] / 1e4 < east and south < v[1] / 1e4 < north}
    # the Who's On First villages around the town are drawn, most of them with both names
    assert len(near) >= 15
    assert len(near & set(shown)) >= 10
    assert sum("·" in t and any("\u0600" <= c <= "\u06ff" for c in t) for t in shown) >= 10
    shot = tmp_path / f"villages_{where}_z{zoom}.png"
    page.page.screenshot(path=str(shot))
    _keep(shot)
    page.js("void geoDeconflict.app.map.setZoom(8, {animate: false})")   # hidden again below 9
    page.page.wait_for_timeout(200)
    assert page.js("[...document.querySelectorAll('.gd-village-tip')].length") == 0
    assert page.errors == []


def test_a_click_on_an_incident_inside_a_zone_opens_the_incident(browser, analyst_map):
    page = Page(browser, analyst_map[0])
    page.js("geoDeconflict.app.setLegendOpen(false)")
    page.js("void geoDeconflict.app.map.setView([35.33611, 40.40944], 11, {animate: false})")
    page.page.wait_for_timeout(200)
    target = page.js("""(() => {
        const r = geoDeconflict.app.map.getContainer().getBoundingClientRect();
        for (const el of document.querySelectorAll('path.gd-point')) {
            const b = el.getBoundingClientRect(), x = b.left + b.width / 2, y = b.top + b.height / 2;
            if (x > r.left + 40 && x < r.right - 40 && y > r.top + 40 && y < r.bottom - 160 &&
                document.elementFromPoint(x, y) === el) return {x, y};
        }
        return null; })()""")
    assert target, "no incident point on screen"
    page.page.mouse.click(target["x"], target["y"])
    popup = page.page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=3000)
    assert page.js("document.querySelectorAll('.leaflet-popup-content .gd-incident').length") >= 1
    assert page.js("document.querySelectorAll('.leaflet-popup-content .gd-zone').length") == 0
    assert page.errors == []


@pytest.mark.parametrize("zone_id", ["manbij_area.deployment", "sochi_withdrawal_30km"])
def test_a_click_where_zones_overlap_lists_every_zone_there(browser, analyst_map, zone_id):
    """The three dated versions of the Manbij area share an outline, and the Sochi strips lie
    inside the east-of-Euphrates side: a click lists every zone whose outline holds the point
    (as shapely says), not only the one drawn on top."""
    from shapely.geometry import Point

    path, zones, records, _ = analyst_map
    k = next(i for i, z in enumerate(zones) if z.id == zone_id)
    page = Page(browser, path)
    page.js("geoDeconflict.app.setLegendOpen(false)")
    page.js(f"geoDeconflict.app.fitZone({k})")
    clicked = None
    for lon, lat in _zone_targets(zones, records, zones[k]):
        hit = page.js("""([lat, lon]) => {
            const m = geoDeconflict.app.map, r = m.getContainer().getBoundingClientRect();
            const p = m.latLngToContainerPoint([lat, lon]);
            if (p.x < 5 || p.y < 5 || p.x > r.width - 5 || p.y > r.height - 5) return null;
            const e = document.elementFromPoint(r.left + p.x, r.top + p.y);
            if (!e || !e.classList.contains('gd-zone-path')) return null;
            const back = m.containerPointToLatLng(p);
            return {x: r.left + p.x, y: r.top + p.y, lon: back.lng, lat: back.lat};
        }""", [lat, lon])
        if hit:
            clicked = hit
            break
    assert clicked, f"no free point of {zone_id} on screen"
    here = {z.name_en for z in zones
            if z.geometry is not None and z.geometry.contains(Point(clicked["lon"], clicked["lat"]))}
    assert len(here) >= 2, here
    page.page.mouse.click(clicked["x"], clicked["y"])
    page.page.locator(".leaflet-popup-content").wait_for(timeout=3000)
    titles = page.js("[...document.querySelectorAll('.leaflet-popup-content .gd-title')]"
                     ".map(e => e.textContent)")
    assert sorted(titles) == sorted(here)
    assert f"{len(here)} zones here" in page.page.locator(".leaflet-popup-content").inner_text()
    assert page.errors == []
