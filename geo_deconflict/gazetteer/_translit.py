"""The gazetteer's transliteration keys of all its Latin keys at once (see `Gazetteer._variants`)."""

from __future__ import annotations

from geo_deconflict.geo import names
from geo_deconflict.geo.names import translit_of_key

__all__ = ["translit_of_keys"]


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
