"""``geo-deconflict map``: a static HTML map of the zones."""

from __future__ import annotations

import click

from geo_deconflict.cli._common import DATE, force_option


@click.command("map")
@click.option("--zones", "spec", type=click.Path(dir_okay=False),
              help="Zone spec (YAML); the bundled zones by default.")
@click.option("--at", type=DATE, help="Only zones in force on this date (YYYY-MM-DD).")
@click.option("-o", "--output", default="deconfliction_map.html", show_default=True,
              type=click.Path(dir_okay=False), help="HTML file to write.")
@force_option
def map_command(spec, at, output, force):
    """Write a static HTML map of the zones, the Euphrates and key sites."""
    from geo_deconflict.io import check_output, write_text
    from geo_deconflict.render import render_map
    from geo_deconflict.zones import build_zones

    check_output(output, overwrite=force)
    zones = [z for z in build_zones(spec) if at is None or z.valid_at(at)]
    html = render_map(zones).get_root().render()
    write_text(output, html, overwrite=force)
    click.echo(f"wrote {output}: {len(zones)} zones")
