"""Tests for the gazetteer's index file (geo_deconflict.gazetteer._store): the format round-trips,
finds keys without decoding the index, and a lookup decodes only what it needs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from geo_deconflict.gazetteer import _store
from geo_deconflict.gazetteer._store import COLUMNS, Index, encode_index
from geo_deconflict.gazetteer.api import _bundled_path, read_index
from geo_deconflict.gazetteer.index import Gazetteer
from geo_deconflict.geo.names import name_key


def _doc() -> dict:
    """A small index with the awkward cases: Arabic and accented keys (UTF-8 order is not the
    insertion order), a place without names, None in the optional columns."""
    places = {
        "id": ["gn:1", "wof:2", "site:x"], "name": ["Manbij", "Ḩalab", ""],
        "name_ar": ["منبج", "", "حلب"], "lon": [37.95, 37.16, -0.5], "lat": [36.53, 36.2, 0.0],
        "fclass": ["P", "P", "S"], "fcode": ["PPL", "", ""], "country": ["SY", "SY", ""],
        "admin1": ["SY-HL", "SY-HL", ""], "population": [99497, 0, 0],
        "geonameid": [167357, None, 0], "layer": ["", "", "sites:x"],
        "radius_km": [None, 2.5, None], "approximate": [False, True, False],
        "src": [0, None, 7], "names": [["Manbij", "منبج", "Menbij"], ["Ḩalab", "حلب"], []]}
    keys = {"manbij": [0], "منبج": [0], "halab": [1, 2], "حلب": [2, 1], "a": [0, 1, 2]}
    exact = {"Manbij": [0], "منبج": [0], "ḩalab": [1], "حلب": [1, 2]}
    return {"meta": {"key_version": 3, "places": 3, "note": "حلب"}, "places": places,
            "keys": keys, "exact": exact}


@pytest.mark.parametrize("via", ["bytes", "file"])
def test_index_round_trips_with_types_and_order(tmp_path, via):
    doc = _doc()
    data = encode_index(doc)
    if via == "file":
        (tmp_path / "g.idx").write_bytes(data)
        index = Index.open(tmp_path / "g.idx")
    else:
        index = Index.from_bytes(data)
    back = index.to_dict()
    assert back == doc
    for name in ("keys", "exact"):
        assert list(back[name]) == list(doc[name])   # iteration keeps the builder's order
    for col, values in doc["places"].items():
        assert [type(v) for v in back["places"][col]] == [type(v) for v in values], col


def test_binary_search_agrees_with_the_dict_until_the_keys_are_put_in_one(monkeypatch):
    doc = _doc()
    table = Index.from_bytes(encode_index(doc)).keys
    monkeypatch.setattr(_store, "_PROBES", 24)
    for key, positions in doc["keys"].items():   # 10 probes
        assert table.get(key) == positions and key in table
    for missing in ("", "manbi", "manbijj", "zz", "\ud800", "حل"):   # 12 more
        assert table.get(missing) is None and missing not in table
    assert table._slots is None and table._dict is None   # still searching the sorted keys
    for key, positions in doc["keys"].items():   # past 24 probes
        assert table[key] == positions
    assert table._slots is not None   # asked often enough: the keys are in a dict
    assert list(table) == list(doc["keys"])   # in the builder's order
    assert table.as_dict() == doc["keys"] and table[next(iter(doc["keys"]))] == [0]
    with pytest.raises(KeyError):
        table["nowhere"]
    assert len(table) == len(doc["keys"]) and set(table) == set(doc["keys"])


def test_single_values_are_read_without_decoding_the_column(monkeypatch):
    doc = _doc()
    index = Index.from_bytes(encode_index(doc))
    assert index.names_at(1) == ["Ḩalab", "حلب"] and index.names_at(2) == []
    for col, values in doc["places"].items():
        got = [index.value(col, i) for i in range(3)]
        assert got == values and [type(v) for v in got] == [type(v) for v in values], col
    assert not set(index.cols)   # nothing decoded whole
    monkeypatch.setattr(_store, "_ITEM_READS", 3)   # 3 single reads, then the column
    assert index.value("name_ar", 0) == "منبج" and "name_ar" in index.cols   # the 4th read
    assert index.cols["radius_km"] == [None, 2.5, None]


@pytest.mark.parametrize(("column", "value", "message"), [
    ("name", "two\nlines", "one-line string"),
    ("names", ["Manbij", ""], "empty or unstorable"),
    ("population", None, "non-negative integers"),
    ("geonameid", -4, "non-negative integers"),
])
def test_encode_refuses_values_it_cannot_store(column, value, message):
    doc = _doc()
    doc["places"][column][0] = value
    with pytest.raises(ValueError, match=message):
        encode_index(doc)


def test_encode_refuses_missing_or_short_columns():
    doc = _doc()
    del doc["places"]["layer"]
    with pytest.raises(ValueError, match="columns"):
        encode_index(doc)
    doc = _doc()
    doc["places"]["lat"].pop()
    with pytest.raises(ValueError, match="column lat has 2 values for 3 places"):
        encode_index(doc)


def test_bad_files_are_named(tmp_path):
    other = tmp_path / "gazetteer.idx"
    other.write_bytes(b"\x1f\x8b not an index")
    with pytest.raises(ValueError, match="is not a geo_deconflict gazetteer index"):
        Index.open(other)
    data = encode_index(_doc())
    cut = tmp_path / "cut.idx"
    cut.write_bytes(data[:-40])
    with pytest.raises(ValueError, match="truncated"):
        Index.open(cut).to_dict()
    newer = data.replace(b'"format":1', b'"format":9')
    with pytest.raises(ValueError, match="format 9"):
        Index.from_bytes(newer)


def test_shipped_index_lookups_match_the_decoded_index():
    """The gazetteer on the lazily read file answers as on the wholly decoded index."""
    lazy = Gazetteer(Index.open(_bundled_path()), db=None)
    full = Gazetteer(read_index(), db=None)
    names = ["Manbij", "منبج", "وبالرقة", "Dayr az Zawr", "محافظة دير الزور", "Tripoli",
             "Aleppoo Cityy", "حلبب", "Shajla", "الشحيل", "Moscow", "واشنطن"]
    for name in names:
        assert lazy.lookup(name, limit=10) == full.lookup(name, limit=10), name
        assert lazy.known(name) == full.known(name), name
    assert lazy.key_index == full.key_index
    assert list(lazy.key_index)[:100] == list(full.key_index)[:100]


def test_a_lookup_decodes_only_what_it_needs():
    index = Index.open(_bundled_path())
    gaz = Gazetteer(index, db=None)
    top = gaz.lookup("Manbij")[0]
    assert top.place.id == "gn:167357" and "Menbij" in top.place.names
    for table in (index.keys, index.exact):   # no table decoded
        assert table._slots is None and table._dict is None
    assert "names" not in index.cols
    assert name_key("Manbij") in gaz.name_keys   # the geoparser's view: the keys alone
    assert index.keys._slots is not None and index.keys._dict is None
    assert name_key("Manbij") in gaz.key_index   # the positions too, decoded on demand
    assert index.keys._dict is not None


def test_name_keys_are_the_key_index_keys():
    lazy = Gazetteer(Index.open(_bundled_path()), db=None)
    full = Gazetteer(read_index(), db=None)
    assert set(lazy.name_keys) == set(full.key_index) == set(full.name_keys)
    assert len(lazy.name_keys) == len(full.key_index) > 50_000
    assert name_key("دير الزور") in lazy.name_keys and "no such key" not in lazy.name_keys


def test_key_groups_round_trip_and_read_as_keys():
    doc = _doc()
    assert Index.from_bytes(encode_index(doc)).key_groups("skeletons") is None
    doc["skeletons"] = {"mnbj": [0], "hlb": [2, 4], "": [4]}   # ordinals of doc["keys"]
    index = Index.from_bytes(encode_index(doc))
    assert index.to_dict() == doc
    groups = index.key_groups("skeletons")
    assert groups.get("mnbj") == ["manbij"] and groups.get("hlb") == ["halab", "a"]
    assert groups.get("") == ["a"] and groups.get("xyz", ()) == ()
    assert Index.from_dict(doc).key_groups("skeletons").get("hlb") == ["halab", "a"]


def test_stored_key_groups_are_what_the_gazetteer_works_out():
    """The skeleton and transliteration groups in the file equal those computed from the keys
    (the fallback for an index without them)."""
    from geo_deconflict.gazetteer._translit import translit_groups

    data = read_index()
    stored = Index.open(_bundled_path())
    bare = Gazetteer({k: v for k, v in data.items() if k not in ("skeletons", "translits")})
    for name, computed in (("skeletons", bare._skeleton_index()),
                           ("translits", translit_groups(bare._keys))):
        assert len(data[name]) == len(computed)
        groups = stored.key_groups(name)
        for group in list(computed)[::3]:
            assert groups.get(group) == computed[group], (name, group)


def test_threads_share_a_table_while_it_changes_form(monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    full = read_index()["keys"]
    keys = list(full)[::40]
    monkeypatch.setattr(_store, "_PROBES", 300)
    table = Index.open(_bundled_path()).keys

    def ask(start: int) -> bool:
        ok = all(table.get(k) == full[k] for k in keys[start::4])
        if start == 0:
            table.as_dict()
        return ok and all(table.get(k) == full[k] for k in keys[start::4])

    with ThreadPoolExecutor(4) as pool:
        assert all(pool.map(ask, range(4)))
    assert table._dict is not None


def test_lookup_command_imports_no_geodata_stack():
    code = ("import sys; from geo_deconflict.cli import cli\n"
            "try:\n    cli(['gazetteer', 'lookup', 'Manbij'])\nexcept SystemExit:\n    pass\n"
            "heavy = {'numpy', 'pandas', 'geopandas', 'shapely', 'pyproj', 'rapidfuzz', "
            "'sqlite3'}\nprint(sorted(heavy & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "gn:167357" in out and out.strip().splitlines()[-1] == "[]"


def test_columns_are_declared_once():
    assert set(read_index()["places"]) == set(COLUMNS)
