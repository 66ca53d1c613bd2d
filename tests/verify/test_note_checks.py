"""Checks on the notes themselves: repeats, impossible dates, web sources, variants,
back-references."""

from __future__ import annotations

from citecheck.model import BackRef, Citation, ParsedDocument, ParsedNote
from citecheck.readers.plaintext import read_text
from citecheck.verify.backrefs import backref_problems
from citecheck.verify.dates import impossible_date_problems, written_dates
from citecheck.verify.repeats import repeated_note_problems
from citecheck.verify.variants import fold_variants, variant_problems
from citecheck.verify.websources import web_source, web_source_problems
from tests.verify.helpers import kinds, without_citations


def notes(*texts: str):
    return read_text("注\n\n[序章]\n" + "\n".join(f"- {i} {t}" for i, t in enumerate(texts, 1)))


# Notes start on line 4: note n is on line n + 3.


def test_two_consecutive_identical_notes():
    document = notes(
        "「記事」『新聞』2019年3月1日。", "「記事」 『新聞』 2019 年 3 月 1 日 。", "他。"
    )
    found = repeated_note_problems(document)
    assert kinds(found) == [("repeated-note", 2, 5)]
    assert found[0].severity == "warning" and found[0].see_also == (4,)


def test_repeated_ibid_and_distant_repeats_are_fine():
    document = notes("『本』1頁。", "同上。", "同上。", "他。", "『本』1頁。")
    assert repeated_note_problems(document) == []


def test_impossible_dates_in_every_script():
    document = notes(
        "『新聞』2023年2月30日。",
        "『신문』 2019 년 13 월 1 일 .",
        "“Title,” Reuters, February 29, 2023.",
        "«Заголовок», ТАСС, 31 июня 2024.",
        "『本』2024年2月29日；2023.4.31.",
        "*La Nación*, 31 de abril de 2024; «Заголовок», 31 вересня 2024.",
    )
    found = impossible_date_problems(document)
    assert kinds(found) == [
        ("impossible-date", 1, 4),
        ("impossible-date", 2, 5),
        ("impossible-date", 3, 6),
        ("impossible-date", 4, 7),
        ("impossible-date", 5, 8),
        ("impossible-date", 6, 9),
        ("impossible-date", 6, 9),
    ]
    assert "2023年2月30日" in found[0].message
    assert "2023.4.31" in found[4].message


def test_real_dates_are_read_and_accepted():
    text = "2024年2月29日、May 3, 2023、3 May 2023、12 мая 2024、2024.11.11。"
    assert [d[1:] for d in written_dates(text)] == [
        (2024, 2, 29),
        (2023, 5, 3),
        (2023, 5, 3),
        (2024, 5, 12),
        (2024, 11, 11),
    ]
    assert impossible_date_problems(notes(text)) == []


def test_web_sources_without_a_link():
    document = notes(
        "“Video Shows Execution,” Reuters, November 14, 2022.",
        "「全球安全倡議概念文件」新華社、2023年2月21日。",
        "「演習回顧」中国軍網、2021 年 8 月 15 日。",
        "“Remarks,” Ministry of Foreign Affairs, June 11, 2024.",
        "“Beyond,” CSIS, October 6, 2023; “Other,” BBC, July 1, 2024.",
        "Statement posted on Telegram, March 2, 2024.",
    )
    found = web_source_problems(without_citations(document))
    assert [p.note for p in found] == [1, 2, 3, 4, 5, 6]
    assert "Reuters (news service)" in found[0].message
    assert "中国軍網 (website)" in found[2].message
    assert "CSIS (think-tank)" in found[4].message


def test_web_sources_with_a_link_in_print_or_in_a_title_are_fine():
    document = notes(
        "“Video,” Reuters, November 14, 2022, https://www.reuters.com/x.",
        "「中国外交部和俄羅斯外交部關於朝鮮半島問題的聯合聲明」『人民日報』2017年7月5日。",
        "中共中央宣傳部、中華人民共和國外交部『習近平外交思想學習綱要』（北京：人民出版社、2021年）58頁。",
        "北朝鮮からは外務省副相が出席した。",
        "“Title,” *Forbes*, November 25, 2024.",
    )
    assert web_source_problems(without_citations(document)) == []


