"""The bundled index's file format (``layers/gazetteer.idx``), read on demand.

A lookup needs one key's positions and a few places, not the whole index, so the file is
binary and sectioned, and a reader decodes only what it is asked for (standard library only)::

    magic        8 bytes, b"GDGAZ\\x00\\x01\\n"
    header size  uint32, little-endian
    header       UTF-8 JSON: {"format", "meta", "places", "tables", "columns", "sections"}
    sections     raw bytes, each at the (offset, size) the header gives (from the header's end)

Numbers are little-endian. The name tables (``keys``: `names.name_key` -> positions of its
places, best first; ``exact``: `names.exact_form` -> positions) are stored sorted by the
keys' UTF-8 bytes, so one key is found by binary search without decoding the table: a
``.blob`` of the keys separated by ``\\n``, ``.off`` (uint32 start of each key, one more for
the end), ``.poff``/``.pos`` (uint32: the key's positions) and ``.order`` (uint32: the sorted
slots in the builder's order, which iteration keeps). After `_PROBES` binary searches a
table keeps a dict of its keys, which is cheaper from then on. Optional tables of the same
shape (`KEY_GROUPS`: the Latin keys by skeleton and by transliteration key) hold ordinals of
``keys`` in the builder's order, read back as the keys (`Index.key_groups`).

Place columns: text as a ``\\n``-separated blob with uint32 offsets (``names`` joins a
place's names with ``\\x1f``), numbers as float64 (``f8``, NaN for None) or int64 (``i8``,
-1 for None; ``bool``: 0/1). Each column is decoded whole on first use, except that a single
place's value is read on its own until `_ITEM_READS` have been, and ``names`` always is (its
lists are not worth making for all places: `Index.every_name` scans them).
"""

from __future__ import annotations

import gc
import json
import math
import os
import sys
from array import array
from collections.abc import Iterator, KeysView, Mapping
from contextlib import contextmanager
from pathlib import Path

__all__ = ["COLUMNS", "FORMAT", "Index", "encode_index"]

MAGIC = b"GDGAZ\x00\x01\n"
FORMAT = 1
TABLES = ("keys", "exact")
# optional tables whose values are ordinals of the keys (in the builder's order):
# ``skeletons``: `names.latin_skeleton` of each Latin key -> those keys (the fuzzy tier's);
# ``translits``: `names.translit_of_key` of each Latin key -> those keys (the variant tier's)
KEY_GROUPS = ("skeletons", "translits")
# column -> kind: str, strlist, f8 / i8 (with "?": None allowed), bool
COLUMNS = {"id": "str", "name": "str", "name_ar": "str", "lon": "f8", "lat": "f8",
           "fclass": "str", "fcode": "str", "country": "str", "admin1": "str",
           "population": "i8", "geonameid": "i8?", "layer": "str", "radius_km": "f8?",
           "approximate": "bool", "src": "i8?", "names": "strlist"}
_PROBES = 2_000   # binary searches in one table before its keys are put in a dict
# single values read from a column before it is decoded whole: a place's 16 values read one
# by one cost some 4 us more than from decoded lists, and decoding the columns a place needs
# beyond those the ranking decodes anyway takes some 10 ms, worth it after ~2,500 places (a
# run on a few reports makes a few hundred)
_ITEM_READS = 2_000
_U32 = next(t for t in "IL" if array(t).itemsize == 4)
_SEP, _NAME_SEP = "\n", "\x1f"


def _array(typecode: str, data: bytes = b"") -> array:
    out = array(typecode)
    out.frombytes(data)
    if sys.byteorder != "little":
        out.byteswap()
    return out


def _bytes(values: array) -> bytes:
    if sys.byteorder != "little":
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


