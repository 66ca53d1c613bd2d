"""BibTeX: entries become notes with exact CSL items; broken entries are reported."""

from __future__ import annotations

import bibtexparser
import pytest

from citecheck import citations
from citecheck.errors import InputError
from citecheck.readers import read_document
from citecheck.readers.bibtex import entry_to_csl, read_text

#: The CSL-JSON item variables this reader may write (csl-data.json, no extra keys).
CSL_KEYS = {
    "id", "type", "author", "editor", "translator", "title", "container-title",
    "collection-title", "volume", "issue", "number", "edition", "page", "publisher",
    "publisher-place", "ISBN", "ISSN", "language", "note", "genre", "abstract", "issued",
    "accessed", "DOI", "URL",
}  # fmt: skip


@pytest.fixture
def china(fixtures):
    return read_document(str(fixtures / "bibtex" / "china.bib"))


def test_chinese_bib_entries_and_their_links(china):
    assert china.format == "bibtex" and not china.has_body and not china.markers
    assert [(n.mark, n.line) for n in china.notes] == [
        ("zhao2023gsi", 5),
        ("rmrb2023waishi", 16),
        ("yan2013", 27),
        ("mueller2024", 36),
        ("mfa2023concept", 48),
        ("shi2024", 56),
        ("rand2022", 66),
        ("archive_page", 79),
    ]
    dois = [n.csl["DOI"] for n in china.notes if "DOI" in n.csl]
    assert dois == [
        "10.3969/j.issn.0452-8832.2023.03.001",
        "10.1017/S0305741023001234",
        "10.1234/gjzw.2024.06.072",
    ]
    urls = [n.csl["URL"] for n in china.notes if "URL" in n.csl]
    assert len(urls) == 4
    # URLs stay verbatim: no LaTeX decoding of ~ or _.
    assert urls[-1] == "https://web.archive.org/web/20190101000000*/mfa.gov.cn/web/~archive_old"
    for note in china.notes:
        assert set(note.csl) <= CSL_KEYS
        assert note.csl["id"] == note.mark


def test_broken_entry_and_duplicate_key_are_warnings(china):
    assert len(china.warnings) == 2
    assert "china.bib:75" in china.warnings[0] and "broken2020" in china.warnings[0]
    assert (
        "china.bib:86" in china.warnings[1] and "duplicate key 'zhao2023gsi'" in china.warnings[1]
    )


def test_csl_items_are_exact(china):
    items = {n.mark: n.csl for n in china.notes}
    assert items["zhao2023gsi"] == {
        "id": "zhao2023gsi",
        "type": "article-journal",
        "author": [{"literal": "赵明昊"}],
        "title": "全球安全倡议与国际秩序",
        "container-title": "国际问题研究",
        "issue": "3",
        "page": "1-18",
        "language": "zh",
        "issued": {"date-parts": [[2023, 5]]},
        "DOI": "10.3969/j.issn.0452-8832.2023.03.001",
    }
    assert items["rmrb2023waishi"]["type"] == "article-newspaper"
    assert items["rmrb2023waishi"]["container-title"] == "人民日报"  # from @string
    assert items["rmrb2023waishi"]["issued"] == {"date-parts": [[2023, 12, 29]]}
    assert items["rmrb2023waishi"]["accessed"] == {"date-parts": [[2025, 11, 20]]}
    assert items["mueller2024"]["author"] == [
        {"family": "Müller", "given": "Jörg"},
        {"family": "Dvořák", "given": "Antonín"},
        {"literal": "World Health Organization"},
    ]
    assert items["mueller2024"]["title"] == (
        "The Belt and Road after Ten Years: Debt, Ports & Power"
    )
    assert items["mueller2024"]["issued"] == {"date-parts": [[2024, 3]]}
    assert items["shi2024"]["author"] == [{"family": "施", "given": "欣怡"}]
    assert items["shi2024"]["type"] == "chapter"
    assert items["rand2022"]["number"] == "RR-A447-1"
    assert items["rand2022"]["publisher"] == "RAND Corporation"


def test_note_text_is_written_as_a_note_in_its_script(china):
    texts = {n.mark: n.text for n in china.notes}
    assert texts["zhao2023gsi"] == (
        "赵明昊「全球安全倡议与国际秩序」『国际问题研究』2023年第3期、1-18頁、"
        "<https://doi.org/10.3969/j.issn.0452-8832.2023.03.001>。"
    )
    assert texts["rmrb2023waishi"].startswith(
        "「中央外事工作会议在北京举行」『人民日报』2023年12月29日、<http"
    )
    assert texts["shi2024"] == (
        "施欣怡「中国外交的新时代」王逸舟編『國際展望』2024年、72-73頁、"
        "<https://doi.org/10.1234/gjzw.2024.06.072>。"
    )
    assert texts["mueller2024"] == (
        "Jörg Müller, Antonín Dvořák, World Health Organization, “The Belt and Road after Ten"
        " Years: Debt, Ports & Power,” *The China Quarterly* 257, no. 1 (2024): 1-24,"
        " <https://doi.org/10.1017/S0305741023001234>."
    )
    assert texts["rand2022"] == (
        "Timothy R. Heath, Derek Grossman, *China's Quest for Global Primacy*"
        " (RAND Corporation, 2022), <https://www.rand.org/pubs/research_reports/RRA447-1.html>."
    )


def test_citation_parser_reads_one_citation_per_entry_with_its_link(china):
    parsed = citations.parse_document(china)
    assert len(parsed.citations) == len(china.notes) == 8
    by_note = {c.note_mark: c.csl for c in parsed.citations}
    assert by_note["zhao2023gsi"]["DOI"] == "10.3969/j.issn.0452-8832.2023.03.001"
    assert by_note["rand2022"]["URL"] == "https://www.rand.org/pubs/research_reports/RRA447-1.html"


def test_entry_to_csl_takes_a_bibtexparser_entry():
    library = bibtexparser.parse_string(
        "@phdthesis{kim2021, author = {Kim, Min-su}, title = {{\\'E}tudes}, school = {SNU},"
        " year = 2021}"
    )
    assert entry_to_csl(library.entries[0]) == {
        "id": "kim2021",
        "type": "thesis",
        "author": [{"family": "Kim", "given": "Min-su"}],
        "title": "Études",
        "publisher": "SNU",
        "issued": {"date-parts": [[2021]]},
    }


@pytest.mark.parametrize(
    "text",
    ["@article{broken, title = {never closed", "just some words, no entries at all"],
    ids=["only-broken", "no-entries"],
)
def test_no_readable_entry_is_an_input_error(text):
    with pytest.raises(InputError, match="no BibTeX entries could be read"):
        read_text(text, "refs.bib")


def test_url_from_howpublished_when_there_is_no_url_field():
    library = bibtexparser.parse_string(
        "@misc{old, title = {Old style}, howpublished = {\\url{https://example.org/a_b~c}}}\n"
        "@misc{bare, title = {Bare}, note = {Online at https://example.org/bare}}\n"
    )
    assert [entry_to_csl(entry).get("URL") for entry in library.entries] == [
        "https://example.org/a_b~c",
        "https://example.org/bare",
    ]
