"""A CSV checked into a CSV line by line: every input line is kept byte for byte.

`CsvLines` reads a CSV in blocks of whole rows. It finds where each row ends with numpy (line
ends outside quotes), and Arrow parses only the columns the check needs. The output line is
the input line followed by the added cells. Arrow builds it with ``binary_join_element_wise``,
and a block is written with one call. No Python string is made per row, and the cells of the
other columns are never converted.

Finding rows by quote parity holds for RFC 4180 quoting, the only quoting Arrow's parser reads
the same way. A quote elsewhere (``5" pipe`` in an unquoted cell) or a lone carriage return
makes the reader raise `Misaligned`, and so does a block whose row count differs from
Arrow's. The caller then writes the file again through Arrow's CSV writer (`check.stream`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from geo_deconflict.check._codes import Combos, csv_cell
from geo_deconflict.check.checker import _BANKS, _STATUSES, ZoneChecker
from geo_deconflict.errors import InputFileError
from geo_deconflict.geo.io import atomic_path

__all__ = ["Block", "CsvLines", "Misaligned", "write"]

_NL, _CR, _QUOTE = 10, 13, 34
_BOM = b"\xef\xbb\xbf"
_MAX_BLOCK = (1 << 31) - (1 << 20)  # Arrow string offsets are int32


class Misaligned(Exception):
    """The rows found in a block are not the rows Arrow parses: use the other writer."""


class Block:
    """One block of whole rows: ``parsed`` (the needed columns, by Arrow), and where each row's
    text starts and ends (its line end left out) in ``data``."""

    def __init__(self, parsed: pa.Table, data: bytes, starts: np.ndarray, stops: np.ndarray):
        self.parsed = parsed
        self.data = data
        self.starts = starts
        self.stops = stops
        self.num_rows = parsed.num_rows

    def column(self, name: str) -> pa.Array:
        column = self.parsed.column(name)
        return column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column

    def pieces(self, extra: list[bytes]) -> tuple[pa.Array, int]:
        """The rows' texts and the line ends between them, alternately (row i is element
        2i), then the `extra` strings, as one string array over one buffer; and the index of
        the first extra."""
        n = len(self.starts)
        tail = b"".join(extra)
        sizes = np.fromiter((len(e) for e in extra), dtype=np.int64, count=len(extra))
        offsets = np.empty(2 * n + len(extra) + 1, dtype=np.int64)
        offsets[0:2 * n:2] = self.starts
        offsets[1:2 * n:2] = self.stops
        offsets[2 * n] = len(self.data)
        offsets[2 * n + 1:] = len(self.data) + np.cumsum(sizes)
        if offsets[-1] >= _MAX_BLOCK:
            raise Misaligned
        buffer = pa.py_buffer(self.data + tail if tail else self.data)
        array = pa.StringArray.from_buffers(len(offsets) - 1,
                                            pa.py_buffer(offsets.astype(np.int32)), buffer)
        return array, 2 * n


class CsvLines:
    """A CSV source (see `check.stream.open_source`) read as whole lines; `render` makes the
    output text of a checked block, `header` the output's first line."""

    geometry = None
    geo_meta = None
    first_row = 2  # the header is row 1, as a spreadsheet shows it

    @classmethod
    def open(cls, source, *, checker: ZoneChecker, distances: bool,
             needed: list[str]) -> CsvLines | None:
        """Lines of `source` (a `check.stream._CsvSource`), or None when they cannot be kept:
        a tab-separated input (the output is comma-separated), input columns named like the
        added ones (the added ones replace them), or a header that is not the first line."""
        added = _added_names(checker, distances)
        if source.delimiter != "," or set(added) & set(source.names):
            return None
        with source.path.open("rb") as handle:
            head = handle.read(1 << 20)
        start = len(_BOM) if head.startswith(_BOM) else 0
        data = np.frombuffer(head, dtype=np.uint8)
        try:
            _no_lone_returns(data, final=len(head) < (1 << 20))
            ends = _row_ends(data[start:], final=len(head) < (1 << 20)) + start
        except Misaligned:
            return None
        if not ends.size:  # a header longer than the sample
            return None
        header = head[start:ends[0]].rstrip(b"\r\n")
        return cls(source, header, int(ends[0]), added, distances, checker, needed)

    def __init__(self, source, header: bytes, body: int, added: list[str], distances: bool,
                 checker: ZoneChecker, needed: list[str]):
        self.path: Path = source.path
        self.names = list(source.names)
        self.block = source.block
        self.body = body  # where the first row after the header starts
        self.needed = list(dict.fromkeys(needed))
        self.distances = distances
        self.checker = checker
        self.combos = Combos(checker.zone_ids)
        self.header = header + "".join("," + csv_cell(n) for n in added).encode() + b"\n"

    # -------------------------------------------------------------------------------- read
    def batches(self, progress) -> Iterator[tuple[Block, int]]:
        """(block, rows before it) for each block of whole rows."""
        total = self.path.stat().st_size
        offset = 0
        with self.path.open("rb") as handle:
            handle.seek(self.body)
            done = self.body
            carry = b""
            size = self.block
            while True:
                fresh = handle.read(size)
                final = len(fresh) < size
                data = carry + fresh if carry else fresh
                if not data:
                    return
                found = self._block(data, final, offset)
                if found is None:  # a row longer than the block: read more
                    if len(data) > _MAX_BLOCK:
                        raise Misaligned
                    carry, size = data, size * 2
                    continue
                block, cut = found
                carry = data[cut:]
                done += cut
                if block is not None:
                    yield block, offset
                    offset += block.num_rows
                if progress is not None:
                    progress(min(done, total), total)
                if final and not carry:
                    return
                size = self.block

    def _block(self, data: bytes, final: bool, offset: int
               ) -> tuple[Block | None, int] | None:
        """(the block of the whole rows at the start of `data`, or None if they are all blank;
        where they end), or None if no row ends in `data`.

        First every line end is taken for a row end, which Arrow confirms when it parses as
        many rows (a line break inside a quoted cell makes a row of two lines, and fewer
        rows); otherwise the line ends inside quotes are found (`_row_ends`)."""
        arr = np.frombuffer(data, dtype=np.uint8)
        _no_lone_returns(arr, final)
        ends = np.flatnonzero(arr == _NL) + 1
        if final and (not ends.size or ends[-1] < arr.size):
            ends = np.append(ends, arr.size)
        if ends.size:
            found = self._parse(data, arr, ends, offset, strict=False)
            if found is not None:
                return found
        ends = _row_ends(arr, final=final)
        if not ends.size:
            return None
        return self._parse(data, arr, ends, offset, strict=True)

    def _parse(self, data: bytes, arr: np.ndarray, ends: np.ndarray, offset: int, *,
               strict: bool) -> tuple[Block | None, int] | None:
        import pyarrow.csv as pa_csv

        cut = int(ends[-1])
        starts = np.concatenate(([0], ends[:-1]))
        length = ends - starts
        last = arr[ends - 1]
        before = arr[np.maximum(ends - 2, 0)]
        stops = ends - (last == _NL) - ((last == _NL) & (length >= 2) & (before == _CR))
        stops -= (last == _CR) & (ends == arr.size)  # a lone CR at the very end
        keep = stops > starts  # a row of nothing but line ends is skipped, as Arrow does
        if not keep.any():
            return None, cut
        starts, stops = starts[keep], stops[keep]
        body = data[:cut] if cut < len(data) else data
        try:
            parsed = pa_csv.read_csv(pa.BufferReader(body), read_options=self._options[0],
                                     parse_options=self._options[1],
                                     convert_options=self._options[2])
        except pa.ArrowInvalid as err:
            if not strict:
                return None
            reason = str(err).strip().splitlines()[0] if str(err).strip() else "unreadable"
            msg = f"cannot read {self.path} as CSV: {reason}"
            raise InputFileError(msg) from None
        if parsed.num_rows != len(starts):
            if strict:
                raise Misaligned
            return None
        if (arr[:cut] >= 0x80).any():  # the cells Arrow did not convert are checked here
            _check_utf8(body, starts, offset, self.path)
        return Block(parsed, body, starts, stops), cut

    @property
    def _options(self):
        import pyarrow.csv as pa_csv

        return (pa_csv.ReadOptions(column_names=self.names),
                pa_csv.ParseOptions(delimiter=",", newlines_in_values=True),
                pa_csv.ConvertOptions(include_columns=self.needed,
                                      column_types=dict.fromkeys(self.needed, pa.string()),
                                      strings_can_be_null=False,
                                      quoted_strings_can_be_null=False))

    # ------------------------------------------------------------------------------ render
    def render(self, block: Block, checked) -> tuple[pa.Array, object]:
        """The output lines of a checked block (one string per row, line end included)."""
        found = checked.found
        if not self.distances:  # row i, then the text of its combination: one copy in all
            pieces, first = block.pieces([t.encode() for t in self.combos.csv_texts(found)])
            index = np.empty(2 * block.num_rows, dtype=np.int32)
            index[0::2] = np.arange(0, first, 2, dtype=np.int32)
            index[1::2] = first + found.inverse
            return pieces.take(pa.array(index)), checked
        pieces, first = block.pieces([])
        rows = pieces.take(pa.array(np.arange(0, first, 2, dtype=np.int32)))
        cells = []
        codes, dists = checked.codes, checked.dists
        statuses, banks = pa.array(_STATUSES, pa.string()), pa.array(_BANKS, pa.string())
        for i in range(len(self.checker.zone_ids)):
            cells += [statuses.take(pa.array(codes[i])), _decimal_text(dists[i])]
        cells += [banks.take(pa.array(codes[-1])), _decimal_text(dists[-1])]
        for j, column in enumerate(self.combos.zone_columns(found)):
            labels = [csv_cell(v) + ("\n" if j else "") for v in column.dictionary.to_pylist()]
            cells.append(pa.array(labels, pa.string()).take(column.indices))
        options = pc.JoinOptions(null_handling="replace", null_replacement="")
        return pc.binary_join_element_wise(rows, *cells, ",", options=options), checked


