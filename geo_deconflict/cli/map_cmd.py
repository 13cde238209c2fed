"""``geo-deconflict map``: a static HTML map of the zones and the reported incidents."""

from __future__ import annotations

import click

from geo_deconflict.cli._common import DATE, force_option


@click.command("map")
@click.argument("incidents", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--zones", "spec", type=click.Path(dir_okay=False),
              help="Zone spec (YAML); the bundled zones by default.")
@click.option("--at", type=DATE,
              help="Open the map on this day (YYYY-MM-DD): incidents up to it, zones in force.")
@click.option("--offline/--tiles", default=True, show_default=True,
              help="One self-contained file with a vector basemap (default), or OpenStreetMap "
                   "tiles and CDN scripts (needs a network connection to view).")
@click.option("--title", help="Heading shown on the map.")
@click.option("--skip-invalid", is_flag=True,
              help="List records with a bad date or coordinate as skipped instead of stopping.")
@click.option("-o", "--output", default="deconfliction_map.html", show_default=True,
              type=click.Path(dir_okay=False), help="HTML file to write.")
@force_option
def map_command(incidents, spec, at, offline, title, skip_invalid, output, force):
    """Write a static HTML map of the zones and the incidents in INCIDENTS.

    INCIDENTS are files of incident records: ACLED or UCDP GED CSV, GeoJSON, GeoPackage or
    the project's JSONL. With none, the seed incidents are mapped. Records that cannot be
    placed are listed on stderr, never dropped silently.
    """
    from geo_deconflict.incidents import load_incidents, seed_incidents
    from geo_deconflict.io import check_output, write_text
    from geo_deconflict.render import map_html, render_map
    from geo_deconflict.zones import build_zones

    check_output(output, overwrite=force)
    zones = build_zones(spec)
    skipped = []
    if incidents:
        result = load_incidents(incidents, on_error="skip" if skip_invalid else "raise")
        records, skipped = result.incidents, result.skipped
    else:
        records = seed_incidents()
    html = map_html(render_map(zones, records, offline=offline, at=at, title=title))
    write_text(output, html, overwrite=force)
    for item in skipped:
        click.echo(f"skipped {item}", err=True)
    areas = sum(1 for r in records if r.geo_precision == 3 or r.metonymic)
    circles = sum(1 for r in records if r.geo_precision == 2 and not r.metonymic)
    source = "seed incidents" if not incidents else f"incidents from {len(incidents)} file(s)"
    click.echo(f"wrote {output} ({len(html.encode()) / 1e6:.1f} MB, "
               f"{'offline' if offline else 'tiles'}): {len(zones)} zones, {len(records)} "
               f"{source} ({len(records) - areas - circles} exact, {circles} approximate, "
               f"{areas} area-level)" + (f", {len(skipped)} skipped" if skipped else ""))
