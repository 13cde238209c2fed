"""`geo.parallel.map_ordered`: results in input order on forked workers that share what the
initializer loaded; the collector state is restored afterwards."""

from __future__ import annotations

import gc
import os

import pytest

from geo_deconflict.cli._common import without_gc
from geo_deconflict.geo.parallel import default_chunksize, map_ordered

_LOADED: dict[str, int] = {}


def _load() -> None:
    _LOADED["pid"] = os.getpid()


def _where(item: int) -> tuple[int, int, int | None]:
    return item, os.getpid(), _LOADED.get("pid")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers inherit state only when forked")
def test_workers_return_in_order_and_inherit_what_the_initializer_loaded():
    _LOADED.clear()
    frozen = gc.get_freeze_count()
    items = list(range(200))
    got = list(map_ordered(_where, items, jobs=2, initializer=_load))
    assert [g[0] for g in got] == items
    assert all(pid != os.getpid() for _, pid, _ in got)         # done in the workers
    assert {loaded for _, _, loaded in got} == {os.getpid()}     # loaded once, here
    assert gc.get_freeze_count() == frozen


def test_one_job_runs_here():
    assert [pid for _, pid, _ in map_ordered(_where, [1, 2, 3], jobs=1)] == [os.getpid()] * 3


def test_chunks_grow_with_the_corpus_and_keep_every_worker_busy():
    assert default_chunksize(3, 2) == 1
    assert 1 < default_chunksize(400, 2) <= 400 // (2 * 8)
    assert default_chunksize(10**6, 8) == 16


def test_without_gc_turns_the_collector_back_on():
    assert gc.isenabled()
    with without_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), without_gc():
        raise RuntimeError
    assert gc.isenabled()


def test_one_job_does_not_run_the_initializer():
    """With no workers to share with, nothing is loaded ahead: each item loads what it needs
    (a single report must not pay for the warm-up texts)."""
    _LOADED.clear()
    got = list(map_ordered(_where, [1, 2, 3], jobs=1, initializer=_load))
    assert [loaded for _, _, loaded in got] == [None] * 3
    assert not _LOADED
