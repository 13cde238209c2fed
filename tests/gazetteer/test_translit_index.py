"""The transliteration index is built in one pass over the joined keys, with the same keys as
`names.translit_of_key` gives one by one."""

from geo_deconflict.gazetteer._translit import translit_groups
from geo_deconflict.gazetteer._translit import translit_of_keys as _translit_of_keys
from geo_deconflict.gazetteer.api import load_gazetteer
from geo_deconflict.geo.names import translit_of_key


def test_joined_pass_gives_translit_of_key_on_every_gazetteer_key():
    keys = [k for k in load_gazetteer()._keys if k.isascii()]
    keys += ["", "a", "wa", "gaw", "aaw", "ghazaa", "aw", "yw"]
    assert len(keys) > 10_000
    assert _translit_of_keys(keys) == [translit_of_key(k) for k in keys]


def test_keys_the_joined_pass_cannot_take_are_done_one_by_one():
    keys = ["dayr", "x\ny", "دير"]
    assert _translit_of_keys(keys) == [translit_of_key(k) for k in keys]
    assert _translit_of_keys([]) == []


def test_the_index_finds_a_spelling_by_its_transliteration_key():
    gaz = load_gazetteer()
    found = translit_groups(gaz._keys).get(translit_of_key("deirezzor"), [])
    assert found and all(translit_of_key(k) == translit_of_key("deirezzor") for k in found)
