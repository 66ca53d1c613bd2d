"""HTML and EPUB XHTML: Wikipedia, pandoc/DPUB-ARIA, EPUB 3 noterefs, plain anchors."""

from __future__ import annotations

import pytest

from citecheck.errors import InputError
from citecheck.readers import detect_format, read_document
from citecheck.readers.html import read_text


def positions(markers):
    return [(m.mark, m.line, m.column) for m in markers]


def test_wikipedia_cite_notes(fixtures):
    document = read_document(str(fixtures / "html" / "wikipedia.html"))
    assert document.format == "html" and document.has_body
    assert [(n.mark, n.line) for n in document.notes] == [
        ("1", 18),
        ("2", 20),
        ("3", 22),
        ("4", 24),
    ]
    # Note 1 is cited twice; the "#Reception" link and the external link are not markers.
    assert positions(document.markers) == [("1", 8, 89), ("2", 9, 82), ("3", 9, 157), ("4", 13, 99)]
    # The reused reference is a re-citation, kept apart from the first references.
    assert positions(document.repeat_markers) == [("1", 12, 55)]
    first = document.notes[0].text
    assert first.startswith('"Full text: Keynote speech')
    assert "http://www.xinhuanet.com/english/2022-04/21/c_1310568083.htm" in first
    assert "^" not in first and not first.startswith(("a ", "b "))
    # A link whose text is its URL is not spelled twice.
    assert document.notes[1].text.count("https://www.fmprc.gov.cn/") == 1
    assert document.notes[3].text == (
        "Gill, Bates (2023). *Daring to Struggle*. Oxford University Press. p. 112."
    )


def test_pandoc_html_with_doc_noteref_and_backlinks(fixtures):
    document = read_document(str(fixtures / "html" / "pandoc.html"))
    assert positions(document.markers) == [("1", 9, 17), ("2", 10, 50), ("3", 12, 17)]
    texts = [n.text for n in document.notes]
    assert texts[0] == (
        "「中央外事工作会议在北京举行」『人民日报』2023年12月29日、"
        "http://paper.people.com.cn/rmrb/html/2023-12/29/nw.D110000renmrb_20231229_1-01.htm。"
    )
    assert texts[1] == "佐橋亮『米中対立』中央公論新社、2021年、45頁。"
    assert texts[2] == (
        "Alexander Gabuev, “Russia and China,” *Foreign Affairs*, online "
        "https://www.foreignaffairs.com/russia/russia-china. Second paragraph of the third note."
    )


def test_plain_anchor_notes_and_symbol_marker(fixtures):
    document = read_document(str(fixtures / "html" / "plain-anchors.html"))
    assert [(n.mark, n.number, n.line, n.text) for n in document.notes] == [
        ("1", 1, 8, "Smith, *Book*, https://example.org/book."),
        ("2", 2, 9, "Jones, Article https://example.org/article."),
        ("*", None, 10, "Translator's note."),
    ]
    assert positions(document.markers) == [("1", 3, 37), ("2", 3, 79), ("*", 6, 20)]


def test_epub3_chapter_with_symbol_noterefs(fixtures):
    path = fixtures / "html" / "epub-chapter.xhtml"
    assert detect_format(str(path)) == "html"
    document = read_document(str(path))
    assert [s.label for s in document.sections] == ["Notes"]
    # Two different notes both print "*": the second is told apart as "*2".
    assert [(n.mark, n.line) for n in document.notes] == [
        ("*", 12),
        ("†", 16),
        ("‡", 21),
        ("*2", 24),
        ("1", 31),
    ]
    assert positions(document.markers) == [
        ("*", 10, 42),
        ("†", 11, 37),
        ("‡", 19, 35),
        ("*2", 20, 55),
        ("1", 27, 52),
    ]
    texts = {n.mark: n.text for n in document.notes}
    assert texts["*"] == (
        "Dates follow the Gregorian calendar; see Britannica "
        "https://www.britannica.com/topic/Gregorian-calendar."
    )
    assert texts["†"].startswith("«Северный морской путь»")
    assert texts["*2"] == "「雪龍2号、北極海へ」『日本経済新聞』2023年8月10日。"
    assert texts["1"].endswith("rosatom.ru https://rosatom.ru/en/press-centre/news/.")


