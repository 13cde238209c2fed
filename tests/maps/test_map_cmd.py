"""``geo-deconflict map`` through CliRunner: defaults, inputs, errors, no partial output."""

from __future__ import annotations

import base64
import json
import re
import zlib

from geo_deconflict.cli import cli
from geo_deconflict.incidents.tabular import ACLED_COLUMNS
from geo_deconflict.zones.core import build_zones

ACLED_HEADER = ",".join(ACLED_COLUMNS)


def _page_data(html: str) -> str:
    """The page's embedded data as text (deflated and base64-encoded above 256 kB)."""
    match = re.search(r'<script type="([^"]+)" id="gd-data-[^"]+">(.*?)</script>', html, re.DOTALL)
    if match[1] == "application/json":
        return match[2]
    return zlib.decompress(base64.b64decode(match[2])).decode("utf-8")


def acled_row(ident, date, lat, lon, *, location="Manbij"):
    values = dict.fromkeys(ACLED_COLUMNS, "")
    values.update(event_id_cnty=ident, event_date=date, event_type="Battles",
                  sub_event_type="Armed clash", actor1="SDF", actor2="ISIS", location=location,
                  latitude=str(lat), longitude=str(lon), geo_precision="1", notes="clash")
    return ",".join(values.values())


def test_default_maps_bundled_zones_and_seed_incidents(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["map"])
    assert result.exit_code == 0, result.output
    assert "wrote deconfliction_map.html" in result.output
    n_zones = len(build_zones())
    assert f"{n_zones} zones, 49 seed incidents" in result.output and "offline" in result.output
    html = (tmp_path / "deconfliction_map.html").read_text(encoding="utf-8")
    assert "geoDeconflict.start(" in html and "Leaflet 1.9.3" in html


def test_refuses_to_overwrite_without_force(runner, tmp_path):
    out = tmp_path / "m.html"
    out.write_text("keep me", encoding="utf-8")
    result = runner.invoke(cli, ["map", "-o", str(out)])
    assert result.exit_code == 1 and "exists; pass --force" in result.output
    assert out.read_text(encoding="utf-8") == "keep me"
    assert runner.invoke(cli, ["map", "-o", str(out), "--force", "--tiles"]).exit_code == 0
    assert "tile.openstreetmap.org" in _page_data(out.read_text(encoding="utf-8"))


def test_incident_files_and_skipped_records(runner, tmp_path):
    csv = tmp_path / "acled.csv"
    csv.write_text("\n".join([ACLED_HEADER, acled_row("SYR1", "2017-03-02", 36.5, 37.9),
                              acled_row("SYR2", "2017-03-03", "", "", location="Nowhereville")]),
                   encoding="utf-8")
    drafts = tmp_path / "drafts.jsonl"
    drafts.write_text(json.dumps({"id": "d1", "place": "Raqqa", "date": "2017-06"}) + "\n",
                      encoding="utf-8")
    out = tmp_path / "m.html"
    result = runner.invoke(cli, ["map", str(csv), str(drafts), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 incidents from 2 file(s)" in result.output and "1 skipped" in result.output
    assert f"skipped {csv} row 3 (SYR2): cannot be located" in result.output
    assert out.exists()


def test_bad_value_is_one_line_error_and_no_file(runner, tmp_path):
    csv = tmp_path / "acled.csv"
    csv.write_text("\n".join([ACLED_HEADER, acled_row("SYR1", "2017-02-30", 36.5, 37.9)]),
                   encoding="utf-8")
    out = tmp_path / "m.html"
    result = runner.invoke(cli, ["map", str(csv), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "row 2" in result.output
    assert "'2017-02-30'" in result.output and "Traceback" not in result.output
    assert not out.exists() and list(tmp_path.iterdir()) == [csv]
    ok = runner.invoke(cli, ["map", str(csv), "-o", str(out), "--skip-invalid"])
    assert ok.exit_code == 0 and "0 incidents" in ok.output and "1 skipped" in ok.output


def test_missing_inputs(runner, tmp_path):
    result = runner.invoke(cli, ["map", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 1 and "not found" in result.output
    result = runner.invoke(cli, ["map", "--zones", str(tmp_path / "z.yaml"),
                                 "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 1 and "zone spec not found" in result.output
    result = runner.invoke(cli, ["map", "--at", "2017-13-01", "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 2 and "not a date" in result.output
