"""Benchmark: ``geo-deconflict check FILE -o OUT`` against read -> geopandas.sjoin -> write.

    python benchmarks/bench_check_file.py [--points 2000000] [--formats csv,parquet]
                                          [--distances] [--repeat 3] [--workdir DIR]

Generates N ACLED-like rows over Syria (id, date, latitude, longitude, geo_precision, actor,
notes) as CSV and as GeoParquet, then times, each in its own process (wall time and peak RSS
of that process):

* ours: ``python -m geo_deconflict check IN -o OUT`` (status in every zone + bank, with
  ``--no-distances`` unless --distances is given; the distances are benchmarked against sjoin
  in bench_check.py);
* the peer: read the file (``pandas.read_csv`` + ``points_from_xy``, or
  ``geopandas.read_parquet``), ``geopandas.sjoin(points, zones, predicate="within")`` with the
  same zones, and write the joined rows in the same format (``to_csv``/``to_parquet``).

Each is run ``--repeat`` times (3 by default, alternating ours and the peer) and the medians
are printed, with the ratios (peer over ours) of wall time and of CPU time (user + system,
steadier when other jobs share the machine), and the load average: above the number of
cores, the machine was busy and wall times are upper bounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SYRIA_BOX = (35.7, 32.3, 42.4, 37.35)

PEER = r"""
import sys
import geopandas as gpd, pandas as pd
from geo_deconflict.zones import build_zones, zones_frame
src, dst = sys.argv[1], sys.argv[2]
zones = zones_frame(build_zones())[["id", "geometry"]]
if src.endswith(".csv"):
    frame = pd.read_csv(src)
    points = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["longitude"],
                                                                 frame["latitude"]), crs=4326)
else:
    points = gpd.read_parquet(src)
joined = gpd.sjoin(points, zones, how="left", predicate="within")
if dst.endswith(".csv"):
    joined.drop(columns="geometry").to_csv(dst, index=False)
else:
    joined.to_parquet(dst)
