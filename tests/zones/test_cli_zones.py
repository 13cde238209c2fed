"""``geo-deconflict zones`` and the CLI's error contract."""

import json

import geopandas as gpd
import pytest
import yaml

from geo_deconflict.cli import cli
from geo_deconflict.zones.core import build_zones

BAD_SPECS = {
    "negative radius": (("zones:\n  - id: t\n    name_en: T\n    geometry:\n      buffer: "
                         "{centre: Manbij, radius_m: -3}\n"), "radius_m"),
    "unknown place": (("zones:\n  - id: t\n    name_en: T\n    geometry:\n      buffer: "
                       "{centre: Gondor, radius_m: 3}\n"), "Gondor"),
    "broken yaml": ("zones: [\n  - id: t\n", "not valid YAML"),
    "cycle": (("zones:\n  - {id: a, name_en: A, geometry: {union: [b, b]}}\n"
               "  - {id: b, name_en: B, geometry: {union: [a, a]}}\n"), "cycle"),
    "python tag": ("zones: !!python/object/apply:os.system ['echo pwned']\n", "not valid YAML"),
}


def _one_line_error(result):
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output
    return lines[0]


def _command_paths(group, ctx, prefix=()):
    import click

    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _command_paths(command, ctx, (*prefix, name))


def test_every_command_has_help(runner):
    import click

    paths = list(_command_paths(cli, click.Context(cli)))
    assert {("zones", "build"), ("check",), ("gazetteer", "lookup"), ("breaches",)} <= set(paths)
    for args in ([], *paths):
        result = runner.invoke(cli, [*args, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output, args
        assert "Traceback" not in result.output


def test_zones_list_shows_the_bundled_zones(runner):
    result = runner.invoke(cli, ["zones", "list"])
    assert result.exit_code == 0
    for zone_id in ("tanf_55km", "euphrates_west", "euphrates_east", "manbij_area"):
        assert zone_id in result.output
    assert "CNN Arabic, 2018-01-08" in result.output


def test_zones_list_json_and_at_date(runner):
    result = runner.invoke(cli, ["zones", "list", "--json", "--at", "2020-01-01"])
    rows = [json.loads(line) for line in result.output.splitlines()]
    ids = {r["id"] for r in rows}
    assert "manbij_area" not in ids and "tanf_55km" in ids  # Manbij ended in October 2019
    tanf = next(r for r in rows if r["id"] == "tanf_55km")
    assert tanf["area_km2"] == pytest.approx(9503, rel=0.001)


@pytest.mark.parametrize("ext", ["geojson", "gpkg", "parquet"])
def test_zones_build_writes_each_format(runner, tmp_path, ext):
    out = tmp_path / f"zones.{ext}"
    result = runner.invoke(cli, ["zones", "build", "-o", str(out)])
    assert result.exit_code == 0, result.output
    frame = gpd.read_parquet(out) if ext == "parquet" else gpd.read_file(out)
    assert set(frame["id"]) == {z.id for z in build_zones()}        # every mapped zone
    assert {"tanf_55km", "manbij_area.roadmap", "sochi_peace_spring"} <= set(frame["id"])
    assert "idlib_dmz_2018" not in set(frame["id"]) and "idlib_dmz_2018" in result.output
    assert frame.crs.to_epsg() == 4326


def test_zones_build_from_a_user_spec(runner, tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump({"zones": [
        {"id": "dz", "name_en": "Deir ez-Zor governorate", "geometry": {"admin": "دير الزور"}},
        {"id": "dz_east", "name_en": "east bank", "geometry": {
            "side_of_line": {"area": "dz", "line": "Euphrates", "side": "left"}}},
    ]}, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "z.geojson"
    result = runner.invoke(cli, ["zones", "build", str(spec), "-o", str(out)])
    assert result.exit_code == 0, result.output
    frame = gpd.read_file(out).set_index("id")
    assert frame.loc["dz_east", "area_km2"] < frame.loc["dz", "area_km2"]


@pytest.mark.parametrize("case", sorted(BAD_SPECS))
def test_bad_spec_gives_one_line_error_and_no_output(runner, tmp_path, case):
    text, words = BAD_SPECS[case]
    spec = tmp_path / "bad.yaml"
    spec.write_text(text, encoding="utf-8")
    out = tmp_path / "zones.geojson"
    result = runner.invoke(cli, ["zones", "build", str(spec), "-o", str(out)])
    assert words in _one_line_error(result)
    assert not out.exists() and list(tmp_path.iterdir()) == [spec]


def test_missing_spec_file(runner, tmp_path):
    result = runner.invoke(cli, ["zones", "list", str(tmp_path / "nope.yaml")])
    assert "nope.yaml" in _one_line_error(result)


def test_existing_output_is_not_overwritten_without_force(runner, tmp_path):
    out = tmp_path / "zones.geojson"
    out.write_text("precious", encoding="utf-8")
    result = runner.invoke(cli, ["zones", "build", "-o", str(out)])
    assert "--force" in _one_line_error(result)
    assert out.read_text(encoding="utf-8") == "precious"
    result = runner.invoke(cli, ["zones", "build", "-o", str(out), "--force"])
    assert result.exit_code == 0 and "tanf_55km" in out.read_text(encoding="utf-8")


def test_unknown_output_extension(runner, tmp_path):
    result = runner.invoke(cli, ["zones", "build", "-o", str(tmp_path / "zones.docx")])
    assert "zones.docx" in _one_line_error(result)
    assert not (tmp_path / "zones.docx").exists()
