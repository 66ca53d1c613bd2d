"""A hand-built report: notes in several languages, one link of each verdict, marker problems."""

from __future__ import annotations

from typing import Any

import pytest

from citecheck.model import (
    ArchiveSnapshot,
    BackRef,
    Citation,
    Document,
    Hop,
    Note,
    ParsedDocument,
    ParsedNote,
    Problem,
    Report,
    Section,
    Verdict,
)

NOTES: list[tuple[str, str, list[tuple[str, dict[str, Any], BackRef | None]]]] = [
    (
        "序章",
        "1",
        [
            (
                "「中央外事工作会议在北京举行」『人民日报』2023年12月29日。",
                {
                    "type": "article-newspaper",
                    "title": "中央外事工作会议在北京举行",
                    "container-title": "人民日报",
                    "issued": {"date-parts": [[2023, 12, 29]]},
                    "language": "zh",
                    "URL": "https://example.org/renmin/2023-12-29",
                },
                None,
            )
        ],
    ),
    (
        "序章",
        "2",
        [
            (
                "増田雅之「対立への岐路に立つ中国の対米政策」川島真、森聡編『アフターコロナ時代の"
                "米中関係と世界秩序』（東京大学出版会、2020年）80-81頁。",
                {
                    "type": "chapter",
                    "title": "対立への岐路に立つ中国の対米政策",
                    "author": [{"family": "増田", "given": "雅之"}],
                    "editor": [{"family": "川島", "given": "真"}, {"family": "森", "given": "聡"}],
                    "container-title": "アフターコロナ時代の米中関係と世界秩序",
                    "publisher": "東京大学出版会",
                    "issued": {"date-parts": [[2020]]},
                    "page": "80-81",
                    "language": "ja",
                },
                None,
            ),
        ],
    ),
    ("序章", "3", [("同上、82頁。", {"type": "chapter", "page": "82"}, BackRef("ibid", "c2-0"))]),
    (
        "第1章",
        "1",
        [
            (
                "Alexander Korolev, “On the Verge of an Alliance,” *Asian Security* 15, no. 3 "
                "(2019): 233-252, https://doi.org/10.1080/14799855.2018.1470000.",
                {
                    "type": "article-journal",
                    "title": "On the Verge of an Alliance: <Contemporary> China & Russia",
                    "author": [{"family": "Korolev", "given": "Alexander"}],
                    "container-title": "Asian Security",
                    "volume": "15",
                    "issue": "3",
                    "page": "233-252",
                    "issued": {"date-parts": [[2019]]},
                    "DOI": "10.1080/14799855.2018.1470000",
                    "language": "en",
                },
                None,
            ),
            (
                "«Совместное заявление» // Президент России, 2024, http://kremlin.example/ru/1_%D0.",
                {
                    "type": "webpage",
                    "title": "Совместное заявление Российской Федерации",
                    "author": [{"literal": "Президент России"}],
                    "container-title": "Президент России",
                    "issued": {"date-parts": [[2024, 5, 16]]},
                    "accessed": {"date-parts": [[2025, 1, 10]]},
                    "URL": "http://kremlin.example/ru/1_%D0?a=1&b=2",
                    "language": "ru",
                },
                None,
            ),
        ],
    ),
    (
        "第1章",
        "2",
        [
            (
                "김정은 「조선로동당 중앙위원회 보고」『로동신문』2024년 1월 1일. https://x.example/p",
                {
                    "type": "article-newspaper",
                    "title": "조선로동당 중앙위원회 보고",
                    "author": [{"literal": "김정은"}],
                    "container-title": "로동신문",
                    "issued": {"date-parts": [[2024, 1, 1]]},
                    "URL": "https://x.example/p",
                    "language": "ko",
                },
                None,
            ),
            (
                "Міністерство оборони України, «Звіт», 2023. https://gone.example/ua",
                {
                    "type": "report",
                    "title": "Звіт про оборону",
                    "author": [{"literal": "Міністерство оборони України"}],
                    "publisher": "Міністерство оборони України",
                    "issued": {"date-parts": [[2023]]},
                    "URL": "https://gone.example/ua",
                    "language": "uk",
                },
                None,
            ),
        ],
    ),
    (
        "第1章",
        "3",
        [
            (
                "Ministerio de Defensa, *Libro Blanco* (Madrid, 2022), https://gone.example/ua",
                {
                    "type": "book",
                    "title": "Libro Blanco de la Defensa 50%",
                    "author": [{"literal": "Ministerio de Defensa"}],
                    "publisher": "Ministerio de Defensa",
                    "publisher-place": "Madrid",
                    "issued": {"date-parts": [[2022]]},
                    "URL": "https://gone.example/ua",
                    "language": "es",
                },
                None,
            ),
        ],
    ),
    ("*", "*", []),
]


