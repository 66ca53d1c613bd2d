"""Markdown: pandoc footnotes and hand-made <sup> markers with a notes list."""

from __future__ import annotations

import re

import pytest

from citecheck.errors import InputError
from citecheck.readers import read_document
from citecheck.readers.markdown import read_text

URL = re.compile(r"https?://\S+")


def marks(items):
    return [item.mark for item in items]


def positions(markers):
    return [(m.mark, m.line, m.column) for m in markers]


def test_essay_with_two_dozen_footnotes(fixtures):
    document = read_document(str(fixtures / "markdown" / "essay.md"))
    assert document.format == "markdown"
    assert document.has_body
    assert [s.label for s in document.sections] == ["Notes"]
    assert len(document.notes) == 25
    # Pandoc ids are labels: no note or marker gets a number of its own.
    assert all(n.number is None for n in document.notes)
    assert all(m.number is None for m in document.markers + document.repeat_markers)
    marks_in_order = [n.mark for n in document.notes]
    assert marks_in_order == ["inline-1", *(str(k) for k in range(1, 24)), "ack"]
    # 24 references by id and one inline note; note 1 is cited again.
    assert len(document.markers) == 25
    assert {m.mark for m in document.markers} == {n.mark for n in document.notes}
    assert positions(document.repeat_markers) == [("1", 37, 68)]
    first = document.markers[0]
    assert (first.mark, first.line, first.column) == ("1", 6, 81)


def test_essay_note_text_keeps_urls_and_paragraphs(fixtures):
    document = read_document(str(fixtures / "markdown" / "essay.md"))
    by_mark = {n.mark: n for n in document.notes}
    assert by_mark["1"].line == 43
    assert by_mark["1"].text.endswith("https://english.news.cn/20231228/e5d3a8b9c2/c.html.")
    assert "online https://www.foreignaffairs.com/china/mood-not-plan." in by_mark["5"].text
    assert by_mark["5"].text.endswith("carries a correction on p. 12.")
    assert by_mark["9"].text == "김민수 「중국 외교의 변화」 『국방연구』 2024년 3월, 15쪽."
    assert by_mark["inline-1"].text == "See also the editors' note on sources, p. 3."
    urls = [u for n in document.notes for u in URL.findall(n.text)]
    assert len(urls) == 12  # notes 1, 5, 6, 7, 10, 12, 13, 14, 16, 19, 20, 21


def test_code_blocks_and_spans_hold_no_footnotes(fixtures):
    document = read_document(str(fixtures / "markdown" / "essay.md"))
    assert "99" not in marks(document.notes) + marks(document.markers)
    assert "fake" not in marks(document.markers)


def test_bilingual_translation_with_sup_markers(fixtures):
    document = read_document(str(fixtures / "markdown" / "bilingual.md"))
    assert [s.label for s in document.sections] == ["Notes"]
    assert marks(document.notes) == ["1", "2", "3", "4", "5", "6", "7"]
    # Every note is marked in the Chinese and again in the English paragraph;
    # km<sup>2</sup> and the code span are not markers.
    assert marks(document.markers) == ["1", "2", "3", "4", "5", "6", "7"]
    assert marks(document.repeat_markers) == ["1", "2", "3", "4", "5", "6", "7"]
    assert positions(document.markers)[:2] == [("1", 8, 39), ("2", 9, 17)]
    assert positions(document.repeat_markers)[:2] == [("1", 12, 36), ("2", 13, 21)]
    notes = {n.mark: n for n in document.notes}
    assert notes["1"].text == (
        "「习近平在博鳌亚洲论坛2022年年会开幕式上的主旨演讲」『人民日报』2022年4月22日。 "
        "http://politics.people.com.cn/n1/2022/0422/c1024-32405723.html"
    )
    assert notes["2"].text.startswith(
        "「中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明」中国外交部"
    )
    assert notes["4"].text == "同上。"
    assert "↩" not in "".join(n.text for n in document.notes)
    assert notes["7"].text.endswith(
        "Lowy Institute https://www.lowyinstitute.org/the-interpreter/"
        "china-s-global-security-initiative, 2023."
    )


