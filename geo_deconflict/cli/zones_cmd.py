"""``geo-deconflict zones``: build and list zones from a spec."""

from __future__ import annotations

import json

import click

from geo_deconflict.cli._common import DATE, force_option, table

spec_argument = click.argument("spec", required=False,
                               type=click.Path(dir_okay=False, path_type=str))


@click.group()
def zones() -> None:
    """Build and list deconfliction zones from a spec (the bundled one if SPEC is omitted)."""


def _select(spec, at, *, unmapped=False):
    from geo_deconflict.zones import build_zones

    built = build_zones(spec, unmapped=unmapped)
    return [z for z in built if at is None or z.valid_at(at)]


@zones.command("build")
@spec_argument
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Output file: .geojson, .gpkg, .parquet or .kml (Google Earth), by extension.")
@click.option("--at", type=DATE, help="Only zones in force on this date (YYYY-MM-DD).")
@force_option
def build(spec, output, at, force):
    """Build the zones of SPEC and write them to OUTPUT (GeoJSON, GeoPackage, GeoParquet or
    KML for Google Earth, with each zone's dates as a time span)."""
    from geo_deconflict.geo.io import check_output, vector_format, write_text, write_vector
    from geo_deconflict.zones.model import zones_frame

    if output.lower().endswith(".kml"):
        from geo_deconflict.maps.kml import zones_kml

        check_output(output, overwrite=force)
        selected = _select(spec, at)
        if not selected:
            raise click.ClickException(f"no zone of the spec is in force on {at}; nothing written")
        write_text(output, zones_kml(selected), overwrite=force)
        click.echo(f"wrote {len(selected)} zones to {output} (KML)")
        return

    vector_format(output)  # fail on a bad extension or existing file before any work
    check_output(output, overwrite=force)
    listed = _select(spec, at, unmapped=True)
    selected = [z for z in listed if z.mapped]
    if not selected:
        raise click.ClickException(f"no zone of the spec is in force on {at}; nothing written")
    write_vector(zones_frame(selected), output, overwrite=force)
    left = [z.id for z in listed if not z.mapped]
    note = f"; left out, no geometry: {', '.join(left)}" if left else ""
    click.echo(f"wrote {len(selected)} zones to {output} ({vector_format(output)}){note}")


@zones.command("list")
@spec_argument
@click.option("--at", type=DATE, help="Only zones in force on this date (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per zone instead of a table.")
def list_zones(spec, at, as_json):
    """List the zones of SPEC: id, name, kind, area (km2), valid dates and sources.

    Zones listed without a geometry (``geometry: none``) show "not mapped" as their area; a
    "~" marks an approximate area. With --at, only the zones in force that day, or a line
    saying that none was.
    """
    rows = []
    for z in _select(spec, at, unmapped=True):
        rows.append({
            "id": z.id, "name_en": z.name_en, "name_ar": z.name_ar, "kind": z.kind,
            "area_km2": round(z.area_km2, 1) if z.mapped else None, "parties": list(z.parties),
            "valid_from": z.valid_from.isoformat() if z.valid_from else None,
            "valid_to": z.valid_to.isoformat() if z.valid_to else None,
            "source": "; ".join(str(s) for s in z.sources), "approximate": z.approximate,
            "mapped": z.mapped, "version_of": z.version_of,
        })
    if not rows:
        click.echo(f"no zone of the spec is in force on {at}", err=as_json)
        return
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    for row in rows:
        if row["area_km2"] is None:
            row["area"] = "not mapped"
        else:
            row["area"] = f"{row['area_km2']:,.0f}" + (" ~" if row["approximate"] else "")
        row["valid"] = f"{row['valid_from'] or '…'} to {row['valid_to'] or 'open'}"
    click.echo(table(rows, [("id", "id"), ("name_en", "name"), ("kind", "kind"),
                            ("area", "area km2"), ("valid", "valid"), ("source", "source")]))
