"""A file is read from disk once and decoded once; detection asks readers, not runs them."""

from __future__ import annotations

import shutil
from collections import Counter

import pytest

from citecheck.readers import READERS, format_of, read_document, reader_module
from citecheck.readers import source as source_module
from citecheck.readers.source import Source

PLAIN_NOTES = "注\n[序章]\n- 1 「記事」『人民日報』2023年12月29日。\n- 2 同上。\n"


@pytest.fixture
def calls(monkeypatch):
    """Counts of disk reads, decodings, and every reader's `read` and `read_text`,
    with the sources each `claims` and `read` was given."""
    counts: Counter[str] = Counter()
    seen: list[Source] = []

    def counting(name, function, record=False):
        def wrapper(*args, **kwargs):
            counts[name] += 1
            if record:
                seen.append(args[0])
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(source_module, "load_bytes", counting("load", source_module.load_bytes))
    decode = source_module.decode_with_warnings
    monkeypatch.setattr(source_module, "decode_with_warnings", counting("decode", decode))
    for name in READERS:
        module = reader_module(name)
        monkeypatch.setattr(module, "claims", counting(f"{name}.claims", module.claims, True))
        monkeypatch.setattr(module, "read", counting(f"{name}.read", module.read, True))
        if hasattr(module, "read_text"):
            monkeypatch.setattr(module, "read_text", counting(f"{name}.parse", module.read_text))
    return counts, seen


def test_plain_text_notes_are_loaded_decoded_and_parsed_once(tmp_path, calls):
    counts, seen = calls
    path = tmp_path / "notes.txt"
    path.write_text(PLAIN_NOTES, encoding="utf-8")
    document = read_document(str(path))
    assert document.format == "text" and len(document.notes) == 2
    assert counts["load"] == 1 and counts["decode"] == 1
    assert counts["text.parse"] == 1  # detection used to parse the notes a second time
    assert counts["text.read"] == 1
    # Every reader asked, and the one that read, got the same loaded source.
    assert {counts[f"{name}.claims"] for name in ("odt", "html", "bibtex", "markdown")} == {1}
    assert all(source is seen[0] for source in seen) and seen[0].path == str(path)
    assert not any(counts[f"{name}.parse"] for name in ("html", "bibtex", "markdown", "urls"))


def test_a_sniffed_docx_is_read_once(tmp_path, fixtures, calls):
    counts, seen = calls
    path = tmp_path / "manuscript"  # no extension: the content decides
    shutil.copy(fixtures / "docx" / "chicago-pandoc.docx", path)
    assert read_document(str(path)).format == "docx"
    assert counts["load"] == 1 and counts["decode"] == 0
    assert counts["docx.claims"] == 1 and counts["docx.read"] == 1
    assert all(source is seen[0] for source in seen)


def test_decoded_text_is_kept_on_the_source(monkeypatch):
    counts: Counter[str] = Counter()
    decode = source_module.decode_with_warnings

    def counting(data, path):
        counts["decode"] += 1
        return decode(data, path)

    monkeypatch.setattr(source_module, "decode_with_warnings", counting)
    source = Source("notes.txt", PLAIN_NOTES.encode("shift_jis"))
    assert source.text == PLAIN_NOTES and source.text == PLAIN_NOTES
    assert counts["decode"] == 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("docx/chicago-libreoffice.docx", "docx"),
        ("odt/chicago-pandoc.odt", "odt"),
        ("sources/letter.fodt", "odt"),
        ("epub/chicago-libreoffice.epub", "epub"),
        ("html/chicago-libreoffice.html", "html"),
        ("html/epub-chapter.xhtml", "html"),
        ("bibtex/china.bib", "bibtex"),
        ("sources/chicago.md", "markdown"),
        ("links.txt", "urls"),
    ],
)
def test_each_format_is_claimed_first_by_its_reader(fixtures, name, expected):
    data = (fixtures / name).read_bytes()
    source = Source("manuscript.dat", data)
    assert format_of(source) == expected
    assert reader_module(expected).claims(source)