def write(items, dst: Path, header: bytes, *, overwrite: bool) -> None:
    """Write `header`, then the lines of each rendered block, to `dst` atomically."""
    with atomic_path(dst, overwrite=overwrite) as tmp, tmp.open("wb") as out:
        out.write(header)
        for lines, _ in items:
            if len(lines):
                offsets = np.frombuffer(lines.buffers()[1], dtype=np.int32)
                first, last = offsets[lines.offset], offsets[lines.offset + len(lines)]
                out.write(memoryview(lines.buffers()[2])[first:last])


def _added_names(checker: ZoneChecker, distances: bool) -> list[str]:
    names = []
    for zid in checker.zone_ids:
        names += [f"in_{zid}", f"dist_{zid}_m"] if distances else [f"in_{zid}"]
    names += ["bank", "euphrates_offset_m"] if distances else ["bank"]
    return [*names, "zones", "zones_ambiguous"]


def _decimal_text(values: np.ndarray) -> pa.Array:
    """Metres to the millimetre as Arrow writes them in CSV; NaN as a blank cell."""
    return pa.array(values.round(3), from_pandas=True).cast(pa.string())


def _row_ends(arr: np.ndarray, *, final: bool) -> np.ndarray:
    """Offsets just past each row's line end (a row may span lines inside quotes); with
    `final`, the end of the data closes the last row. Raises `Misaligned` when a quote is not
    an RFC 4180 one (opening a cell, closing it, or doubled inside it): Arrow then reads
    other rows."""
    newlines = np.flatnonzero(arr == _NL)
    quotes = np.flatnonzero(arr == _QUOTE)
    if quotes.size:
        newlines = newlines[(np.searchsorted(quotes, newlines) & 1) == 0]
    ends = newlines + 1
    if final and (not ends.size or ends[-1] < arr.size):
        ends = np.append(ends, arr.size)
    cut = int(ends[-1]) if ends.size else 0
    if quotes.size:
        _check_quotes(arr, quotes[quotes < cut])
    return ends


