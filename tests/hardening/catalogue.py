"""The hardening catalogue (issue 15): hostile inputs and targets, and what the CLI must do.

Each `Case` is a command run in an empty folder holding only the case's input files. A case
passes when the exit status is the expected one and, for a refusal, the error is one line
naming the file and row (spreadsheet rows: a CSV header is row 1; features of a vector file
and lines of a JSONL file count from 1) or the zone and field, and the bad value, with no traceback and no
internal names; no file is left behind, and every file that was there (inputs, an existing
output) is byte-identical afterwards.

`tests/hardening/test_hardening.py` runs the cases in-process; run this file to try them as a
user would, each in its own ``python -m geo_deconflict`` process, and print the count::

    PYTHONPATH=. python tests/hardening/catalogue.py
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from geo_deconflict.incidents.tabular import ACLED_COLUMNS

# An ACLED row in the current 31-column layout (an air strike at Deir ez-Zor).
ACLED_HEADER = list(ACLED_COLUMNS)
ACLED_ROW = dict(zip(ACLED_HEADER, [
    "SYR1", "2017-12-16", "2017", "1", "Political violence", "Explosions/Remote violence",
    "Air/drone strike", "Military Forces of Russia (2000-)", "", "", "Islamic State (Syria)",
    "", "", "", "", "760", "Middle East", "Syria", "Deir ez-Zor", "", "", "Deir ez-Zor",
    "35.33611", "40.14084", "1", "CNN Arabic", "", "Strikes near the city.", "0", "", ""]))
FORBIDDEN = ("Traceback", "Error: unexpected ", "this is a bug", "__lat", "__lon", "__extent",
             "np.float64", "DataSourceError", "OperationalError")


def acled(*changes: dict, header: list[str] | None = None, raw: str | None = None) -> str:
    """ACLED CSV text: one good row (SYR1), then one row per mapping of changed cells."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header or ACLED_HEADER)
    writer.writerow(ACLED_ROW.values())
    for i, change in enumerate(changes, start=2):
        writer.writerow({**ACLED_ROW, "event_id_cnty": f"SYR{i}", **change}.values())
    return out.getvalue() + (raw or "")


def points(*rows: str, header: str = "id,latitude,longitude,uncertainty_m") -> str:
    return "\n".join([header, "1,33.5,38.6,0", *rows]) + "\n"


def jsonl(*changes: dict, ensure_ascii: bool = True) -> str:
    good = {"id": "j1", "event_date": "2017-09-16", "longitude": 40.14084,
            "latitude": 35.33611, "kind": "airstrike", "actors": ["Russia"]}
    lines = [json.dumps(good)]
    lines += [json.dumps({**good, "id": f"j{i}", **c}, ensure_ascii=ensure_ascii)
              for i, c in enumerate(changes, start=2)]
    return "\n".join(lines) + "\n"


def geojson(lon: float = 40.14, lat: float = 35.33, **props) -> str:
    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
               "properties": {"id": "g2", "event_date": "2017-09-16", **props}}
    good = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [40.14, 35.33]},
            "properties": {"id": "g1", "event_date": "2017-09-16"}}
    return json.dumps({"type": "FeatureCollection", "features": [good, feature]})


def spec(*zones: str, top: str = "") -> str:
    return "version: 1\n" + top + "zones:\n" + "".join(f"  - {z}\n" for z in zones)


BUFFER = "{buffer: {centre: [38.6, 33.5], radius_km: 10}}"
ZONE = "{id: a, name_en: A, geometry: " + BUFFER + "}"


def _nested_unions(levels: int) -> str:
    geom = BUFFER
    for _ in range(levels):
        geom = "{union: [" + geom + ", " + BUFFER + "]}"
    return spec("{id: deep, name_en: Deep, geometry: " + geom + "}")


def _chain(levels: int) -> str:
    zones = [f"{{id: z{i}, name_en: Z, geometry: {{union: [z{i + 1}, z{i + 1}]}}}}"
             for i in range(levels)]
    return spec(*zones, f"{{id: z{levels}, name_en: Z, geometry: {BUFFER}}}")


