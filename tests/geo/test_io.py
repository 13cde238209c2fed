"""Atomic outputs (`geo.io.atomic_path`): a stop at any point leaves nothing behind."""

from __future__ import annotations

import os

import pytest

from geo_deconflict.geo import io


def test_a_stop_right_after_the_temporary_file_is_created_leaves_nothing(tmp_path,
                                                                         monkeypatch):
    # SIGTERM turns into an exception at the next bytecode: here, the moment the temporary
    # name exists on disk (before any writer ran); the file must still be removed
    real_open = os.open

    def open_then_stop(*args, **kwargs):
        fd = real_open(*args, **kwargs)
        if str(args[0]).endswith(".part.csv"):
            os.close(fd)
            raise KeyboardInterrupt
        return fd

    monkeypatch.setattr(io.os, "open", open_then_stop)
    with pytest.raises(KeyboardInterrupt), io.atomic_path(tmp_path / "out.csv") as tmp:
        tmp.write_text("never")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_a_stop_while_writing_leaves_nothing_and_keeps_the_old_file(tmp_path):
    old = tmp_path / "out.csv"
    old.write_text("kept")
    with pytest.raises(KeyboardInterrupt), io.atomic_path(old, overwrite=True) as tmp:
        tmp.write_text("half")
        raise KeyboardInterrupt
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"] and old.read_text() == "kept"
    with io.atomic_path(old, overwrite=True) as tmp:
        tmp.write_text("new")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"] and old.read_text() == "new"
