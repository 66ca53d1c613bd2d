"""Back-references resolved across notes: 同上, 前掲, short forms, and their problems."""

from __future__ import annotations

from citecheck.citations import parse_document
from citecheck.model import BackRef, Document, Note, Section


def document(*sections: tuple[str, list[str]]) -> Document:
    built = []
    for label, texts in sections:
        notes = tuple(Note(label, str(n), n, text, n) for n, text in enumerate(texts, start=1))
        built.append(Section(label, notes))
    return Document("test.txt", "text", tuple(built))


def backrefs(doc: Document) -> dict[str, BackRef | None]:
    return {c.id: c.backref for c in parse_document(doc).citations}


BOOK = "王海運『新世紀的中俄關係』（上海：上海大学出版社、2015年）284-285頁。"


def test_ibid_points_at_the_previous_citation_with_its_own_locator() -> None:
    parsed = parse_document(document(("第1章", [BOOK, "同上、22-23 頁。", "同上。"])))
    citations = {c.id: c for c in parsed.citations}
    assert citations["s1-n2-c1"].backref == BackRef("ibid", "s1-n1-c1")
    assert citations["s1-n2-c1"].locator == "22-23"
    assert citations["s1-n3-c1"].backref == BackRef("ibid", "s1-n1-c1")  # chain followed
    assert citations["s1-n3-c1"].locator is None
    assert citations["s1-n3-c1"].csl["title"] == "新世紀的中俄關係"


def test_ibid_after_a_note_with_several_citations_is_ambiguous() -> None:
    refs = backrefs(
        document(("第3章", ["“A,” Reuters, April 15, 2025; “B,” BBC, May 1, 2025.", "同上。"]))
    )
    assert refs["s1-n2-c1"] == BackRef("ibid", "s1-n1-c2", "ambiguous")


def test_ibid_inside_a_note_names_the_author() -> None:
    note = (
        "習近平「關於構建新發展格局」（2020年10月29日）習近平『習近平著作選讀（第2卷）』364-374頁；"
        "習近平「把握新發展階段」（2021年1月10日）習近平、同上書、397-417頁。"
    )
    parsed = parse_document(document(("第1章", [note])))
    second = parsed.citations[1]
    assert second.backref == BackRef("ibid", "s1-n1-c1")
    assert second.csl["title"] == "把握新發展階段"
    assert second.locator == "397-417"


def test_op_cit_resolves_to_the_latest_work_by_that_name_with_variant_characters() -> None:
    notes = [
        "「聲明一」中華人民共和國外交部欧亚司編『中俄雙邊關係文件匯編』（北京：世界知識出版社、2020年）877頁。",
        BOOK,
        "「聲明二」中華人民共和國外交部歐亞司編、前掲書、568-569頁。",
        "王海運、前掲書、151 頁。",
    ]
    parsed = parse_document(document(("第1章", notes)))
    citations = {c.id: c for c in parsed.citations}
    assert citations["s1-n3-c1"].backref == BackRef("op-cit", "s1-n1-c1")
    assert citations["s1-n3-c1"].csl["title"] == "聲明二"
    assert citations["s1-n3-c1"].locator == "568-569"
    assert citations["s1-n4-c1"].backref == BackRef("op-cit", "s1-n2-c1")


def test_op_cit_by_outlet_and_date() -> None:
    notes = [
        "「王毅出席活動」新華社、2024年9月27日。",
        "「全球安全倡議」新華社、2023年2月21日。",
        "新華社前掲記事、2024年9月27日。",
    ]
    assert backrefs(document(("第1章", notes)))["s1-n3-c1"] == BackRef("op-cit", "s1-n1-c1")