def _laughs() -> str:
    anchors = "x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for i in range(1, 9):
        anchors += f"x{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * 9) + "]\n"
    rules = "".join(f"      {line}\n" for line in anchors.splitlines())
    return ("version: 1\nzones:\n  - id: a\n    name_en: A\n    rules:\n" + rules
            + "    parties: *x8\n    geometry: " + BUFFER + "\n")


def geonames_line(gid: str = "163345", name: str = "Tartus", lat: str = "34.88902",
                  lon: str = "35.88659") -> str:
    cols = [gid, name, name, f"{name},طرطوس", lat, lon, "P", "PPLA", "SY", "",
            "14", "", "", "", "115769", "", "9", "Asia/Damascus", "2024-01-01"]
    return "\t".join(cols) + "\n"


@dataclass
class Case:
    """One command of the catalogue and what it must do."""

    name: str
    family: str  # readers, specs, outputs, gazetteer
    argv: list[str]
    files: dict[str, str | bytes] = field(default_factory=dict)
    code: int = 1
    must: tuple[str, ...] = ()  # in the error line (refusals) or the output (successes)
    outputs: tuple[str, ...] = ()  # files a successful run writes
    setup: Callable[[Path], None] | None = None
    env: dict[str, str] = field(default_factory=dict)


def _fifo(name: str) -> Callable[[Path], None]:
    return lambda tmp: os.mkfifo(tmp / name)


BAD_DATES = ("2017-02-30", "0000-00-00", "99999-01-01", "not a date")

