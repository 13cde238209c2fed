"""``geo-deconflict geoparse`` and ``geo-deconflict eval-geoparse``."""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

import click

from geo_deconflict.cli._common import force_option


@click.command("geoparse")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, allow_dash=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "geojson"]), default="jsonl",
              show_default=True,
              help="jsonl: one object per mention; geojson: a FeatureCollection (points for "
                   "toponyms, polygons for relative expressions).")
@click.option("-o", "--output", type=click.Path(path_type=str),
              help="Write to this file (atomically) instead of standard output; with "
                   "--engine dask, a folder for the part files.")
@click.option("--no-metonymic", is_flag=True,
              help="Leave out capitals and countries that stand for their governments.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Parse the documents on this many processes (output keeps the input order; "
                   "each document is written as soon as it is done).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True,
              help="dask: map the same function over a dask.bag of FILES and write partitioned "
                   "JSONL (part-N.jsonl) into the folder given with -o (extra [dask]).")
@click.option("--scheduler", metavar="ADDRESS",
              help="--engine dask: a running dask.distributed scheduler; local processes "
                   "(--jobs of them) otherwise.")
@force_option
def geoparse_command(files, fmt, output, no_metonymic, jobs, engine, scheduler, force):
    """Find the places mentioned in news reports (Arabic or English): FILE... or - for stdin.

    Each mention gives its span (start/end offsets into the file's text), the place
    (id, name, lat/lon, feature class), ACLED geo-precision (1 town/site, 2 near a town or
    part of a region, 3 governorate or larger), a score, whether it is metonymic ("Moscow
    said ...") and, for relative expressions such as "east of the Euphrates" or «ريف حماة
    الشمالي», the relation and its anchor. `doc` is the file's stem.
    """
    from geo_deconflict.geo.io import check_output

    items = _items(files, fmt=fmt, no_metonymic=no_metonymic)
    if engine == "dask":
        _dask(_geoparse_item, items, output, fmt=fmt, scheduler=scheduler, jobs=jobs,
              force=force, what="mentions")
        return
    if output:
        check_output(output, overwrite=force)
    count, failed = _stream(_geoparse_item, items, output, jobs=jobs, force=force,
                            collection=fmt == "geojson", desc="geoparse")
    if output:
        click.echo(f"wrote {count} mentions from {len(items) - len(failed)} document(s) to "
                   f"{output}", err=True)
    report_failures(failed, len(items))


def _geoparse_item(item) -> tuple[list[str], BaseException | None]:
    """(the output lines (JSON) of one document: jsonl objects or GeoJSON features, the error
    that stopped it or None): one bad report must not sink the batch."""
    name, path, text, fmt, no_metonymic = item
    from geo_deconflict.geoparse.core import geoparse

    if text is None:
        text = _read(path)  # an unreadable file stops the command, as before any work
    try:
        mentions = geoparse(text, geometry=fmt == "geojson")
    except Exception as err:
        if os.environ.get("GEO_DECONFLICT_DEBUG"):
            raise
        return [], err
    out = []
    for mention in mentions:
        if no_metonymic and mention.metonymic:
            continue
        if fmt == "jsonl":
            out.append(json.dumps(mention.to_dict(doc=name), ensure_ascii=False))
        else:
            feature = mention.to_feature(doc=name)
            if feature is not None:
                out.append(json.dumps(feature, ensure_ascii=False))
    return out, None


def _warm() -> None:
    """Load the gazetteer, the layers and the modules before the workers fork, so that they
    share them instead of each loading them again."""
    from geo_deconflict.gazetteer.api import load_gazetteer
    from geo_deconflict.geoparse.core import geoparse

    geoparse("Shelling north of Manbij, east of the Euphrates. قصف في ريف حلب الشمالي.",
             gazetteer=load_gazetteer(), geometry=False)


def _items(files, **options) -> list[tuple]:
    """(doc name, path, text or None, *options) per FILE; every file must exist (stdin is read
    now, files by the worker that parses them)."""
    from geo_deconflict.errors import InputFileError

    items = []
    for name, path in _docs(files):
        text = None
        if path == "-":
            text = _read(path)
        elif not Path(path).is_file():
            raise InputFileError(f"input file not found: {path}")
        items.append((name, path, text, *options.values()))
    return items


