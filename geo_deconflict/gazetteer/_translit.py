"""Groups of the gazetteer's keys that may be spellings of one name (see `Gazetteer._variants`):
Latin keys by their transliteration key, Arabic keys by their sound key."""

from __future__ import annotations

from geo_deconflict.geo import names
from geo_deconflict.geo.names import arabic_sound_key, is_arabic, translit_of_key

__all__ = ["sound_groups", "sound_keys", "translit_groups", "translit_of_keys"]


def translit_groups(keys) -> dict[str, list[str]]:
    """Latin keys by `names.translit_of_key`."""
    latin = [k for k in keys if k.isascii()]
    groups: dict[str, list[str]] = {}
    for k, tkey in zip(latin, translit_of_keys(latin), strict=True):
        groups.setdefault(tkey, []).append(k)
    return groups


def sound_groups(keys) -> dict[str, list[str]]:
    """Arabic keys by `names.arabic_sound_key` (those long enough to have one)."""
    arabic = [k for k in keys if not k.isascii() and is_arabic(k)]
    groups: dict[str, list[str]] = {}
    for k, sound in zip(arabic, sound_keys(arabic), strict=True):
        if sound:
            groups.setdefault(sound, []).append(k)
    return groups


def sound_keys(keys: list[str]) -> list[str]:
    """`names.arabic_sound_key` of many Arabic keys at once: the emphatics replaced in one
    joined string (`str.translate`, a dict look-up per character, took 18 ms for the index's
    21,000 Arabic keys; five `str.replace` over their join take 1)."""
    if any("\n" in k for k in keys):
        return [arabic_sound_key(k) for k in keys]
    text = "\n".join(keys)
    for old, new in names._AR_SOUND_PAIRS:
        text = text.replace(old, new)
    return [names._plain_sound_key(k) for k in text.split("\n")]


def translit_of_keys(keys: list[str]) -> list[str]:
    """`names.translit_of_key` of many ASCII keys at once: the same steps on one joined
    string (none of them reaches across the line breaks between keys), for the index."""
    if not keys:
        return []
    if any("\n" in k or not k.isascii() for k in keys):
        return [translit_of_key(k) for k in keys]
    text = "\n".join(keys)
    for old, new in names._TRANSLIT_PAIRS:
        text = text.replace(old, new)
    text = names._TRANSLIT_G.sub("k", text)
    text = names._TRANSLIT_AI.sub("ai", names._TRANSLIT_U.sub(
        "u", text.translate(names._TRANSLIT_CHARS)))
    out = [k[:-1] if len(k) > 1 and k.endswith("a") else k for k in text.split("\n")]
    return names._DOUBLE.sub(r"\1", "\n".join(out)).split("\n")