def test_notes_lists_per_chapter_become_sections(fixtures):
    document = read_document(str(fixtures / "markdown" / "chapters.md"))
    assert [s.label for s in document.sections] == ["Chapter 1: Beijing", "Chapter 2: Taipei"]
    assert [len(s.notes) for s in document.sections] == [3, 2]
    assert [(m.section, m.mark) for m in document.markers] == [
        ("Chapter 1: Beijing", "1"),
        ("Chapter 1: Beijing", "2"),
        ("Chapter 1: Beijing", "3"),
        ("Chapter 2: Taipei", "1"),
        ("Chapter 2: Taipei", "2"),
        ("Chapter 2: Taipei", "*"),
    ]
    # The ordered list in the body of chapter 1 is not a notes list.
    assert "passport" not in " ".join(n.text for n in document.notes)


def test_numbering_that_starts_anywhere_and_named_notes(fixtures):
    document = read_document(str(fixtures / "markdown" / "startanywhere.md"))
    assert [(n.mark, n.number, n.line) for n in document.notes] == [
        ("41", None, 5),
        ("42", None, 6),
        ("smith-2020", None, 7),
    ]
    assert document.notes[2].text.endswith("unindented line, https://example.org/lost-links.")
    assert positions(document.markers) == [("41", 1, 48), ("42", 1, 80), ("smith-2020", 3, 19)]
    assert positions(document.repeat_markers) == [("41", 3, 73)]


def test_auto_numbered_list_counts_from_its_start():
    text = "Text.<sup>1</sup> More.<sup>2</sup>\n\n## Notes\n\n1. First.\n1. Second.\n"
    document = read_text(text)
    assert [(n.mark, n.line) for n in document.notes] == [("1", 5), ("2", 6)]


def test_tilde_fence_and_nested_inline_brackets():
    text = (
        "~~~\n[^x]: not a note\n~~~\n"
        "Claim.^[Smith, [ed.] *Book*, https://example.org/b.] End.[^y]\n\n"
        "[^y]: Note y.\n"
    )
    document = read_text(text)
    assert marks(document.notes) == ["inline-1", "y"]
    assert document.notes[0].text == "Smith, [ed.] *Book*, https://example.org/b."
    assert [(m.mark, m.line, m.column) for m in document.markers] == [
        ("inline-1", 4, 7),
        ("y", 4, 58),
    ]


def test_markdown_without_notes_falls_back_to_its_links(tmp_path):
    path = tmp_path / "links.md"
    path.write_text("# Links\n\n- [Site](https://example.org/a)\n- plain text\n")
    document = read_document(str(path))
    assert [n.text for n in document.notes] == ["- Site https://example.org/a"]
    assert document.warnings and "no footnotes" in document.warnings[0]


def test_markdown_with_neither_notes_nor_links_is_an_input_error(tmp_path):
    path = tmp_path / "plain.md"
    path.write_text("# Title\n\nJust prose.\n")
    with pytest.raises(InputError, match="no footnotes"):
        read_document(str(path))


def test_hand_made_chinese_notes_list_forms():
    text = (
        "正文一。<sup>1</sup>正文二。<sup>[2](#fn2)</sup>正文三。<sup>※</sup>\n"
        "English text.<sup id='r4'>4</sup> More.<sup>5</sup>\n\n"
        "**注释：**\n\n"
        "1、《人民日报》2024年1月1日。\n"
        '<a id="fn2"></a>2. 新华社，https://www.news.cn/2024/a.htm\n'
        "[3](#r3) Reuters, https://www.reuters.com/x\n"
        "<sup>4</sup> 同上。\n"
        "[5] Ibid.\n"
    )
    document = read_text(text)
    assert [(n.mark, n.line, n.text) for n in document.notes] == [
        ("1", 6, "《人民日报》2024年1月1日。"),
        ("2", 7, "新华社，https://www.news.cn/2024/a.htm"),
        ("3", 8, "Reuters, https://www.reuters.com/x"),
        ("4", 9, "同上。"),
        ("5", 10, "Ibid."),
    ]
    assert [(m.mark, m.line, m.column) for m in document.markers] == [
        ("1", 1, 5),
        ("2", 1, 21),
        ("※", 1, 45),
        ("4", 2, 14),
        ("5", 2, 40),
    ]


