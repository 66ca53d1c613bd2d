"""A plain HTML page with links but no notes is a links document, not an input error."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.citations import parse_document
from citecheck.errors import InputError
from citecheck.links import extract_links
from citecheck.readers import read_document

PAGE = """\
<!doctype html>
<html><head><title>Guide</title><style>a { background: url(https://style.example/) }</style></head>
<body>
<h1>Guide</h1>
<p>Read <a href="https://docs.example/start">the start page</a> and
<a href="https://docs.example/faq">https://docs.example/faq</a>.</p>
<p>Mirror: https://mirror.example/guide</p>
<p><a href="other.html#setup">local page</a> <a href="#top">top</a></p>
<pre>curl https://pre.example/install.sh</pre>
<p>Run <code>wget https://code.example/file</code>,
<code><a href="https://code-link.example/">a linked command</a></code>.</p>
<!-- https://comment.example/ -->
<script>fetch("https://script.example/")</script>
</body></html>
"""


def test_links_outside_code_become_notes_at_their_lines(tmp_path: Path) -> None:
    page = tmp_path / "guide.html"
    page.write_text(PAGE, encoding="utf-8")
    document = read_document(str(page), quiet=True)
    assert document.format == "html"
    (section,) = document.sections
    assert [(note.line, note.text) for note in section.notes] == [
        (5, "the start page https://docs.example/start"),
        (6, "https://docs.example/faq"),
        (7, "Mirror: https://mirror.example/guide"),
    ]
    urls = [link.url for link in extract_links(parse_document(document))]
    assert urls == [
        "https://docs.example/start",
        "https://docs.example/faq",
        "https://mirror.example/guide",
    ]


def test_an_htm_page_is_sniffed_and_read_the_same_way(tmp_path: Path) -> None:
    page = tmp_path / "guide.htm"
    page.write_text(PAGE, encoding="utf-8")
    assert read_document(str(page), quiet=True).format == "html"


def test_a_page_that_links_nowhere_is_still_an_input_error(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><body><p>No links <code>https://x.example/</code></p></body></html>")
    with pytest.raises(InputError, match="no notes, note references or links found"):
        read_document(str(page), quiet=True)


def test_a_page_with_notes_is_still_read_for_its_notes(tmp_path: Path) -> None:
    page = tmp_path / "notes.html"
    page.write_text(
        '<html><body><p>Claim<sup><a href="#fn1">1</a></sup>.</p>'
        '<ol><li id="fn1">Source, https://src.example/a</li></ol></body></html>',
        encoding="utf-8",
    )
    document = read_document(str(page), quiet=True)
    assert [note.mark for section in document.sections for note in section.notes] == ["1"]
    assert len(document.markers) == 1
