"""Benchmark: the incident map against a plain folium loop, and chromium's load time.

For 10,000 and 100,000 synthetic incidents (seeded, ACLED-like: towns of the layers with
jitter, 2016-2019 dates, kinds, actors, sources and one-sentence summaries), it times in one
run

* ``render_map`` + ``map_html`` (offline, the default, and with tiles), and
* the peer: one ``folium.Marker`` with a ``folium.Popup`` per incident, the popup holding the
  same text (date, type, actors, summary, source, escaped with ``_html.esc``),

and prints build time and HTML size with the ratios. Then it opens the 100,000-incident
offline map in headless chromium (network blocked) and reports the time until the page is
built (``geoDeconflict.ready``: data decoded, zones drawn, incidents clustered).

Run from the project root::

    python benchmarks/bench_map.py            # 10k and 100k
    python benchmarks/bench_map.py --sizes 10000 --no-browser
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import folium

from geo_deconflict.geo import layers
from geo_deconflict.incidents.model import KINDS, Incident
from geo_deconflict.maps.data import type_of
from geo_deconflict.maps.html import esc
from geo_deconflict.maps.render import map_html, render_map
from geo_deconflict.zones.core import build_zones
from geo_deconflict.zones.model import Source

ACTORS = ["Russia", "United States", "US-led coalition", "Syrian government", "SDF", "ISIS",
          "HTS", "Turkey", "Syrian National Army", "Iran", "Hezbollah", "Maghawir al-Thawra",
          "Civilians (Syria)", "Unidentified armed group", "Syrian Elite Forces"]
OUTLETS = ["SANA", "Reuters", "AFP", "Syrian Observatory for Human Rights", "Enab Baladi",
           "North Press Agency", "Anadolu Agency", "TASS", "CENTCOM statement", "Al-Watan"]
VERBS = {"airstrike": "aircraft struck", "shelling": "artillery shelled",
         "exchange_of_fire": "forces exchanged fire with", "attack": "fighters attacked",
         "ground_offensive": "forces advanced against", "capture": "forces took positions from",
         "protest": "residents protested against", "agreement": "officials agreed terms with",
         "military_presence": "troops were seen near positions of",
         "movement": "convoys moved past positions of", "request_refused": "officers refused a request from",
         "hotline_contact": "officers used the hotline to warn", "accusation": "officials accused",
         "meeting": "commanders met", "statement": "a spokesman commented on",
         "proposal": "officials proposed joint measures to",
         "denial": "officials denied striking", "advance": "forces advanced towards",
         "deployment": "troops deployed next to"}
DETAILS = ["near the main road", "on the outskirts", "in farmland to the east",
           "close to an oil field", "after a night of clashes", "west of the river",
           "east of the river", "near a checkpoint", "by the old bridge", "in the industrial zone",
           "around the military airport", "along the supply route", "in a village nearby",
           "inside the deconfliction area", "outside the agreed line"]


def synthetic_incidents(n: int, *, seed: int = 7) -> list[Incident]:
    """`n` reproducible ACLED-like incidents around the towns of the shipped layers."""
    rng = random.Random(seed)
    towns = layers.load_layer("towns")
    towns = towns[towns["country"] == "SY"]
    places = [(r.name_en, r.name_ar if isinstance(r.name_ar, str) else None, r.geometry.x,
               r.geometry.y) for r in towns.itertuples()]
    weights = [1.0 / (k + 1) for k in range(len(places))]
    kinds = [k for k in KINDS if k in VERBS]  # every kind, each with a verb of its own
    start = dt.date(2016, 1, 1)
    out = []
    for i in range(n):
        name, name_ar, x, y = rng.choices(places, weights)[0]
        kind = rng.choice(kinds)
        a1, a2 = rng.sample(ACTORS, 2)
        day = start + dt.timedelta(days=rng.randrange(4 * 365))
        precision = rng.choices((1, 2, 3), (70, 25, 5))[0]
        jitter = 0.02 if precision == 1 else 0.1
        killed = rng.choice((0, 0, 0, 1, 2, 3, 5, 8, 12))
        summary = (f"On {day:%d %B %Y}, {a1} {VERBS[kind]} {a2} {rng.choice(DETAILS)} "
                   f"in {name}" + (f"; {killed} reported killed." if killed else ".")
                   + (f" Report {rng.randrange(10**6)} cites {rng.choice(OUTLETS)}."
                      if rng.random() < 0.5 else ""))
        out.append(Incident(
            id=f"SYR{100000 + i}", event_date=day, kind=kind, actors=(a1, a2),
            place=name, place_ar=name_ar, country="Syria",
            longitude=round(x + rng.uniform(-jitter, jitter), 4),
            latitude=round(y + rng.uniform(-jitter, jitter), 4), geo_precision=precision,
            uncertainty_m=None if precision == 1 else rng.choice((5000, 10000, 25000)),
            fatalities=killed, summary=summary,
            sources=(Source(outlet=rng.choice(OUTLETS),
                            date=(day + dt.timedelta(days=rng.randrange(3))).isoformat()),)))
    return out


def folium_loop(incidents: list[Incident]) -> str:
    """The peer: one Marker with a Popup per incident, same text as our popups."""
    m = folium.Map(location=[35.0, 38.5], zoom_start=7)
    for inc in incidents:
        label = type_of(inc)[0]
        html = (f"<b>{esc(label)}</b> {esc(inc.date_label)}<br>{esc(inc.place)}<br>"
                f"Actors: {esc('; '.join(inc.actors))}<br>{esc(inc.summary)}<br>"
                f"Source: {esc('; '.join(str(s) for s in inc.sources))}")
        folium.Marker([inc.latitude, inc.longitude], popup=folium.Popup(html)).add_to(m)
    return m.get_root().render()


def timed(fn):
    t0 = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t0


def load_time(path: Path) -> tuple[float, float, dict]:
    """Seconds from navigation to geoDeconflict.ready (wall clock, and the page's own clock)."""
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})

        def route(r):
            if r.request.url.startswith(("file:", "data:")):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        t0 = time.perf_counter()
        page.goto(path.as_uri(), timeout=120_000)
        page.wait_for_function("window.geoDeconflict && (geoDeconflict.ready || geoDeconflict.error)",
                               timeout=120_000, polling=50)
        wall = time.perf_counter() - t0
        error = page.evaluate("geoDeconflict.error || null")
        if error:
            raise RuntimeError(error)
        page_clock = page.evaluate("geoDeconflict.readyAt") / 1000
        stats = page.evaluate("geoDeconflict.app.stats()")
        page.screenshot(path=str(path.with_suffix(".png")))
        browser.close()
    if blocked:
        raise RuntimeError(f"the offline map tried to fetch {blocked[:3]}")
    return wall, page_clock, stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    zones = build_zones()
    out_dir = Path(tempfile.mkdtemp(prefix="gd-bench-"))
    render_map(zones, synthetic_incidents(10))  # warm caches (layers, assets) for both sides
    folium_loop(synthetic_incidents(10))
    print(f"{'n':>8} {'variant':<16} {'build s':>8} {'HTML MB':>8} {'loop/ours time':>15} "
          f"{'loop/ours size':>15}")
    for n in args.sizes:
        incidents = synthetic_incidents(n)
        loop_html, loop_s = timed(lambda incs=incidents: folium_loop(incs))
        loop_mb = len(loop_html.encode()) / 1e6
        print(f"{n:>8} {'folium loop':<16} {loop_s:>8.2f} {loop_mb:>8.2f}")
        del loop_html
        for offline in (True, False):
            html, secs = timed(lambda o=offline, incs=incidents: map_html(
                render_map(zones, incs, offline=o)))
            mb = len(html.encode()) / 1e6
            name = "ours offline" if offline else "ours tiles"
            print(f"{n:>8} {name:<16} {secs:>8.2f} {mb:>8.2f} {loop_s / secs:>14.1f}x "
                  f"{loop_mb / mb:>14.1f}x")
            if offline:
                path = out_dir / f"map_{n}.html"
                path.write_text(html, encoding="utf-8")
        if not args.no_browser and n == max(args.sizes):
            wall, page_clock, stats = load_time(out_dir / f"map_{n}.html")
            print(f"{n:>8} chromium load (offline map, network blocked): {wall:.2f} s wall, "
                  f"{page_clock:.2f} s page clock; drawn: {stats['clusters']} clusters, "
                  f"{stats['singles']} single points, {stats['areas']} areas; target < 3 s: "
                  f"{'met' if wall < 3 else 'NOT met'}")
    print(f"maps and screenshot in {out_dir}")


if __name__ == "__main__":
    main()