def _stream(func, items, output, *, jobs, force, collection, desc
            ) -> tuple[int, list[tuple[str, BaseException]]]:
    """Run `func` over the items (in order, on `jobs` processes) and write each document's
    lines as it comes: JSON lines, or the features of one FeatureCollection. Returns the
    number of lines and the (document, error) of those that failed; a file output is written
    atomically (nothing is left on error)."""
    failed: list[tuple[str, BaseException]] = []
    from tqdm import tqdm

    from geo_deconflict.geo.io import atomic_path
    from geo_deconflict.geo.parallel import map_ordered

    def emit(write) -> int:
        count = 0
        if collection:
            write('{"type": "FeatureCollection", "features": [')
        results = map_ordered(func, items, jobs=jobs, initializer=_warm)
        for item, (lines, error) in zip(items, tqdm(
                results, total=len(items), desc=desc, unit="doc", file=sys.stderr,
                disable=True if len(items) < 2 else None)):
            if error is not None:
                failed.append((item[0], error))
            if not lines:
                continue
            if collection:
                write((", " if count else "") + ", ".join(lines))
            else:
                write("\n".join(lines) + "\n")
            count += len(lines)
        if collection:
            write("]}\n")
        return count

    if not output:
        return emit(lambda chunk: click.echo(chunk, nl=False)), failed
    with atomic_path(output, overwrite=force) as tmp, tmp.open("w", encoding="utf-8") as handle:
        return emit(handle.write), failed


def _lines_only(func, item) -> list[str]:
    """The lines of `func`'s (lines, error) for a dask bag: a document that failed gives none."""
    lines, _ = func(item)
    return lines


def _dask(func, items, output, *, fmt, scheduler, jobs, force, what) -> None:
    """--engine dask: partitioned JSONL in the folder `output`."""
    from geo_deconflict.geo.parallel import dask_jsonl

    if fmt != "jsonl":
        raise click.UsageError("--engine dask writes JSONL parts; use --format jsonl")
    if not output:
        raise click.UsageError("--engine dask needs -o FOLDER for the part files")
    folder = Path(output)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())) and not force:
        raise click.UsageError(f"{output} exists and is not an empty folder (use --force)")
    if folder.is_dir() and force:
        for old in folder.glob("part-*.jsonl"):
            old.unlink()
    parts = dask_jsonl(functools.partial(_lines_only, func), items, folder,
                       scheduler=scheduler, workers=jobs)
    click.echo(f"wrote {what} of {len(items)} document(s) to {len(parts)} part file(s) in "
               f"{output}", err=True)


def report_failures(failed: list[tuple[str, BaseException]], total: int) -> None:
    """List the documents that could not be processed on stderr, one line each, and exit
    with status 1 if there were any (the others have been written)."""
    if not failed:
        return
    for doc, err in failed:
        reason = " ".join(str(err).split()) or type(err).__name__
        click.echo(f"skipped {doc}: {type(err).__name__}: {reason}", err=True)
    click.echo(f"{len(failed)} of {total} document(s) skipped", err=True)
    click.get_current_context().exit(1)


@click.command("eval-geoparse")
@click.argument("gold", type=click.Path(dir_okay=False, path_type=str))
@click.argument("texts_dir", type=click.Path(file_okay=False, path_type=str))
@click.option("--no-metonymic", is_flag=True,
              help="Also score without metonymic mentions (capitals/countries as actors).")
@click.option("--proximity", type=click.Choice(["auto", "include", "exclude"]), default="auto",
              show_default=True,
              help="Whether mere proximity (near X, «قرب X») counts as a relative expression; "
                   "auto: when the gold annotates any `near` relation.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_geoparse_command(gold, texts_dir, no_metonymic, proximity, as_json):
    """Score the geoparser on GOLD (places.jsonl lines) against the texts <doc>.txt in TEXTS_DIR.

    Prints detection precision/recall/F1 (a span counts when it overlaps the gold span),
    resolution accuracy within 25 and 161 km and the mean error, for toponyms and for
    relative expressions; the share of relative expressions found with the right relation
    and anchor; and how well the metonymic flag agrees. Annotation sets differ on mere
    proximity (near X): see --proximity.
    """
    from geo_deconflict.geoparse.evaluate import evaluate_geoparse, read_gold

    lines = read_gold(gold)
    runs = [evaluate_geoparse(lines, texts_dir, proximity=proximity)]
    if no_metonymic:
        runs.append(evaluate_geoparse(lines, texts_dir, include_metonymic=False,
                                      proximity=proximity))
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in runs], indent=1))
        return
    click.echo("\n\n".join(r.format() for r in runs))


def _docs(files):
    seen: dict[str, int] = {}
    for path in files:
        name = "stdin" if path == "-" else Path(path).stem
        if name in seen:  # two files with one stem: keep the names apart
            seen[name] += 1
            name = f"{name}~{seen[name]}"
        else:
            seen[name] = 0
        yield name, path


def _read(path: str) -> str:
    from geo_deconflict.errors import InputFileError

    if path == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    else:
        p = Path(path)
        if not p.is_file():
            raise InputFileError(f"input file not found: {path}")
        data = p.read_bytes()
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        msg = f"{path} is not UTF-8 text (byte {err.start}: {data[err.start:err.start + 1]!r})"
        raise InputFileError(msg) from None
