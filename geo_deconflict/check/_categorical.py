"""Rows labelled by the combination of zones they are in, as a pandas categorical."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd


def _join(ids: list[str], masks: list[np.ndarray], n: int) -> pd.Categorical:
    """';'-joined ids per row, as a categorical of the combinations that occur."""
    import pandas as pd

    dtype = np.uint8 if len(ids) <= 8 else np.uint32 if len(ids) <= 32 else np.int64
    bits = np.zeros(n, dtype=dtype)
    for i, mask in enumerate(masks):
        bits |= mask.view(np.uint8).astype(dtype, copy=False) << dtype(i)
    if len(ids) <= 20:  # every combination is a category: no sort of millions of rows
        combos = np.arange(2 ** len(ids))
        present = np.bincount(bits, minlength=combos.size) > 0
        uniq = combos[present]
        codes = np.cumsum(present) - 1
        codes = codes[bits]
    else:
        uniq, codes = np.unique(bits, return_inverse=True)
    labels = [";".join(zid for i, zid in enumerate(ids) if (int(u) >> i) & 1) for u in uniq]
    return pd.Categorical.from_codes(codes, categories=labels)
