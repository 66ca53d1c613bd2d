"""Splitting notes into citations and commentary, the fields of whole citations, ids."""

from __future__ import annotations

from citecheck.citations import citation_id, parse_note_text
from citecheck.citations.split import split_note


def kinds(text: str) -> list[str]:
    return [segment.kind for segment in split_note(text)]


def test_separators_split_citations() -> None:
    note = "「中俄經貿合作穩步推進」『人民日报』2023年3月19日；「韓正」『光明日報』2024年5月18日。"
    assert kinds(note) == ["citation", "citation"]
    english = "“A,” Reuters, August 24, 2023; “B,” *La Nación*, 29 de diciembre de 2023."
    assert kinds(english) == ["citation", "citation"]


def test_a_note_number_typed_again_is_no_commentary() -> None:
    parsed = parse_note_text('1. Doe, A. "A title," Journal 3 (2001): 4.')
    assert parsed.commentary is None
    assert [c.text for c in parsed.citations] == ['Doe, A. "A title," Journal 3 (2001): 4']
    assert parsed.citations[0].fields.csl["author"] == [{"family": "Doe", "given": "A."}]
    # a number that is the note's own words stays (`3.5 million`)
    assert [c.text for c in parse_note_text("3.5 million, Smith, *Book*, 12.").citations] == [
        "3.5 million, Smith, *Book*, 12"
    ]


def test_commentary_sentences_around_citations() -> None:
    note = (
        "周力「憶『條約』的簽署」謝伏瞻主編『文集』（北京：出版社、2021年）58-59頁。"
        "起草プロセスは中国側が主導したものであった。周力「憶『條約』的簽署」55-64頁。"
    )
    assert kinds(note) == ["citation", "commentary", "citation"]
    parsed = parse_note_text(note)
    assert parsed.commentary == "起草プロセスは中国側が主導したものであった。"
    assert [c.fields.locator for c in parsed.citations] == ["58-59", "55-64"]


def test_english_sentence_then_japanese_commentary() -> None:
    note = "«Ответ», President of Russia, September 12, 2024. なお、この発言は警告を意味する。"
    assert kinds(note) == ["citation", "commentary"]
    posts = (
        "@brygada47, Telegram, February 9, 2025, <https://t.me/brygada47/1228>. "
        "位置の特定は OSINT ユーザーによるもの。imi(m), X, February 9, 2025, "
        "<https://x.com/moklasen/status/1888305392817430814>. SAR 画像は COSMO-SkyMed、"
        "2025年3月1日撮影。"
    )
    assert kinds(posts) == ["citation", "commentary", "citation", "commentary"]


def test_citation_inside_a_commentary_sentence() -> None:
    note = "関連については、増田雅之「中国外交の現在地」『東亜』第696号（2025年6月）70-77頁を参照。"
    parsed = parse_note_text(note)
    (citation,) = parsed.citations
    assert citation.text == "増田雅之「中国外交の現在地」『東亜』第696号（2025年6月）70-77頁"
    assert citation.fields.csl["issue"] == "696"
    assert parsed.commentary == note


def test_citation_in_parentheses_inside_commentary() -> None:
    note = (
        "北朝鮮は同様の文書 (Letter dated 21 June 2017 from the Permanent Representative "
        "(A/71/941-S/2017/535)) を国連安保理にも提出した。"
    )
    (citation,) = parse_note_text(note).citations
    csl = citation.fields.csl
    assert csl["number"] == "A/71/941-S/2017/535"
    assert csl["title"] == "Letter dated 21 June 2017 from the Permanent Representative"
    assert csl["type"] == "report"


def test_pure_commentary_has_no_citation() -> None:
    for note in (
        "2023年2月の演説は公表されなかった。2025年1月に『求是』誌に掲載されて公のものとなった。",
        "北京における研究者・専門家等との意見交換（2023 年 10 月、同年 12 月）。",
        "1995 ~ 2000 年の大飢饉。",
        "北朝鮮の ICBM 「火星 15」の発射実験に対して課された制裁。",
    ):
        parsed = parse_note_text(note)
        assert parsed.citations == ()
        assert parsed.commentary == note