def test_numbered_list_without_markers_or_heading_is_not_notes(tmp_path):
    path = tmp_path / "readme.md"
    path.write_text("# Setup\n\n1. Install from https://example.org/get\n2. Run it.\n")
    document = read_document(str(path))
    assert document.warnings  # read as a links file, not as notes
    assert [(n.line, n.text) for n in document.notes] == [
        (3, "1. Install from https://example.org/get")
    ]


def test_body_list_is_not_taken_for_notes_beside_pandoc_footnotes():
    text = (
        "Area in m<sup>2</sup> and x<sup>4</sup>.[^a]\n\n1. step one\n2. step two\n\n[^a]: Note.\n"
    )
    document = read_text(text)
    assert [s.label for s in document.sections] == ["Notes"]
    assert [n.mark for n in document.notes] == ["a"]
    assert [m.mark for m in document.markers] == ["a"]


def test_raw_html_notes_inside_markdown():
    text = (
        "# Essay\n\n"
        'A claim.<a href="#fn1" id="r1"><sup>1</sup></a>'
        ' Another.<a href="#fn2"><sup>2</sup></a>\n\n'
        "<ol>\n"
        '<li id="fn1">Smith, https://example.org/s <a href="#r1">↩</a></li>\n'
        '<li id="fn2">Jones.</li>\n'
        "</ol>\n"
    )
    document = read_text(text)
    assert document.format == "markdown"
    assert [(n.mark, n.line, n.text) for n in document.notes] == [
        ("1", 6, "Smith, https://example.org/s"),
        ("2", 7, "Jones."),
    ]
    assert positions(document.markers) == [("1", 3, 9), ("2", 3, 57)]


def test_reference_style_links_keep_their_urls_in_notes():
    text = (
        "Claim.[^1] Another.[^2]\n\n"
        "[^1]: See the [ministry report][mod] and [SIPRI][].\n"
        "[^2]: Unknown [label][nowhere] stays as written.\n\n"
        '[mod]: https://www.mod.go.jp/report.pdf "Report"\n'
        "[sipri]: <https://www.sipri.org/>\n"
    )
    document = read_text(text)
    assert [n.text for n in document.notes] == [
        "See the ministry report https://www.mod.go.jp/report.pdf and SIPRI https://www.sipri.org/.",
        "Unknown [label][nowhere] stays as written.",
    ]
    assert positions(document.markers) == [("1", 1, 7), ("2", 1, 20)]


def test_link_reference_definitions_are_not_a_notes_list():
    text = "Text.<sup>1</sup>\n\n## References\n\n[1]: https://example.org/a\n"
    document = read_text(text, "refs.md")
    # No notes list: the file is read for its links only.
    assert document.warnings and document.markers == ()
    assert [(n.line, n.text) for n in document.notes] == [(5, "[1]: https://example.org/a")]


def test_uncited_numbered_bibliography_after_the_notes_is_not_notes():
    text = (
        "One.<sup>1</sup> Two.<sup>2</sup>\n\n"
        "## Notes\n\n1. Smith, 12.\n2. Jones, 4.\n\n"
        "## References\n\n1. Smith, J. *Book*. 2020.\n2. Jones, K. *Paper*. 2021.\n"
    )
    document = read_text(text)
    # The bibliography is a reference list, not a second block of notes.
    assert [(s.label, s.kind) for s in document.sections] == [
        ("Notes", "notes"),
        ("References", "references"),
    ]
    assert [n.text for n in document.sections[0].notes] == ["Smith, 12.", "Jones, 4."]
    assert [m.mark for m in document.markers] == ["1", "2"]


