"""Reference lists: entries under a references heading, or a file of nothing but entries."""

from __future__ import annotations

import json

import pytest

from citecheck.citations import parse_document
from citecheck.cli import main
from citecheck.readers import markdown, plaintext
from citecheck.readers.reflist import Block, looks_like_reference, reference_sections
from citecheck.verify import verify


def entries(document):
    """(mark, line, text) of every entry of the document's reference lists."""
    return [
        (note.mark, note.line, note.text)
        for section in document.sections
        if section.kind == "references"
        for note in section.notes
    ]


def lines_as_blocks(text: str) -> list[Block]:
    return [Block(line, number) for number, line in enumerate(text.splitlines(), start=1)]


@pytest.mark.parametrize(
    "heading",
    [
        "References",
        "Bibliography",
        "Works Cited",
        "Literature Cited",
        "Sources",
        "Literatur",
        "Bibliographie",
        "Références",
        "Bibliografía",
        "Referencias",
        "参考文献",
        "引用文献",
        "参考資料",
        "主要参考文献",
        "참고문헌",
        "Литература",
        "Список литературы",
        "Список використаних джерел",
        "Библиография",
        "REFERENCES:",
    ],
)
def test_headings_in_many_languages_open_a_reference_list(heading):
    text = f"Body text.\n\n{heading}\n\nSmith, J. 2019. Title. Publisher.\n"
    sections = reference_sections(lines_as_blocks(text))
    assert [(s.kind, len(s.notes)) for s in sections] == [("references", 1)]
    assert sections[0].label == heading.rstrip(":")


def test_a_heading_word_inside_a_sentence_is_not_a_heading():
    text = "See the references below.\nSmith, J. 2019. Title. Publisher.\n"
    assert reference_sections(lines_as_blocks(text)) == ()


@pytest.mark.parametrize("label", ["1.", "[1]", "(1)", "1)"])
def test_printed_numbers_are_the_marks(label):
    second = label.replace("1", "2")
    text = (
        f"References\n{label} Smith, J. 2019. A title that wraps\nonto a second line. Pub.\n"
        f"{second} Jones, K. 2020. Another. Pub.\n"
    )
    (section,) = reference_sections(lines_as_blocks(text))
    assert [(n.mark, n.number, n.line, n.text) for n in section.notes] == [
        ("1", 1, 2, "Smith, J. 2019. A title that wraps onto a second line. Pub."),
        ("2", 2, 4, "Jones, K. 2020. Another. Pub."),
    ]


def test_hanging_indents_and_open_ends_join_wrapped_lines():
    text = (
        "Bibliography\n"
        "Smith, John. 2019. A Very Long Title That Goes On and On and Wraps Across\n"
        "    the Line Boundary. New York: Publisher.\n"
        'Jones, Karen. 2020. "Another Article." Journal of Things 12 (3):\n'
        "45–67.\n"
        "Lee, Hana. 2021. Third Work. Seoul: Press.\n"
    )
    (section,) = reference_sections(lines_as_blocks(text))
    assert [(n.mark, n.line) for n in section.notes] == [("1", 2), ("2", 4), ("3", 6)]
    assert section.notes[0].text.endswith("Across the Line Boundary. New York: Publisher.")
    assert section.notes[1].text.endswith("12 (3): 45–67.")


def test_blank_lines_separate_wrapped_entries():
    text = (
        "Works Cited\n\n"
        "Smith, John. A Very Long Title.\nNew York: Publisher, 2019.\n\n"
        "Jones, Karen. Another Title.\nBoston: Press, 2020.\n"
    )
    (section,) = reference_sections(lines_as_blocks(text))
    assert [n.text for n in section.notes] == [
        "Smith, John. A Very Long Title. New York: Publisher, 2019.",
        "Jones, Karen. Another Title. Boston: Press, 2020.",
    ]


def test_a_year_at_the_start_of_a_wrapped_line_is_not_an_entry_number():
    text = "References\n1. Smith, J. A title,\n2019. Publisher.\n2. Jones, K. 2020. B. Pub.\n"
    (section,) = reference_sections(lines_as_blocks(text))
    assert [(n.mark, n.text) for n in section.notes] == [
        ("1", "Smith, J. A title, 2019. Publisher."),
        ("2", "Jones, K. 2020. B. Pub."),
    ]


def test_list_items_and_paragraphs_are_one_entry_each():
    blocks = [
        Block("References", 1, heading_level=2),
        Block("Primary sources", 2, heading_level=3),
        Block("Smith, J. 2019. Title", 3, list_item=True),
        Block("Jones, K. 2020. Another", 4, paragraph=True),
        Block("Appendix", 5, heading_level=2),
        Block("Lee, H. 2021. Not an entry. Pub.", 6),
    ]
    (section,) = reference_sections(blocks)
    assert [(n.mark, n.text) for n in section.notes] == [
        ("1", "Smith, J. 2019. Title"),
        ("2", "Jones, K. 2020. Another"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Smith, J. (2019). Title of work. Publisher.", True),
        ("Smith J, Jones K. Title of paper. Lancet. 2019;393:123-9.", True),
        ('A. Smith, "Title of paper," IEEE Trans. Foo, vol. 3, pp. 1-9, 2019.', True),
        ("山田太郎『日本の外交』東京大学出版会、2019年。", True),
        ("Иванов И. И. История. М.: Наука, 2019. 300 с.", True),
        ("Just a paragraph of prose.", False),
        ("In 2019 the ministry changed its mind", False),
        ("the report of 2019, as said, was late.", False),
    ],
)
def test_what_looks_like_a_reference(text, expected):
    assert looks_like_reference(text) is expected


# --- plain text ---------------------------------------------------------------------