def test_japanese_chapter_fields() -> None:
    (citation,) = parse_note_text(
        "増田雅之「対立への岐路に立つ中国の対米政策」川島真、森聡編『アフターコロナ時代の米中関係と"
        "世界秩序』（東京大学出版会、2020年）80-81頁。"
    ).citations
    csl = citation.fields.csl
    assert csl["type"] == "chapter"
    assert csl["author"] == [{"literal": "増田雅之"}]
    assert csl["editor"] == [{"literal": "川島真"}, {"literal": "森聡"}]
    assert csl["title"] == "対立への岐路に立つ中国の対米政策"
    assert csl["container-title"] == "アフターコロナ時代の米中関係と世界秩序"
    assert csl["publisher"] == "東京大学出版会"
    assert csl["issued"] == {"date-parts": [[2020]]}
    assert csl["page"] == "80-81"
    assert csl["language"] == "ja"


def test_chinese_book_with_place_and_publisher() -> None:
    (citation,) = parse_note_text(
        "習近平「中国必須有自己特色的大国外交」（2014年11月28日）習近平『習近平著作選讀（第1卷）』"
        "（北京：人民出版社、2023年）320頁。"
    ).citations
    csl = citation.fields.csl
    assert csl["publisher-place"] == "北京"
    assert csl["publisher"] == "人民出版社"
    assert csl["container-author"] == [{"literal": "習近平"}]
    assert csl["issued"] == {"date-parts": [[2023]]}
    assert csl["language"] == "zh-Hant"


def test_english_journal_article() -> None:
    (citation,) = parse_note_text(
        'Alexander Korolev, "On the Verge of an Alliance," *Asian Security* 15, no. 3 '
        "(2019): 233-252."
    ).citations
    csl = citation.fields.csl
    assert (csl["type"], csl["volume"], csl["issue"], csl["page"]) == (
        "article-journal",
        "15",
        "3",
        "233-252",
    )
    assert csl["title"] == "On the Verge of an Alliance"
    assert csl["container-title"] == "Asian Security"


def test_english_book_and_news() -> None:
    (book,) = parse_note_text(
        "Richard Weitz, *The New China-Russia Alignment* (Santa Barbara: Praeger, 2022), 99"
    ).citations
    assert book.fields.csl["type"] == "book"
    assert book.fields.csl["publisher-place"] == "Santa Barbara"
    assert book.fields.locator == "99"
    (news,) = parse_note_text("“Video Shows Execution,” Reuters, November 14, 2022.").citations
    assert news.fields.csl == {
        "title": "Video Shows Execution",
        "container-title": "Reuters",
        "issued": {"date-parts": [[2022, 11, 14]]},
        "type": "article-newspaper",
        "language": "en",
    }


def test_korean_agency_and_newspaper_first() -> None:
    (agency,) = parse_note_text("조선중앙통신「조선외무성성명 새 조치」2006년 10월 4일.").citations
    assert agency.fields.csl["author"] == [{"literal": "조선중앙통신"}]
    assert agency.fields.csl["type"] == "article-newspaper"
    (paper,) = parse_note_text(
        "『중앙일보』 「북한 ‘고난의 행군’」 2010 년 11 월 23 일 ."
    ).citations
    assert paper.fields.csl["container-title"] == "중앙일보"
    assert paper.fields.csl["title"] == "북한 ‘고난의 행군’"


def test_posts_without_title() -> None:
    (post,) = parse_note_text(
        "U.S. Mission to the UN, @USUN, X, October 13, 2023, <https://x.com/USUN/status/1>."
    ).citations
    csl = post.fields.csl
    assert csl["type"] == "post"
    assert csl["URL"] == "https://x.com/USUN/status/1"
    assert csl["container-title"] == "X"
    assert csl["author"] == [{"literal": "U.S. Mission to the UN"}]


def test_citation_ids() -> None:
    assert citation_id(2, "23", 1) == "s2-n23-c1"
    assert citation_id(4, "*", 1) == "s4-nstar-c1"
    assert citation_id(1, "fn-a", 2) == "s1-nfn-a-c2"
    assert citation_id(1, "¶", 1).isascii()


def test_access_dates_are_not_publication_dates() -> None:
    (japanese,) = parse_note_text(
        "防衛省「防衛白書」（2024年）、https://www.mod.go.jp/j/press/wp/（2025年1月10日閲覧）。"
    ).citations
    assert japanese.fields.csl["issued"] == {"date-parts": [[2024]]}
    assert japanese.fields.csl["accessed"] == {"date-parts": [[2025, 1, 10]]}
    assert japanese.fields.csl["URL"] == "https://www.mod.go.jp/j/press/wp/"
    assert "container-title" not in japanese.fields.csl
    (english,) = parse_note_text(
        "“Some Page,” Example Org, accessed March 3, 2024, https://example.org/page."
    ).citations
    assert english.fields.csl["accessed"] == {"date-parts": [[2024, 3, 3]]}
    assert english.fields.csl["container-title"] == "Example Org"
    assert "issued" not in english.fields.csl


