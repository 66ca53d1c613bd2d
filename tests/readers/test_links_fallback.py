"""HTML and EPUB that cite through links, without notes, are links documents."""

from __future__ import annotations

import pytest

from citecheck.cli import main
from citecheck.errors import InputError
from citecheck.readers import read_document
from tests.readers.test_epub import CONTAINER, opf, write_epub, xhtml

PAGE = (
    "<!DOCTYPE html><html><head><title>x</title></head><body><h1>Links</h1>\n"
    '<p>See <a href="https://example.org/a">A</a> and\n<a href="https://example.org/b">B</a>.</p>'
    "\n</body></html>\n"
)


FIRST = '<h1>One</h1>\n<p>See <a href="https://example.org/a">A</a>.</p>'


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page"])
def test_an_html_page_without_notes_is_its_links(tmp_path, name):
    path = tmp_path / name
    path.write_text(PAGE, encoding="utf-8")
    document = read_document(str(path))
    assert [(n.text, n.line) for n in document.notes] == [
        ("A https://example.org/a", 2),
        ("B https://example.org/b", 3),
    ]


def links_book(tmp_path, second: str, first: str = FIRST) -> str:
    return write_epub(
        tmp_path / "links.epub",
        {
            "META-INF/container.xml": CONTAINER,
            "OEBPS/book.opf": opf(("b", "b.xhtml"), ("a", "a.xhtml"), spine=("a", "b")),
            "OEBPS/a.xhtml": xhtml(first),
            "OEBPS/b.xhtml": xhtml(second),
        },
    )


def test_an_epub_without_notes_is_its_links_in_reading_order(tmp_path, capsys):
    path = links_book(tmp_path, "<p>And https://example.org/c here.</p>")
    document = read_document(path)
    assert document.format == "epub"
    assert [(n.text, document.place(n.line)) for n in document.notes] == [
        ("A https://example.org/a", "OEBPS/a.xhtml:6 (One)"),
        ("And https://example.org/c here.", "OEBPS/b.xhtml:5 (t)"),
    ]
    assert main(["verify", path]) == 0
    capsys.readouterr()


def test_an_epub_without_notes_or_links_is_still_an_input_error(tmp_path):
    path = links_book(tmp_path, "<p>Nothing here.</p>", "<p>Plain.</p>")
    with pytest.raises(InputError):
        read_document(path)
