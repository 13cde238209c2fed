"""``geo-deconflict breaches``: incidents that broke the deconfliction arrangements."""

from __future__ import annotations

import json

import click

from geo_deconflict.cli._common import (
    column_options,
    incidents_argument,
    load_records,
    skip_invalid_option,
    table,
)


@click.command("breaches")
@incidents_argument
@click.option("--zones", "spec", type=click.Path(dir_okay=False),
              help="Zone spec (YAML) with the rules; the bundled zones by default.")
@click.option("--json", "as_json", is_flag=True, help="One JSON document instead of tables.")
@skip_invalid_option
@column_options
def breaches_command(incidents, spec, as_json, skip_invalid, lat_column, lon_column, date_column):
    """List the incidents in INCIDENTS (the seed incidents by default) whose actors operated in
    a zone not allotted to them while it was in force, and those that cannot be decided.

    A zone's `rules.allowed` (else its `parties`) says who may operate there. Only operations
    (strikes, clashes, offensives, deployments …) are assessed; statements and meetings are
    not. Non-parties such as ISIS cannot breach, but their presence in a zone is listed.
    `geo-deconflict map --breaches` draws the same breaches on the map.
    """
    from geo_deconflict.breaches.core import find_breaches
    from geo_deconflict.zones import build_zones

    zones = build_zones(spec)
    records, skipped = load_records(incidents, skip_invalid=skip_invalid, lat_column=lat_column,
                                    lon_column=lon_column, date_column=date_column)
    for item in skipped:
        click.echo(f"skipped {item}", err=True)
    report = find_breaches(records, zones)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=str))
        return
    rows = [b.to_dict() for b in report.breaches]
    for row in rows:
        row["operators"] = ", ".join(row["operators"])
        where = [f"±{row['uncertainty_km']:g} km"] if row["uncertainty_km"] else []
        where += [row["area"]] if row.get("area") else []
        row["precision"] = f"{row['geo_precision']}" + (f" ({', '.join(where)})" if where else "")
    click.echo(f"Breaches ({len(rows)})")
    if rows:
        click.echo(table(rows, [("incident", "incident"), ("date", "date"),
                                ("operators", "operators"), ("zone", "zone"),
                                ("km_inside", "km inside"), ("precision", "precision"),
                                ("source", "source")]))
        for b in report.breaches:
            click.echo(f"  {b.incident.id}: {b.rule}")
    undecided = [u.to_dict() for u in report.undecided]
    click.echo(f"\nUndecided ({len(undecided)})")
    if undecided:
        click.echo(table(undecided, [("incident", "incident"), ("date", "date"),
                                     ("kind", "kind"), ("reason", "reason")]))
    presences = [p.to_dict() for p in report.presences]
    for row in presences:
        row["actors"] = ", ".join(row["actors"])
    click.echo(f"\nNon-party presence in a zone ({len(presences)})")
    if presences:
        click.echo(table(presences, [("incident", "incident"), ("date", "date"),
                                     ("actors", "actors"), ("zone", "zone"),
                                     ("source", "source")]))
    click.echo(f"\n{len(records)} incidents: {_n(len(report.breaches), 'breach', 'breaches')}, "
               f"{len(report.undecided)} undecided, {len(report.presences)} non-party presence, "
               f"{len(report.compliant)} within the rules, {len(report.outside)} outside every "
               f"zone, {len(report.not_assessed)} not operations (statements, meetings …)")


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