CASES: list[Case] = [
    # ------------------------------------------------------------------ readers: check
    *[Case(f"check --date-column {d!r}", "readers",
           ["check", "ev.csv", "-o", "out.csv", "--date-column", "event_date"],
           {"ev.csv": acled({"event_date": d})}, must=("ev.csv", "row 3", "event_date", d))
      for d in BAD_DATES],
    *[Case(f"check uncertainty_m {v!r}", "readers", ["check", "pts.csv", "-o", "out.csv"],
           {"pts.csv": points(f"2,33.6,38.7,{v}")}, must=("pts.csv", "row 3", "uncertainty_m", v))
      for v in ("abc", "-50000", "inf")],
    Case("check geo_precision 7", "readers", ["check", "ev.csv", "-o", "out.csv"],
         {"ev.csv": acled({"geo_precision": "7"})}, must=("ev.csv", "row 3", "geo_precision")),
    Case("check latitude 'nan' names file and row", "readers",
         ["check", "pts.csv", "-o", "out.csv"], {"pts.csv": points("2,nan,38.7,0")},
         must=("pts.csv", "row 3", "latitude")),
    Case("check GeoJSON latitude 135: no internal column names", "readers",
         ["check", "ev.geojson", "-o", "out.csv"], {"ev.geojson": geojson(lat=135.0)},
         must=("ev.geojson", "feature 2", "latitude 135")),
    Case("check GeoJSON bad date names the field", "readers",
         ["check", "ev.geojson", "-o", "out.csv", "--date-column", "event_date"],
         {"ev.geojson": geojson(event_date="2017-02-30")},
         must=("ev.geojson", "feature 2", "event_date", "2017-02-30")),
    Case("check --date-column 9999-12-31 is a date", "readers",
         ["check", "ev.csv", "-o", "out.csv", "--date-column", "event_date"],
         {"ev.csv": acled({"event_date": "9999-12-31"}, {"event_date": "0001-01-01"})},
         code=0, outputs=("out.csv",), must=("wrote 3 rows",)),
    Case("check long CSV field is accepted", "readers", ["check", "ev.csv", "-o", "out.csv"],
         {"ev.csv": acled({"notes": "x" * 200_000})}, code=0, outputs=("out.csv",)),
    Case("check unterminated quote", "readers", ["check", "ev.csv", "-o", "out.csv"],
         {"ev.csv": acled(raw='SYR9,2017-01-01,"never closed\n')}, must=("ev.csv", "row")),
    # ------------------------------------------------------------ readers: map, breaches
    *[Case(f"{cmd} unterminated quote", "readers", [cmd, "ev.csv", *extra],
           {"ev.csv": acled({"notes": "ok"}, raw='SYR9,2017-01-01,2017,1,"never closed,'
                                                  + ",".join(ACLED_ROW.values()) + "\n")},
           must=("ev.csv", "row 4"))
      for cmd, extra in (("map", ["-o", "m.html"]), ("breaches", []))],
    *[Case(f"{cmd} short row", "readers", [cmd, "ev.csv", *extra],
           {"ev.csv": acled(raw="SYR9,2017-01-01\n")}, must=("ev.csv", "row 3", "2 fields"))
      for cmd, extra in (("map", ["-o", "m.html"]), ("breaches", []))],
    Case("map long CSV field is accepted", "readers", ["map", "ev.csv", "-o", "m.html"],
         {"ev.csv": acled({"notes": "x" * 200_000})}, code=0, outputs=("m.html",)),
    *[Case(f"{cmd} ACLED date {d} (week precision)", "readers", [cmd, "ev.csv", *extra],
           {"ev.csv": acled({"event_date": d, "time_precision": "2"})}, code=0,
           outputs=("m.html",) if cmd == "map" else ())
      for d in ("9999-12-31", "0001-01-01")
      for cmd, extra in (("map", ["-o", "m.html"]), ("breaches", []))],
    Case("map JSONL longitude true", "readers", ["map", "ev.jsonl", "-o", "m.html"],
         {"ev.jsonl": jsonl({"longitude": True})}, must=("ev.jsonl", "row 2", "longitude True")),
    *[Case(f"map JSONL {key}: {value!r}", "readers", ["map", "ev.jsonl", "-o", "m.html"],
           {"ev.jsonl": jsonl({key: value})}, must=("ev.jsonl", "row 2", key))
      for key, value in (("actors", 5), ("sources", 5), ("place", ["x"]), ("provenance", 5),
                         ("fatalities", "many"), ("metonymic", "maybe"),
                         ("uncertainty_m", "inf"), ("event_date", 20170916))],
    Case("check JSONL actors: 5", "readers", ["check", "ev.jsonl", "-o", "out.csv"],
         {"ev.jsonl": jsonl({"actors": 5})}, must=("ev.jsonl", "row 2", "actors")),
    Case("map JSONL U+2028 and U+0085 inside strings", "readers",
         ["map", "ev.jsonl", "-o", "m.html"],
         {"ev.jsonl": jsonl({"summary": "a\u2028b\u0085c\u2029d"}, ensure_ascii=False)},
         code=0, outputs=("m.html",), must=("2 incidents",)),
    Case("map JSONL NaN", "readers", ["map", "ev.jsonl", "-o", "m.html"],
         {"ev.jsonl": jsonl() + '{"id": "n", "longitude": NaN, "latitude": 35}\n'},
         must=("ev.jsonl", "line 2", "NaN")),
    Case("map GeoJSON bad date names the field", "readers",
         ["map", "ev.geojson", "-o", "m.html"], {"ev.geojson": geojson(event_date="2017-02-30")},
         must=("ev.geojson", "row 2", "event_date", "2017-02-30")),
    # ----------------------------------------------------------------------- zone specs
    Case("spec unknown top-level key", "specs", ["zones", "list", "z.yaml"],
         {"z.yaml": spec(ZONE, top="extra: 1\n")}, must=("extra", "top-level")),
    Case("spec duplicate top-level key", "specs", ["zones", "list", "z.yaml"],
         {"z.yaml": spec(ZONE) + "zones: []\n"}, must=("z.yaml", "duplicate key 'zones'", "line")),
    Case("spec duplicate zone key", "specs", ["zones", "list", "z.yaml"],
         {"z.yaml": spec("{id: a, name_en: A, name_en: B, geometry: " + BUFFER + "}")},
         must=("z.yaml", "duplicate key 'name_en'", "line 3")),
    Case("spec valid_from 2017-02-30", "specs", ["zones", "list", "z.yaml"],
         {"z.yaml": spec("{id: a, name_en: A, valid_from: 2017-02-30, geometry: " + BUFFER + "}")},
         must=("zone 'a'", "field 'valid_from'", "2017-02-30")),
    Case("spec antimeridian polygon", "specs", ["check", "--lat", "0.5", "--lon", "0",
                                               "--zones", "z.yaml"],
         {"z.yaml": spec("{id: am, name_en: AM, geometry: {polygon: {coordinates: "
                         "[[179, 0], [-179, 0], [-179, 1], [179, 1]]}}}")},
         must=("zone 'am'", "geometry.polygon.coordinates", "antimeridian")),
    Case("spec 400 nested unions", "specs", ["zones", "list", "z.yaml"],
         {"z.yaml": _nested_unions(400)}, must=("zone 'deep'", "field 'geometry'", "nested")),
    Case("spec 400 zones referring to the next", "specs", ["zones", "list", "z.yaml"],
         {"z.yaml": _chain(400)}, must=("zone 'z0'", "field 'geometry'", "deeply")),
    Case("spec buffer n_points 100000000", "specs", ["zones", "list", "z.yaml"],
         {"z.yaml": spec("{id: a, name_en: A, geometry: {buffer: {centre: [38.6, 33.5], "
                         "radius_km: 10, n_points: 100000000}}}")},
         must=("zone 'a'", "n_points", "100000000")),
    Case("spec billion laughs in parties", "specs", ["zones", "list", "z.yaml"],
         {"z.yaml": _laughs()}, must=("zone 'a'", "field 'parties'")),
    # -------------------------------------------------------------------- output targets
    *[Case(f"{argv[0]} -o FIFO --force", "outputs", [*argv, "-o", fifo, "--force"],
           {"pts.csv": points()}, setup=_fifo(fifo), must=(fifo, "not a regular file"))
      for argv, fifo in ((["map"], "m.html"), (["check", "pts.csv"], "out.csv"),
                         (["check", "pts.csv"], "out.gpkg"), (["zones", "build"], "z.geojson"))],
    Case("check bad row keeps an existing output", "outputs",
         ["check", "pts.csv", "-o", "out.csv", "--force"],
         {"pts.csv": points("2,133.5,38.7,0"), "out.csv": "previous,output\n1,2\n"},
         must=("pts.csv", "row 3", "latitude 133.5")),
    Case("map bad input keeps an existing output", "outputs",
         ["map", "ev.csv", "-o", "m.html", "--force"],
         {"ev.csv": acled(raw="SYR9,2017-01-01\n"), "m.html": "<p>previous</p>\n"},
         must=("ev.csv", "row 3")),
    Case("zones build bad spec keeps an existing output", "outputs",
         ["zones", "build", "z.yaml", "-o", "z.geojson", "--force"],
         {"z.yaml": spec(ZONE, top="extra: 1\n"), "z.geojson": "{}\n"}, must=("extra",)),
    # ------------------------------------------------------------------ gazetteer import
    Case("import a 23-digit geonameid", "gazetteer",
         ["gazetteer", "import", "gn.txt", "--db", "g.sqlite"],
         {"gn.txt": geonames_line("1" * 23)}, must=("gn.txt", "line 1", "geonameid")),
    Case("import a bad alternate-names file", "gazetteer",
         ["gazetteer", "import", "gn.txt", "--alternate-names", "alt.txt", "--db", "g.sqlite"],
         {"gn.txt": geonames_line(), "alt.txt": b"1\t163345\tar\t\xff\xfe\n"},
         must=("alt.txt", "UTF-8")),
    Case("import into a file that is not an index", "gazetteer",
         ["gazetteer", "import", "gn.txt", "--db", "g.sqlite"],
         {"gn.txt": geonames_line(), "g.sqlite": "not a database\n" * 200},
         must=("g.sqlite", "cannot be read")),
    Case("lookup with a corrupt index", "gazetteer", ["gazetteer", "lookup", "Manbij"],
         {"home/geonames.sqlite": "not a database\n" * 200},
         env={"GEO_DECONFLICT_HOME": "home"}, must=("geonames.sqlite", "cannot be read")),
    Case("import a dump (valid)", "gazetteer",
         ["gazetteer", "import", "gn.txt", "--db", "g.sqlite"], {"gn.txt": geonames_line()},
         code=0, outputs=("g.sqlite",), must=("imported 1 places",)),
]


