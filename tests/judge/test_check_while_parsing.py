"""The links written in the notes, checked while the notes are parsed: each verdict
carries the parsed citations' ids, and an excluded link is never asked. (A link only the
parse finds, a DOI field, goes to doi.org, which no test here can reach.)"""

from __future__ import annotations

import citecheck
from citecheck.links import links_in_notes
from citecheck.model import Document, Note, Section
from tests.servers import ScenarioWeb

NOTES = (
    Note("1", "1", 1, "A, <https://Example.org/a#top>. See also https://b.example/x.", 1),
    Note("1", "2", 2, "B, doi:10.1000/xyz.", 2),
)


def test_links_in_notes_are_cited_by_their_notes() -> None:
    document = Document("book.txt", "text", (Section("1", NOTES),))
    assert [link.citation_ids for link in links_in_notes(document)] == [
        ("note:1/1",),
        ("note:1/1",),
        ("note:1/2",),
    ]


def test_verdicts_carry_the_parsed_citations_and_excluded_links_are_not_asked(tmp_path) -> None:
    with ScenarioWeb(hosts=1) as web:
        ok, gone, left_out = web.url("/ok/1"), web.url("/missing/2"), web.url("/ok/skip-3")
        book = tmp_path / "book.md"
        book.write_text(
            "# Book\n\nA.[^1] B.[^2]\n\n"
            f'[^1]: Jane Doe, "A Page," accessed 2024-02-15, <{ok}>. See also <{left_out}>.\n'
            f'[^2]: John Roe, "Gone," accessed 2024-02-15, <{gone}>.\n',
            encoding="utf-8",
        )
        config = citecheck.Config(allow_private=True, no_cache=True, no_archive=True,
                                  no_lookup=True, exclude=("skip",))  # fmt: skip
        report = citecheck.check([str(book)], config)
        asked = web.stats.hits("/ok/skip-3")
    verdicts = {verdict.url: verdict for verdict in report.verdicts}
    assert set(verdicts) == {ok, gone}
    assert verdicts[ok].state == "resolvable" and verdicts[gone].state == "dead"
    assert verdicts[ok].citation_ids == ("s1-n1-c1",)
    assert verdicts[gone].citation_ids == ("s1-n2-c1",)
    citations = {c.id: c for c in report.parsed.citations}
    assert citations["s1-n1-c1"].csl["URL"] == ok and citations["s1-n2-c1"].csl["URL"] == gone
    assert asked == 0
