"""numpy <-> Arrow for the streamed check, without pyarrow's pandas shim.

`pyarrow.array` and `pyarrow.Array.to_numpy` import pandas the first time they run (about
0.15 s, a third of the start-up of ``check FILE``), although a streamed check has no other
use for it. The columns it makes and reads go through these functions instead, which build
the arrays from their buffers (no copy for numbers without nulls). Other cases fall back to
pyarrow's own conversion.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

__all__ = ["from_numpy", "string_array", "to_numpy"]


def to_numpy(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """The values of a numeric or boolean Arrow array as numpy (a read-only view of numbers
    without nulls); with nulls, or of another type, as `pyarrow.Array.to_numpy` gives them.

    Examples
    --------
    >>> to_numpy(from_numpy(np.array([1, 2, 3], dtype=np.int8))[1:]).tolist()
    [2, 3]
    >>> to_numpy(pa.array([True, False, True])).tolist()
    [True, False, True]
    """
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    kind, n = values.type, len(values)
    if values.null_count == 0 and (pa.types.is_integer(kind) or pa.types.is_floating(kind)):
        dtype = np.dtype(kind.to_pandas_dtype())
        data = values.buffers()[1]
        if data is None:
            return np.empty(0, dtype=dtype)
        return np.frombuffer(data, dtype=dtype, count=n, offset=values.offset * dtype.itemsize)
    if values.null_count == 0 and pa.types.is_boolean(kind):
        data = values.buffers()[1]
        if data is None:
            return np.zeros(0, dtype=bool)
        bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8), bitorder="little")
        return bits[values.offset:values.offset + n].astype(bool)
    return values.to_numpy(zero_copy_only=False)


def from_numpy(values: np.ndarray, *, nan_is_null: bool = False) -> pa.Array:
    """A numeric numpy array as Arrow, sharing its memory; with `nan_is_null`, NaN is null.

    Examples
    --------
    >>> from_numpy(np.array([1.5, np.nan]), nan_is_null=True).to_pylist()
    [1.5, None]
    """
    values = np.ascontiguousarray(values)
    kind = pa.from_numpy_dtype(values.dtype)
    validity, nulls = None, 0
    if nan_is_null and values.dtype.kind == "f":
        missing = np.isnan(values)
        nulls = int(missing.sum())
        if nulls:
            validity = pa.py_buffer(np.packbits(~missing, bitorder="little"))
    return pa.Array.from_buffers(kind, len(values), [validity, pa.py_buffer(values)],
                                 null_count=nulls)


def string_array(texts: list[str]) -> pa.Array:
    """A list of Python strings as an Arrow string array.

    Examples
    --------
    >>> string_array(["in", "", "ambiguous"]).to_pylist()
    ['in', '', 'ambiguous']
    """
    data = [t.encode() for t in texts]
    offsets = np.zeros(len(data) + 1, dtype=np.int32)
    offsets[1:] = np.cumsum([len(d) for d in data], dtype=np.int64)
    return pa.Array.from_buffers(pa.string(), len(data),
                                 [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(data))])