def check_result(case: Case, tmp: Path, code: int, output: str,
                 before: dict[str, bytes]) -> list[str]:
    """What is wrong with a run of `case` (an empty list when it passed)."""
    problems = []
    if code != case.code:
        problems.append(f"exit status {code}, expected {case.code}")
    for word in FORBIDDEN:
        if word in output:
            problems.append(f"output shows {word!r}")
    errors = [line for line in output.splitlines() if line.startswith("Error:")]
    if case.code != 0:
        if len(errors) != 1:
            problems.append(f"{len(errors)} error lines, expected one")
        shown = errors[0] if errors else output
        if len(shown) > 1100:
            problems.append(f"error line of {len(shown)} characters")
    else:
        shown = output
    for word in case.must:
        if word not in shown:
            problems.append(f"{word!r} not in {shown[:300]!r}")
    for name, data in before.items():
        path = tmp / name
        if path.is_fifo():
            continue
        if not path.is_file() or path.read_bytes() != data:
            problems.append(f"{name} was changed")
    fifos = {p.name for p in tmp.iterdir() if p.is_fifo()}
    expected = {*before, *case.outputs, *fifos}
    present = {str(p.relative_to(tmp)) for p in tmp.rglob("*") if not p.is_dir()}
    if case.setup is not None:
        for name in fifos:
            if not (tmp / name).is_fifo():
                problems.append(f"{name} is no longer a FIFO")
    left = present - expected
    if left:
        problems.append(f"files left: {sorted(left)}")
    return problems