def test_restarted_numbering_gives_one_section_per_notes_block():
    html = """<html><body>
<h1>Chapter 1</h1><p>A.<a epub:type="noteref" href="#c1n1">1</a></p>
<section epub:type="endnotes"><ol><li id="c1n1">One.</li></ol></section>
<h1>Chapter 2</h1><p>B.<a epub:type="noteref" href="#c2n1">1</a></p>
<section epub:type="endnotes"><ol><li id="c2n1">Two.</li></ol></section>
</body></html>"""
    document = read_text(html)
    assert [s.label for s in document.sections] == ["Chapter 1", "Chapter 2"]
    assert [(m.section, m.mark) for m in document.markers] == [
        ("Chapter 1", "1"),
        ("Chapter 2", "1"),
    ]


def test_ordered_list_start_attribute_gives_marks():
    html = """<html><body><p>x</p>
<ol class="footnotes" start="5"><li id="fn5">Five.</li><li id="fn6">Six.</li></ol>
</body></html>"""
    document = read_text(html)
    assert [(n.mark, n.number) for n in document.notes] == [("5", 5), ("6", 6)]
    assert document.markers == ()


def test_noteref_to_a_missing_note_is_kept_as_a_marker():
    html = '<html><body><p>x<a role="doc-noteref" href="#gone">7</a></p></body></html>'
    document = read_text(html)
    assert document.notes == ()
    assert positions(document.markers) == [("7", 1, 17)]


def test_html_without_notes_or_links_is_an_input_error(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body><p>No notes, no links.</p></body></html>")
    with pytest.raises(InputError, match="no notes"):
        read_document(str(path))


def test_html_whose_only_links_are_local_is_a_document_without_notes(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body><p>No notes <a href='#top'>here</a>.</p></body></html>")
    document = read_document(str(path))
    assert (document.format, document.sections) == ("html", ())


def test_unlinked_sup_marks_with_a_notes_list():
    html = """<html><body>
<h1>全球安全倡议 / The Global Security Initiative</h1>
<p>倡议于2022年提出。<sup>1</sup>面积510万km<sup>2</sup>。</p>
<p>It was proposed in 2022.<sup>1</sup> A concept paper followed.<sup>[2]</sup></p>
<ol><li>Not a note: a list in the body.</li></ol>
<h2>注释 / Notes</h2>
<ol>
<li>「主旨演讲」『人民日报』2022年4月22日、http://politics.people.com.cn/a.html</li>
<li>MFA, <a href="https://www.mfa.gov.cn/eng/b.html">Concept Paper</a>.</li>
<li>An unreferenced note.</li>
</ol>
</body></html>"""
    document = read_text(html)
    assert [(n.mark, n.line, n.text) for n in document.notes] == [
        ("1", 8, "「主旨演讲」『人民日报』2022年4月22日、http://politics.people.com.cn/a.html"),
        ("2", 9, "MFA, Concept Paper https://www.mfa.gov.cn/eng/b.html."),
        ("3", 10, "An unreferenced note."),
    ]
    assert positions(document.markers) == [("1", 3, 15), ("2", 4, 66)]
    assert positions(document.repeat_markers) == [("1", 4, 28)]


def test_unlinked_sups_without_a_notes_list_are_not_notes(tmp_path):
    path = tmp_path / "math.html"
    path.write_text("<html><body><p>x<sup>2</sup> + y<sup>2</sup></p></body></html>")
    with pytest.raises(InputError, match="no notes"):
        read_document(str(path))


def test_unlinked_marks_ignore_an_uncited_bibliography_list():
    html = """<html><body><p>One.<sup>1</sup> Two.<sup>2</sup></p>
<h2>Notes</h2><ol><li>Smith, 12.</li><li>Jones, 4.</li></ol>
<h2>References</h2><ol><li>Smith, J. Book. 2020.</li><li>Jones, K. Paper. 2021.</li></ol>
</body></html>"""
    document = read_text(html)
    # The bibliography is a reference list, not a second block of notes.
    assert [(s.label, s.kind) for s in document.sections] == [
        ("Notes", "notes"),
        ("References", "references"),
    ]
    assert [n.text for n in document.sections[0].notes] == ["Smith, 12.", "Jones, 4."]
    assert [m.mark for m in document.markers] == ["1", "2"]
