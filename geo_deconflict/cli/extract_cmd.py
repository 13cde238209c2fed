"""``geo-deconflict extract`` and ``geo-deconflict eval-extract``."""

from __future__ import annotations

import json
import os
import re

import click

from geo_deconflict.cli._common import DATE, force_option, table

_FORMATS = {".json": "json", ".jsonl": "jsonl", ".geojson": "geojson", ".gpkg": "gpkg",
            ".csv": "acled"}


@click.command("extract")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, allow_dash=True, path_type=str))
@click.option("--published", type=DATE,
              help="Publication date (YYYY-MM-DD) to resolve «السبت», «الشهر الماضي», "
                   "'last month'...; by default a date printed on a line of its own.")
@click.option("--source", help="The outlet, recorded in each draft's sources "
                               "(by default agencies credited in the text).")
@click.option("--doc", help="Report id used in draft ids (default: the file's stem).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str),
              help="Write the drafts here (atomically): .json (a list, the default form), "
                   ".jsonl, .geojson, .gpkg or .csv (ACLED columns). Without it, JSON goes "
                   "to standard output.")
@click.option("--places", type=click.Choice(["each", "first"]), default="each",
              show_default=True,
              help="An event at a list of places («قرى السوسة والشعفة والباغوز»): one draft "
                   "per place, or one draft at the first place whose notes name the others.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Read the reports on this many processes (drafts keep the input order).")
@force_option
def extract_command(files, published, source, doc, output, places, jobs, force):
    """Draft incident records from news reports: FILE... (Arabic or English text) or - for stdin.

    One draft per reported event or claim: event type and kind, actors, place (with ACLED
    geo-precision and uncertainty in metres), date (with precision), casualties, a short
    summary, sources, and provenance: the sentence's offsets and the offsets of each piece
    of evidence (trigger, actor, place, date, casualties). The drafts load directly as
    incidents: `geo-deconflict map drafts.json`, `geo-deconflict check drafts.json`.
    """
    from pathlib import Path

    from geo_deconflict.cli.geoparse_cmd import _items, report_failures
    from geo_deconflict.errors import InputFileError
    from geo_deconflict.extract.drafts import drafts_json
    from geo_deconflict.geo.io import check_output, write_text
    from geo_deconflict.geo.parallel import map_ordered
    from geo_deconflict.incidents.write import write_incidents

    fmt = None
    if output:
        fmt = _FORMATS.get(Path(output).suffix.lower())
        if fmt is None:
            msg = (f"cannot tell the output format of {output!r} from its extension; use "
                   f"{', '.join(_FORMATS)}")
            raise InputFileError(msg)
        check_output(output, overwrite=force)
    if doc and len(files) > 1:
        raise click.UsageError("--doc names one report; give one FILE with it")
    texts = [(doc or item[0], *item[1:]) for item in _items(
        files, published=published, source=source, each_place=places == "each")]
    drafts, failed = [], []
    for item, (found, error, note) in zip(texts, map_ordered(_extract_item, texts, jobs=jobs,
                                                               initializer=_warm_extract)):
        if note:
            click.echo(note, err=True)
        drafts.extend(found)
        if error is not None:  # one bad report must not sink the batch
            failed.append((item[0], error))
    if not output:
        click.echo(drafts_json(drafts), nl=False)
        report_failures(failed, len(texts))
        return
    if fmt == "json":
        write_text(output, drafts_json(drafts), overwrite=force)
    elif fmt == "jsonl":
        write_text(output, "".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n"
                                   for d in drafts), overwrite=force)
    else:
        write_incidents([d.incident for d in drafts], output, format=fmt, overwrite=force)
    rows = [{"id": d.incident.id, "date": d.incident.date_label, "kind": d.incident.kind,
             "place": d.incident.place, "p": d.incident.geo_precision,
             "actors": ", ".join(d.incident.actors)} for d in drafts]
    if rows:
        click.echo(table(rows, [("id", "id"), ("date", "date"), ("kind", "kind"),
                                ("p", "prec"), ("place", "place"), ("actors", "actors")]))
    click.echo(f"wrote {len(drafts)} draft(s) from {len(texts) - len(failed)} report(s) to "
               f"{output}", err=True)
    report_failures(failed, len(texts))


