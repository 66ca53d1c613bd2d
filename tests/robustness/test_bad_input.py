"""Bad input through the command line: one clear line, exit 2, no traceback, nothing lost.

Every case runs `citecheck.cli.main([...])` in-process for each command (parse,
verify, check, export). A command not registered yet is skipped, so the cases run
as soon as it lands. Input problems must be reported by citecheck itself
(`citecheck: error: …`), never by argparse: that keeps a test from passing just
because an option was misspelled. Option problems may be argparse usage errors.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from citecheck.cli import main
from citecheck.commands import COMMANDS
from tests.robustness import badfiles
from tests.robustness.badfiles import DOCX_PARTS, EPUB_PARTS, VALID_NOTES, write, zip_bytes

ROOT = Path(__file__).resolve().parents[2]

#: Base options of each command, from the command-line contract (DESIGN.md §7), chosen
#: so that a valid input runs without network and without touching a cache.
BASE_OPTIONS: dict[str, list[str]] = {
    "parse": ["--format", "json"],
    "verify": ["--format", "json"],
    "check": ["--format", "json", "--no-cache", "--no-archive", "--retries", "0"],
    "export": ["--to", "csl-json"],
}
ALL_COMMANDS = tuple(BASE_OPTIONS)
#: Notes citing a URL that is never contacted (a private address, without --allow-private).
NOTES_WITH_LINK = VALID_NOTES + "- 3 資料、http://127.0.0.1:9/report.html。\n"
USAGE_ERROR = re.compile(r"^citecheck(?: \w+)?: error: ")


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


def registered(command: str) -> bool:
    return any(command == module.NAME for module in COMMANDS)


def run_cli(capsys: pytest.CaptureFixture[str], argv: list[str]) -> Outcome:
    if not registered(argv[0]):
        pytest.skip(f"command {argv[0]!r} is not on this branch yet")
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse usage errors
        code = exc.code if isinstance(exc.code, int) else 2
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err)


def assert_input_error(outcome: Outcome) -> None:
    """Exit 2 and exactly one line on stderr, citecheck's own, without a traceback."""
    lines = outcome.err.strip().splitlines()
    assert "Traceback" not in outcome.err, outcome.err
    assert outcome.code == 2, outcome
    assert len(lines) == 1 and lines[0].startswith("citecheck: error: "), outcome.err


