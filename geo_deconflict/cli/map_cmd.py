"""``geo-deconflict map``: a static HTML map of the zones and the reported incidents, or a
static PNG/PDF figure of them."""

from __future__ import annotations

import click

from geo_deconflict.cli._common import (
    DATE,
    column_options,
    force_option,
    incidents_argument,
    load_records,
    skip_invalid_option,
)


@click.command("map")
@incidents_argument
@click.option("--zones", "spec", type=click.Path(dir_okay=False),
              help="Zone spec (YAML); the bundled zones by default.")
@click.option("--at", type=DATE,
              help="Open the map on this day (YYYY-MM-DD): incidents up to it, zones in force.")
@click.option("--offline/--tiles", default=True, show_default=True,
              help="One self-contained file with a vector basemap (default), or OpenStreetMap "
                   "tiles and CDN scripts (needs a network connection to view).")
@click.option("--title", help="Heading shown on the map.")
@click.option("--reports", "reports_dir", type=click.Path(file_okay=False, exists=True),
              help="Folder of the report texts (<doc>.txt) the drafts were extracted from: a "
                   "draft's popup then shows its sentence with the evidence marked.")
@click.option("--breaches", "show_breaches", is_flag=True,
              help="Add a layer ringing the incidents that broke a zone's rules "
                   "(see `geo-deconflict breaches`).")
@skip_invalid_option
@column_options
@click.option("-o", "--output", default="deconfliction_map.html", show_default=True,
              type=click.Path(dir_okay=False), help="HTML file to write.")
@click.option("--png", "png", type=click.Path(dir_okay=False),
              help="Write a static PNG figure (legend, scale bar, north arrow, attribution) "
                   "instead of the HTML map; no browser needed.")
@click.option("--pdf", "pdf", type=click.Path(dir_okay=False),
              help="Write the static figure as PDF instead of the HTML map.")
@force_option
def map_command(incidents, spec, at, offline, title, reports_dir, show_breaches, skip_invalid,
                lat_column, lon_column, date_column, output, png, pdf, force):
    """Write a static HTML map of the zones and the incidents in INCIDENTS.

    INCIDENTS are files of incident records: ACLED or UCDP GED CSV (or any CSV with
    --lat-column/--lon-column/--date-column), GeoJSON, GeoPackage or the project's JSONL.
    With none, the seed incidents are mapped. Records that cannot be placed are listed on
    stderr, never dropped silently. --png/--pdf write a figure for a report instead.
    """
    from geo_deconflict.geo.io import check_output, write_text
    from geo_deconflict.zones import build_zones

    if png and pdf:
        raise click.UsageError("give --png or --pdf, not both")
    figure = png or pdf
    target = figure or output
    check_output(target, overwrite=force)
    zones = build_zones(spec)
    records, skipped = load_records(incidents, skip_invalid=skip_invalid, lat_column=lat_column,
                                    lon_column=lon_column, date_column=date_column)
    found = []
    if show_breaches:
        from geo_deconflict.breaches.core import find_breaches

        found = find_breaches(records, zones).breaches
    if figure:
        from geo_deconflict.maps.figure import render_figure

        size = render_figure(zones, records, target, at=at, title=title, breaches=found,
                             overwrite=force, fmt="png" if png else "pdf")
        kind = "PNG" if png else "PDF"
    else:
        from geo_deconflict.maps.render import map_html, render_map

        html = map_html(render_map(zones, records, offline=offline, at=at, title=title,
                                   breaches=found, texts=_report_texts(reports_dir, records)))
        write_text(output, html, overwrite=force)
        size = len(html.encode())
        kind = "offline" if offline else "tiles"
    for item in skipped:
        click.echo(f"skipped {item}", err=True)
    areas = sum(1 for r in records if r.geo_precision == 3 or r.metonymic)
    circles = sum(1 for r in records if r.geo_precision == 2 and not r.metonymic)
    source = "seed incidents" if not incidents else f"incidents from {len(incidents)} file(s)"
    click.echo(f"wrote {target} ({size / 1e6:.1f} MB, {kind}): {len(zones)} zones, "
               f"{len(records)} {source} ({len(records) - areas - circles} exact, {circles} "
               f"approximate, {areas} area-level)"
               + (f", {len(skipped)} skipped" if skipped else "")
               + (f", {len(found)} breach(es) ringed" if show_breaches else ""))


def _report_texts(folder, records) -> dict[str, str]:
    """The texts of the reports the records cite (``<doc>.txt`` in `folder`), by report id."""
    from pathlib import Path

    if folder is None:
        return {}
    texts = {}
    for doc in {r.provenance.doc for r in records if r.provenance is not None}:
        path = Path(folder) / f"{doc}.txt"
        if path.is_file():
            try:
                texts[doc] = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as err:
                raise click.ClickException(f"cannot read report {path}: {err}") from None
    if not texts:
        click.echo(f"Warning: no report text in {folder} for the records' report ids", err=True)
    return texts
