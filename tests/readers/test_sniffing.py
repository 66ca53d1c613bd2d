"""Formats are chosen by extension, and by content when the extension does not say."""

from __future__ import annotations

import pytest

from citecheck.errors import InputError
from citecheck.readers import detect_format, read_document, sniff_text

PLAIN_NOTES = "注\n[序章]\n- 1 「記事」『人民日報』2023年12月29日。\n- 2 同上。\n"
MARKDOWN_NOTES = "Text.[^1]\n\n[^1]: A note, https://example.org/.\n"
SUP_NOTES = "Text.<sup>1</sup>\n\n## Notes\n\n1. A note.\n"
BIBTEX = "@article{smith2020,\n  title = {Title},\n  year = 2020,\n}\n"
HTML = "<!DOCTYPE html>\n<html><body><p>x</p></body></html>\n"
URLS = "see https://example.org/a\nand www.example.com/b\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PLAIN_NOTES, "text"),
        (MARKDOWN_NOTES, "markdown"),
        (SUP_NOTES, "markdown"),
        (BIBTEX, "bibtex"),
        (HTML, "html"),
        ('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"/>', "html"),
        (URLS, "urls"),
    ],
    ids=["plain", "pandoc", "sup", "bibtex", "html", "xhtml", "urls"],
)
def test_text_content_decides_the_format(text, expected):
    assert sniff_text(text) == expected


@pytest.mark.parametrize("name", ["notes.txt", "notes", "notes.dat"])
def test_ambiguous_names_are_sniffed(tmp_path, name):
    path = tmp_path / name
    path.write_text(MARKDOWN_NOTES)
    assert detect_format(str(path)) == "markdown"


def test_extension_wins_when_it_is_specific(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(PLAIN_NOTES)
    assert detect_format(str(path)) == "markdown"


def test_seed_notes_stay_plain_text(sample_notes_path):
    assert detect_format(str(sample_notes_path)) == "text"


def test_url_list_one_note_per_line_with_a_link(fixtures):
    document = read_document(str(fixtures / "links.txt"))
    assert document.format == "urls"
    assert [(n.mark, n.line) for n in document.notes] == [
        ("1", 3),
        ("2", 4),
        ("3", 5),
        ("4", 7),
    ]
    assert document.notes[2].text == (
        "Xinhua English: https://english.news.cn/ and the archive www.xinhuanet.com/english/"
    )
    assert not document.markers and not document.has_body


def test_unrecognisable_content_is_an_input_error(tmp_path):
    path = tmp_path / "mystery.xyz"
    path.write_text("Nothing here looks like notes.\nNor like a link.\n")
    with pytest.raises(InputError, match=r"mystery\.xyz: cannot tell the format"):
        read_document(str(path))


def test_unknown_format_name_is_an_input_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(URLS)
    with pytest.raises(InputError, match="unknown format 'pdf'"):
        read_document(str(path), "pdf")


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(str(tmp_path / "absent.txt"))
    with pytest.raises(InputError, match="is a directory"):
        read_document(str(tmp_path))