def assert_usage_error(outcome: Outcome) -> None:
    """Exit 2 with one error line (argparse may print its usage lines before it)."""
    assert "Traceback" not in outcome.err, outcome.err
    assert outcome.code == 2, outcome
    errors = [line for line in outcome.err.splitlines() if USAGE_ERROR.match(line)]
    assert len(errors) == 1, outcome.err


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in an empty directory: no project config, no cache file left anywhere."""
    monkeypatch.chdir(tmp_path)


# --- input files that must be refused -------------------------------------------------

Builder = Callable[[Path], Path]

REFUSED_INPUTS: dict[str, Builder] = {
    "empty-file": lambda d: write(d, "empty.txt", b""),
    "only-whitespace": lambda d: write(d, "blank.txt", "\n \n\t\n\u3000\n"),
    "binary-with-nuls": lambda d: write(d, "binary.txt", bytes(range(256)) * 64),
    "png-image": lambda d: write(d, "figure.png", b"\x89PNG\r\n\x1a\n" + bytes(2000)),
    "pdf-document": lambda d: write(d, "paper.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8),
    "prose-without-notes": lambda d: write(d, "prose.txt", "これは本文だけの文書である。\n" * 20),
    "notes-heading-without-notes": lambda d: write(d, "heading.txt", "注\n[序章]\n\n[第1章]\n"),
    "only-numbers-out-of-range": lambda d: write(
        d, "range.txt", "注\n- 99999 番号が大きすぎる。\n- 123456 これも。\n"
    ),
    "no-such-file": lambda d: d / "missing.txt",
    "a-directory": lambda d: d,
    "larger-than-the-input-limit": lambda d: badfiles.sparse_file(d, "huge.txt", 200 * 1024 * 1024),
    "docx-truncated": lambda d: badfiles.truncated(d, "cut.docx", zip_bytes(DOCX_PARTS)),
    "docx-without-document-part": lambda d: write(
        d, "hollow.docx", zip_bytes({"[Content_Types].xml": DOCX_PARTS["[Content_Types].xml"]})
    ),
    "docx-part-not-xml": lambda d: write(
        d, "broken.docx", zip_bytes({**DOCX_PARTS, "word/endnotes.xml": "<w:endnotes><w:endn"})
    ),
    "docx-not-a-zip": lambda d: write(d, "fake.docx", "これはzipではない\n" * 10),
    "docx-zip-bomb": lambda d: badfiles.zip_bomb(d, "bomb.docx"),
    "docx-twenty-thousand-members": lambda d: badfiles.many_members(d, "swarm.docx"),
    "epub-truncated": lambda d: badfiles.truncated(d, "cut.epub", zip_bytes(EPUB_PARTS)),
    "epub-container-points-nowhere": lambda d: write(
        d, "lost.epub", zip_bytes({k: v for k, v in EPUB_PARTS.items() if "content.opf" not in k})
    ),
    "zip-neither-docx-nor-epub": lambda d: write(
        d, "archive.txt", zip_bytes({"readme.txt": "hello", "data.csv": "a,b\n1,2\n"})
    ),
    "bib-unbalanced-braces": lambda d: write(
        d, "refs.bib", "@article{key1,\n  title = {Unclosed {brace,\n  year = 2020\n"
    ),
    "bib-without-entries": lambda d: write(d, "empty.bib", "% only a comment\n"),
    "html-without-notes": lambda d: write(
        d, "page.html", "<!doctype html><html><body><p>本文のみ。</p></body></html>"
    ),
}


@pytest.mark.parametrize("command", ALL_COMMANDS)
@pytest.mark.parametrize("case", sorted(REFUSED_INPUTS))
def test_bad_input_is_refused_in_one_line(capsys, tmp_path, command, case):
    path = REFUSED_INPUTS[case](tmp_path)
    before = path.read_bytes() if path.is_file() else None
    outcome = run_cli(capsys, [command, str(path), *BASE_OPTIONS[command]])
    assert_input_error(outcome)
    if before is not None:
        assert path.read_bytes() == before  # the user's file is untouched


# --- input a good tool may read, or refuse cleanly ----------------------------------

READABLE_OR_REFUSED: dict[str, tuple[Builder, str]] = {
    "shift-jis-notes": (lambda d: write(d, "sjis.txt", VALID_NOTES, "shift_jis"), "安全保障の研究"),
    "euc-jp-notes": (lambda d: write(d, "euc.txt", VALID_NOTES, "euc_jp"), "安全保障の研究"),
    "gb18030-notes": (
        lambda d: write(d, "gb.txt", "注\n- 1 《人民日报》2023年12月29日。\n", "gb18030"),
        "人民日报",
    ),
    "latin1-notes": (
        lambda d: write(d, "latin1.txt", "Notes\n- 1 Müller, «Études», Zürich, 2020.\n", "latin-1"),
        "Müller",
    ),
    "utf8-with-stray-invalid-bytes": (
        lambda d: write(d, "stray.txt", VALID_NOTES.encode() + b"\n- 3 \xff\xfe\xfa bad\n"),
        "安全保障の研究",
    ),
    "crlf-line-ends-and-bom": (
        lambda d: write(d, "crlf.txt", "\ufeff" + VALID_NOTES.replace("\n", "\r\n")),
        "安全保障の研究",
    ),
    "utf16-without-bom": (
        lambda d: write(d, "utf16.txt", VALID_NOTES.encode("utf-16-le")),
        "安全保障の研究",
    ),
    "notes-numbered-zero-and-repeated": (
        lambda d: write(d, "odd.txt", "注\n- 0 零番の注。\n- 1 『本』。\n- 1 『本』。\n"),
        "零番",
    ),
}


@pytest.mark.parametrize("command", ["parse", "verify"])
@pytest.mark.parametrize("case", sorted(READABLE_OR_REFUSED))
def test_odd_encodings_are_read_right_or_refused(capsys, tmp_path, command, case):
    """Either the text comes out right (no mojibake) or one clear error; never a crash."""
    builder, expected_text = READABLE_OR_REFUSED[case]
    path = builder(tmp_path)
    before = path.read_bytes()
    outcome = run_cli(capsys, [command, str(path), *BASE_OPTIONS[command]])
    if outcome.code == 2:
        assert_input_error(outcome)
    else:
        assert outcome.code in (0, 1) and "Traceback" not in outcome.err, outcome
        if command == "parse":
            assert expected_text in outcome.out.encode().decode("unicode_escape", "ignore") or (
                expected_text in outcome.out
            ), outcome.out[:500]
    assert path.read_bytes() == before


def test_unreadable_file_is_refused(capsys, tmp_path):
    path = write(tmp_path, "secret.txt", VALID_NOTES)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read a chmod 000 file (root)")
        assert_input_error(run_cli(capsys, ["parse", str(path), "--format", "json"]))
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("command", ["parse", "verify"])
def test_fifo_is_refused_without_hanging(tmp_path, command):
    """A named pipe with no writer must not block the reader forever."""
    if not registered(command):
        pytest.skip(f"command {command!r} is not on this branch yet")
    path = badfiles.fifo(tmp_path, "pipe.txt")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "citecheck", command, str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,  # a blocked read never ends; a loaded machine starts slowly
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"citecheck {command} blocked reading a FIFO for 60 s")
    assert_input_error(Outcome(result.returncode, result.stdout, result.stderr))


# --- outputs: never overwrite a user's file silently ----------------------------------

OUTPUT_OPTIONS: dict[str, list[str]] = {
    "parse": ["-o"],
    "verify": ["-o"],
    "check": ["-o"],
    "export": ["-o"],
}


@pytest.mark.parametrize("command", ALL_COMMANDS)
def test_existing_output_is_kept_without_force(capsys, tmp_path, command):
    source = write(tmp_path, "notes.txt", VALID_NOTES)
    users_file = write(tmp_path, "thesis.bib", "@book{mine, title={My own work}}\n")
    before = users_file.read_bytes()
    argv = [command, str(source), *BASE_OPTIONS[command], *OUTPUT_OPTIONS[command], str(users_file)]
    outcome = run_cli(capsys, argv)
    assert_input_error(outcome)
    assert "--force" in outcome.err
    assert users_file.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "thesis.bib"]


@pytest.mark.parametrize("command", ALL_COMMANDS)
def test_existing_output_is_replaced_with_force(capsys, tmp_path, command):
    """The control case: the same command with --force succeeds and writes the file."""
    source = write(tmp_path, "notes.txt", VALID_NOTES)
    target = write(tmp_path, "out.json", "old")
    argv = [command, str(source), *BASE_OPTIONS[command], "-o", str(target), "--force"]
    outcome = run_cli(capsys, argv)
    assert outcome.code in (0, 1), outcome
    assert target.read_text(encoding="utf-8") != "old"


def test_existing_html_report_is_kept_without_force(capsys, tmp_path):
    source = write(tmp_path, "notes.txt", VALID_NOTES)
    report = write(tmp_path, "report.html", "<p>last week's report</p>")
    outcome = run_cli(
        capsys, ["check", str(source), *BASE_OPTIONS["check"], "--report", str(report)]
    )
    assert_input_error(outcome)
    assert report.read_text() == "<p>last week's report</p>"


@pytest.mark.parametrize("command", ALL_COMMANDS)
@pytest.mark.parametrize(
    "target",
    [
        pytest.param("a-directory", id="output-is-a-directory"),
        pytest.param("no/such/dir/out.json", id="output-dir-missing"),
    ],
)
def test_unwritable_output_is_refused(capsys, tmp_path, command, target):
    source = write(tmp_path, "notes.txt", VALID_NOTES)
    (tmp_path / "a-directory").mkdir()
    argv = [command, str(source), *BASE_OPTIONS[command], "-o", str(tmp_path / target)]
    assert_input_error(run_cli(capsys, argv))


# --- configuration ---------------------------------------------------------------------

BAD_CONFIGS: dict[str, str] = {
    "unknown-key": "[tool.citecheck]\ntimeout = 5\ntimeuot = 5\n",
    "wrong-type": '[tool.citecheck]\ntimeout = "soon"\n',
    "negative-timeout": "[tool.citecheck]\ntimeout = -1\n",
    "zero-concurrency": "[tool.citecheck]\nconcurrency = 0\n",
    "bad-regex": '[tool.citecheck]\nexclude = ["(unclosed"]\n',
    "bad-max-age": '[tool.citecheck]\nmax-age = "forever"\n',
    "broken-toml": "[tool.citecheck\ntimeout = = 5\n",
    "not-utf8": b'[tool.citecheck]\nuser-agent = "\xff\xfe"\n'.decode("latin-1"),
}


@pytest.mark.parametrize("case", sorted(BAD_CONFIGS))
def test_invalid_config_file_is_refused(capsys, tmp_path, case):
    source = write(tmp_path, "notes.txt", VALID_NOTES)
    encoding = "latin-1" if case == "not-utf8" else "utf-8"
    config = write(tmp_path, "citecheck.toml", BAD_CONFIGS[case], encoding)
    argv = ["check", str(source), *BASE_OPTIONS["check"], "--config", str(config)]
    assert_input_error(run_cli(capsys, argv))


def test_missing_config_file_is_refused(capsys, tmp_path):
    source = write(tmp_path, "notes.txt", VALID_NOTES)
    argv = ["check", str(source), *BASE_OPTIONS["check"], "--config", str(tmp_path / "no.toml")]
    assert_input_error(run_cli(capsys, argv))


def test_broken_pyproject_in_working_directory_is_refused(capsys, tmp_path):
    source = write(tmp_path, "notes.txt", VALID_NOTES)
    write(tmp_path, "pyproject.toml", "[tool.citecheck]\nretries = -3\n")
    assert_input_error(run_cli(capsys, ["check", str(source), *BASE_OPTIONS["check"]]))


# --- option values -------------------------------------------------------------------------

BAD_OPTIONS = [
    pytest.param(command, options, id=f"{command} {' '.join(options)}", marks=marks)
    for command, options, marks in [
        ("check", ["--timeout", "-1"], ()),
        ("check", ["--timeout", "0"], ()),
        ("check", ["--timeout", "nan-ish"], ()),
        ("check", ["--concurrency", "0"], ()),
        ("check", ["--host-concurrency", "-4"], ()),
        ("check", ["--retries", "-1"], ()),
        ("check", ["--max-age", "forever"], ()),
        ("check", ["--fail-on", "broken"], ()),
        ("check", ["--format", "yaml"], ()),
        ("check", ["--exclude", "(unclosed"], ()),
        ("check", ["--include", "[z-a]"], ()),
        ("parse", ["--format", "xml"], ()),
        ("verify", ["--format", "xml"], ()),
        ("export", ["--to", "endnote"], ()),
    ]
]


@pytest.mark.parametrize(("command", "options"), BAD_OPTIONS)
def test_bad_option_value_is_a_usage_error(capsys, tmp_path, command, options):
    source = write(tmp_path, "notes.txt", NOTES_WITH_LINK)
    base = _without_option(BASE_OPTIONS[command], options[0])
    argv = [command, str(source), *base, *options]
    assert_usage_error(run_cli(capsys, argv))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_export_without_target_format_is_a_usage_error(capsys, tmp_path):
    source = write(tmp_path, "notes.txt", VALID_NOTES)
    assert_usage_error(run_cli(capsys, ["export", str(source)]))


@pytest.mark.parametrize("command", ALL_COMMANDS)
def test_valid_input_is_accepted(capsys, tmp_path, command):
    """The control case: the base options work, so refusals above are about the input."""
    source = write(tmp_path, "notes.txt", VALID_NOTES)
    outcome = run_cli(capsys, [command, str(source), *BASE_OPTIONS[command]])
    assert outcome.code in (0, 1), outcome
    assert outcome.out.strip(), outcome


def _without_option(options: list[str], name: str) -> list[str]:
    """`options` with the option `name` and its value removed."""
    kept, skip = [], False
    for option in options:
        if skip:
            skip = False
        elif option == name:
            skip = True
        else:
            kept.append(option)
    return kept
