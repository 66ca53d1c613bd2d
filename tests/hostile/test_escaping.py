"""Hostile text from a web server and from the manuscript reaches no output raw.

A loopback server answers a redirect whose `Location` carries a terminal escape attack
(retitle the window, clear the screen, forge a red "FAKE: all links resolvable" line), a
C1 control, a bidi override and Markdown table breakers; the manuscript's note carries
the same and a line separator. `citecheck check` in every format must keep each control
out of the text (written visibly instead) while the words stay readable, and the
structured formats must still parse with the data intact.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from citecheck.cli import main
from tests.servers import serve_loopback

ATTACK = "\x1b]0;title\x07\x1b[2J\x1b[31mFAKE: all links resolvable"
LOCATION = f"/new/{ATTACK}|cell|\x9b31m\u202eright-to-left"
#: What must never appear raw in any output.
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2028")
ARGS = ["--allow-private", "--no-archive", "--no-cache", "--timeout", "5", "--retries", "0"]


class _Hostile(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        if self.path.startswith("/start"):  # raw bytes: http.server would refuse to send these
            head = f"HTTP/1.1 301 Moved Permanently\r\nLocation: {LOCATION}\r\n"
            self.wfile.write(head.encode("utf-8") + b"Content-Length: 0\r\n\r\n")
            return
        self.send_response(404 if self.path.startswith("/gone") else 200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serve_loopback(_Hostile) as url:
        yield url


@pytest.fixture
def notes(tmp_path: Path, base: str) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text(
        "注\n[序章\x1b[2J|章]\n"
        f"- 1 資料、{base}/start。\n"
        f"- 2 資料\u2028{ATTACK}|x、{base}/gone{ATTACK}|x。\n"
        # Ordinary prose, so that the controls stay too few for the file to look binary.
        + "本文。" * 400 + "\n",
        encoding="utf-8",
    )
    return path


def run(capsys: pytest.CaptureFixture[str], notes: Path, fmt: str) -> str:
    code = main(["check", str(notes), "--format", fmt, *ARGS])
    captured = capsys.readouterr()
    assert code == 1, captured.err  # the /gone link is dead
    for raw in RAW:
        assert raw not in captured.err
    return captured.out


def assert_inert(text: str) -> None:
    for raw in RAW:
        assert raw not in text, (raw, text)


@pytest.mark.parametrize("fmt", ["terminal", "github"])
def test_line_formats_show_controls_visibly(capsys, notes: Path, fmt: str) -> None:
    out = run(capsys, notes, fmt)
    assert_inert(out)
    assert "FAKE: all links resolvable" in out  # readable, just not obeyed
    assert "\\x1b]0;title\\x07\\x1b[2J" in out and "\\u202e" in out and "\\x9b" in out
    if fmt == "github":  # every line is one workflow command, or the closing summary
        lines = out.splitlines()
        assert all(line.startswith(("::error ", "::warning ", "citecheck: ")) for line in lines)
        assert len(lines) == 3


def test_markdown_keeps_every_row_in_its_cells(capsys, notes: Path) -> None:
    out = run(capsys, notes, "markdown")
    assert_inert(out)
    rows = [line for line in out.splitlines() if line.startswith("| ") and "序章" in line]
    assert len(rows) == 4  # two links, and the two cited works they decide
    for row in rows:  # five cells: six pipes that no backslash escapes
        assert len(re.findall(r"(?<!\\)\|", row)) == 6, row
    assert "FAKE:%20all%20links%20resolvable" in out  # the new URL, percent-encoded


def test_junit_parses_and_shows_controls(capsys, notes: Path) -> None:
    out = run(capsys, notes, "junit")
    assert_inert(out)
    root = ET.fromstring(out.encode("utf-8"))
    assert "FAKE: all links resolvable" in "".join(root.itertext())  # the new URL, shown


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_formats_keep_the_data_and_escape_it(capsys, notes: Path, base: str, fmt) -> None:
    out = run(capsys, notes, fmt)
    assert_inert(out)
    data = json.loads(out)
    if fmt == "json":  # the exact Location, for a program to read
        moved = [link for link in data["links"] if link["verdict"] == "moved"]
        assert [link["new_url"] for link in moved] == [base + LOCATION]
    else:
        texts = [result["message"]["text"] for result in data["runs"][0]["results"]]
        assert any(base + LOCATION in text for text in texts)


def test_html_report_escapes(capsys, notes: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    main(["check", str(notes), "--report", str(page), "--quiet", *ARGS])
    capsys.readouterr()
    text = page.read_text(encoding="utf-8")
    assert_inert(text)
    assert "FAKE: all links resolvable" in text
    assert "<2J" not in text and "|cell|" in text


@pytest.mark.parametrize("fmt", ["terminal", "json"])
def test_verify_shows_the_manuscript_controls_visibly(capsys, notes: Path, fmt: str) -> None:
    main(["verify", str(notes), "--format", fmt])
    out = capsys.readouterr().out
    assert_inert(out)
    assert "序章\\x1b[2J|章" in out if fmt == "terminal" else json.loads(out)
