"""Wikipedia pages: notes cited inside other notes, and one `<cite>` as one work."""

from __future__ import annotations

from pathlib import Path

from citecheck.citations import parse_document
from citecheck.cli import main
from citecheck.readers import read_document
from citecheck.readers.html import read_text

DATA = Path(__file__).resolve().parent.parent / "data"


def test_a_source_cited_only_inside_an_explanatory_note_is_referenced(capsys):
    path = str(DATA / "wikipedia-nested.html")
    assert main(["verify", path]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out
    document = read_document(path)
    # The source's marker sits where the explanatory note is cited, before [2].
    assert [m.mark for m in document.markers] == ["[n 1]", "1", "2"]
    assert document.notes[0].text == "Used only on regal occasions."


def test_a_cite_web_is_one_citation_with_its_url_and_access_date():
    document = read_document(str(DATA / "wikipedia-cite-web.html"))
    [citation] = parse_document(document).citations
    assert citation.csl["URL"] == "https://example.org/flags"
    assert citation.csl["title"] == "National Flags of the World"
    assert citation.csl["accessed"] == {"date-parts": [[2016, 5, 1]]}
    assert citation.csl["publisher"] == "Flag Institute"  # from the COinS span


def test_cite_web_without_coins_keeps_title_site_and_both_dates():
    page = (
        '<html><body><p>Claim.<sup id="cite_ref-1" class="reference">'
        '<a href="#cite_note-1">[1]</a></sup></p><ol class="references">'
        '<li id="cite_note-1"><span class="reference-text"><cite class="citation web">'
        '<a class="external text" href="https://example.org/a">"Title A"</a>. <i>Site</i>.'
        " 3 March 2015. Retrieved 1 May 2016.</cite></span></li></ol></body></html>"
    )
    [citation] = parse_document(read_text(page)).citations
    assert citation.csl["title"] == "Title A"
    assert citation.csl["container-title"] == "Site"
    assert citation.csl["issued"] == {"date-parts": [[2015, 3, 3]]}
    assert citation.csl["accessed"] == {"date-parts": [[2016, 5, 1]]}


def test_a_note_with_words_besides_its_cite_is_left_to_the_parser():
    page = (
        '<html><body><p>x<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a>'
        '</sup></p><ol class="references"><li id="cite_note-1">See the discussion in'
        ' <cite class="citation web"><a href="https://example.org/b">"B"</a>.</cite></li>'
        "</ol></body></html>"
    )
    assert read_text(page).notes[0].csl is None
