"""One table of options: the command line and `[tool.citecheck]` come from it, reject the
same values, and the nearest config file is found from the first input up."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from citecheck.cli import build_parser, main
from citecheck.config import Config, load_config
from citecheck.errors import UsageError
from citecheck.options import OPTIONS, for_command

MANUSCRIPT = "# T\n\nClaim.[^1]\n\n[^1]: Ministry of Defence website, 12 May 2020.\n"


def _subparser(command: str):
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return action.choices[command]


@pytest.mark.parametrize("command", ["check", "verify", "parse", "export"])
def test_every_option_of_a_command_is_on_its_command_line(command: str) -> None:
    flags = {flag for action in _subparser(command)._actions for flag in action.option_strings}
    wanted = {option.flag for option in for_command(command) if option.on_command_line}
    assert wanted <= flags
    others = {option.flag for option in OPTIONS} - wanted
    assert not others & flags


def test_config_fields_are_the_table() -> None:
    fields = {field.name: field for field in dataclasses.fields(Config)}
    assert set(fields) == {option.name for option in OPTIONS} | {"source"}
    defaults = Config()
    for option in OPTIONS:
        assert getattr(defaults, option.name) == option.default


@pytest.mark.parametrize(
    ("key", "file_value", "argv"),
    [
        ("timeout", "-1", ["--timeout", "-1"]),
        ("retries", "-2", ["--retries", "-2"]),
        ("fail-on", '"broken"', ["--fail-on", "broken"]),
        ("ignore", '["Not A Kind"]', ["--ignore", "Not A Kind"]),
        ("max-age", '"soon"', ["--max-age", "soon"]),
    ],
)
def test_a_bad_value_is_refused_the_same_way_in_both(tmp_path, capsys, key, file_value, argv):
    (tmp_path / "citecheck.toml").write_text(f"{key} = {file_value}\n", encoding="utf-8")
    with pytest.raises(UsageError) as raised:
        load_config(directory=tmp_path)
    expected = str(raised.value).split(" must be ")[1]
    with pytest.raises(SystemExit):
        main(["check", str(tmp_path), *argv])
    assert f"expected {expected}" in capsys.readouterr().err


def test_config_is_found_from_the_first_input_up_to_the_repository_root(tmp_path, capsys):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs" / "deep").mkdir(parents=True)
    (repo / "docs" / "deep" / "book.md").write_text(MANUSCRIPT, encoding="utf-8")
    (repo / "pyproject.toml").write_text(
        '[tool.citecheck]\nignore = ["web-source-without-link"]\n', encoding="utf-8"
    )
    # Above the repository root: never read.
    (tmp_path / "citecheck.toml").write_text("timeout = -5\n", encoding="utf-8")
    book = str(repo / "docs" / "deep" / "book.md")
    config = load_config(directory=book)
    assert config.source == str(repo / "pyproject.toml")
    assert config.ignore == ("web-source-without-link",)
    # A nearer .citecheck.toml wins over the root's pyproject.toml.
    (repo / "docs" / ".citecheck.toml").write_text("retries = 0\n", encoding="utf-8")
    assert load_config(directory=book).source == str(repo / "docs" / ".citecheck.toml")


def test_verify_reads_the_config_and_select_ignore_choose_kinds(tmp_path, capsys):
    book = tmp_path / "book.md"
    book.write_text(MANUSCRIPT + "\nClaim.[^3]\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    main(["verify", str(book), "--format", "json"])
    kinds = _kinds(capsys.readouterr().out)
    assert "web-source-without-link" in kinds and len(kinds) >= 2
    (tmp_path / "citecheck.toml").write_text(
        'ignore = ["web-source-without-link"]\n', encoding="utf-8"
    )
    main(["verify", str(book), "--format", "json"])
    assert _kinds(capsys.readouterr().out) == kinds - {"web-source-without-link"}
    main(["verify", str(book), "--format", "json", "--select", "web-source-without-link"])
    assert _kinds(capsys.readouterr().out) == set()  # selected, but the file ignores it
    (tmp_path / "citecheck.toml").unlink()
    main(["verify", str(book), "--format", "json", "--select", "web-source-without-link"])
    assert _kinds(capsys.readouterr().out) == {"web-source-without-link"}


def test_verify_exit_zero(tmp_path, capsys):
    book = tmp_path / "book.md"
    book.write_text("# T\n\nA.[^1] B.[^3]\n\n[^1]: X, 2020.\n", encoding="utf-8")
    assert main(["verify", str(book)]) == 1
    assert main(["verify", str(book), "--exit-zero"]) == 0
    assert main(["verify", str(book), str(tmp_path / "gone.md"), "--exit-zero"]) == 2


def _kinds(text: str) -> set[str]:
    import json

    data = json.loads(text)
    problems = data["problems"] + [p for s in data["sections"] for p in s["problems"]]
    return {problem["kind"] for problem in problems}


def test_parse_reads_standard_input(tmp_path, capsys, monkeypatch) -> None:
    import io
    import json
    import sys

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MANUSCRIPT.encode())))
    assert main(["parse", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["document"] == "<stdin>"
    assert [n["mark"] for s in data["sections"] for n in s["notes"]] == ["1"]


def test_an_empty_directory_is_an_error(tmp_path: Path, capsys) -> None:
    assert main(["check", str(tmp_path), "--no-cache"]) == 2
    assert "no file to read" in capsys.readouterr().err


def test_check_leaves_out_web_sources_without_links_unless_asked(tmp_path, capsys) -> None:
    import json

    book = tmp_path / "book.md"
    book.write_text(MANUSCRIPT, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    main(["check", str(book), "--no-cache", "--format", "json"])
    assert json.loads(capsys.readouterr().out)["problems"] == []
    main(["check", str(book), "--no-cache", "--format", "json", "--ignore", ""])
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [p["kind"] for p in problems] == ["web-source-without-link"]