# --- what CommonMark decides: code, autolinks, emphasis, escapes, links ---------------


def note_of(markdown_text: str) -> str:
    (note,) = read_text(markdown_text).notes
    return note.text


def test_an_autolink_ends_at_its_closing_bracket():
    text = "Claim.[^1]\n\n[^1]: Talk, <https://www.youtube.com/watch?v=abc&t=4m58>s in.\n"
    assert note_of(text) == "Talk, https://www.youtube.com/watch?v=abc&t=4m58 s in."


def test_code_spans_hold_no_markers_and_no_notes():
    text = (
        "Write `[^1]` or ``code with ` and [^2]`` for a note.[^3]\n\n"
        "```\n[^4]: inside a fence\n```\n\n"
        "    [^5]: an indented code block\n\n"
        "[^3]: The real note, with `x[^6]` in code.\n"
    )
    document = read_text(text)
    assert marks(document.notes) == ["3"]
    assert positions(document.markers) == [("3", 1, 53)]
    assert document.notes[0].text == "The real note, with x[^6] in code."


def test_nested_emphasis_keeps_only_the_outer_title_marks():
    text = "A.[^1]\n\n[^1]: Smith, *A Study of _Moby-Dick_ and Others* (Boston, 2001).\n"
    assert note_of(text) == "Smith, *A Study of Moby-Dick and Others* (Boston, 2001)."


def test_underscore_and_html_italics_read_as_asterisks():
    text = "A.[^1]\n\n[^1]: _Archives_, <i>Journal</i>, <cite>Book</cite>, **bold**.\n"
    assert note_of(text) == "*Archives*, *Journal*, *Book*, bold."


def test_escapes_are_unescaped_in_the_note_text_but_a_literal_asterisk():
    # `*` marks italics in a note's text, so a literal one stays `\*` (as in every reader).
    text = "A.[^1]\n\n[^1]: file\\_name, 5 \\* 3, \\[sic\\], https://example.org/a\\_b.\n"
    assert note_of(text) == "file_name, 5 \\* 3, [sic], https://example.org/a_b."


def test_trailing_commas_stay_outside_the_italic_marks():
    text = "A.[^1]\n\n[^1]: Smith, *Archives,* 12; *What Is to Be Done?* 3.\n"
    assert note_of(text) == "Smith, *Archives*, 12; *What Is to Be Done?* 3."


def test_links_are_spelled_out_as_label_and_address():
    text = (
        'A.[^1]\n\n[^1]: [The *Report*](https://example.org/r "title"),'
        " [https://example.org/s](https://example.org/s), [back](#top),"
        " ![map](https://example.org/m.png), [↩](#ref-1)\n"
    )
    assert note_of(text) == (
        "The *Report* https://example.org/r, https://example.org/s, back, "
        "map https://example.org/m.png,"
    )


def test_pandoc_spans_and_attributes_are_dropped():
    text = "A.[^1]\n\n[^1]: [Jake's]{.nocase} *Book*{#b .title}, 2020.\n"
    assert note_of(text) == "Jake's *Book*, 2020."


def test_markers_inside_blockquotes_and_links_keep_their_columns():
    text = "> Quoted.[^a]\n>   More [text[^b]](https://x.org).\n\n[^a]: A.\n[^b]: B.\n"
    document = read_text(text)
    assert positions(document.markers) == [("a", 1, 10), ("b", 2, 15)]


def test_a_marker_without_a_definition_is_still_a_marker():
    document = read_text("One.[^1] Two.[^missing]\n\n[^1]: Note.\n")
    assert marks(document.markers) == ["1", "missing"]
    assert marks(document.notes) == ["1"]


def test_a_footnote_defined_twice_gives_two_notes():
    document = read_text("One.[^1]\n\n[^1]: First.\n[^1]: Again.\n")
    assert [(n.mark, n.line) for n in document.notes] == [("1", 3), ("1", 4)]
