"""`check._ahead`: producing items in a thread ahead of the consumer, and stopping early
without leaving a thread behind (a stop by SIGTERM must not leave one inside a reader while
the interpreter shuts down)."""

from __future__ import annotations

import threading
import time

import pytest

from geo_deconflict.check._ahead import Ahead, prefetch


def test_items_in_order_and_errors_after_them():
    assert list(Ahead(iter(range(50)), depth=3)) == list(range(50))

    def failing():
        yield 1
        raise ValueError("boom")

    items = prefetch(failing())
    assert next(items) == 1
    with pytest.raises(ValueError, match="boom"):
        next(items)


def test_stopping_the_outer_stage_ends_the_inner_one_before_close_returns():
    """Two stages as in the streamed check (a producer over a generator over a `prefetch`):
    closing the outer one closes the inner one and joins its thread, even while the outer
    stage is still referenced (as the frames in a SIGTERM's traceback keep it)."""
    inner_closed = threading.Event()

    def source():
        try:
            for n in range(10_000):
                time.sleep(0.001)
                yield n
        finally:
            inner_closed.set()

    before = threading.active_count()
    outer = Ahead((n * 2 for n in prefetch(source(), depth=3)), depth=3)
    items = iter(outer)
    assert next(items) == 0 and next(items) == 2
    outer.close()
    assert inner_closed.is_set()   # the stopped producer closed its source
    deadline = time.monotonic() + 5
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert threading.active_count() == before   # and no producer thread is left running