def _warm_extract() -> None:
    """Load the gazetteer, the geoparser's and the extractor's lexicons and modules before the
    workers fork (`geo.parallel.map_ordered`), so that they share them."""
    import datetime as dt

    from geo_deconflict.cli.geoparse_cmd import _warm
    from geo_deconflict.extract.core import extract
    from geo_deconflict.extract.published import guess_publication_date

    _warm()
    english = "Government forces shelled villages north of Manbij on Friday, killing two."
    arabic = "قصفت قوات النظام قرى في ريف حلب الشمالي يوم الجمعة، ما أدى إلى مقتل مدنيين."
    for text in (english, arabic):
        guess_publication_date(text)
        extract(text, published=dt.date(2019, 10, 12), doc="warm-up")


def _extract_item(item) -> tuple[list, BaseException | None, str | None]:
    """(the drafts of one report, read by the worker unless it came on stdin; the error that
    stopped it or None; a note for stderr or None)."""
    from geo_deconflict.cli.geoparse_cmd import _read
    from geo_deconflict.extract.core import extract
    from geo_deconflict.extract.published import guess_publication_date

    name, path, text, published, source, each_place = item
    if text is None:
        text = _read(path)  # an unreadable file stops the command, as before any work
    note = None
    if published is None and guess_publication_date(text) is None:
        note = (f"note: {name}: no publication date given (--published) or found in the "
                f"text; relative dates («أمس», 'on Friday') are left unresolved")
    try:
        return extract(text, published=published, doc=name, source=source,
                       each_place=each_place), None, note
    except Exception as err:
        if os.environ.get("GEO_DECONFLICT_DEBUG"):
            raise
        return [], err, note


@click.command("eval-extract")
@click.argument("gold", type=click.Path(dir_okay=False, path_type=str))
@click.argument("texts_dir", type=click.Path(file_okay=False, path_type=str))
@click.option("--published", "published_pairs", multiple=True, metavar="DOC=DATE",
              help="Publication date of one document, e.g. 002=2017-09-17 (repeatable).")
@click.option("--published-file", type=click.Path(dir_okay=False, path_type=str),
              help='JSON object of publication dates: {"002": "2017-09-17", ...}.')
@click.option("--max-km", type=click.FloatRange(0, min_open=True), default=25.0,
              show_default=True, help="Largest distance between the gold and the draft place.")
@click.option("--point-to-point", is_flag=True,
              help="Measure places point to point only (no area-aware matching).")
@click.option("--strict-dates", is_flag=True,
              help="A draft's dates must lie inside the gold range (not just overlap it).")
@click.option("--details", is_flag=True, help="Also list missed gold ids and unmatched drafts.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_extract_command(gold, texts_dir, published_pairs, published_file, max_km,
                         point_to_point, strict_dates, details, as_json):
    """Score `extract` on GOLD incident records against the texts <doc>.txt in TEXTS_DIR.

    A gold event is found when a draft of the same document has the same place within
    MAX-KM (area-aware where both are areas at the same precision), at least one actor in
    common and, where the gold is dated, a date overlapping its range; one-to-one. Prints
    recall and precision per document and overall. Publication dates come from --published
    and --published-file; other documents are dated from a date line in their text, if any.
    """
    import datetime as dt

    from geo_deconflict.extract.evaluate import evaluate_extraction, read_published

    published = read_published(published_file) if published_file else {}
    for pair in published_pairs:
        match = re.fullmatch(r"\s*([^=\s]+)\s*=\s*(\S+)\s*", pair)
        try:
            if not match:
                raise ValueError
            published[match[1]] = dt.date.fromisoformat(match[2])
        except ValueError:
            raise click.BadParameter(f"{pair!r} is not DOC=YYYY-MM-DD",
                                     param_hint="--published") from None
    result = evaluate_extraction(gold, texts_dir, published=published, max_km=max_km,
                                 area_aware=not point_to_point, strict_dates=strict_dates)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=1))
    else:
        click.echo(result.format(details=details))
