"""``geo-deconflict geoparse`` and ``geo-deconflict eval-geoparse``."""

from __future__ import annotations

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
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str),
              help="Write to this file (atomically) instead of standard output.")
@click.option("--no-metonymic", is_flag=True,
              help="Leave out capitals and countries that stand for their governments.")
@force_option
def geoparse_command(files, fmt, output, no_metonymic, force):
    """Find the places mentioned in news reports (Arabic or English): FILE... or - for stdin.

    Each mention gives its span (start/end offsets into the file's text), the place
    (id, name, lat/lon, feature class), ACLED geo-precision (1 town/site, 2 near a town or
    part of a region, 3 governorate or larger), a score, whether it is metonymic ("Moscow
    said ...") and, for relative expressions such as "east of the Euphrates" or «ريف حماة
    الشمالي», the relation and its anchor. `doc` is the file's stem.
    """
    from tqdm import tqdm

    from geo_deconflict.geo.io import check_output, write_text
    from geo_deconflict.geoparse.core import geoparse

    if output:
        check_output(output, overwrite=force)
    texts = [(name, _read(path)) for name, path in _docs(files)]  # all readable before work
    lines, features = [], []
    failed = []
    for doc, text in tqdm(texts, desc="geoparse", unit="doc", file=sys.stderr,
                          disable=True if len(texts) < 2 else None):
        try:
            mentions = geoparse(text, geometry=fmt == "geojson")
        except Exception as err:  # one bad report must not sink the batch
            if os.environ.get("GEO_DECONFLICT_DEBUG"):
                raise
            failed.append((doc, err))
            continue
        for mention in mentions:
            if no_metonymic and mention.metonymic:
                continue
            if fmt == "jsonl":
                lines.append(json.dumps(mention.to_dict(doc=doc), ensure_ascii=False))
            else:
                feature = mention.to_feature(doc=doc)
                if feature is not None:
                    features.append(feature)
    if fmt == "jsonl":
        result = "\n".join(lines) + ("\n" if lines else "")
    else:
        result = json.dumps({"type": "FeatureCollection", "features": features},
                            ensure_ascii=False) + "\n"
    if output:
        write_text(output, result, overwrite=force)
        click.echo(f"wrote {len(lines) or len(features)} mentions from "
                   f"{len(texts) - len(failed)} "
                   f"document(s) to {output}", err=True)
    else:
        click.echo(result, nl=False)
    report_failures(failed, len(texts))


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
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_geoparse_command(gold, texts_dir, no_metonymic, as_json):
    """Score the geoparser on GOLD (places.jsonl lines) against the texts <doc>.txt in TEXTS_DIR.

    Prints detection precision/recall/F1 (a span counts when it overlaps the gold span),
    resolution accuracy within 25 and 161 km and the mean error, for toponyms and for
    relative expressions; the share of relative expressions found with the right relation
    and anchor; and how well the metonymic flag agrees.
    """
    from geo_deconflict.geoparse.evaluate import evaluate_geoparse, read_gold

    lines = read_gold(gold)
    runs = [evaluate_geoparse(lines, texts_dir)]
    if no_metonymic:
        runs.append(evaluate_geoparse(lines, texts_dir, include_metonymic=False))
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