def test_one_web_warning_per_note():
    document = notes("“A,” Reuters, May 1, 2024; “B,” TASS, May 2, 2024; 新華社、2024年5月3日。")
    found = web_source_problems(without_citations(document))
    assert len(found) == 1 and "Reuters" in found[0].message


def test_web_source_names_the_first_source():
    assert web_source("“T,” Korea News, May 27, 2024.") == ("news service", "Korea News")
    assert web_source("no year here, Reuters") is None
    assert web_source("2023年に鉄道網、道路網を整備した。") is None  # networks, not websites


def test_parsed_citation_with_url_field_counts_as_linked():
    document = notes("“A,” Reuters, May 1, 2024.")
    note = document.notes[0]
    linked = Citation("c1", "序章", "1", 4, note.text, {"id": "c1", "type": "article", "URL": "x"})
    parsed = ParsedDocument(document, (ParsedNote(note, (linked,), None),))
    assert web_source_problems(parsed) == []
    bare = Citation("c1", "序章", "1", 4, note.text, {"id": "c1", "type": "article"})
    parsed = ParsedDocument(document, (ParsedNote(note, (bare,), None),))
    assert kinds(web_source_problems(parsed)) == [("web-source-without-link", 1, 4)]


def test_variant_folding_covers_character_forms_and_width():
    assert fold_variants("人民日報") == fold_variants("人民日报")
    assert fold_variants("大国間競争") == fold_variants("大國間競争")
    assert fold_variants("戦略") == fold_variants("戰略") == fold_variants("战略")
    assert fold_variants("ＲＵＳＩ　Ｒｅｐｏｒｔ") == fold_variants("RUSI Report")
    assert fold_variants("人民日報") != fold_variants("光明日報")


def test_variant_forms_from_quoted_titles():
    document = notes(
        "「記事一」『人民日报』2023年1月1日。",
        "「記事二」『人民日報』2023年1月2日。",
        "「記事三」『人民日報』2023年1月3日。",
        "『ＲＵＳＩ Ｊｏｕｒｎａｌ』1頁。",
        "『RUSI Journal』2頁。",
        "『光明日報』2023年1月4日。",
    )
    found = variant_problems(without_citations(document))
    assert kinds(found) == [("variant-form", 2, 5), ("variant-form", 5, 8)]
    assert "人民日報 is written 人民日报 in 序章 note 1 (line 4)" in found[0].message
    assert found[0].see_also == (4,)


def test_variant_forms_from_parsed_citations():
    document = notes("X", "Y")
    first, second = document.notes

    def citation(note, container):
        csl = {"id": note.mark, "type": "article-newspaper", "container-title": container}
        return Citation(note.mark, "序章", note.mark, note.line, note.text, csl)

    parsed = ParsedDocument(
        document,
        (
            ParsedNote(first, (citation(first, "學習時報"),), None),
            ParsedNote(second, (citation(second, "学习时报"),), None),
        ),
    )
    assert kinds(variant_problems(parsed)) == [("variant-form", 2, 5)]


def test_backref_problems_from_citations():
    document = notes("同上。", "前掲書、3頁。", "同上、4頁。", "『本』。")
    refs = [
        BackRef("ibid", None, "missing"),
        BackRef("op-cit", "c9", "other-section"),
        BackRef("ibid", None, "ambiguous"),
        None,
    ]
    parsed = ParsedDocument(
        document,
        tuple(
            ParsedNote(
                note,
                (Citation(f"c{note.mark}", "序章", note.mark, note.line, note.text, {}, ref),),
                None,
            )
            for note, ref in zip(document.notes, refs, strict=True)
        ),
    )
    found = backref_problems(parsed)
    assert kinds(found) == [
        ("backref-ambiguous", 3, 6),
        ("backref-missing", 1, 4),
        ("backref-other-section", 2, 5),
    ]
    assert all(p.severity == "error" for p in found)
    assert "another chapter" in next(p for p in found if p.note == 2).message