def _no_lone_returns(arr: np.ndarray, final: bool) -> None:
    """`Misaligned` if a carriage return ends a line on its own (Arrow ends rows there; CR LF
    and a CR at the very end of the file are fine)."""
    returns = np.flatnonzero(arr == _CR)
    if not returns.size:
        return
    after = returns + 1
    alone = np.ones(returns.size, bool)
    within = after < arr.size
    alone[within] = arr[after[within]] != _NL
    if not final and alone[-1] and returns[-1] == arr.size - 1:
        alone[-1] = False  # its LF may start the next read
    if final and returns[-1] == arr.size - 1:
        alone[-1] = False
    if alone.any():
        raise Misaligned


def _check_utf8(body: bytes, starts: np.ndarray, offset: int, path: Path) -> None:
    """An `InputFileError` naming the first row that is not UTF-8 text."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as err:
        row = int(np.searchsorted(starts, err.start, side="right"))
        msg = f"cannot read {path} as CSV: row {offset + row + 1} is not UTF-8 text"
        raise InputFileError(msg) from None


def _check_quotes(data: np.ndarray, quotes: np.ndarray) -> None:
    """`Misaligned` unless each quote opens a cell (after a comma or a line end), closes one
    (before a comma or a line end) or is one of a doubled pair, alternately."""
    if not quotes.size:
        return
    k = np.arange(quotes.size)
    opening = (k & 1) == 0
    prev = np.where(quotes > 0, data[np.maximum(quotes - 1, 0)], _NL)
    after = quotes + 1  # the data ends at a line end, or at the end of the file
    nxt = np.where(after < data.size, data[np.minimum(after, data.size - 1)], _NL)
    paired_before = np.zeros(quotes.size, bool)
    paired_before[1:] = quotes[1:] == quotes[:-1] + 1
    paired_after = np.zeros(quotes.size, bool)
    paired_after[:-1] = paired_before[1:]
    at_cell_start = (prev == ord(",")) | (prev == _NL)
    at_cell_end = (nxt == ord(",")) | (nxt == _NL) | (nxt == _CR)
    ok = np.where(opening, at_cell_start | paired_before, at_cell_end | paired_after)
    if not ok.all():
        raise Misaligned
