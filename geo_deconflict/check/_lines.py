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
    """One block of rows: ``parsed`` (the needed columns) and ``lines`` (each row's text)."""

    def __init__(self, parsed: pa.Table, lines: pa.Array):
        self.parsed = parsed
        self.lines = lines
        self.num_rows = parsed.num_rows

    def column(self, name: str) -> pa.Array:
        column = self.parsed.column(name)
        return column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column


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
            ends = _row_ends(data, start, final=len(head) < (1 << 20))
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
        import pyarrow.csv as pa_csv

        total = self.path.stat().st_size
        read = pa_csv.ReadOptions(column_names=self.names)
        parse = pa_csv.ParseOptions(delimiter=",", newlines_in_values=True)
        convert = pa_csv.ConvertOptions(include_columns=self.needed,
                                        column_types=dict.fromkeys(self.needed, pa.string()),
                                        strings_can_be_null=False,
                                        quoted_strings_can_be_null=False)
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
                arr = np.frombuffer(data, dtype=np.uint8)
                ends = _row_ends(arr, 0, final=final)
                if not ends.size:  # a row longer than the block: read more
                    if len(data) > _MAX_BLOCK:
                        raise Misaligned
                    carry, size = data, size * 2
                    continue
                cut = int(ends[-1])
                block = self._block(data, arr, ends, parse, read, convert, offset)
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

    def _block(self, data: bytes, arr: np.ndarray, ends: np.ndarray, parse, read, convert,
               offset: int) -> Block | None:
        import pyarrow.csv as pa_csv

        cut = int(ends[-1])
        starts = np.concatenate(([0], ends[:-1]))
        # a row of nothing but line ends is skipped, as Arrow does
        length = ends - starts
        first = arr[starts]
        second = arr[np.minimum(starts + 1, len(arr) - 1)]
        blank = (((length == 1) & ((first == _NL) | (first == _CR)))
                 | ((length == 2) & (first == _CR) & (second == _NL)))
        rows = starts[~blank]
        if not rows.size:
            return None
        buffer = pa.py_buffer(data)
        offsets = np.append(rows, cut).astype(np.int32)
        lines = pa.StringArray.from_buffers(len(rows), pa.py_buffer(offsets), buffer)
        if (arr[:cut] >= 0x80).any():
            try:
                lines.validate(full=True)
            except pa.ArrowInvalid:
                raise self._not_utf8(data, rows, cut, offset) from None
        try:
            parsed = pa_csv.read_csv(pa.BufferReader(buffer.slice(0, cut)), read_options=read,
                                     parse_options=parse, convert_options=convert)
        except pa.ArrowInvalid as err:
            reason = str(err).strip().splitlines()[0] if str(err).strip() else "unreadable"
            msg = f"cannot read {self.path} as CSV: {reason}"
            raise InputFileError(msg) from None
        if parsed.num_rows != len(rows):
            raise Misaligned
        return Block(parsed, pc.utf8_rtrim(lines, characters="\r\n"))

    def _not_utf8(self, data: bytes, rows: np.ndarray, cut: int, offset: int) -> InputFileError:
        bounds = [*rows.tolist(), cut]
        for i in range(len(rows)):  # only when there is an error: find its row
            try:
                data[bounds[i]:bounds[i + 1]].decode("utf-8")
            except UnicodeDecodeError:
                break
        msg = f"cannot read {self.path} as CSV: row {offset + i + self.first_row} is not UTF-8"
        return InputFileError(msg)

    # ------------------------------------------------------------------------------ render
    def render(self, block: Block, checked) -> tuple[pa.Array, object]:
        """The output lines of a checked block (one string per row, line end included)."""
        if not self.distances:
            added = self.combos.csv_text(checked.found)
            return pc.binary_join_element_wise(block.lines, added, ""), checked
        cells = []
        codes, dists = checked.codes, checked.dists
        statuses, banks = pa.array(_STATUSES, pa.string()), pa.array(_BANKS, pa.string())
        for i in range(len(self.checker.zone_ids)):
            cells += [statuses.take(pa.array(codes[i])), _decimal_text(dists[i])]
        cells += [banks.take(pa.array(codes[-1])), _decimal_text(dists[-1])]
        for j, column in enumerate(self.combos.zone_columns(checked.found)):
            labels = [csv_cell(v) + ("\n" if j else "") for v in column.dictionary.to_pylist()]
            cells.append(pa.array(labels, pa.string()).take(column.indices))
        options = pc.JoinOptions(null_handling="replace", null_replacement="")
        return pc.binary_join_element_wise(block.lines, *cells, ",", options=options), checked


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


def _row_ends(arr: np.ndarray, start: int, *, final: bool) -> np.ndarray:
    """Offsets just past each row's line end in `arr[start:]` (a row may span lines inside
    quotes); with `final`, the end of the data closes the last row. Raises `Misaligned` when
    a quote is not an RFC 4180 one (opening a cell, closing it, or doubled inside it) or a
    carriage return ends a line on its own, since Arrow then reads other rows."""
    data = arr[start:]
    newlines = np.flatnonzero(data == _NL)
    quotes = np.flatnonzero(data == _QUOTE)
    if quotes.size:
        newlines = newlines[(np.searchsorted(quotes, newlines) & 1) == 0]
    ends = newlines + 1
    if final and (not ends.size or ends[-1] < data.size):
        ends = np.append(ends, data.size)
    cut = int(ends[-1]) if ends.size else 0
    if quotes.size:
        _check_quotes(data, quotes[quotes < cut])
    returns = np.flatnonzero(data[:cut] == _CR)
    if returns.size:  # CR LF ends a line; a CR alone only at the very end
        after = returns + 1
        alone = np.ones(returns.size, bool)
        within = after < data.size
        alone[within] = data[after[within]] != _NL
        if final and cut == data.size and returns[-1] == data.size - 1:
            alone[-1] = False
        if alone.any():
            raise Misaligned
    return ends + start


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