def prepare(case: Case, tmp: Path) -> dict[str, bytes]:
    """Write the case's files into `tmp`; return their bytes."""
    before = {}
    for name, content in case.files.items():
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        before[name] = data
    if case.setup is not None:
        case.setup(tmp)
    return before


def run_subprocess(case: Case, tmp: Path) -> tuple[int, str]:
    env = {**os.environ, **{k: str(tmp / v) for k, v in case.env.items()}}
    env.setdefault("GEO_DECONFLICT_HOME", str(tmp / ".no-home"))
    proc = subprocess.run([sys.executable, "-m", "geo_deconflict", *case.argv], cwd=tmp,
                          env=env, capture_output=True, text=True, timeout=600, check=False)
    return proc.returncode, proc.stdout + proc.stderr


def main() -> int:
    """Run every case as a user would and print the count that pass."""
    passed = 0
    for case in CASES:
        with tempfile.TemporaryDirectory() as name:
            tmp = Path(name)
            before = prepare(case, tmp)
            code, output = run_subprocess(case, tmp)
            problems = check_result(case, tmp, code, output, before)
            if (tmp / ".no-home").exists():
                problems = [p for p in problems if ".no-home" not in p]
        status = "ok  " if not problems else "FAIL"
        passed += not problems
        print(f"{status} [{case.family}] {case.name}" + (f": {'; '.join(problems)}"
                                                          if problems else ""))
    extra = [_sigterm_case(), _concurrent_imports_case(), _lookup_during_import_case()]
    for name, problems in extra:
        status = "ok  " if not problems else "FAIL"
        passed += not problems
        print(f"{status} [special] {name}" + (f": {'; '.join(problems)}" if problems else ""))
    total = len(CASES) + len(extra)
    print(f"{passed} of {total} cases pass")
    return 0 if passed == total else 1


def big_points(path: Path, rows: int) -> None:
    """A CSV of `rows` points spread over Syria (deterministic)."""
    with path.open("w", encoding="utf-8") as f:
        f.write("id,latitude,longitude\n")
        for i in range(rows):
            f.write(f"{i},{33 + (i * 7919 % 40000) / 10000:.4f},"
                    f"{36 + (i * 104729 % 50000) / 10000:.4f}\n")


