"""The fixers on their own: which URL is changed where, in each format."""

from __future__ import annotations

import io
import zipfile

from manuscripts import HEAD, R, W

from citecheck.archives.lookup import ArchiveLookup
from citecheck.fix.edits import url_edits
from citecheck.fix.fixers import FIXERS
from citecheck.fix.plan import Fix, Fixes, planned_fixes
from citecheck.model import ArchiveSnapshot, Verdict
from citecheck.readers.source import Source

DEAD, COPY = "https://a.example/gone", "https://web.archive.org/web/2024/https://a.example/gone"
FIXES = Fixes([Fix(DEAD, "dead", COPY, "20240105120000")])


def test_moved_keeps_the_fragment_and_dois_are_never_rewritten() -> None:
    verdicts = [
        Verdict(
            "https://a.example/old#part-2", "moved", "http-301", new_url="https://a.example/new"
        ),
        Verdict("https://doi.org/10.1234/x", "moved", "http-301", new_url="https://pub.example/x"),
        Verdict(DEAD, "dead", "http-404"),
        Verdict("https://a.example/unarchived", "dead", "http-404"),
    ]
    lookups = {
        DEAD: ArchiveLookup(ArchiveSnapshot(COPY, "20240105120000", 200), "archived"),
        "https://a.example/unarchived": ArchiveLookup(None, "not-archived"),
    }
    fixes = planned_fixes(verdicts, lookups)
    assert [(fix.url, fix.target) for fix in fixes.all] == [
        ("https://a.example/old#part-2", "https://a.example/new#part-2"),
        (DEAD, COPY),
    ]


def test_markdown_appends_after_a_link_with_a_title_and_after_an_autolink() -> None:
    text = f'See [it]({DEAD} "The page") and <{DEAD}>.\n'
    edits = url_edits(text, FIXES, "append", markdown=True)
    assert [edit.start for edit in edits] == [text.index(")") + 1, text.index(">.") + 1]


def test_a_longer_url_that_starts_like_a_fixed_one_is_left_alone() -> None:
    text = f"{DEAD}/deeper and {DEAD}?q=1 and {DEAD}."
    edits = url_edits(text, FIXES, "replace")
    assert [(edit.start, edit.end) for edit in edits] == [(text.rindex(DEAD), len(text) - 1)]


def test_bibtex_replace_mode_sets_url_and_the_copys_day() -> None:
    bib = f"@online{{k1,\n  title = {{T}},\n  url = {{{DEAD}}},\n  urldate = {{2024-02-15}}\n}}\n"
    rewrite = FIXERS["bibtex"](Source("refs.bib", bib.encode()), FIXES, "replace")
    assert rewrite.data.decode() == bib.replace(DEAD, COPY).replace("2024-02-15", "2024-01-05")


def test_bibtex_entries_it_cannot_follow_are_left_alone() -> None:
    bib = f"@online{{k1,\n  title = {{Unclosed,\n  url = {{{DEAD}}}\n"
    rewrite = FIXERS["bibtex"](Source("refs.bib", bib.encode()), FIXES, "append")
    assert rewrite.data == bib.encode() and rewrite.parts == {}


def test_docx_field_codes_are_retargeted() -> None:
    ns = f'xmlns:w="{W}" xmlns:r="{R}"'
    field = (
        f'<w:r><w:instrText xml:space="preserve"> HYPERLINK "{DEAD}" </w:instrText></w:r>'
        f'<w:fldSimple w:instr=" HYPERLINK &quot;{DEAD}&quot; "><w:r><w:t>label</w:t></w:r>'
        "</w:fldSimple>"
    )
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr(
            "word/document.xml",
            f"{HEAD}<w:document {ns}><w:body><w:p>{field}</w:p></w:body></w:document>",
        )
    rewrite = FIXERS["docx"](Source("a.docx", data.getvalue()), FIXES, "append")
    with zipfile.ZipFile(io.BytesIO(rewrite.data)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert xml.count(COPY) == 2 and f'"{DEAD}"' not in xml and xml.startswith(HEAD)


def test_a_text_file_keeps_its_encoding_and_line_ends() -> None:
    text = f"注\r\n\r\n- 1 資料、{DEAD}。\r\n"
    rewrite = FIXERS["text"](Source("notes.txt", text.encode("shift_jis")), FIXES, "replace")
    assert rewrite.data == text.replace(DEAD, COPY).encode("shift_jis")


def test_markdown_code_is_left_alone() -> None:
    text = f"Cited {DEAD}.\n\n`curl {DEAD}`\n\n```sh\ncurl {DEAD}\n```\n\nAgain {DEAD}.\n"
    edits = url_edits(text, FIXES, "replace", markdown=True)
    assert [edit.start for edit in edits] == [text.index(DEAD), text.rindex(DEAD)]


def test_a_target_with_control_characters_or_spaces_is_never_written() -> None:
    verdicts = [
        Verdict(
            "https://a.example/1", "moved", "http-301", new_url="https://a.example/\x1b]0;x\x07"
        ),
        Verdict("https://a.example/2", "moved", "http-301", new_url="https://a.example/a b"),
        Verdict("https://a.example/3", "moved", "http-301", new_url="https://a.example/ok"),
    ]
    assert [fix.target for fix in planned_fixes(verdicts, {}).all] == ["https://a.example/ok"]


def test_a_moved_entrys_urldate_is_the_day_the_check_saw_it_move() -> None:
    old, new = "https://a.example/old", "https://a.example/new"
    seen = 1_700_000_000.0  # 2023-11-14 UTC
    fixes = planned_fixes([Verdict(old, "moved", "http-301", new_url=new, checked_at=seen)], {})
    assert [fix.observed for fix in fixes.all] == ["2023-11-14"]
    bib = f"@online{{k1,\n  title = {{T}},\n  url = {{{old}}},\n  urldate = {{2020-01-01}}\n}}\n"
    fixed = FIXERS["bibtex"](Source("x.bib", bib.encode()), fixes, "append").data.decode()
    assert f"url = {{{new}}}" in fixed and "urldate = {2023-11-14}" in fixed
