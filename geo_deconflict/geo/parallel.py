"""Mapping one function over many documents: in order on N processes, or over a dask.bag.

`map_ordered` is what ``geoparse --jobs N`` and ``extract --jobs N`` use: results come back
in input order, one document at a time, so a caller can write each as soon as it is ready.
`dask_jsonl` maps the same function over a ``dask.bag`` of documents and writes partitioned
JSONL (``part-0.jsonl`` ...), for corpora beyond one machine (the ``[dask]`` extra).
The function must be importable by name (a module-level function) and return a list of
JSON lines (str) per document.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

__all__ = ["dask_jsonl", "default_chunksize", "map_ordered"]


def map_ordered(func: Callable[[Any], Any], items: Sequence[Any], *, jobs: int = 1,
                initializer: Callable[[], None] | None = None,
                chunksize: int | None = None) -> Iterator[Any]:
    """``func(item)`` for each item, in input order, on `jobs` processes (1: in this one,
    without `initializer`: each item loads what it needs, and nothing more).

    On Linux the workers are forked after `initializer` has run here, so whatever it loaded
    (the modules, the gazetteer, the lexicons, warmed caches) is shared with them instead of
    being loaded again by each; the objects alive then are frozen out of the garbage
    collector (`gc.freeze`), so that its passes in the workers do not touch, and copy, the
    shared pages. Items go to the workers `chunksize` at a time (by default a few per
    worker round, so that a large corpus is not sent one document per message).
    """
    if jobs <= 1 or len(items) < 2:   # no workers to share with: load as the items need
        for item in items:
            yield func(item)
        return
    if initializer is not None:
        initializer()
    workers = min(jobs, len(items))
    if chunksize is None:
        chunksize = default_chunksize(len(items), workers)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork") if "fork" in methods else None
    if context is not None:
        gc.collect()
        gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                 initializer=initializer if context is None else None) as pool:
            yield from pool.map(func, items, chunksize=chunksize)
    finally:
        if context is not None:
            gc.unfreeze()


def default_chunksize(n_items: int, workers: int) -> int:
    """Items per message to a worker: 1 for a few documents, up to 16 for many (each worker
    still gets at least 8 rounds, so that the load stays balanced and output keeps coming).

    Examples
    --------
    >>> default_chunksize(6, 2), default_chunksize(2_500, 2), default_chunksize(100_000, 4)
    (1, 16, 16)
    """
    return max(1, min(16, n_items // (workers * 8)))


def dask_jsonl(func: Callable[[Any], list[str]], items: Sequence[Any], out_dir: str | Path, *,
               scheduler: str | None = None, workers: int = 2,
               partitions: int | None = None) -> list[Path]:
    """Map `func` over a dask.bag of `items` and write its lines as ``out_dir/part-N.jsonl``.

    `scheduler`: the address of a running dask.distributed scheduler; without it a local pool
    of `workers` processes runs the bag. Returns the part files written.
    """
    try:
        import dask
        import dask.bag as db
    except ImportError:  # pragma: no cover - the [dask] extra is not installed
        msg = "the dask engine needs the [dask] extra: pip install 'geo_deconflict[dask]'"
        raise RuntimeError(msg) from None
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    npart = partitions or max(1, min(len(items), workers * 4))
    bag = db.from_sequence(list(items), npartitions=npart).map(func).flatten()
    target = str(out / "part-*.jsonl")
    if scheduler:
        from distributed import Client

        with Client(scheduler):
            names = bag.to_textfiles(target, encoding="utf-8", last_endline=True)
    else:
        with dask.config.set(scheduler="processes", num_workers=workers):
            names = bag.to_textfiles(target, encoding="utf-8", last_endline=True)
    return [Path(n) for n in names]