PASTED = """Smith, J. (2019). Title of work. Publisher.
Jones, K., & Lee, H. (2020). Another title. Journal of Things, 12(3), 45–67.
World Health Organization. 2018. Global report on things. Geneva: WHO.
"""


def test_a_pasted_reference_list_without_heading_is_read_as_entries():
    document = plaintext.read_text(PASTED, "refs.txt")
    assert [(s.label, s.kind) for s in document.sections] == [("References", "references")]
    assert [(mark, line) for mark, line, _ in entries(document)] == [
        ("1", 1),
        ("2", 2),
        ("3", 3),
    ]
    assert not document.has_body


def test_a_pasted_numbered_list_written_surname_first_is_a_reference_list():
    text = (
        "1. Smith J, Jones K. Title of paper. Lancet. 2019;393:123-9.\n"
        "2. Lee H, Cho M. Another paper. BMJ. 2020;368:m12.\n"
    )
    document = plaintext.read_text(text, "refs.txt")
    assert [s.kind for s in document.sections] == ["references"]
    assert [mark for mark, _, _ in entries(document)] == ["1", "2"]


def test_numbered_notes_stay_notes():
    text = "1. John Smith, The Title (New York: Pub, 2019), 45.\n2. Ibid., 46.\n"
    document = plaintext.read_text(text, "notes.txt")
    assert [s.kind for s in document.sections] == ["notes"]


def test_notes_and_a_reference_list_after_them():
    text = (
        "Body text.[1] More.[2]\n\n"
        "Notes\n1 Smith, 12.\n2 Jones, 4.\n\n"
        "参考文献\n"
        "山田太郎『日本の外交』東京大学出版会、2019年。\n"
        "佐藤花子「中国の台頭」『国際問題』第12号、2020年、1-20頁。\n"
    )
    document = plaintext.read_text(text)
    assert [(s.label, s.kind) for s in document.sections] == [
        ("Notes", "notes"),
        ("参考文献", "references"),
    ]
    assert [n.text for n in document.sections[0].notes] == ["Smith, 12.", "Jones, 4."]
    assert [(mark, line) for mark, line, _ in entries(document)] == [("1", 8), ("2", 9)]
    assert [m.mark for m in document.markers] == ["1", "2"]


# --- Markdown -----------------------------------------------------------------------

MARKDOWN = """# An author-date paper

As Smith (2019) argues, and Jones (2020) agrees.

## References

- Smith, J. (2019). *Title of work*. Publisher.
- Jones, K. (2020). Another title. *Journal of Things*, 12(3), 45–67.
  <https://doi.org/10.1/xyz>

## Appendix

1. A numbered list that is not a reference list.
"""


def test_markdown_bullet_list_under_a_heading():
    document = markdown.read_text(MARKDOWN, "paper.md")
    assert [(s.label, s.kind) for s in document.sections] == [("References", "references")]
    assert entries(document) == [
        ("1", 7, "Smith, J. (2019). *Title of work*. Publisher."),
        (
            "2",
            8,
            "Jones, K. (2020). Another title. *Journal of Things*, 12(3), 45–67. "
            "https://doi.org/10.1/xyz",
        ),
    ]
    assert document.has_body


def test_markdown_wrapped_paragraphs_in_pandoc_divs():
    text = (
        "Body.\n\n# Bibliography\n\n"
        "::: {#refs .references .csl-bib-body .hanging-indent}\n"
        "::: {#ref-smith .csl-entry}\n"
        "Smith, John. 2019. *A Very Long Title That Wraps*.\nNew York: Publisher.\n"
        ":::\n\n"
        "::: {#ref-jones .csl-entry}\n"
        "Jones, Karen. 2020. [Online](https://example.org/x).\n"
        ":::\n:::\n"
    )
    document = markdown.read_text(text, "paper.md")
    assert entries(document) == [
        ("1", 7, "Smith, John. 2019. *A Very Long Title That Wraps*. New York: Publisher."),
        ("2", 12, "Jones, Karen. 2020. Online https://example.org/x."),
    ]


def test_markdown_one_reference_per_line_under_a_setext_heading():
    text = (
        "Литература\n==========\n\n"
        "Иванов И. И. История. М.: Наука, 2019. 300 с.\n"
        "Петров П. П. Другая книга. СПб., 2020.\n"
    )
    document = markdown.read_text(text, "refs.md")
    assert [(mark, line) for mark, line, _ in entries(document)] == [("1", 4), ("2", 5)]
    assert not document.has_body


# --- verification and the command line ----------------------------------------------


def test_verify_does_not_ask_reference_entries_for_markers():
    text = "One.<sup>1</sup>\n\n## Notes\n\n1. Smith, 12.\n\n" + MARKDOWN.split("\n", 4)[4]
    document = markdown.read_text(text, "paper.md")
    assert [s.kind for s in document.sections] == ["notes", "references"]
    assert verify(parse_document(document)).problems == ()


def test_verify_a_reference_list_with_body_text():
    document = markdown.read_text(MARKDOWN, "paper.md")
    assert document.has_body
    assert verify(parse_document(document)).problems == ()


def test_parse_command_gives_one_citation_per_entry(tmp_path, capsys):
    path = tmp_path / "refs.txt"
    path.write_text(
        "Smith, J. (2019). Title of work. Publisher.\n"
        "Jones, K., & Lee, H. (2020). Another title. Journal of Things, 12(3), 45–67.\n"
        '石田, 一郎. 2021. "Third title." Journal of Tests 4: 5–6.\n',
        encoding="utf-8",
    )
    assert main(["parse", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    (section,) = data["sections"]
    assert section["label"] == "References"
    assert [note["mark"] for note in section["notes"]] == ["1", "2", "3"]
    assert [len(note["citations"]) for note in section["notes"]] == [1, 1, 1]
