"""A synthetic, relative-heavy corpus for throughput benchmarks (no report text is copied).

Sentences are assembled from generic templates (an actor, an action, a relative expression
around a place) with place names drawn from the shipped layers: Syrian towns with at least
`min_pop` inhabitants, the governorates and the Euphrates. About half the documents are Arabic
and half English; nearly every sentence holds a relative expression ("north of X", «ريف X
الشمالي», "12 km east of X", «شرق نهر الفرات»), the pattern the issue measures.

    python benchmarks/_corpus.py OUT_DIR [--mb 10] [--docs-kb 4]

writes OUT_DIR/doc_00000.txt ... (deterministic for a given seed).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_AR_ACTORS = ["قوات النظام", "طائرات حربية روسية", "قوات سوريا الديمقراطية", "فصائل المعارضة",
              "التحالف الدولي", "مجهولون", "الجيش التركي", "خلايا تنظيم الدولة"]
_AR_ACTIONS = ["قصفت مواقع", "استهدفت نقطة عسكرية", "شنت هجوماً على قرية", "اشتبكت مع مسلحين",
               "أسقطت قذائف على بلدة", "نفذت غارات على مواقع"]
_AR_DIRS = [("شمال", "الشمالي"), ("جنوب", "الجنوبي"), ("شرق", "الشرقي"), ("غرب", "الغربي")]
_EN_ACTORS = ["Government forces", "Russian warplanes", "The SDF", "Opposition factions",
              "Coalition aircraft", "Unidentified gunmen", "Turkish troops", "IS cells"]
_EN_ACTIONS = ["shelled positions", "struck a checkpoint", "attacked a village",
               "clashed with fighters", "fired rockets", "carried out air strikes"]
_EN_DIRS = ["north", "south", "east", "west", "northeast", "southwest"]
_FILLER_AR = ["وأفادت مصادر محلية بسقوط جرحى.", "ولم ترد أنباء عن خسائر بشرية.",
              "وتواصل القصف حتى ساعات المساء."]
_FILLER_EN = ["Local sources reported casualties.", "No casualties were reported.",
              "The shelling continued into the evening."]


def _places(min_pop: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    towns = json.loads((ROOT / "layers" / "towns.geojson").read_text(encoding="utf-8"))
    govs = json.loads((ROOT / "layers" / "governorates.geojson").read_text(encoding="utf-8"))
    t = [(f["properties"]["name_en"], f["properties"]["name_ar"]) for f in towns["features"]
         if f["properties"].get("country") == "SY"
         and (f["properties"].get("population") or 0) >= min_pop
         and f["properties"].get("name_ar")]
    g = [(f["properties"]["name_en"], f["properties"]["name_ar"]) for f in govs["features"]
         if f["properties"].get("name_ar")]
    return t, g


def _sentence_ar(rng: random.Random, towns, govs) -> str:
    _, ar = rng.choice(towns)
    actor, action = rng.choice(_AR_ACTORS), rng.choice(_AR_ACTIONS)
    kind = rng.randrange(6)
    if kind == 0:
        rel = f"{rng.choice(_AR_DIRS)[0]} {ar}"
    elif kind == 1:
        rel = f"في ريف {rng.choice(govs)[1]} {rng.choice(_AR_DIRS)[1]}"
    elif kind == 2:
        rel = f"على بعد {rng.randint(2, 40)} كم {rng.choice(_AR_DIRS)[0]} {ar}"
    elif kind == 3:
        rel = f"{rng.choice(['شرق', 'غرب'])} نهر الفرات قرب {ar}"
    elif kind == 4:
        rel = f"قرب {ar}"
    else:
        rel = f"في {ar}"
    tail = rng.choice(_FILLER_AR) if rng.random() < 0.3 else ""
    return f"{actor} {action} {rel}. {tail}".strip()


def _sentence_en(rng: random.Random, towns, govs) -> str:
    en, _ = rng.choice(towns)
    actor, action = rng.choice(_EN_ACTORS), rng.choice(_EN_ACTIONS)
    kind = rng.randrange(6)
    if kind == 0:
        rel = f"{rng.choice(_EN_DIRS)} of {en}"
    elif kind == 1:
        rel = f"in the {rng.choice(['northern', 'southern', 'eastern'])} countryside of " \
              f"{rng.choice(govs)[0]}"
    elif kind == 2:
        rel = f"{rng.randint(2, 40)} km {rng.choice(_EN_DIRS)} of {en}"
    elif kind == 3:
        rel = f"{rng.choice(['east', 'west'])} of the Euphrates near {en}"
    elif kind == 4:
        rel = f"near {en}"
    else:
        rel = f"in {en}"
    tail = rng.choice(_FILLER_EN) if rng.random() < 0.3 else ""
    return f"{actor} {action} {rel}. {tail}".strip()


def generate(megabytes: float = 10.0, *, doc_kb: float = 4.0, seed: int = 16,
             min_pop: int = 5_000) -> list[str]:
    """Documents totalling about `megabytes` MB of UTF-8."""
    rng = random.Random(seed)
    towns, govs = _places(min_pop)
    docs, size = [], 0
    while size < megabytes * 1e6:
        arabic = rng.random() < 0.5
        make = _sentence_ar if arabic else _sentence_en
        parts, n = [], 0
        while n < doc_kb * 1000:
            s = make(rng, towns, govs)
            parts.append(s)
            n += len(s.encode("utf-8")) + 1
        doc = " ".join(parts) + "\n"
        docs.append(doc)
        size += len(doc.encode("utf-8"))
    return docs


def write(folder: Path, megabytes: float = 10.0, *, doc_kb: float = 4.0) -> list[Path]:
    """Write the corpus as folder/doc_NNNNN.txt (reusing it if it is already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / f".generated_{megabytes:g}mb_{doc_kb:g}kb"
    if marker.exists():
        return sorted(folder.glob("doc_*.txt"))
    paths = []
    for i, doc in enumerate(generate(megabytes, doc_kb=doc_kb)):
        path = folder / f"doc_{i:05d}.txt"
        path.write_text(doc, encoding="utf-8")
        paths.append(path)
    marker.write_text("ok\n", encoding="utf-8")
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--docs-kb", type=float, default=4.0)
    args = parser.parse_args()
    paths = write(args.out, args.mb, doc_kb=args.docs_kb)
    print(f"{len(paths)} documents in {args.out}")


if __name__ == "__main__":
    main()
