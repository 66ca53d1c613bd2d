"""Citations → links: URL and DOI extraction, deduplication, citing ids and dates."""

from __future__ import annotations

from citecheck.links import extract_links, find_urls, normalize_url
from citecheck.links.dates import compact_date
from citecheck.model import Citation, Document, Note, ParsedDocument, ParsedNote, Section


def citation(cid: str, text: str = "", **csl) -> Citation:
    return Citation(id=cid, section="第1章", note_mark="1", note_line=1, text=text, csl=csl)


def parsed(*citations: Citation) -> ParsedDocument:
    note = Note("第1章", "1", 1, "text", 1)
    document = Document("notes.txt", "text", (Section("第1章", (note,)),))
    return ParsedDocument(document, (ParsedNote(note, tuple(citations), None),))


def test_urls_in_text_lose_trailing_punctuation_and_brackets():
    text = (
        "KOTRA, https://dream.kotra.or.kr/kotranews/cms/com/index.do?MENU_ID=530. "
        "X, <https://x.com/USUN/status/1712874869707219266>. "
        "(see https://en.wikipedia.org/wiki/Foo_(bar)).「https://example.jp/a」。"
    )
    assert find_urls(text) == [
        "https://dream.kotra.or.kr/kotranews/cms/com/index.do?MENU_ID=530",
        "https://x.com/USUN/status/1712874869707219266",
        "https://en.wikipedia.org/wiki/Foo_(bar)",
        "https://example.jp/a",
    ]


def test_normalize_folds_scheme_host_default_port_and_fragment_only():
    assert normalize_url("HTTP://Example.ORG:80/A/b?Q=1#part") == "http://example.org/A/b?Q=1"
    assert normalize_url("https://example.org:8443") == "https://example.org:8443/"


def test_one_link_per_resource_listing_every_citing_citation():
    links = extract_links(
        parsed(
            citation("c1", "A, <https://Example.org/a#x>", URL="https://Example.org/a#x"),
            citation("c2", "B, https://example.org:443/a."),
            citation("c3", "C, https://example.org/b"),
        )
    )
    assert [(link.url, link.citation_ids) for link in links] == [
        ("https://Example.org/a#x", ("c1", "c2")),
        ("https://example.org/b", ("c3",)),
    ]


def test_doi_becomes_resolver_url_and_is_deduplicated_case_blind():
    links = extract_links(
        parsed(
            citation("c1", "Journal, doi:10.1000/ABC.1.", DOI="10.1000/ABC.1"),
            citation("c2", "Same, https://doi.org/10.1000/abc.1"),
        )
    )
    assert len(links) == 1
    assert links[0].url == "https://doi.org/10.1000/ABC.1"
    assert links[0].doi == "10.1000/ABC.1"
    assert links[0].citation_ids == ("c1", "c2")


def test_cited_on_prefers_access_date_then_publication_date_of_earliest_citation():
    links = extract_links(
        parsed(
            citation("c1", "https://a.example/x", issued={"date-parts": [[2023, 10, 13]]}),
            citation("c2", "https://a.example/x", accessed={"date-parts": [[2025, 1, 2]]}),
            citation(
                "c3",
                "https://b.example/y",
                issued={"date-parts": [[2024]]},
                accessed={"raw": "2025-02-09"},
            ),
            citation("c4", "https://c.example/z"),
        )
    )
    assert [link.cited_on for link in links] == ["20231013", "20250209", None]


def test_compact_date_shapes():
    assert compact_date({"date-parts": [[2024, 3]]}) == "202403"
    assert compact_date({"date-parts": [["2024", "3", "1"]]}) == "20240301"
    assert compact_date({"raw": "2024年3月1日"}) == "20240301"
    assert compact_date({"literal": "n.d."}) is None
    assert compact_date(None) is None


def test_urls_in_commentary_are_cited_by_the_note_itself():
    note = Note("第2章", "71", 225, "x", 225)
    document = Document("notes.txt", "text", (Section("第2章", (note,)),))
    commentary = "位置の特定は OSINT ユーザーによるもの。<https://x.com/moklasen/status/1888305392817430814>."
    parsed_doc = ParsedDocument(document, (ParsedNote(note, (), commentary),))
    (link,) = extract_links(parsed_doc)
    assert link.url == "https://x.com/moklasen/status/1888305392817430814"
    assert link.citation_ids == ("note:第2章/71",)


def test_every_url_of_the_sample_with_the_citations_citing_it(sample_notes_path):
    from citecheck.citations import parse_document
    from citecheck.readers import read_document

    links = extract_links(parse_document(read_document(str(sample_notes_path))))
    assert [link.url for link in links] == [
        "https://x.com/USUN/status/1712874869707219266",
        "https://t.me/DIUkraine/4723",
        "https://t.me/brygada47/1228",
        "https://x.com/moklasen/status/1888305392817430814",
        "https://dream.kotra.or.kr/kotranews/cms/com/index.do?MENU_ID=530",
    ]
    assert all(len(link.citation_ids) == 1 for link in links)
    assert links[0].cited_on == "20231013"