def sigterm_during_check(tmp: Path, *, rows: int = 400_000) -> list[str]:
    """SIGTERM a streaming `check` once its temporary file exists; nothing may be left."""
    import signal
    import time

    big_points(tmp / "big.csv", rows)
    proc = subprocess.Popen([sys.executable, "-m", "geo_deconflict", "check", "big.csv", "-o",
                             "out.csv", "--chunk-rows", "10000", "--no-distances"],
                            cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if any(p.name.endswith(".part.csv") for p in tmp.iterdir()):
            break
        time.sleep(0.05)
    if proc.poll() is not None:
        return ["check finished before it could be stopped"]
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=120)
    problems = []
    if proc.returncode != 128 + signal.SIGTERM:
        problems.append(f"exit status {proc.returncode}, expected {128 + signal.SIGTERM}")
    left = sorted(p.name for p in tmp.iterdir() if p.name != "big.csv")
    if left:
        problems.append(f"files left: {left}")
    return problems


def _sigterm_case() -> tuple[str, list[str]]:
    with tempfile.TemporaryDirectory() as name:
        return "SIGTERM during a large check leaves no file", sigterm_during_check(Path(name))


def _concurrent_imports_case() -> tuple[str, list[str]]:
    """Two imports into the same new index at once: one succeeds, the other is refused."""
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        (tmp / "gn.txt").write_text("".join(geonames_line(str(1_000_000 + i), f"P{i}")
                                            for i in range(150_000)), encoding="utf-8")
        argv = [sys.executable, "-m", "geo_deconflict", "gazetteer", "import", "gn.txt",
                "--db", "g.sqlite"]
        first = subprocess.Popen(argv, cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True)
        import time

        time.sleep(2.0)
        second = subprocess.run(argv, cwd=tmp, capture_output=True, text=True, check=False)
        _, err1 = first.communicate(timeout=300)
        problems = []
        if first.returncode != 0:
            problems.append(f"first import failed: {err1.strip()}")
        if second.returncode == 0 and "imported" not in second.stdout:
            problems.append("second import neither refused nor succeeded")
        if second.returncode != 0 and not re.search(r"another gazetteer import", second.stderr):
            problems.append(f"second import: {second.stderr.strip()[:200]}")
        left = sorted(p.name for p in tmp.iterdir() if p.name not in ("gn.txt", "g.sqlite"))
        if left:
            problems.append(f"files left: {left}")
        return "two imports into the same new index", problems


def _lookup_during_import_case() -> tuple[str, list[str]]:
    """`lookup` and `reverse` answer while an import into the index is running."""
    import time

    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        home = tmp / "home"
        home.mkdir()
        env = {**os.environ, "GEO_DECONFLICT_HOME": str(home)}
        (tmp / "a.txt").write_text(geonames_line("900001", "Qaryatzzz"), encoding="utf-8")
        (tmp / "b.txt").write_text("".join(geonames_line(str(1_000_000 + i), f"P{i}")
                                           for i in range(300_000)), encoding="utf-8")
        cli = [sys.executable, "-m", "geo_deconflict", "gazetteer"]
        subprocess.run([*cli, "import", "a.txt"], cwd=tmp, env=env, check=True,
                       capture_output=True)
        importing = subprocess.Popen([*cli, "import", "b.txt"], cwd=tmp, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(1.5)
        problems = []
        looked = subprocess.run([*cli, "lookup", "Qaryatzzz"], cwd=tmp, env=env, text=True,
                                capture_output=True, timeout=60, check=False)
        reverse = subprocess.run([*cli, "reverse", "--lon", "35.88", "--lat", "34.89"],
                                 cwd=tmp, env=env, text=True, capture_output=True, timeout=60,
                                 check=False)
        running = importing.poll() is None
        importing.communicate(timeout=300)
        if not running:
            problems.append("the import ended before the lookups (make b.txt larger)")
        if looked.returncode != 0 or "gn:900001" not in looked.stdout:
            problems.append(f"lookup: {looked.stderr.strip()[:200]}")
        if reverse.returncode != 0:
            problems.append(f"reverse: {reverse.stderr.strip()[:200]}")
        if importing.returncode != 0:
            problems.append("the import failed")
        return "lookup and reverse during an import", problems


if __name__ == "__main__":
    sys.exit(main())