@contextmanager
def _no_gc():
    """Pause the cyclic garbage collector while many containers are made that all live on
    (it would scan them again and again, for nothing: they hold no cycles)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# -- writing ----------------------------------------------------------------------------------
def _text_section(values: list[str], what: str) -> tuple[bytes, bytes]:
    """The blob and uint32 offsets of a list of strings (no ``\\n`` allowed in them)."""
    parts = []
    off = array(_U32, [0])
    size = 0
    for v in values:
        if not isinstance(v, str) or _SEP in v:
            raise ValueError(f"{what}: {v!r} is not a one-line string")
        b = v.encode("utf-8")
        parts.append(b)
        size += len(b) + 1
        off.append(size)
    return b"\n".join(parts), _bytes(off)


def _table_sections(name: str, table: Mapping[str, list[int]]) -> dict[str, bytes]:
    keys = list(table)
    slots = sorted(range(len(keys)), key=lambda i: keys[i].encode("utf-8"))
    rank = [0] * len(keys)
    for slot, i in enumerate(slots):
        rank[i] = slot
    blob, off = _text_section([keys[i] for i in slots], f"{name} key")
    pos, poff = array(_U32), array(_U32, [0])
    for i in slots:
        pos.extend(table[keys[i]])
        poff.append(len(pos))
    return {f"{name}.blob": blob, f"{name}.off": off, f"{name}.pos": _bytes(pos),
            f"{name}.poff": _bytes(poff), f"{name}.order": _bytes(array(_U32, rank))}


def _column_sections(name: str, kind: str, values: list) -> dict[str, bytes]:
    if kind == "str":
        blob, off = _text_section(values, f"column {name}")
        return {f"col.{name}.blob": blob, f"col.{name}.off": off}
    if kind == "strlist":
        items = []
        for v in values:
            if any(not n or _NAME_SEP in n for n in v):
                raise ValueError(f"column {name}: {v!r} holds an empty or unstorable name")
            items.append(_NAME_SEP.join(v))
        blob, off = _text_section(items, f"column {name}")
        return {f"col.{name}.blob": blob, f"col.{name}.off": off}
    if kind.startswith("f8"):
        vals = [math.nan if v is None else float(v) for v in values]
        if kind == "f8" and any(v is None for v in values):
            raise ValueError(f"column {name} has no value for some places")
        return {f"col.{name}": _bytes(array("d", vals))}
    if any(v is not None and (not isinstance(v, int) or v < 0) for v in values) or (
            kind != "i8?" and None in values):
        raise ValueError(f"column {name} must hold non-negative integers")
    return {f"col.{name}": _bytes(array("q", [-1 if v is None else int(v) for v in values]))}


def encode_index(doc: Mapping) -> bytes:
    """The file's bytes for an index ``{"meta", "places": {column: values}, "keys", "exact"}``.

    Examples
    --------
    >>> doc = {"meta": {"key_version": 0}, "keys": {"b": [1], "a": [0, 1]},
    ...        "exact": {"A": [0], "b": [1]},
    ...        "places": {c: [None, None] if k.endswith("?") else [[c], [c]] if k == "strlist"
    ...                   else [True, False] if k == "bool" else [0, 1] if k != "str"
    ...                   else [c, c.upper()] for c, k in COLUMNS.items()}}
    >>> Index.from_bytes(encode_index(doc)).to_dict() == doc
    True
    """
    places = doc["places"]
    if set(places) != set(COLUMNS):
        raise ValueError(f"index columns {sorted(places)} are not {sorted(COLUMNS)}")
    n = len(places["id"])
    sections: dict[str, bytes] = {}
    tables = [t for t in (*TABLES, *KEY_GROUPS) if t in TABLES or t in doc]
    for name in tables:
        sections.update(_table_sections(name, doc[name]))
    for name, kind in COLUMNS.items():
        if len(places[name]) != n:
            raise ValueError(f"column {name} has {len(places[name])} values for {n} places")
        sections.update(_column_sections(name, kind, places[name]))
    layout, offset = {}, 0
    for name, data in sections.items():
        layout[name] = [offset, len(data)]
        offset += len(data)
    header = json.dumps({"format": FORMAT, "meta": doc["meta"], "places": n,
                         "tables": {t: len(doc[t]) for t in tables}, "columns": COLUMNS,
                         "sections": layout}, ensure_ascii=False,
                        separators=(",", ":")).encode("utf-8")
    return b"".join([MAGIC, len(header).to_bytes(4, "little"), header, *sections.values()])


# -- reading ----------------------------------------------------------------------------------
class _Table(Mapping):
    """A read-only ``str -> list[int]`` map over a stored table.

    It answers by binary search over the sorted keys (nothing decoded) until it has been asked
    `_PROBES` times, then from a dict of key -> slot (in the builder's order, which iteration
    follows); `as_dict` builds the plain ``str -> list[int]`` dict once, for callers that want
    one (the geoparser's `Gazetteer.key_index`), and answers from it after that.
    """

    def __init__(self, read, name: str, size: int) -> None:
        self._read, self._name, self._size = read, name, size
        self._dict: dict[str, list[int]] | None = None
        self._slots: dict[str, int] | None = None
        self._blob = self._off = self._pos = self._poff = None
        self._order: array | list[str] | None = None
        self._probes = 0

    @classmethod
    def of(cls, table: dict[str, list[int]]) -> _Table:
        out = cls(None, "", len(table))
        out._dict = table
        return out

    def _sorted(self) -> None:
        # nothing read is ever dropped, and `_poff` is set last: another thread may use the
        # table meanwhile (at worst it reads the sections too)
        if self._poff is None:
            read, name = self._read, self._name
            self._blob = read(f"{name}.blob")
            self._off = _array(_U32, read(f"{name}.off"))
            self._pos = _array(_U32, read(f"{name}.pos"))
            self._poff = _array(_U32, read(f"{name}.poff"))

    def get(self, key, default=None):
        if self._dict is not None:
            return self._dict.get(key, default)
        slots = self._slots
        if slots is None:
            self._probes += 1
            if self._probes > _PROBES:
                slots = self._slot_map()
            else:
                slot = self._search(key)
                if slot < 0:
                    return default
                poff = self._poff
                return self._pos[poff[slot]:poff[slot + 1]].tolist()
        slot = slots.get(key)
        if slot is None:
            return default
        poff = self._poff
        return self._pos[poff[slot]:poff[slot + 1]].tolist()

    def _search(self, key) -> int:
        """The sorted slot of `key`, or -1."""
        if not isinstance(key, str):
            return -1
        self._sorted()
        blob, off = self._blob, self._off
        want = key.encode("utf-8", "surrogatepass")
        lo, hi = 0, self._size
        while lo < hi:
            mid = (lo + hi) // 2
            if blob[off[mid]:off[mid + 1] - 1] < want:
                lo = mid + 1
            else:
                hi = mid
        if lo < self._size and blob[off[lo]:off[lo + 1] - 1] == want:
            return lo
        return -1

    def _slot_map(self) -> dict[str, int]:
        """Key -> sorted slot, in the builder's order (built once)."""
        if self._slots is None:
            self._sorted()
            keys = self._blob.decode("utf-8").split(_SEP) if self._size else []
            order = _array(_U32, self._read(f"{self._name}.order")).tolist()
            with _no_gc():
                self._slots = dict(zip([keys[s] for s in order], order))
        return self._slots

    def key_at(self, ordinal: int) -> str:
        """The key that came `ordinal`-th in the builder's order."""
        if self._read is None:   # over a dict
            if self._order is None:
                self._order = list(self._dict)
            return self._order[ordinal]
        if self._order is None:
            self._sorted()
            self._order = _array(_U32, self._read(f"{self._name}.order"))
        slot, off = self._order[ordinal], self._off
        return self._blob[off[slot]:off[slot + 1] - 1].decode("utf-8")

    def __getitem__(self, key: str) -> list[int]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key) -> bool:
        return self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._dict if self._dict is not None else self._slot_map())

    def __len__(self) -> int:
        return self._size

    def key_set(self) -> KeysView[str]:
        """The keys, for membership tests: a view of the key -> slot dict, without the
        positions' lists (`as_dict` decodes those too, in twice the time)."""
        if self._dict is not None:
            return self._dict.keys()
        return self._slot_map().keys()

    def as_dict(self) -> dict[str, list[int]]:
        """The whole table as a dict in the builder's order (built once)."""
        if self._dict is None:
            slots = self._slot_map()
            flat, poff = self._pos.tolist(), self._poff.tolist()
            with _no_gc():
                self._dict = {k: flat[poff[s]:poff[s + 1]] for k, s in slots.items()}
        return self._dict


