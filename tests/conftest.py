"""Shared fixtures: paths to the development set beside the project, and a CLI runner."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GEO_DECONFLICT_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
REFERENCE = SHARED / "reference"


def _need(path: Path) -> Path:
    """`path`, or skip the test when the development set is not beside the project.

    In CI (``CI`` set) the development set must be there, so a missing one fails instead of
    skipping silently.
    """
    if not path.exists():
        msg = f"development set not found: {path} (set GEO_DECONFLICT_SHARED to ../shared)"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """``../shared/seeds``: the five seed articles and their hand annotations."""
    return _need(SEEDS)


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """``../shared/reference``: the public geodata the layers are derived from."""
    return _need(REFERENCE)


@pytest.fixture(scope="session")
def gold_places(seeds_dir) -> list[dict]:
    """Every line of ``places.jsonl`` (toponym occurrences and relative expressions)."""
    with (seeds_dir / "places.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()
