from __future__ import annotations

import os

import pytest

from citecheck.errors import UsageError
from citecheck.output import write_text


def test_new_file_gets_the_usual_mode(tmp_path):
    target = tmp_path / "report.txt"
    old = os.umask(0o022)
    try:
        write_text("hello", str(target))
    finally:
        os.umask(old)
    assert target.read_text(encoding="utf-8") == "hello"
    assert target.stat().st_mode & 0o777 == 0o644


def test_existing_file_is_kept_without_force(tmp_path):
    target = tmp_path / "mine.bib"
    target.write_text("precious", encoding="utf-8")
    with pytest.raises(UsageError, match="--force"):
        write_text("new", str(target))
    assert target.read_text(encoding="utf-8") == "precious"


def test_force_replaces_and_keeps_the_mode(tmp_path):
    target = tmp_path / "mine.bib"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_text("new", str(target), force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["mine.bib"]


def test_missing_directory_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        write_text("x", str(tmp_path / "nope" / "out.txt"))
