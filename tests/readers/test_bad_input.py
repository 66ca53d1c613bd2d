"""Every kind of bad input ends in one InputError line that names the file."""

from __future__ import annotations

import contextlib
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.errors import InputError
from citecheck.readers import bibtex, html, markdown, read_document, sniff_text

ZIP_OF_TEXT = "zip-of-text"


def _zip_bytes(tmp_path) -> bytes:
    path = tmp_path / "inner.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "- 1 a note")
    return path.read_bytes()


CASES = [
    ("empty.md", b"", "file is empty"),
    ("empty.html", b"   \n", "file is empty"),
    ("empty.bib", b"", "file is empty"),
    ("empty.txt", b"\n\n", "file is empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "binary"),
    ("binary.md", bytes(range(256)) * 8, "binary"),
    ("text.docx", b"This is not a Word file.", "not a readable DOCX file"),
    ("text.epub", b"Nor an EPUB.", "not a readable EPUB file"),
    ("garbage.bib", b"@@@ {{{ ,,, }}}", "no BibTeX entries"),
    ("page.html", b"<html><body><p>No notes.</p></body></html>", "no notes"),
    ("words.unknown", b"Plain words only.\nNothing else.\n", "cannot tell the format"),
    ("archive.dat", ZIP_OF_TEXT, "neither a DOCX, an EPUB nor an ODT"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Word 97-2003"),
]


@pytest.mark.parametrize(("name", "data", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_one_line_naming_the_file(tmp_path, capfd, name, data, message):
    path = tmp_path / name
    path.write_bytes(_zip_bytes(tmp_path) if data == ZIP_OF_TEXT else data)
    with pytest.raises(InputError, match=message) as raised:
        read_document(str(path))
    text = str(raised.value)
    assert "\n" not in text and name in text
    assert capfd.readouterr().err == ""


def test_broken_bib_entry_is_one_warning_line_and_the_rest_is_kept(tmp_path, capfd):
    path = tmp_path / "refs.bib"
    path.write_text("@book{a, title = {open\n@misc{b, title = {fine}, url = {https://e.org}}\n")
    document = read_document(str(path))
    assert [n.mark for n in document.notes] == ["b"]
    assert len(document.warnings) == 1
    err = capfd.readouterr().err
    assert err == f"citecheck: warning: {document.warnings[0]}\n"
    assert "refs.bib:1: cannot parse the entry" in err
    read_document(str(path), quiet=True)
    assert capfd.readouterr().err == ""


TOKENS = [
    *"ab 1234\n\t[]^:()<>/#*-.`~\"'=注",
    "[^1]",
    "[^x]: ",
    "^[",
    "<sup>",
    "</sup>",
    '<a href="#fn1">',
    "</a>",
    "## ",
    "1. ",
    '<li id="fn1">',
    '<ol class="footnotes">',
    'epub:type="noteref"',
    "@misc{k,",
    "```",
    "    ",
]
MARKUP = st.lists(st.sampled_from(TOKENS), max_size=120).map("".join)

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(MARKUP)
def test_markdown_reader_never_crashes(text):
    try:
        document = markdown.read_text(text)
    except InputError:
        return
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for marker in document.markers:
        assert 1 <= marker.line <= len(lines) and marker.column >= 1


@FUZZ
@given(MARKUP)
def test_html_reader_never_crashes(text):
    with contextlib.suppress(InputError):
        html.read_text(text)


@FUZZ
@given(MARKUP)
def test_bibtex_reader_and_sniffing_never_crash(text):
    for attempt in (bibtex.read_text, sniff_text):
        with contextlib.suppress(InputError):
            attempt(text)
