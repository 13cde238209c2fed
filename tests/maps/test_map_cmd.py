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


def test_png_and_pdf_figures(runner, tmp_path):
    import matplotlib.image as mpimg
    import numpy as np

    from geo_deconflict.maps.render import SIDE_STYLES

    png = tmp_path / "fig.png"
    result = runner.invoke(cli, ["map", "--breaches", "--png", str(png)])
    assert result.exit_code == 0, result.output
    assert f"wrote {png}" in result.output and "PNG" in result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = mpimg.imread(png)[..., :3]
    assert image.shape[1] > 2000   # 12 in at 200 dpi

    def share(hex_colour, tol=0.06):
        rgb = np.array([int(hex_colour[k:k + 2], 16) / 255 for k in (1, 3, 5)])
        return float((np.abs(image - rgb).max(axis=2) < tol).mean())

    # the zones' outlines (both sides), the Euphrates and the breach ring are drawn
    assert share(SIDE_STYLES["russia_government"][1]) > 1e-4
    assert share(SIDE_STYLES["coalition"][1]) > 1e-4
    assert share("#3b83c4") > 1e-4 and share("#d7191c") > 1e-5
    assert not list(tmp_path.glob("*.html"))   # a figure instead of the page, not as well
    pdf = tmp_path / "fig.pdf"
    result = runner.invoke(cli, ["map", "--pdf", str(pdf), "--at", "2017-10-01"])
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes()[:5] == b"%PDF-"
    both = runner.invoke(cli, ["map", "--png", str(tmp_path / "a.png"), "--pdf", str(pdf)])
    assert both.exit_code == 2 and "not both" in both.output
    again = runner.invoke(cli, ["map", "--png", str(png)])
    assert again.exit_code == 1 and "exists; pass --force" in again.output


def test_zones_as_kml(runner, tmp_path):
    import xml.etree.ElementTree as ET

    from geo_deconflict.zones.core import build_zones

    out = tmp_path / "zones.kml"
    result = runner.invoke(cli, ["zones", "build", "-o", str(out)])
    assert result.exit_code == 0, result.output
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    root = ET.parse(out).getroot()
    marks = root.findall(".//k:Placemark", ns)
    zones = build_zones()
    assert [m.find("k:name", ns).text for m in marks] == [z.name_en for z in zones]
    for mark, zone in zip(marks, zones):
        begin = mark.find("k:TimeSpan/k:begin", ns)
        assert (begin.text if begin is not None else None) == (
            zone.valid_from.isoformat() if zone.valid_from else None)
        ring = mark.find(".//k:outerBoundaryIs/k:LinearRing/k:coordinates", ns).text.split()
        lon, lat = map(float, ring[0].split(","))
        assert 34 < lon < 43 and 31 < lat < 38   # lon,lat order, as KML wants
    none = runner.invoke(cli, ["zones", "list", "--at", "2010-01-01"])
    assert none.exit_code == 0 and "no zone of the spec is in force on 2010-01-01" in none.output


def test_reports_folder_gives_drafts_their_sentences(runner, tmp_path):
    import base64
    import re
    import zlib

    def map_payload(html):
        match = re.search(r'<script type="application/(json|x-deflate-base64)" id="gd-data-'
                          r'[^"]*">(.*?)</script>', html, re.DOTALL)
        return json.loads(match[2] if match[1] == "json" else
                          zlib.decompress(base64.b64decode(match[2])).decode("utf-8"))

    text = "Title\nRussian jets struck Raqqa on Monday. Other news."
    sentence = "Russian jets struck Raqqa on Monday."
    start = text.index(sentence)
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "r9.txt").write_text(text, encoding="utf-8")
    drafts = tmp_path / "drafts.json"
    evidence = [{"role": "trigger", "start": text.index("struck"),
                 "end": text.index("struck") + 6, "text": "struck"}]
    drafts.write_text(json.dumps([{"id": "r9-D1", "place": "Raqqa", "date": "2017-06-05",
                                   "kind": "airstrike", "actors": ["Russia"],
                                   "provenance": {"doc": "r9", "start": start,
                                                  "end": start + len(sentence),
                                                  "evidence": evidence}}]), encoding="utf-8")
    out = tmp_path / "m.html"
    result = runner.invoke(cli, ["map", str(drafts), "--reports", str(tmp_path / "texts"),
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    sent = map_payload(out.read_text(encoding="utf-8"))["incidents"]["sent"][0]
    assert sent[0] == sentence and sent[1] == [["trigger", 13, 19]]
    assert sentence[13:19] == "struck"
