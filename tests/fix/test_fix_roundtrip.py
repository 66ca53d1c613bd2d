"""`check`, then `fix`: the diff (or `--write`) gives a file that `check` finds with no
moved link and every dead link archived, and `fix` itself sends no request."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from manuscripts import write

from tests.fix.conftest import Setup

FORMATS = ["markdown", "text", "bibtex", "docx", "odt", "fodt"]
TEXT_FORMATS = ["markdown", "text", "bibtex", "fodt"]


def states(report: dict) -> dict[str, tuple[str, str | None]]:
    return {
        link["url"]: (link["verdict"], link["archive"] and link["archive"]["url"])
        for link in report["links"]
    }


def assert_fixed(report: dict, setup: Setup) -> None:
    """No moved link, every dead one with its archived copy, the new URLs cited."""
    found = states(report)
    assert all(state != "moved" for state, _ in found.values()), found
    assert all(archive for state, archive in found.values() if state == "dead"), found
    assert setup.urls["moved"] not in found
    assert setup.web.url("/ok/m1-new") in found
    assert setup.urls["live"] in found


@pytest.mark.parametrize("kind", FORMATS)
def test_write_round_trip(setup: Setup, capsys, kind: str) -> None:
    path = write(setup.folder, kind, setup.urls)
    original = path.read_bytes()
    before = states(setup.check(path, capsys))
    assert before[setup.urls["moved"]][0] == "moved"
    assert before[setup.urls["dead"]][0] == "dead"
    sent = setup.requests()
    assert setup.fix(path, capsys, "--write")[0] == 0
    assert setup.requests() == sent, "fix sent a request"
    assert Path(f"{path}.orig").read_bytes() == original
    assert_fixed(setup.check(path, capsys), setup)


@pytest.mark.parametrize("kind", TEXT_FORMATS)
def test_the_diff_applies_with_patch(setup: Setup, capsys, kind: str) -> None:
    path = write(setup.folder, kind, setup.urls)
    setup.check(path, capsys)
    sent = setup.requests()
    code, diff, _ = setup.fix(Path(path.name), capsys)
    assert code == 0 and diff.startswith(f"--- a/{path.name}")
    assert setup.requests() == sent, "fix sent a request"
    copy = setup.folder / "copy"
    copy.mkdir()
    shutil.copy(path, copy / path.name)
    subprocess.run(["patch", "-p1", "-s", "-d", str(copy)], input=diff, text=True, check=True)
    assert_fixed(setup.check(copy / path.name, capsys), setup)


def test_append_and_replace_in_markdown(setup: Setup, capsys) -> None:
    path = write(setup.folder, "markdown", setup.urls)
    report = setup.check(path, capsys)
    archive = states(report)[setup.urls["dead"]][1]
    _, appended, _ = setup.fix(path, capsys)
    assert (
        f"+[^2]: Report two, accessed 2024-02-15, [the report]({setup.urls['dead']})"
        f" (archived <{archive}>).\n" in appended
    )
    _, replaced, _ = setup.fix(path, capsys, "--archived", "replace")
    assert f"[the report]({archive})." in replaced
    assert f"<{setup.web.url('/ok/m1-new')}>" in replaced


def test_a_second_fix_changes_nothing(setup: Setup, capsys) -> None:
    path = write(setup.folder, "markdown", setup.urls)
    setup.check(path, capsys)
    setup.fix(path, capsys, "--write")
    setup.check(path, capsys)
    Path(f"{path}.orig").unlink()
    assert setup.fix(path, capsys)[:2] == (0, "")


def test_bibtex_keeps_keys_and_other_fields(setup: Setup, capsys) -> None:
    path = write(setup.folder, "bibtex", setup.urls)
    original = path.read_text(encoding="utf-8")
    report = setup.check(path, capsys)
    archive = states(report)[setup.urls["dead"]][1]
    setup.fix(path, capsys, "--write")
    fixed = path.read_text(encoding="utf-8")
    new = setup.web.url("/ok/m1-new")
    expected = original.replace(setup.urls["moved"], new, 1)
    expected = expected.replace("  urldate = {2024-02-15},\n  year", "  urldate = {TODAY},\n  year")
    expected = expected.replace(
        "note = {In Japanese}", f"note = {{In Japanese. Archived at \\url{{{archive}}}}}"
    )
    today = fixed.split("urldate = {", 1)[1][:10]
    assert fixed == expected.replace("TODAY", today)


def test_nothing_is_written_when_the_file_changed_since_check(setup: Setup, capsys) -> None:
    path = write(setup.folder, "markdown", setup.urls)
    setup.check(path, capsys)
    path.write_text(path.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    edited = path.read_bytes()
    code, _, error = setup.fix(path, capsys, "--write")
    assert code == 2 and "not checked in its present form" in error
    assert path.read_bytes() == edited and not Path(f"{path}.orig").exists()


def test_an_existing_backup_is_never_overwritten(setup: Setup, capsys) -> None:
    path = write(setup.folder, "markdown", setup.urls)
    setup.check(path, capsys)
    backup = Path(f"{path}.orig")
    backup.write_text("the user's own backup", encoding="utf-8")
    before = path.read_bytes()
    code, _, error = setup.fix(path, capsys, "--write")
    assert code == 2 and f"{backup} exists" in error
    assert backup.read_text(encoding="utf-8") == "the user's own backup"
    assert path.read_bytes() == before


def test_a_dead_link_not_yet_confirmed_is_not_fixed(setup: Setup, capsys) -> None:
    path = write(setup.folder, "markdown", setup.urls)
    setup.check(path, capsys)
    _, diff, _ = setup.fix(path, capsys, "--confirm-dead", "3")
    assert "archived" not in diff and setup.web.url("/ok/m1-new") in diff


def test_a_docx_diff_names_each_changed_part(setup: Setup, capsys) -> None:
    path = write(setup.folder, "docx", setup.urls)
    archive = states(setup.check(path, capsys))[setup.urls["dead"]][1]
    _, diff, _ = setup.fix(Path(path.name), capsys)
    assert "--- a/book.docx:word/_rels/footnotes.xml.rels\n" in diff
    assert "--- a/book.docx:word/footnotes.xml\n" in diff
    assert '+<Relationship Id="rId7" Type=' in diff and f'Target="{archive}"' in diff
    assert f"+{setup.web.url('/ok/m1-new')}</w:t>\n" in diff