def build_parsed() -> ParsedDocument:
    sections: dict[str, list[Note]] = {}
    parsed_notes: list[ParsedNote] = []
    line = 10
    index = 0
    for section, mark, cites in NOTES:
        line += 1
        text = " ".join(text for text, _, _ in cites) or "本稿の見解は筆者個人のものである。"
        number = int(mark) if mark.isdigit() else None
        note = Note(section=section, mark=mark, number=number, text=text, line=line)
        sections.setdefault(section, []).append(note)
        citations = []
        for position, (cite_text, csl, backref) in enumerate(cites):
            index += 1
            cid = f"c{index}-{position}"
            citations.append(
                Citation(
                    id=cid,
                    section=section,
                    note_mark=mark,
                    note_line=line,
                    text=cite_text,
                    csl={"id": cid, **csl},
                    backref=backref,
                )
            )
        commentary = None if cites else note.text
        parsed_notes.append(ParsedNote(note, tuple(citations), commentary))
    document = Document(
        path="sample.txt",
        format="text",
        sections=tuple(Section(label=k, notes=tuple(v)) for k, v in sections.items()),
        has_body=True,
    )
    return ParsedDocument(document=document, notes=tuple(parsed_notes))


def build_report(*, offline: bool = False) -> Report:
    parsed = build_parsed()
    by_url: dict[str, list[str]] = {}
    for citation in parsed.citations:
        url = citation.csl.get("URL") or (
            f"https://doi.org/{citation.csl['DOI']}" if "DOI" in citation.csl else None
        )
        if url:
            by_url.setdefault(url, []).append(citation.id)
    archive = ArchiveSnapshot(
        url="https://web.archive.org/web/20230301000000/https://gone.example/ua",
        timestamp="20230301000000",
        status=200,
    )
    states = {
        "https://example.org/renmin/2023-12-29": ("resolvable", "ok", 200, None, None),
        "https://doi.org/10.1080/14799855.2018.1470000": (
            "moved",
            "permanent-redirect",
            200,
            "https://www.tandfonline.com/doi/full/10.1080/14799855.2018.1470000",
            None,
        ),
        "http://kremlin.example/ru/1_%D0?a=1&b=2": ("inconclusive", "http-403", 403, None, None),
        "https://x.example/p": ("inconclusive", "timeout", None, None, None),
        "https://gone.example/ua": ("dead", "http-404", 404, None, archive),
    }
    verdicts = []
    for url, ids in by_url.items():
        state, reason, status, new_url, snapshot = states[url]
        if offline:
            state, reason, status, new_url, snapshot = "inconclusive", "offline", None, None, None
        hops = (Hop(url=url, status=301),) if new_url else ()
        verdicts.append(
            Verdict(
                url=url,
                state=state,
                reason=reason,
                status=status,
                final_url=new_url,
                new_url=new_url,
                hops=hops,
                attempts=3 if state == "inconclusive" else 1,
                elapsed=0.25,
                archive=snapshot,
                citation_ids=tuple(ids),
            )
        )
    problems = (
        Problem("marker-without-note", "error", "第1章", 120, 7, "marker ⁷ has no note 7"),
        Problem("unreferenced-note", "warning", "序章", 30, 3, "note 3 <is> never referenced"),
        Problem("ibid-unresolved", "error", None, None, None, "同上 & co. at the start"),
    )
    return Report(
        parsed=parsed,
        problems=problems,
        verdicts=tuple(verdicts),
        offline=offline,
        links_checked=True,
    )


@pytest.fixture
def parsed_document() -> ParsedDocument:
    return build_parsed()


@pytest.fixture
def report() -> Report:
    return build_report()


@pytest.fixture
def offline_report() -> Report:
    return build_report(offline=True)