def test_short_forms() -> None:
    notes = [
        "山添博史「ロシアの古典的な大國構想——遠のく『勢力圏』」増田雅之編著『大國間競争の新常態』（インターブックス、2023年）。",
        "“Thousands of Troops, Millions of Shells,” Reuters, April 15, 2025.",
        "“Unlawful Military Cooperation,” Sanctions Monitoring Team, May 29, 2025, 13.",
        "山添「ロシアの古典的な大国構想」88-89 頁。",
        "Reuters, April 15, 2025.",
        "“Unlawful Military Cooperation,” 13.",
        "“Thousands of Troops…,” 4.",
    ]
    parsed = parse_document(document(("第2章", notes)))
    citations = {c.id: c for c in parsed.citations}
    assert citations["s1-n4-c1"].backref == BackRef("short-form", "s1-n1-c1")
    assert citations["s1-n4-c1"].locator == "88-89"
    assert citations["s1-n5-c1"].backref == BackRef("short-form", "s1-n2-c1")
    assert citations["s1-n6-c1"].backref == BackRef("short-form", "s1-n3-c1")
    assert citations["s1-n6-c1"].locator == "13"
    assert citations["s1-n7-c1"].backref == BackRef("short-form", "s1-n2-c1")


def test_author_and_page_is_a_short_form_of_that_authors_work() -> None:
    notes = [
        "Claire Mercier, *La santé publique en Bretagne* (Rennes: PUR, 2001), 12.",
        "Paul Gauthier and Anne Thomas, “Les ports,” *Annales* 4 (1999): 80.",
        "Mercier, 341.",
        "Gauthier and Thomas, 81.",
        "Durand, 5.",
    ]
    parsed = parse_document(document(("Notes", notes)))
    citations = {c.id: c for c in parsed.citations}
    assert citations["s1-n3-c1"].backref == BackRef("short-form", "s1-n1-c1")
    assert citations["s1-n3-c1"].locator == "341"
    assert citations["s1-n3-c1"].csl["title"] == "La santé publique en Bretagne"
    assert citations["s1-n4-c1"].backref == BackRef("short-form", "s1-n2-c1")
    assert citations["s1-n5-c1"].backref is None  # no earlier work of Durand's
    assert parse_document(document(("Notes", ["This is what he said, 12."]))).citations == ()


def test_repeated_full_citations_are_not_back_references() -> None:
    same = "조선중앙통신 「중국은 더이상 무모한 언행 하지 말아야 한다」 2017 년 5 월 3 일 ."
    paper = "『로동신문』 2025년 1월 26일."
    refs = backrefs(document(("第3章", [same, same, paper, paper])))
    assert set(refs.values()) == {None}


def test_problems_other_section_and_missing() -> None:
    doc = document(
        (
            "序章",
            ["門洪華、劉笑陽「中国夥伴關係戰略評估与展望」『世界經濟与政治』2015年第2期、83頁。"],
        ),
        (
            "第1章",
            ["同上。", "門洪華、劉笑陽「中国夥伴關係戰略評估与展望」。", "無名氏、前掲書、3頁。"],
        ),
    )
    refs = backrefs(doc)
    assert refs["s2-n1-c1"] == BackRef("ibid", None, "missing")
    assert refs["s2-n2-c1"] == BackRef("short-form", "s1-n1-c1", "other-section")
    assert refs["s2-n3-c1"] == BackRef("op-cit", None, "missing")


def test_same_as_previous_forms_resolve_like_ibid() -> None:
    # 同前 and 同右 (vertical-text notes: the note to the right) both mean "as above".
    notes = [BOOK, "同前、22頁。", "同右、30 頁。", "王海運、同前書、40頁。"]
    parsed = parse_document(document(("第1章", notes)))
    citations = {c.id: c for c in parsed.citations}
    for identifier, page in (("s1-n2-c1", "22"), ("s1-n3-c1", "30"), ("s1-n4-c1", "40")):
        assert citations[identifier].backref == BackRef("ibid", "s1-n1-c1")
        assert citations[identifier].locator == page
        assert citations[identifier].csl["title"] == "新世紀的中俄關係"