class _KeyGroups:
    """A ``str -> list[str]`` view of a table whose values are ordinals of `keys`."""

    def __init__(self, table: _Table, keys: _Table) -> None:
        self._table, self._keys = table, keys

    def get(self, group: str, default=None):
        found = self._table.get(group)
        if found is None:
            return default
        return [self._keys.key_at(o) for o in found]


class _Columns(dict):
    """Place columns by name, each decoded whole on first use."""

    def __init__(self, index: Index) -> None:
        super().__init__()
        self._index = index

    def __missing__(self, name: str) -> list:
        values = self._index._column(name)
        self[name] = values
        return values


class Index:
    """The bundled index, from its file (decoded on demand) or from a dict (`to_dict`'s shape).

    ``meta`` is the builder's metadata, ``n`` the number of places, ``cols`` the columns by
    name (``cols["fclass"][i]``), ``keys`` and ``exact`` the name tables.
    """

    def __init__(self, header: dict, read) -> None:
        self.meta: dict = header["meta"]
        self.n: int = header["places"]
        self._layout: dict | None = header["sections"]
        self._kinds: dict = header["columns"]
        self._read_raw = read
        self.cols: Mapping[str, list] = _Columns(self)
        self.keys = _Table(self._section, "keys", header["tables"]["keys"])
        self.exact = _Table(self._section, "exact", header["tables"]["exact"])
        self._groups = {t: _Table(self._section, t, header["tables"][t])
                        for t in KEY_GROUPS if t in header["tables"]}
        self._raw: dict[str, tuple] = {}     # column -> its undecoded sections
        self._reads: dict[str, int] = {}     # column -> single values read so far

    @classmethod
    def open(cls, path: str | os.PathLike) -> Index:
        """The index in the file at `path`; only its header is read now."""
        path = Path(path)
        with path.open("rb") as f:
            head = f.read(len(MAGIC) + 4)
            if len(head) < len(MAGIC) + 4 or head[:len(MAGIC)] != MAGIC:
                raise ValueError(f"{path} is not a geo_deconflict gazetteer index")
            size = int.from_bytes(head[len(MAGIC):], "little")
            header = json.loads(f.read(size).decode("utf-8"))
        start = len(MAGIC) + 4 + size

        def read(offset: int, length: int) -> bytes:
            with path.open("rb") as f:
                f.seek(start + offset)
                data = f.read(length)
            if len(data) != length:
                raise ValueError(f"{path} is truncated: re-run layers/build_gazetteer.py")
            return data

        return cls._checked(header, read, path)

    @classmethod
    def from_bytes(cls, data: bytes) -> Index:
        """The index in `data` (the bytes of a file)."""
        if data[:len(MAGIC)] != MAGIC:
            raise ValueError("not a geo_deconflict gazetteer index")
        size = int.from_bytes(data[len(MAGIC):len(MAGIC) + 4], "little")
        start = len(MAGIC) + 4 + size
        header = json.loads(data[len(MAGIC) + 4:start].decode("utf-8"))
        view = memoryview(data)
        return cls._checked(header, lambda o, n: bytes(view[start + o:start + o + n]), "data")

    @classmethod
    def _checked(cls, header: dict, read, where) -> Index:
        if header.get("format") != FORMAT:
            msg = (f"{where}: gazetteer index format {header.get('format')}, this code reads "
                   f"{FORMAT}: run layers/build_gazetteer.py")
            raise ValueError(msg)
        return cls(header, read)

    @classmethod
    def from_dict(cls, doc: Mapping) -> Index:
        """An index over an already decoded ``{"meta", "places", "keys", "exact"}``."""
        self = cls.__new__(cls)
        self.meta = doc["meta"]
        self.cols = doc["places"]
        self.n = len(self.cols["id"])
        self.keys = _Table.of(doc["keys"])
        self.exact = _Table.of(doc["exact"])
        self._groups = {t: _Table.of(doc[t]) for t in KEY_GROUPS if t in doc}
        self._raw, self._reads, self._layout = {}, {}, None
        return self

    def key_groups(self, name: str) -> _KeyGroups | None:
        """The stored key groups `name` (``"skeletons"``) as ``str -> list of keys``, or None
        if the index has none (then the caller works them out)."""
        table = self._groups.get(name)
        return _KeyGroups(table, self.keys) if table is not None else None

    def _section(self, name: str) -> bytes:
        return self._read_raw(*self._layout[name])

    def _column(self, name: str) -> list:
        kind = self._kinds[name]
        if kind in ("str", "strlist"):
            text = self._section(f"col.{name}.blob").decode("utf-8")
            values = text.split(_SEP) if self.n else []
            if kind == "strlist":
                with _no_gc():
                    values = [v.split(_NAME_SEP) if v else [] for v in values]
            return values
        if kind.startswith("f8"):
            values = _array("d", self._section(f"col.{name}")).tolist()
            return [None if math.isnan(v) else v for v in values] if kind == "f8?" else values
        values = _array("q", self._section(f"col.{name}")).tolist()
        if kind == "bool":
            return [bool(v) for v in values]
        return [None if v < 0 else v for v in values] if kind == "i8?" else values

    def value(self, name: str, i: int):
        """Column `name` of the place at position `i`, read on its own: a lookup makes a few
        places; after `_ITEM_READS` of them the column is decoded whole."""
        cols = self.cols
        if name in cols:
            return cols[name][i]
        reads = self._reads[name] = self._reads.get(name, 0) + 1
        kind = self._kinds[name]
        # a list of names for each of the 23,000 places takes 40 ms to make, more than
        # reading one place's names on its own saves even if every place is made
        if reads > _ITEM_READS and kind != "strlist":
            self._raw.pop(name, None)
            return cols[name][i]
        raw = self._raw.get(name)
        if kind in ("str", "strlist"):
            if raw is None:
                raw = self._raw[name] = (self._section(f"col.{name}.blob"),
                                         _array(_U32, self._section(f"col.{name}.off")))
            blob, off = raw
            text = blob[off[i]:off[i + 1] - 1].decode("utf-8")
            if kind == "str":
                return text
            return text.split(_NAME_SEP) if text else []
        if raw is None:
            raw = self._raw[name] = (_array("d" if kind.startswith("f8") else "q",
                                            self._section(f"col.{name}")),)
        v = raw[0][i]
        if kind == "f8?":
            return None if math.isnan(v) else v
        if kind == "bool":
            return bool(v)
        return None if kind == "i8?" and v < 0 else v

    def every_name(self) -> list[str] | None:
        """Every name of every place in one list, and an empty string for a place without
        any (the ``names`` column split at once, with no list made per place: a third of the
        time of decoding the column); None for an index made from a dict."""
        if self._layout is None:
            return None
        text = self._section("col.names.blob").decode("utf-8")
        return text.replace(_NAME_SEP, _SEP).split(_SEP)

    def names_at(self, i: int) -> list[str]:
        """The names of the place at position `i` (without decoding the whole column)."""
        return self.value("names", i)

    def to_dict(self) -> dict:
        """Everything decoded: ``{"meta", "places": {column: values}, "keys", "exact"}`` (and
        the key groups the file has, such as ``"skeletons"``)."""
        return {"meta": self.meta, "places": {c: self.cols[c] for c in COLUMNS},
                "keys": self.keys.as_dict(), "exact": self.exact.as_dict(),
                **{t: table.as_dict() for t, table in self._groups.items()}}
