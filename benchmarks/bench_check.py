"""Benchmark: geo_deconflict's point check against geopandas.sjoin, same zones, same points.

    python benchmarks/bench_check.py [--points 2000000] [--skip-distances] [--repeat 3]

(from any folder: the project is found beside this script).

2,000,000 random points over Syria: 99 % uniform over its bounding box, 1 % within +-5 m of
the al-Tanf 55 km circle (where a polygon approximation of the circle goes wrong). Prints:

* the throughput of the check (zone status for every zone + Euphrates bank; zones prepared
  inside the timing) and of ``geopandas.sjoin(points, zones, predicate="within")`` (its
  fastest predicate here; points already built, not timed; also shown with building them),
  and the ratio;
* disagreements of each with the exact geodesic distance for the buffer zone;
* the throughput of the full check with the signed distance to every zone and the river;
* peak memory (ru_maxrss) after the check and at the end of the run.

Every time is the median of ``--repeat`` runs (3 by default, as in issue 16's figures), the
runs of the check and of sjoin taking turns; the first run of each is printed beside it (a
one-shot command pays it: new memory, the lazily read parts of the zones cache).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import geopandas as gpd

from geo_deconflict.check.checker import ZoneChecker
from geo_deconflict.geo.geodesy import GEOD
from geo_deconflict.zones.core import build_zones
from geo_deconflict.zones.model import zones_frame

SYRIA_BOX = (35.7, 32.3, 42.4, 37.35)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=2_000_000)
    parser.add_argument("--skip-distances", action="store_true")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each timing, ours and sjoin's taking turns (medians)")
    args = parser.parse_args()

    zones = build_zones()
    tanf = next(z for z in zones if z.id == "tanf_55km")
    rng = np.random.default_rng(20170916)
    n_ring = args.points // 100
    n_box = args.points - n_ring
    w, s, e, n = SYRIA_BOX
    lon = rng.uniform(w, e, n_box)
    lat = rng.uniform(s, n, n_box)
    rlon, rlat, _ = GEOD.fwd(np.full(n_ring, tanf.centre[0]), np.full(n_ring, tanf.centre[1]),
                             rng.uniform(0, 360, n_ring), tanf.radius_m + rng.uniform(-5, 5, n_ring))
    lon, lat = np.r_[lon, rlon], np.r_[lat, rlat]
    total = lon.size
    print(f"{total:,} points over Syria ({n_box:,} uniform in lon {w}-{e}, lat {s}-{n}; "
          f"{n_ring:,} within +-5 m of the 55 km circle); {len(zones)} zones: "
          f"{', '.join(z.id for z in zones)}")

    # Each timing is the median of --repeat runs (the method), the runs of ours and
    # of sjoin taking turns; the first run of each is printed too: it is the one a one-shot
    # command pays (new memory, the lazily read parts of the zones cache).
    reps = max(1, args.repeat)

    # -- the check: statuses + bank, zones prepared inside the timing ----------------------
    checks, sjoins, cpu_sjoins = [], [], []
    for run in range(reps):
        t0 = time.perf_counter()
        checker = ZoneChecker(zones)
        result = checker.check(lon, lat, distances=False)
        checks.append(time.perf_counter() - t0)
        if run == 0:   # the check's own peak, then the peer's points (not timed)
            peak_check = peak_mb()
            frame = zones_frame(zones)[["id", "geometry"]]
            t0 = time.perf_counter()
            points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
            t_build = time.perf_counter() - t0
        joined = None
        t0, c0 = time.perf_counter(), time.process_time()
        joined = gpd.sjoin(points, frame, how="left", predicate="within")
        sjoins.append(time.perf_counter() - t0)
        cpu_sjoins.append(time.process_time() - c0)
    t_check, t_sjoin = statistics.median(checks), statistics.median(sjoins)
    c_sjoin = statistics.median(cpu_sjoins)
    print(f"check (status in {len(zones)} zones + bank): {t_check:6.2f} s  "
          f"{total / t_check:12,.0f} points/s   (median of {reps}; first run {checks[0]:.2f} s)"
          f"   peak RSS after the first {peak_check:,.0f} MB")

    # -- exact geodesic truth for the buffer zone -----------------------------------------
    exact = GEOD.inv(np.full(total, tanf.centre[0]), np.full(total, tanf.centre[1]),
                     lon, lat)[2] <= tanf.radius_m
    ours = (result["in_tanf_55km"] == "in").to_numpy()
    print(f"buffer zone disagreements with exact geodesic distance, check: "
          f"{int((ours != exact).sum())}")

    # -- geopandas.sjoin on the same zones and points ---------------------------------------
    sj_tanf = np.zeros(total, bool)
    sj_tanf[joined.index[(joined["id"] == "tanf_55km").to_numpy()]] = True
    print(f"geopandas.sjoin (points prebuilt):       {t_sjoin:6.2f} s  "
          f"{total / t_sjoin:12,.0f} points/s   (median of {reps}; first run "
          f"{sjoins[0]:.2f} s; +{t_build:.2f} s to build the points; CPU {c_sjoin:.2f} s)")
    print(f"buffer zone disagreements with exact geodesic distance, sjoin on the 256-gon: "
          f"{int((sj_tanf != exact).sum())}")
    # same answers for the polygon zones
    for zid in ("euphrates_west", "euphrates_east", "manbij_area.deployment"):
        sj = np.zeros(total, bool)
        sj[joined.index[(joined["id"] == zid).to_numpy()]] = True
        diff = int((sj != (result[f"in_{zid}"] == "in").to_numpy()).sum())
        print(f"  {zid}: check vs sjoin disagreements {diff}")
    print(f"RATIO check / sjoin throughput: {t_sjoin / t_check:.1f}x "
          f"({(t_sjoin + t_build) / t_check:.1f}x counting the point build); "
          f"peak RSS after sjoin {peak_mb():,.0f} MB")
    del joined, points

    # -- the full check with every distance -------------------------------------------------
    if not args.skip_distances:
        fulls, cpu_fulls, bands = [], [], []
        for _ in range(reps):
            full = band = None
            t0, c0 = time.perf_counter(), time.process_time()
            full = checker.check(lon, lat, distances=True)
            fulls.append(time.perf_counter() - t0)
            cpu_fulls.append(time.process_time() - c0)
            t0 = time.perf_counter()
            band = checker.check(lon, lat, distances=True, distance_max_m=25_000.0)
            bands.append(time.perf_counter() - t0)
        t_full, c_full = statistics.median(fulls), statistics.median(cpu_fulls)
        t_band = statistics.median(bands)
        same = all((full[c] == result[c]).all() for c in result.columns)
        print(f"check + signed geodesic distance to {len(zones)} zone boundaries and the river: "
              f"{t_full:6.2f} s  {total / t_full:10,.0f} points/s ({t_sjoin / t_full:.2f}x "
              f"sjoin; CPU {c_full:.2f} s, {c_sjoin / c_full:.2f}x sjoin's CPU; median of "
              f"{reps}; first run {fulls[0]:.2f} s, {t_sjoin / fulls[0]:.2f}x); statuses "
              f"identical to the fast path: {same}")
        col = "dist_euphrates_west_m"
        near = np.abs(full[col].to_numpy()) <= 25_000.0
        diff = float(np.nanmax(np.abs(band[col].to_numpy()[near] - full[col].to_numpy()[near])))
        print(f"check + distances within 25 km of each boundary (--distance-max-km 25): "
              f"{t_band:6.2f} s  {total / t_band:10,.0f} points/s ({t_sjoin / t_band:.2f}x "
              f"sjoin; median of {reps}); largest change inside the band {diff:.3f} m")
    print(f"peak RSS: {peak_check:,.0f} MB after the check, {peak_mb():,.0f} MB for the whole run")


if __name__ == "__main__":
    main()