def test_author_date_style_with_retrieved() -> None:
    parsed = parse_note_text(
        'Smith, John (2020-05-01). "Title of Article". The Guardian. Retrieved 2021-03-04.'
    )
    (citation,) = parsed.citations
    csl = citation.fields.csl
    assert csl["author"] == [{"family": "Smith", "given": "John"}]
    assert csl["issued"] == {"date-parts": [[2020, 5, 1]]}
    assert csl["accessed"] == {"date-parts": [[2021, 3, 4]]}
    assert (csl["title"], csl["container-title"]) == ("Title of Article", "The Guardian")


def test_doi_url_gives_both_fields_and_pages_before_it() -> None:
    (citation,) = parse_note_text(
        "Jane Doe, “A Study,” *Journal of Things* 12, no. 4 (2018): 100–120, "
        "https://doi.org/10.1000/jt.2018.12."
    ).citations
    csl = citation.fields.csl
    assert csl["DOI"] == "10.1000/jt.2018.12"
    assert csl["URL"] == "https://doi.org/10.1000/jt.2018.12"
    assert csl["page"] == "100–120"


def test_western_back_references_keep_their_locator() -> None:
    for text, kind, locator in [
        ("Ibid., 45.", "ibid", "45"),
        ("Ibid.", "ibid", None),
        ("Там же. С. 45.", "ibid", "45"),
        ("Smith, op. cit., p. 12.", "op-cit", "12"),
    ]:
        (citation,) = parse_note_text(text).citations
        assert (citation.reference, citation.fields.locator) == (kind, locator), text


def test_reference_list_styles_from_html_and_markdown() -> None:
    (journal,) = parse_note_text(
        "赵明昊 (2023). 「全球安全倡议与国际秩序」. 国际问题研究 (3): 1–18. "
        "doi:10.3969/j.issn.0452-8832.2023.03.001 https://doi.org/10.3969/j.issn.0452-8832.2023.03.001."
    ).citations
    csl = journal.fields.csl
    assert (csl["container-title"], csl["issue"], csl["page"]) == ("国际问题研究", "3", "1–18")
    assert csl["DOI"] == "10.3969/j.issn.0452-8832.2023.03.001"
    assert csl["type"] == "article-journal"
    (book,) = parse_note_text(
        "Gill, Bates (2023). Daring to Struggle. Oxford University Press. p. 112."
    ).citations
    assert book.fields.csl == {
        "author": [{"family": "Gill", "given": "Bates"}],
        "issued": {"date-parts": [[2023]]},
        "title": "Daring to Struggle",
        "publisher": "Oxford University Press",
        "page": "112",
        "type": "book",
        "language": "en",
    }


def test_english_commentary_after_a_link_and_bare_dois() -> None:
    parsed = parse_note_text(
        'Jane Doe, "A Mood, Not a Plan," *Foreign Affairs*, January 2024, '
        "https://www.foreignaffairs.com/china/mood. The print edition differs in its title "
        "and carries a correction on page 12 of the issue."
    )
    (citation,) = parsed.citations
    assert citation.fields.csl["URL"] == "https://www.foreignaffairs.com/china/mood"
    assert parsed.commentary.startswith("The print edition")
    (doi,) = parse_note_text("doi:10.1080/10670564.2024.2301234.").citations
    assert doi.fields.csl["DOI"] == "10.1080/10670564.2024.2301234"
    prose = parse_note_text("This was confirmed in March 2024 by the ministry of the country.")
    assert prose.citations == ()


def test_cyrillic_dates_korean_pages_and_organisations() -> None:
    (russian,) = parse_note_text(
        "«Переговоры в Москве», *Коммерсантъ*, 21 марта 2024 г., https://www.kommersant.ru/doc/1."
    ).citations
    assert russian.fields.csl["issued"] == {"date-parts": [[2024, 3, 21]]}
    assert "volume" not in russian.fields.csl
    (ukrainian,) = parse_note_text("«Заява МЗС України», 22 березня 2024 р.").citations
    assert ukrainian.fields.csl["issued"] == {"date-parts": [[2024, 3, 22]]}
    (korean,) = parse_note_text(
        "김민수 「중국 외교의 변화」 『국방연구』 2024년 3월, 15쪽."
    ).citations
    assert korean.fields.locator == "15"
    (report,) = parse_note_text(
        "RAND Corporation, *Report RR-A1234-1*, https://www.rand.org/r."
    ).citations
    assert report.fields.csl["author"] == [{"literal": "RAND Corporation"}]
