"""`check`, `map` and `breaches` read one ACLED file the same way: dates, uncertainty, statuses.

The same file goes through the three commands (CliRunner); the map's dates and uncertainty
radii are read back from the page's data block. Where `breaches` finds a breach of a zone,
`check` must say the row is `in` it; where it cannot decide because of the location's
uncertainty, `check` must say `ambiguous`; where the zones were not yet in force, `inactive`.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import zlib

import pandas as pd
import pytest

from geo_deconflict.cli import cli
from geo_deconflict.incidents.records import PRECISION_UNCERTAINTY_M
from geo_deconflict.incidents.tabular import ACLED_COLUMNS

RUSSIA = "Military Forces of Russia (2000-)"
US = "Military Forces of the United States (2001-2021)"
# id, date, event type, actor1, lon, lat, geo_precision
ROWS = [
    ("SYR1", "2017-10-01", "Explosions/Remote violence", RUSSIA, 40.30944, 35.33611, 1),
    ("SYR2", "2017-06-01", "Explosions/Remote violence", RUSSIA, 40.30944, 35.33611, 1),
    ("SYR3", "2017-10-05", "Explosions/Remote violence", RUSSIA, 39.95, 35.25, 2),
    ("SYR4", "2017-10-06", "Explosions/Remote violence", US, 39.85, 35.15, 1),
    ("SYR5", "2017-05-20", "Battles", US, 38.61778, 33.50583, 1),
    ("SYR6", "16 September 2017", "Explosions/Remote violence", RUSSIA, 40.31, 35.34, 1),
    ("SYR7", "2017-11-02", "Battles", RUSSIA, 40.5, 35.0, 3),
]


def write_acled(path, rows=ROWS) -> None:
    lines = [",".join(ACLED_COLUMNS)]
    for ident, date, etype, actor, lon, lat, prec in rows:
        values = dict.fromkeys(ACLED_COLUMNS, "")
        values.update(event_id_cnty=ident, event_date=date, event_type=etype,
                      sub_event_type="Air/drone strike", actor1=actor, actor2="ISIS",
                      location="somewhere", latitude=str(lat), longitude=str(lon),
                      geo_precision=str(prec), notes="test event", time_precision="1")
        lines.append(",".join(f'"{v}"' for v in values.values()))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def map_payload(html: str) -> dict:
    match = re.search(r'<script type="application/(json|x-deflate-base64)" id="gd-data-[^"]*">'
                      r"(.*?)</script>", html, re.DOTALL)
    text = match[2]
    if match[1] != "json":
        text = zlib.decompress(base64.b64decode(text)).decode("utf-8")
    return json.loads(text)


@pytest.fixture()
def acled(tmp_path):
    path = tmp_path / "acled.csv"
    write_acled(path)
    return path


def test_check_map_and_breaches_agree(runner, tmp_path, acled):
    checked = tmp_path / "checked.csv"
    result = runner.invoke(cli, ["check", str(acled), "-o", str(checked)])
    assert result.exit_code == 0, result.output
    assert "dated by event_date" in result.output   # no --date-column needed
    status = pd.read_csv(checked, dtype=str, keep_default_na=False).set_index("event_id_cnty")

    out = tmp_path / "map.html"
    result = runner.invoke(cli, ["map", str(acled), "-o", str(out)])
    assert result.exit_code == 0, result.output
    inc = map_payload(out.read_text(encoding="utf-8"))["incidents"]
    epoch = dt.date(1970, 1, 1)
    shown = {inc["id"][k]: (epoch + dt.timedelta(days=inc["d0"][k]), inc["unc"][k])
             for k in range(inc["n"])}

    result = runner.invoke(cli, ["breaches", str(acled), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)

    # dates: the map's, the breaches', and the one check used (inactive before the lines)
    assert shown["SYR6"][0] == dt.date(2017, 9, 16) and shown["SYR2"][0] == dt.date(2017, 6, 1)
    dates = {row["incident"]: row["date"] for key in ("breaches", "undecided")
             for row in report[key]}
    for ident, (day, _) in shown.items():
        if ident in dates:
            assert dates[ident] == day.isoformat()
    assert status.loc["SYR2", "in_euphrates_east"] == "inactive"
    assert status.loc["SYR1", "in_euphrates_east"] == "in"

    # uncertainty: one radius per geo_precision for the map and the breaches
    for ident, _, _, _, _, _, prec in ROWS:
        assert shown[ident][1] == PRECISION_UNCERTAINTY_M[prec]
    for row in report["breaches"]:
        prec = next(r[6] for r in ROWS if r[0] == row["incident"])
        assert row["uncertainty_km"] * 1000 == PRECISION_UNCERTAINTY_M[prec]

    # zone statuses: each breach is `in` its zone for check; each doubt is check's doubt
    breaches = {(b["incident"], b["zone"]) for b in report["breaches"]}
    assert breaches == {("SYR1", "euphrates_east"), ("SYR6", "euphrates_east"),
                        ("SYR4", "euphrates_west")}
    for ident, zone in breaches:
        assert status.loc[ident, f"in_{zone}"] == "in"
    undecided = {u["incident"]: u for u in report["undecided"]}
    assert "uncertainty (25 km)" in undecided["SYR3"]["reason"]
    assert status.loc["SYR3", "in_euphrates_east"] == "ambiguous"
    assert status.loc["SYR3", "in_euphrates_west"] == "ambiguous"
    assert "outside every zone's dates" in undecided["SYR2"]["reason"]
    assert {status.loc["SYR2", f"in_{z}"] for z in ("euphrates_east", "euphrates_west")} <= {
        "inactive", "out"}
    assert status.loc["SYR5", "in_tanf_55km"] == "in"   # al-Tanf in force from May 2017
    assert "SYR5" not in undecided and not any(b[0] == "SYR5" for b in breaches)


@pytest.mark.parametrize("command", ["check", "map", "breaches"])
def test_same_date_error_everywhere(runner, tmp_path, command):
    path = tmp_path / "acled.csv"
    write_acled(path, [("SYR1", "13/05/2017", "Battles", US, 38.6, 33.5, 1)])
    args = {"check": ["-o", str(tmp_path / "o.csv")], "map": ["-o", str(tmp_path / "m.html")],
            "breaches": []}[command]
    result = runner.invoke(cli, [command, str(path), *args])
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: {path} row 2: bad event_date '13/05/2017': "
                                     "expected YYYY-MM-DD or e.g. '16 September 2017'")
    assert list(tmp_path.iterdir()) == [path]


@pytest.mark.parametrize("command", ["check", "map", "breaches"])
def test_same_columns_and_swap_warning_everywhere(runner, tmp_path, command):
    path = tmp_path / "events.csv"
    # latitude written under the longitude's name and the other way round
    path.write_text("ref,y_coord,x_coord,when,actor1,event_type\n"
                    "a,38.6,33.5,2017-10-01,Russia,Battles\n"
                    "b,40.3,35.3,2017-10-02,Russia,Battles\n", encoding="utf-8")
    args = {"check": ["-o", str(tmp_path / "o.csv")], "map": ["-o", str(tmp_path / "m.html")],
            "breaches": []}[command]
    result = runner.invoke(cli, [command, str(path), "--lat-column", "y_coord", "--lon-column",
                                 "x_coord", "--date-column", "when", *args])
    assert result.exit_code == 0, result.output
    assert "2 of 2 points lie outside the region" in result.output
    assert "2 would be inside with latitude and longitude swapped" in result.output
    again = [*args, "--force"] if args else []
    bad = runner.invoke(cli, [command, str(path), "--lat-column", "nope", *again])
    assert bad.exit_code == 1
    assert bad.output.startswith("Error: no column 'nope' for the latitude in ")


def test_place_resolved_abroad_is_not_called_a_swap(runner):
    result = runner.invoke(cli, ["check", "--place", "Ankara"])
    assert result.exit_code == 0, result.output
    assert "'Ankara' resolved to" in result.output and "outside the region" in result.output
    assert "swapped" not in result.output and "right way round" not in result.output


def test_drafts_uncertainty_is_the_same_in_check_and_breaches(runner, tmp_path):
    """A record's own uncertainty_m wins over its geo_precision's radius in both commands."""
    from geo_deconflict.check.core import check_points

    drafts = tmp_path / "drafts.jsonl"
    # 19 km west of the Euphrates line: out with 5 km, ambiguous with precision 2's 25 km
    drafts.write_text(json.dumps({"id": "d1", "date": "2017-10-05", "kind": "airstrike",
                                  "actors": ["Russia"], "lon": 39.95, "lat": 35.25,
                                  "geo_precision": 2, "uncertainty_m": 5000}) + "\n",
                      encoding="utf-8")
    out = tmp_path / "checked.csv"
    result = runner.invoke(cli, ["check", str(drafts), "-o", str(out)])
    assert result.exit_code == 0, result.output
    row = pd.read_csv(out, dtype=str, keep_default_na=False).iloc[0]
    assert (row["in_euphrates_west"], row["in_euphrates_east"]) == ("in", "out")
    wide = check_points([39.95], [35.25], uncertainty_m=25_000)
    assert wide["in_euphrates_east"].iloc[0] == "ambiguous"   # what precision 2 alone gives
    report = json.loads(runner.invoke(cli, ["breaches", str(drafts), "--json"]).output)
    assert report["counts"]["compliant"] == 1 and not report["undecided"]
