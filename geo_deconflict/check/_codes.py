"""The checker's status codes as text, once per distinct row of codes rather than once per point.

A checked chunk is a matrix of small codes: one row per zone (an index into the statuses) and
one for the bank. Points share few combinations of them (a few hundred in a country), so
`Combos` factorizes the columns of that matrix and builds, once per combination for the whole
stream, the ``zones`` and ``zones_ambiguous`` labels and the CSV text of the added columns.
Every per-point step is then a numpy or Arrow gather; no Python string is made per point.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from geo_deconflict.check._arrow import from_numpy, string_array, to_numpy
from geo_deconflict.check.checker import _BANKS, _STATUSES

__all__ = ["Combos", "Factorized", "csv_cell"]

_IN, _AMBIGUOUS = _STATUSES.index("in"), _STATUSES.index("ambiguous")


def csv_cell(text: str, delimiter: str = ",") -> str:
    """`text` as one CSV cell, quoted only when it must be (as Python's csv module does).

    Examples
    --------
    >>> csv_cell("in"), csv_cell("a,b"), csv_cell('say "x" now')
    ('in', '"a,b"', '"say ""x"" now"')
    """
    if any(c in text for c in (delimiter, '"', "\n", "\r")):
        return '"' + text.replace('"', '""') + '"'
    return text


@dataclass
class Factorized:
    """One chunk's codes by combination: ``inverse[i]`` is the combination of point i."""

    inverse: np.ndarray      # (n,) int32 (or intp)
    keys: list               # one hashable key per combination
    rows: np.ndarray         # (combinations, zones + 1) codes
    counts: np.ndarray       # points per combination


class Combos:
    """Labels and CSV text per combination of codes, cached for a whole stream.

    `zone_ids` are the checked zones, in the order of the code rows (the bank comes last)."""

    def __init__(self, zone_ids: list[str], *, delimiter: str = ","):
        self.zone_ids = list(zone_ids)
        self.delimiter = delimiter
        self.labels: list[str] = []            # every zones / zones_ambiguous label seen
        self._label_index: dict[str, int] = {}
        self._label_pair: dict = {}            # key -> (zones label, zones_ambiguous label)
        self._text: dict = {}                  # key -> CSV text of the added columns

    def factorize(self, codes: np.ndarray) -> Factorized:
        """The distinct columns of `codes` (rows: zones then bank), with counts."""
        n_rows, n = codes.shape
        if n_rows <= 31:  # two bits a code: one int64 key per point, hashed by Arrow
            import pyarrow.compute as pc

            packed = np.zeros(n, dtype=np.int64)
            for i in range(n_rows):
                packed |= codes[i].astype(np.int64) << (2 * i)
            encoded = pc.dictionary_encode(from_numpy(packed))  # in order of first appearance
            inverse = to_numpy(encoded.indices)
            uniq = to_numpy(encoded.dictionary)
            shifts = 2 * np.arange(n_rows, dtype=np.int64)
            rows = ((uniq[:, None] >> shifts) & 3).astype(np.int8)
            keys = uniq.tolist()
        else:
            rows, inverse = np.unique(codes.T, axis=0, return_inverse=True)
            inverse = inverse.ravel()
            keys = [r.tobytes() for r in rows]
        counts = np.bincount(inverse, minlength=len(keys))
        return Factorized(inverse=inverse, keys=keys, rows=rows, counts=counts)

    def count(self, found: Factorized, summary) -> None:
        """Add a chunk's statuses and banks to `summary` (a `check.files.CheckSummary`)."""
        zone_rows = found.rows[:, :-1]
        inside = (zone_rows == _IN).T.astype(np.int64) @ found.counts
        ambiguous = (zone_rows == _AMBIGUOUS).T.astype(np.int64) @ found.counts
        for i, zid in enumerate(self.zone_ids):
            summary.inside[zid] = summary.inside.get(zid, 0) + int(inside[i])
            summary.ambiguous[zid] = summary.ambiguous.get(zid, 0) + int(ambiguous[i])
        banks = np.bincount(found.rows[:, -1].astype(np.intp), weights=found.counts,
                            minlength=len(_BANKS))
        for code, count in enumerate(banks):
            if count:
                bank = _BANKS[code] or "outside"
                summary.banks[bank] = summary.banks.get(bank, 0) + int(count)

    def zone_columns(self, found: Factorized) -> tuple[pa.DictionaryArray, pa.DictionaryArray]:
        """The ``zones`` and ``zones_ambiguous`` columns (';'-joined ids) as dictionaries."""
        pairs = np.array([self._label_indices(k, r) for k, r in zip(found.keys, found.rows)],
                         dtype=np.int32).reshape(-1, 2)
        values = string_array(self.labels)
        return tuple(pa.DictionaryArray.from_arrays(from_numpy(pairs[found.inverse, j]), values)
                     for j in (0, 1))

    def csv_texts(self, found: Factorized) -> list[str]:
        """Per combination, the added columns (statuses, bank, zones, zones_ambiguous) as the
        end of a CSV line: a delimiter before each cell, and the line end."""
        texts = []
        for key, row in zip(found.keys, found.rows):
            text = self._text.get(key)
            if text is None:
                zones, ambiguous = (self.labels[i] for i in self._label_indices(key, row))
                cells = [_STATUSES[c] for c in row[:-1]] + [_BANKS[row[-1]], zones, ambiguous]
                sep = self.delimiter
                text = self._text[key] = "".join(sep + csv_cell(c, sep) for c in cells) + "\n"
            texts.append(text)
        return texts

    def _label_indices(self, key, row: np.ndarray) -> tuple[int, int]:
        pair = self._label_pair.get(key)
        if pair is None:
            pair = self._label_pair[key] = tuple(
                self._label(";".join(z for z, c in zip(self.zone_ids, row[:-1]) if c == code))
                for code in (_IN, _AMBIGUOUS))
        return pair

    def _label(self, text: str) -> int:
        index = self._label_index.get(text)
        if index is None:
            index = self._label_index[text] = len(self.labels)
            self.labels.append(text)
        return index