"""


def make_data(n: int, folder: Path, formats: list[str], *, chunk: int = 1_000_000
              ) -> dict[str, Path]:
    """Write the rows a million at a time (CSV, and GeoParquet with WKB points and 200,000-row
    row groups), so that 20M rows take no more memory than one million."""
    import json

    import pyarrow as pa
    import pyarrow.csv as pa_csv
    import pyarrow.parquet as pq
    from pyproj import CRS

    paths = {"csv": folder / f"events_{n}.csv", "parquet": folder / f"events_{n}.parquet"}
    todo = [f for f in formats if not paths[f].exists()]
    if not todo:
        return paths
    rng = np.random.default_rng(16)
    w, s, e, nn = SYRIA_BOX
    geo = {"version": "1.0.0", "primary_column": "geometry",
           "columns": {"geometry": {"encoding": "WKB", "geometry_types": ["Point"],
                                    "crs": CRS.from_epsg(4326).to_json_dict()}}}
    writers: dict[str, object] = {}
    tmp = {f: paths[f].with_name(paths[f].name + ".tmp") for f in todo}
    actors = np.array(["Military Forces of Syria", "SDF", "IS", "Unidentified"])
    days = np.datetime64("2017-01-01") + np.arange(2000)
    for start in range(0, n, chunk):
        m = min(chunk, n - start)
        lat, lon = rng.uniform(s, nn, m).round(5), rng.uniform(w, e, m).round(5)
        table = pa.table({
            "event_id": pa.array(np.char.add("SYR", np.arange(start, start + m).astype(str))),
            "event_date": pa.array(days[rng.integers(0, 2000, m)].astype(str)),
            "latitude": lat, "longitude": lon,
            "geo_precision": rng.choice([1, 2, 3], m, p=[0.7, 0.25, 0.05]),
            "actor": pa.array(actors[rng.integers(0, 4, m)]),
            "fatalities": rng.integers(0, 5, m),
        })
        if "csv" in todo:
            if "csv" not in writers:
                writers["csv"] = pa_csv.CSVWriter(str(tmp["csv"]), table.schema)
            writers["csv"].write_table(table)
        if "parquet" in todo:
            rec = np.empty(m, dtype=[("o", "u1"), ("k", "<u4"), ("x", "<f8"), ("y", "<f8")])
            rec["o"], rec["k"], rec["x"], rec["y"] = 1, 1, lon, lat
            offsets = np.arange(0, 21 * (m + 1), 21, dtype=np.int32)
            wkb = pa.Array.from_buffers(pa.binary(), m, [None, pa.py_buffer(offsets),
                                                         pa.py_buffer(rec.tobytes())])
            table = table.append_column("geometry", wkb)
            if "parquet" not in writers:
                schema = table.schema.with_metadata({b"geo": json.dumps(geo).encode()})
                writers["parquet"] = pq.ParquetWriter(str(tmp["parquet"]), schema)
            writers["parquet"].write_table(table, row_group_size=200_000)
    for fmt, writer in writers.items():
        writer.close()
        tmp[fmt].replace(paths[fmt])
    return paths


def run(cmd: list[str]) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MB, CPU seconds) of one child process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode()
    if proc.returncode:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=2_000_000)
    parser.add_argument("--formats", default="csv,parquet")
    parser.add_argument("--distances", action="store_true",
                        help="ours with the distance columns (the CLI's default)")
    parser.add_argument("--no-peer", action="store_true", help="only ours (e.g. 20M points)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (medians)")
    parser.add_argument("--workdir", help="keep the generated files here (default: a temp dir)")
    parser.add_argument("--make-data-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_data_only:
        make_data(args.points, Path(args.workdir), args.formats.split(","))
        return
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.workdir or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        formats = args.formats.split(",")
        # in a child process: a child forked from a big parent would count its pages in its
        # peak RSS (ru_maxrss) until it execs, so this process stays small
        subprocess.run([py, __file__, "--make-data-only", "--points", str(args.points),
                        "--formats", args.formats, "--workdir", str(folder)], check=True)
        paths = {f: folder / f"events_{args.points}.{f}" for f in ("csv", "parquet")}
        sizes = ", ".join(f"{f} {paths[f].stat().st_size / 1e6:,.0f} MB" for f in formats)
        print(f"{args.points:,} points; data ready in {time.perf_counter() - t0:.1f} s ({sizes})")
        for fmt in formats:
            src = paths[fmt]
            ours_out = folder / f"ours_out.{fmt}"
            peer_out = folder / f"peer_out.{fmt}"
            cmd = [py, "-m", "geo_deconflict", "check", str(src), "-o", str(ours_out), "--force",
                   "--no-progress"]
            if not args.distances:
                cmd.append("--no-distances")
            ours, peer = [], []
            for _ in range(args.repeat):
                ours.append(run(cmd))
                if not args.no_peer:
                    peer_out.unlink(missing_ok=True)
                    peer.append(run([py, "-c", PEER, str(src), str(peer_out)]))
            t_ours, m_ours, c_ours = _medians(ours)
            what = "with distances" if args.distances else "statuses + bank"
            print(f"{fmt:8s} ours (check, {what}): {t_ours:6.2f} s (CPU {c_ours:6.2f} s)  "
                  f"peak RSS {m_ours:7,.0f} MB")
            if not args.no_peer:
                t_peer, m_peer, c_peer = _medians(peer)
                print(f"{fmt:8s} peer (read -> sjoin -> write): {t_peer:6.2f} s "
                      f"(CPU {c_peer:6.2f} s)  peak RSS {m_peer:7,.0f} MB")
                print(f"{fmt:8s} RATIO peer / ours: {t_peer / t_ours:.1f}x wall, "
                      f"{c_peer / c_ours:.1f}x CPU time")
            load = os.getloadavg()[0]
            print(f"{fmt:8s} medians of {args.repeat}; load average {load:.1f} on "
                  f"{os.cpu_count()} cores"
                  + (" (busy: wall times are upper bounds)"
                     if load > (os.cpu_count() or 1) else ""))


def _medians(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(median wall s, largest peak RSS MB, median CPU s) of the runs."""
    return (statistics.median(r[0] for r in runs), max(r[1] for r in runs),
            statistics.median(r[2] for r in runs))


if __name__ == "__main__":
    main()