def test_cited_above_forms_resolve_like_op_cit() -> None:
    notes = [
        "「聲明一」中華人民共和國外交部欧亚司編『中俄雙邊關係文件匯編』（北京：世界知識出版社、2020年）877頁。",
        BOOK,
        "「聲明二」中華人民共和國外交部歐亞司編、上掲書、568-569頁。",
        "王海運、上掲、151 頁。",
        "Korolev, op.cit., 12.",
    ]
    parsed = parse_document(document(("第1章", notes)))
    citations = {c.id: c for c in parsed.citations}
    assert citations["s1-n3-c1"].backref == BackRef("op-cit", "s1-n1-c1")
    assert citations["s1-n3-c1"].csl["type"] == "chapter"
    assert citations["s1-n3-c1"].locator == "568-569"
    assert citations["s1-n4-c1"].backref == BackRef("op-cit", "s1-n2-c1")
    assert citations["s1-n4-c1"].locator == "151"
    assert citations["s1-n5-c1"].backref == BackRef("op-cit", None, "missing")


def test_marks_inside_a_title_are_words_of_the_title() -> None:
    notes = [
        "「携手共同前进」『人民日报』2024年5月1日。",
        "「中国同上海合作组织」『人民日报』2024年5月2日。",
        "同上。",
    ]
    refs = backrefs(document(("第1章", notes)))
    assert refs["s1-n1-c1"] is None
    assert refs["s1-n2-c1"] is None
    assert refs["s1-n3-c1"] == BackRef("ibid", "s1-n2-c1")


def test_marks_in_every_cited_language_and_in_italics_resolve() -> None:
    # `*Ibid.*` as many styles print it, and the marks of German, Spanish, Ukrainian,
    # Korean and Chinese notes, each with its page
    book = "Hans Müller, *Die Hanse* (Berlin: Duncker & Humblot, 2001), 12."
    korean = "김철수, 『한국 근대 재정사』 (서울: 혜안, 2010), 45쪽."
    chinese = "王海运：《新世纪的中俄关系》，上海：上海大学出版社，2015年，第284页。"
    notes = [
        book, "*Ibid.*, 14.", "Ebd., S. 15.", "Ibíd., 16.", "Там само, с. 17.",
        korean, "위의 책, 46쪽.", "김철수, 앞의 책, 47쪽.", chinese, "王海运，上揭书，第285页。",
    ]  # fmt: skip
    citations = {c.id: c for c in parse_document(document(("Notes", notes))).citations}
    expected = {2: ("ibid", 1, "14"), 3: ("ibid", 1, "15"), 4: ("ibid", 1, "16"),
                5: ("ibid", 1, "17"), 7: ("ibid", 6, "46"), 8: ("op-cit", 6, "47"),
                10: ("op-cit", 9, "285")}  # fmt: skip
    for note, (kind, target, page) in expected.items():
        citation = citations[f"s1-n{note}-c1"]
        assert citation.backref == BackRef(kind, f"s1-n{target}-c1"), note
        assert citation.locator == page, note


def test_a_chicago_short_form_with_an_italic_title_is_the_book_cited_before() -> None:
    notes = [
        "Hans Müller, *Die Hanse im Mittelalter* (Berlin: Duncker & Humblot, 2001), 12.",
        "Müller, *Die Hanse*, 20.",
        "Müller, *Hanse*, 24.",  # the short title without its article
        "Brown, *Another Book*, 5.",  # no such work before: no back-reference
    ]
    citations = {c.id: c for c in parse_document(document(("Notes", notes))).citations}
    for identifier, page in (("s1-n2-c1", "20"), ("s1-n3-c1", "24")):
        assert citations[identifier].backref == BackRef("short-form", "s1-n1-c1")
        assert citations[identifier].locator == page
        assert citations[identifier].csl["type"] == "book"
        assert "container-title" not in citations[identifier].csl
    assert citations["s1-n4-c1"].backref is None


def test_authors_and_a_page_name_the_work_of_those_authors() -> None:
    notes = [
        "John Smith and Mary Jones, *Harbours of the North* (Leeds: Northern Press, 2012), 12.",
        "Smith and Jones, 45.",
    ]
    citations = {c.id: c for c in parse_document(document(("Notes", notes))).citations}
    short = citations["s1-n2-c1"]
    assert short.backref == BackRef("short-form", "s1-n1-c1")
    assert short.locator == "45" and "container-title" not in short.csl
