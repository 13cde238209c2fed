"""``geo-deconflict gazetteer``: look names up, describe a point, import GeoNames dumps."""

from __future__ import annotations

import json

import click

from geo_deconflict.cli._common import table

_KIND_HELP = ("Keep only this kind (repeatable): a GeoNames class letter (P, A, H, L, S, T) "
              "or country, governorate, city, river, region, site, mountain.")


@click.group()
def gazetteer() -> None:
    """Offline gazetteer of Arabic, English and transliterated place names.

    Bundled: GeoNames places of Syria and its neighbours, world cities and capitals,
    countries, Syria's villages (Who's On First, CC0), the project's governorates, rivers and
    sites, and a curated table of regions, features and short forms (GeoNames data CC BY 4.0,
    geonames.org). Run `gazetteer import` to add a full GeoNames dump.
    """


@gazetteer.command("lookup")
@click.argument("name")
@click.option("-n", "--limit", type=click.IntRange(1, 100), default=5, show_default=True,
              help="Show at most this many candidates.")
@click.option("--country", help="Keep only this country (ISO 3166-1 code such as SY or SYR, "
                                "or a name such as Syria).")
@click.option("--admin1", help="Keep only places in this Syrian governorate (a name in either "
                               "script, or its code such as SY-DY), as in ACLED's admin1.")
@click.option("--kind", "kinds", multiple=True, help=_KIND_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the candidates as a JSON list.")
def lookup_command(name, limit, country, admin1, kinds, as_json):
    """Ranked candidates for NAME, with how each matched and a 0-1 score.

    Exits with code 1 and the closest names when nothing matches.
    """
    from geo_deconflict.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    found = gaz.lookup(name, limit=limit, country=country, kinds=kinds or None, admin1=admin1)
    if not found:
        gaz.resolve(name, country=country, kinds=kinds or None)  # raises with suggestions
    if as_json:
        click.echo(json.dumps([c.to_dict() for c in found], ensure_ascii=False, indent=1))
        return
    rows = [{"rank": i, "id": c.place.id, "name": c.place.name_en, "arabic": c.place.name_ar,
             "class": c.place.feature_class + ("~" if c.place.approximate else ""),
             "cc": c.place.country, "lon": f"{c.place.lon:.4f}", "lat": f"{c.place.lat:.4f}",
             "population": c.place.population or "", "score": f"{c.score:.3f}",
             "match": c.match + (f" ({c.peeled})" if c.peeled else "")
             + (f": {c.matched}" if c.match == "fuzzy" else "")}
            for i, c in enumerate(found, 1)]
    click.echo(table(rows, [("rank", "#"), ("id", "id"), ("name", "name"), ("arabic", "arabic"),
                            ("class", "class"), ("cc", "cc"), ("lon", "lon"), ("lat", "lat"),
                            ("population", "population"), ("score", "score"),
                            ("match", "match")]))
    if any(c.place.approximate for c in found):
        click.echo("~ approximate location")


@gazetteer.command("reverse")
@click.option("--lon", type=click.FloatRange(-180, 180), required=True, help="Longitude (degrees).")
@click.option("--lat", type=click.FloatRange(-90, 90), required=True, help="Latitude (degrees).")
@click.option("--min-population", type=click.IntRange(0), default=0, show_default=True,
              help="Only consider populated places at least this large.")
@click.option("--kind", "kinds", multiple=True, default=("P",), show_default=True,
              help="Kinds of place to measure from (repeatable): P populated places, "
                   "S sites, T hills.")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
def reverse_command(lon, lat, min_population, kinds, as_json):
    """The nearest named place to LON/LAT, e.g. "12 km NE of Deir ez-Zor"."""
    from geo_deconflict.gazetteer import load_gazetteer

    near = load_gazetteer().reverse(lon, lat, min_population=min_population,
                                           kinds=kinds)
    if as_json:
        click.echo(json.dumps({"description": near.description,
                               "distance_m": round(near.distance_m, 1),
                               "bearing_deg": round(near.bearing_deg, 1),
                               "direction": near.direction, "place": near.place.to_dict()},
                              ensure_ascii=False, indent=1))
        return
    p = near.place
    arabic = f" / {p.name_ar}" if p.name_ar else ""
    click.echo(f"{near.description}  [{p.id}{arabic}, {p.country or '-'}; "
               f"bearing {near.bearing_deg:.0f}°]")


@gazetteer.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--alternate-names", type=click.Path(dir_okay=False, path_type=str),
              help="GeoNames alternateNamesV2.txt (or a country's alternate names file).")
@click.option("--db", type=click.Path(dir_okay=False, path_type=str),
              help="Index file (default: $GEO_DECONFLICT_HOME/geonames.sqlite).")
def import_command(file, alternate_names, db):
    """Load a GeoNames dump FILE (allCountries.txt, SY.txt ...) into the local index.

    The index is used beside the bundled gazetteer by `lookup` and `reverse`. Importing
    again adds places (records with the same geonameid are replaced).
    """
    from geo_deconflict.gazetteer.geonames_db import import_geonames

    stats = import_geonames(file, alternate_names=alternate_names, db=db)
    alt = f", {stats.alternate_names} alternate names" if alternate_names else ""
    click.echo(f"imported {stats.places} places, {stats.names} names{alt} into {stats.db}")
