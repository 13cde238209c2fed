"""Producing the items of an iterator in a thread, ahead of the code that consumes them.

The streamed check runs as stages in step (`check.stream`): reading the next chunks,
checking one, writing the last. Arrow and numpy release the GIL, so the stages overlap on
several cores. `Ahead` starts producing as soon as it is made: a Parquet file can be read
while the command is still importing its modules and loading the zones (`check._parquet`).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator

__all__ = ["Ahead", "prefetch"]

_DONE = object()


class Ahead:
    """The items of `items`, produced in a thread at most `depth` ahead of the consumer.

    Iterate it once. An error in the producer is raised to the consumer after the items made
    before it; `close` (or stopping early through `prefetch`) stops the producer.

    Examples
    --------
    >>> ahead = Ahead(iter(range(5)), depth=2)
    >>> list(ahead)
    [0, 1, 2, 3, 4]
    """

    def __init__(self, items: Iterable, depth: int = 1):
        self._items = iter(items)
        self._box: queue.Queue = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._produce, daemon=True)
        self._thread.start()

    def _produce(self) -> None:
        try:
            for item in self._items:
                while not self._stop.is_set():
                    try:
                        self._box.put((item, None), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if self._stop.is_set():
                    return
            self._box.put((_DONE, None))
        except BaseException as err:  # noqa: BLE001 - handed to the consumer
            self._box.put((_DONE, err))
        finally:
            if self._stop.is_set():
                # stopped early: close the source here, so that what it holds (another
                # `prefetch` and its thread, an open reader) ends before `close` returns,
                # not when the interpreter shuts down around a thread still in native code
                close = getattr(self._items, "close", None)
                if close is not None:
                    try:
                        close()
                    except BaseException:  # noqa: BLE001, S110 - stopping anyway
                        pass

    def __iter__(self) -> Iterator:
        while True:
            item, err = self._box.get()
            if item is _DONE:
                if err is not None:
                    raise err
                return
            yield item

    def close(self) -> None:
        """Stop the producer (it ends after the item it is making) and wait for it."""
        self._stop.set()
        while self._thread.is_alive():  # let a producer blocked on a full queue see `stop`
            try:
                self._box.get_nowait()
            except queue.Empty:
                self._thread.join(0.05)


def prefetch(items: Iterable, depth: int = 1) -> Iterator:
    """Yield the items of `items`, producing the next ones in a thread meanwhile; an error in
    the producer is raised here, and stopping early stops the producer.

    Examples
    --------
    >>> next(prefetch(x * x for x in range(3)))
    0
    """
    ahead = Ahead(items, depth)
    try:
        yield from ahead
    finally:
        ahead.close()
