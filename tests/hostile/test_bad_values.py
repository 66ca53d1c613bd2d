"""Bad values, on the command line or in a settings file: each is one clear error line and
exit 2, never a traceback and never a run that goes ahead with it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from citecheck.cli import build_parser, main
from citecheck.config import load_config
from citecheck.options import OPTIONS, Duration, Number

MANUSCRIPT = "# T\n\nClaim.[^1]\n\n[^1]: Ministry of Defence, 2020. <https://example.org/a>\n"


@pytest.fixture
def book(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the settings search stops here
    path = tmp_path / "book.md"
    path.write_text(MANUSCRIPT, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Exit code and standard error of `citecheck ARGV` (argparse's exit included)."""
    try:
        code = main(list(argv))
    except SystemExit as ended:
        code = int(ended.code or 0)
    return code, capsys.readouterr().err


def assert_one_line_error(code: int, err: str, *words: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert "error:" in last, err
    for word in words:
        assert word in last, (word, last)


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--deadline", "1e300"], ["--deadline", "at most 3600"]),
        (["--timeout", "1e300"], ["--timeout", "at most 600"]),
        (["--connect-timeout", "inf"], ["--connect-timeout"]),
        (["--concurrency", "1000000000000"], ["--concurrency", "1 to 1024"]),
        (["--concurrency", "1" + "0" * 400], ["--concurrency"]),
        (["--timeout", "1" + "0" * 400], ["--timeout"]),
        (["--deadline", "nan"], ["--deadline"]),
        (["--host-concurrency", "100000"], ["--host-concurrency"]),
        (["--retries", "1000000"], ["--retries", "0 to 10"]),
        (["--confirm-dead", "1000000000"], ["--confirm-dead"]),
        (["--max-age", "1e300"], ["--max-age", "duration"]),
        (["--max-age", "100000d"], ["--max-age"]),
        (["--fail-on", ""], ["--fail-on"]),
        (["--fail-on", ","], ["--fail-on"]),
        (["--cache", ""], ["--cache"]),
        (["--cache", "   "], ["--cache"]),
        (["--user-agent", "citecheck\r\nX-Injected: 1"], ["--user-agent", "controls"]),
        (["--user-agent", "x" * 5000], ["--user-agent"]),
        (["--wayback-api", "file:///etc/passwd"], ["--wayback-api", "http(s) URL"]),
        (["--cdx-api", ""], ["--cdx-api"]),
    ],
)
def test_bad_command_line_values(capsys, book: Path, argv: list[str], words) -> None:
    code, err = run(capsys, "check", str(book), "--no-cache", "--no-archive", *argv)
    assert_one_line_error(code, err, *words)


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        ("deadline = 1e300", ["'deadline'", "at most 3600"]),
        ("concurrency = 1000000000000", ["'concurrency'"]),
        ("retries = 2.5", ["'retries'", "whole number"]),
        ("fail-on = []", ["'fail-on'"]),
        ('cache = ""', ["'cache'"]),
        ('user-agent = "a\\r\\nX-Injected: 1"', ["'user-agent'"]),
        ('max-age = "9999999d"', ["'max-age'"]),
        ('[archive]\nenabled = "no"', ["'archive'", "'enabled'", "true or false"]),
        ("[archive]\nwayback-api = 5", ["'archive'", "'wayback-api'", "URL"]),
        ("[archive]\ncdx-limit = 1.5", ["'archive'", "'cdx-limit'", "whole number"]),
        ("[archive]\nreplay-base = []", ["'archive'", "'replay-base'"]),
        ("[archive]\nrate-per-minute = 1e300", ["'archive'", "'rate-per-minute'"]),
        ("[archive]\nburst = 0", ["'archive'", "'burst'"]),
        ('[archive]\navailability-directions = ["sideways"]', ["'availability-directions'"]),
        ("[archive]\ncolour = 1", ["'archive'", "'colour'"]),
        ('archive = "on"', ["'archive'", "table"]),
    ],
)
def test_bad_settings_file_values(capsys, book: Path, settings: str, words) -> None:
    (book.parent / "citecheck.toml").write_text(settings + "\n", encoding="utf-8")
    code, err = run(capsys, "check", str(book), "--no-cache", "--no-archive")
    assert_one_line_error(code, err, "citecheck.toml", *words)


@pytest.mark.parametrize(
    "pyproject",
    ['[tool]\ncitecheck = "x"\n', "tool = [1, 2]\n", 'tool = "x"\n', "[tool]\ncitecheck = 3\n"],
)
def test_a_pyproject_whose_tool_is_no_table(capsys, book: Path, pyproject: str) -> None:
    (book.parent / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    code, err = run(capsys, "verify", str(book))
    assert_one_line_error(code, err, "pyproject.toml", "must be a table")


def test_a_pyproject_without_settings_is_no_error(book: Path) -> None:
    (book.parent / "pyproject.toml").write_text('[tool.black]\nline-length = 99\n', "utf-8")
    assert load_config(directory=book).source is None


def test_a_cache_path_in_the_file_expands_the_home_directory(
    book: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (book.parent / "citecheck.toml").write_text('cache = "~/c.sqlite"\n', encoding="utf-8")
    config = load_config(directory=book)
    assert config.cache == str(tmp_path / "home" / "c.sqlite")
    assert not os.path.exists("~")


def test_the_archive_table_is_read_when_valid(book: Path) -> None:
    (book.parent / "citecheck.toml").write_text(
        '[archive]\nenabled = false\ncdx-limit = 50\nreplay-base = "https://a.example/web/"\n',
        encoding="utf-8",
    )
    archive = load_config(directory=book).archive
    assert (archive.enabled, archive.cdx_limit, archive.replay_base) == (
        False, 50, "https://a.example/web/"
    )  # fmt: skip


def test_every_numeric_option_says_its_maximum_in_help() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices["check"]
    helps = {flag: action.help or "" for action in sub._actions for flag in action.option_strings}
    numeric = [o for o in OPTIONS if isinstance(o.convert, Number | Duration) and o.on_command_line]
    assert len(numeric) >= 8
    for option in numeric:
        if "check" in option.commands:
            assert "at most" in helps[option.flag], option.flag


@pytest.mark.parametrize("kind", ["symlink", "fifo"])
def test_output_onto_a_link_or_fifo_is_refused_even_with_force(capsys, book: Path, kind) -> None:
    kept = book.parent / "kept.json"
    kept.write_text("precious", encoding="utf-8")
    target = book.parent / "out.json"
    if kind == "symlink":
        target.symlink_to(kept)
    else:
        os.mkfifo(target)
    code, err = run(capsys, "parse", str(book), "-o", str(target), "--force")
    assert_one_line_error(code, err, str(target))
    assert target.is_symlink() if kind == "symlink" else target.is_fifo()
    assert kept.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in book.parent.iterdir()) == [".git", "book.md", "kept.json",
                                                             "out.json"]  # fmt: skip
