"""One typed example per pattern the rules must read, each with its exact output.

Patterns from material the parser was not built on: reference lists (APA, Vancouver,
Chicago), German and French notes, Markdown from pandoc, old SICI DOIs.
"""

from __future__ import annotations

import pytest

from citecheck.citations import lexicon, parse_document, parse_note_text
from citecheck.citations.dates import find_dates, is_undated
from citecheck.citations.language import detect_language, item_language
from citecheck.citations.locators import find_pages
from citecheck.citations.names import cjk_name, parse_names, split_names
from citecheck.citations.split import split_note
from citecheck.citations.urls import find_doi, find_urls
from citecheck.model import BackRef, Document, Note, Section
from citecheck.verify.dates import written_dates


def citations(text: str) -> list[dict]:
    return [draft.fields.csl for draft in parse_note_text(text).citations]


# --- splitting a note into citations ---------------------------------------------------


def test_semicolons_inside_an_author_list_do_not_split_the_citation() -> None:
    text = "Lee, H.; Lee, G.; Cho, M. (2020). Title of the work. Journal of Things, 12(3), 45–67."
    parsed = parse_note_text(text)
    assert len(parsed.citations) == 1
    assert parsed.commentary is None
    assert parsed.citations[0].fields.csl["author"] == [
        {"family": "Lee", "given": "H."},
        {"family": "Lee", "given": "G."},
        {"family": "Cho", "given": "M."},
    ]
    assert parsed.citations[0].fields.csl["issued"] == {"date-parts": [[2020]]}


def test_semicolons_between_citations_still_split() -> None:
    text = (
        "Smith, “First Title,” Journal A 3 (2001): 4; Jones, “Second Title,” Journal B 5 (2002): 6."
    )
    assert [(c["title"], c["page"]) for c in citations(text)] == [
        ("First Title", "4"),
        ("Second Title", "6"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Crawford, J., & Auton, L. (1993). Experimental results on the crossover point in "
        "satisfiability problems. Proceedings of the 11th National Conference on AI.",
        "Scott, D., and de Souza, C. S. 1990. Getting the message across in RST-based text "
        "generation. In Dale, R.; Mellish, C.; and Zock, M., eds., Current Research in "
        "Natural Language Generation. Academic Press.",
        "Clem, Ralph S., and Joseph D. Olander, eds. No Room for Man: Population and the Future "
        "through Science Fiction. Totowa, N.J.: Rowman and Littlefield, 1979.",
    ],
)
def test_a_reference_list_entry_is_one_citation(text: str) -> None:
    assert [segment.kind for segment in split_note(text)] == ["citation"]


def test_an_entry_without_parentheses_gives_its_fields() -> None:
    assert citations("Doe, J. Some article title. Journal of Stuff 12, 41–54, 2007.") == [
        {
            "author": [{"family": "Doe", "given": "J."}],
            "title": "Some article title",
            "container-title": "Journal of Stuff",
            "volume": "12",
            "page": "41–54",
            "issued": {"date-parts": [[2007]]},
            "type": "article-journal",
            "language": "en",
        }
    ]
    [csl] = citations("Lee, H.; Lee, G.; Cho, M. (2020). Title. Journal of Things, 12(3), 45–67.")
    assert (csl["container-title"], csl["volume"], csl["issue"], csl["page"]) == (
        "Journal of Things",
        "12",
        "3",
        "45–67",
    )


def test_a_family_name_in_capitals_beside_initials_is_a_person() -> None:
    assert split_names("J. P. COLLMAN") == [{"family": "COLLMAN", "given": "J. P."}]
    assert split_names("COLLMAN, J. P.") == [{"family": "COLLMAN", "given": "J. P."}]
    assert split_names("NATO") == [{"literal": "NATO"}]


def test_quotations_and_emphasis_in_commentary_are_not_titles() -> None:
    quoted = "This is what the minister called “a new era” in his speech to the assembly."
    stressed = "The report was *not* published by the ministry in the end, it seems."
    for text in (quoted, stressed):
        assert [segment.kind for segment in split_note(text)] == ["commentary"]
    assert [s.kind for s in split_note("See Smith, “A Title,” Journal 4 (2003): 5.")] == [
        "citation"
    ]


# --- names ---------------------------------------------------------------------------


def test_initials_are_not_separate_authors() -> None:
    assert split_names("Holroyd, C.B., and Yeung, N.") == [
        {"family": "Holroyd", "given": "C.B."},
        {"family": "Yeung", "given": "N."},
    ]


def test_an_ampersand_is_no_part_of_a_family_name() -> None:
    assert split_names("Smith, J., Jones, K. L., & Brown, A.") == [
        {"family": "Smith", "given": "J."},
        {"family": "Jones", "given": "K. L."},
        {"family": "Brown", "given": "A."},
    ]


def test_vancouver_names_put_the_initials_last() -> None:
    assert split_names("Smith J, Jones KL") == [
        {"family": "Smith", "given": "J"},
        {"family": "Jones", "given": "KL"},
    ]


@pytest.mark.parametrize("dashes", ["———", "---", "——."])
def test_same_author_dashes_are_no_author(dashes: str) -> None:
    assert split_names(dashes) == []
    csl = citations(f"{dashes} “Another Title,” Journal 4 (2003): 5.")[0]
    assert "author" not in csl
    assert csl["title"] == "Another Title"


def test_jr_is_a_suffix_not_an_author() -> None:
    expected = [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}]
    assert split_names("King, Martin Luther, Jr.") == expected
    assert split_names("Martin Luther King Jr.") == expected
    assert split_names("Henry Ford III") == [{"family": "Ford", "given": "Henry", "suffix": "III"}]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Smith, John, and others", [{"family": "Smith", "given": "John"}]),
        ("Mark Cozad et al.", [{"family": "Cozad", "given": "Mark"}]),
        ("张三等", [{"literal": "张三"}]),
        ("蔡亮ほか", [{"literal": "蔡亮"}]),
        ("山田太郎外", [{"literal": "山田太郎"}]),
    ],
)
def test_and_others_is_no_person(text: str, names: list[dict[str, str]]) -> None:
    assert split_names(text) == names


@pytest.mark.parametrize(
    "name", ["Google Developers Blog", "World Health Organization", "U.S. Department of Defense"]
)
def test_organisations_stay_literal(name: str) -> None:
    assert split_names(name) == [{"literal": name}]
    assert citations(f"{name}, “Announcing Things,” March 3, 2020.")[0]["author"] == [
        {"literal": name}
    ]


@pytest.mark.parametrize("signal", ["Cf.", "See", "Vgl.", "参照"])
def test_signals_are_not_given_names(signal: str) -> None:
    assert parse_names(f"{signal} John Smith").author == [{"family": "Smith", "given": "John"}]


def test_cjk_names_stay_literal_and_split_where_the_family_name_is_listed() -> None:
    assert parse_names("増田雅之").author == [{"literal": "増田雅之"}]
    assert parse_names("増田雅之、習近平", split_cjk=True).author == [
        {"family": "増田", "given": "雅之"},
        {"family": "習", "given": "近平"},
    ]
    assert cjk_name("佐々木毅") == {"family": "佐々木", "given": "毅"}
    assert cjk_name("欧阳修") == {"family": "欧阳", "given": "修"}
    assert cjk_name("남궁민") == {"family": "남궁", "given": "민"}
    assert cjk_name("김철수") == {"family": "김", "given": "철수"}
    assert cjk_name("増田 雅之") == {"family": "増田", "given": "雅之"}
    assert cjk_name("防衛省") is None  # a body, not a person
    assert cjk_name("スティーヴン・M・ウォルト") is None


def test_cyrillic_initials_follow_the_family_name() -> None:
    assert split_names("Иванов И. И.") == [{"family": "Иванов", "given": "И. И."}]


# --- dates ---------------------------------------------------------------------------


def dates(text: str) -> list[dict]:
    return [date.csl() for date in find_dates(text)]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Doe, J. Some title. Journal of Stuff 12, 41–54, 2007.", [[2007]]),
        ("Meier: Sammelband, Berlin 2010, S. 100-105", [[2010]]),
        ("(2019)", [[2019]]),
        ("(London: Hurst and Blackett, 1938),", [[1938]]),
        ("Victorian Studies 42 (1999/2000): 358-60.", [[1999]]),
        ("Delorit, R. J. 1970 Illustrated Taxonomy Manual of Weed Seeds.", [[1970]]),
        ("March 7, 2024", [[2024, 3, 7]]),
        ("Sept. 5, 2020", [[2020, 9, 5]]),
        ("21 June 2017", [[2017, 6, 21]]),
        ("29 de diciembre de 2023", [[2023, 12, 29]]),
        ("marzo de 2024", [[2024, 3]]),
        ("5. März 2024", [[2024, 3, 5]]),
        ("1er mars 2024", [[2024, 3, 1]]),
        ("5 марта 2024 г.", [[2024, 3, 5]]),
        ("22 березня 2024 р.", [[2024, 3, 22]]),
        ("2024年3月", [[2024, 3]]),
        ("令和5年3月", [[2023, 3]]),
        ("平成元年", [[1989]]),
        ("昭和64年1月7日", [[1989, 1, 7]]),
        ("2024년 3월 5일", [[2024, 3, 5]]),
        ("2021-03-04", [[2021, 3, 4]]),
        ("2024/3/5", [[2024, 3, 5]]),
    ],
)
def test_dates_into_date_parts(text: str, parts: list[list[int]]) -> None:
    assert dates(text) == [{"date-parts": parts}]


def test_numbers_that_are_not_years() -> None:
    assert dates("pp. 1999-2005") == []
    assert dates("vol. 2019, p. 3") == []


def test_a_year_suffix_is_kept_apart() -> None:
    [date] = find_dates("Doe, J. (2019a). Title.")
    assert date.csl() == {"date-parts": [[2019]]}
    assert date.suffix == "a"


def test_a_season_is_a_csl_season() -> None:
    assert dates("Journal 4 (Spring 2010): 5") == [{"date-parts": [[2010]], "season": 1}]


def test_no_date_is_read_as_none() -> None:
    assert is_undated("Doe, J. (n.d.). Title. Publisher.")
    parsed = parse_note_text("Doe, J. (n.d.). Title. Publisher.")
    assert len(parsed.citations) == 1
    csl = parsed.citations[0].fields.csl
    assert csl["author"] == [{"family": "Doe", "given": "J."}]
    assert csl["title"] == "Title"
    assert "issued" not in csl


def test_the_note_checks_read_dates_with_the_same_grammar() -> None:
    text = "5. März 2024; 1er mars 2024; 2019년 13월 1일"
    assert [parts for _, *parts in written_dates(text)] == [
        [2024, 3, 5],
        [2024, 3, 1],
        [2019, 13, 1],  # read, so that the check can say it does not exist
    ]


# --- identifiers ---------------------------------------------------------------------

SICI = "10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P"


def test_a_sici_doi_is_read_whole() -> None:
    parsed = parse_note_text(f"Smith, “Title,” Journal 1 (2020): 2, doi:{SICI}.")
    assert len(parsed.citations) == 1
    assert parsed.commentary is None
    assert parsed.citations[0].fields.csl["DOI"] == SICI
    assert [u.value for u in find_urls(f"(see https://doi.org/{SICI}).")] == [
        f"https://doi.org/{SICI}"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "doi:10.1000/xyz123.",
        "DOI: 10.1000/xyz123,",
        "https://doi.org/10.1000/xyz123).",
        "https://dx.doi.org/10.1000/xyz123;",
        "doi.org/10.1000/xyz123",
    ],
)
def test_doi_forms_without_trailing_punctuation(text: str) -> None:
    assert find_doi(text) == "10.1000/xyz123"


# --- values --------------------------------------------------------------------------


def test_markdown_escapes_and_pandoc_spans_leave_the_values() -> None:
    [csl] = citations(r"Smith, “Jake\_s [Jake's]{.nocase} Title,” Journal 1 (2020): 3.")
    assert csl["title"] == "Jake_s Jake's Title"


@pytest.mark.xfail(
    strict=True,
    reason="an escaped `\\*` is a plain `*` once the note's markup is stripped, and the "
    "tagger's values drop every `*` as emphasis",
)
def test_an_escaped_asterisk_stays_in_the_value() -> None:
    [csl] = citations(r"Smith, “Jake's \*Title\*,” Journal 1 (2020): 3.")
    assert csl["title"] == "Jake's *Title*"


@pytest.mark.parametrize(
    ("tail", "pages"),
    [
        (", 212--25", "212–25"),
        (": 212–25", "212–25"),
        (", pp. 212-225", "212-225"),
        (", S. 100-105", "100-105"),
        (", p. 5", "5"),
        (", e1234.", "e1234"),
    ],
)
def test_page_forms(tail: str, pages: str) -> None:
    found = find_pages(tail)
    assert found is not None and found.value == pages


def test_german_chapter_with_in_and_hrsg() -> None:
    text = "Vgl. Müller, Hans: Titel, in: Meier, K. (Hrsg.): Sammelband, Berlin 2010, S. 100-105."
    [csl] = citations(text)
    assert csl["author"] == [{"family": "Müller", "given": "Hans"}]
    assert csl["title"] == "Titel"
    assert csl["editor"] == [{"family": "Meier", "given": "K."}]
    assert csl["container-title"] == "Sammelband"
    assert csl["publisher-place"] == "Berlin"
    assert csl["issued"] == {"date-parts": [[2010]]}
    assert csl["page"] == "100-105"
    assert csl["type"] == "chapter"


# --- back-references -----------------------------------------------------------------


def test_ibid_after_a_chapter_whose_book_is_op_cit_is_that_chapter() -> None:
    texts = [
        "川島真編『中国の外交戦略』（東京：東京大学出版会、2020年）12頁。",
        "増田雅之「中国の対露政策」川島編、前掲書、235頁。",
        "同上、240頁。",
    ]
    notes = tuple(Note("第1章", str(n), n, text, n) for n, text in enumerate(texts, start=1))
    parsed = parse_document(Document("t.txt", "text", (Section("第1章", notes),)))
    book, chapter, ibid = parsed.citations
    assert chapter.backref == BackRef("op-cit", book.id)
    assert ibid.backref == BackRef("ibid", chapter.id)
    assert ibid.csl["title"] == "中国の対露政策"
    assert ibid.locator == "240"


# --- the lexicon ---------------------------------------------------------------------


def test_one_lexicon_of_sources_months_names_and_places() -> None:
    assert lexicon.is_known_source("人民日報")  # folded to 人民日报
    assert lexicon.is_known_source("AP News")
    assert lexicon.known_source("Reuters") == lexicon.Source("agency", "en", "Reuters")
    assert not lexicon.is_known_source("Smith")
    assert lexicon.month_number("März") == 3
    assert lexicon.month_number("марта") == 3
    assert lexicon.month_number("Sept.") == 9
    assert lexicon.SEASONS["autumn"] == 3
    assert lexicon.ERAS["令和"] == 2019
    assert {"van", "von", "de"} <= lexicon.NAME_PARTICLES
    assert "東京" in lexicon.PLACES and "Berlin" in lexicon.PLACES
    assert "Verlag" in lexicon.PUBLISHER_WORDS
    assert lexicon.family_prefix("増田雅之", "ja") == "増田"
    assert lexicon.is_organisation("World Health Organization")
    assert not lexicon.is_organisation("John Smith")


def test_one_language_detector_for_parser_and_exports() -> None:
    assert detect_language("Die Geschichte der deutschen Außenpolitik") == "de"
    assert detect_language("La politique étrangère de la France et les États-Unis") == "fr"
    assert detect_language("La política exterior de España en el siglo") == "es"
    assert detect_language("The history of the world") == "en"
    assert item_language({"title": "令和5年版防衛白書"}) == "ja"
    assert item_language({"title": "Заголовок"}) == "ru"
    assert item_language({"title": "English words"}) is None


@pytest.mark.parametrize(
    ("text", "authors", "journal"),
    [
        ("A. Smith, Am. J. Phys. 67, 850 (1999).", ["Smith"], "Am. J. Phys."),
        ("E. Martin et D. Petit. Helv. Chim. Acta, 55, 1866 (1972).", ["Martin", "Petit"],
         "Helv. Chim. Acta"),
    ],
)  # fmt: skip
def test_an_abbreviated_journal_keeps_its_first_word(
    text: str, authors: list[str], journal: str
) -> None:
    csl = parse_note_text(text, reference=True).citations[0].fields.csl
    assert [name.get("family") for name in csl["author"]] == authors
    assert csl["container-title"] == journal


@pytest.mark.parametrize(
    "text",
    [
        "渡辺陽子 と 田中千尋, *翻訳文学の研究* 284.",
        "山田美穂 と 藤田智子, *専門知と戦時宣伝――大阪を中心に*, ページ 190.",
    ],
)
def test_a_japanese_note_in_a_western_style_is_no_prose(text: str) -> None:
    # `A と B` (a style's "and" between names) and `ページ` are no sentence's kana
    [csl] = citations(text)
    assert [name["literal"] for name in csl["author"]] == text.split(",")[0].split(" と ")
    assert text.split("*")[1] in (csl.get("title"), csl.get("container-title"))


def test_a_quoted_title_is_one_field() -> None:
    [csl] = citations("“50,000 Troops Mass Ahead of Attack, U.S. Says,” *New York Times*, "
                      "November 10, 2024.")  # fmt: skip
    assert csl["title"] == "50,000 Troops Mass Ahead of Attack, U.S. Says"
    assert "volume" not in csl
    [csl] = citations("“Remarks by the Minister at the Dialogue,” Ministry of Foreign Affairs, "
                      "June 11, 2024.")  # fmt: skip
    assert csl["title"] == "Remarks by the Minister at the Dialogue"
    assert csl["container-title"] == "Ministry of Foreign Affairs"


@pytest.mark.parametrize(
    ("text", "author", "year"),
    [
        ("佐藤健一, 2019. *戦後日本の港湾行政*. 修士論文. 神戸: 神戸大学.", "佐藤健一", 2019),
        ("日本銀行, 1988. 地方金融の変遷 (調査報告 No. 12). 日本評論社, 東京.", "日本銀行", 1988),
        ("박민수. 2004. “근대 도시 계획의 전개”. 박사학위논문, 고려대학교.", "박민수", 2004),
        ("東洋文庫 (2015) *近世の商人と帳簿*. 東京: 汲古書院.", "東洋文庫", 2015),
    ],
)
def test_names_and_year_in_cjk_open_one_work(text: str, author: str, year: int) -> None:
    # an author-date entry in CJK script: its year does not end a citation of its own
    parsed = parse_note_text(text)
    assert parsed.commentary is None
    [csl] = [draft.fields.csl for draft in parsed.citations]
    assert csl["author"] == [{"literal": author}]
    assert csl["issued"] == {"date-parts": [[year]]}
    assert "title" in csl and "page" not in csl


def test_a_year_and_a_back_reference_stay_two_citations() -> None:
    assert len(parse_note_text("加藤, 2022. 同上, 5.").citations) == 2


def test_semicolons_between_chinese_names_do_not_split_the_citation() -> None:
    text = "王志强 ; 李红梅 ; 陈刚: *江南水利史*. 杭州 : 浙江大学出版社, 2010"
    parsed = parse_note_text(text)
    assert [draft.text for draft in parsed.citations] == [text] and parsed.commentary is None
    assert parsed.citations[0].fields.csl["publisher"] == "浙江大学出版社"
    # `同上` is no name: the back-reference and the next citation stay apart
    assert len(parse_note_text("同上；前掲、5頁。").citations) == 2


def test_an_imprint_after_the_pages_closes_the_chapter_it_follows() -> None:
    [csl] = citations("周明. “清末的海关.” In *近代中国经济史论集*, edited by 钱立, 45–67. "
                      "上海: 上海人民出版社, 2008.")  # fmt: skip
    assert csl["container-title"] == "近代中国经济史论集"
    assert csl["publisher"] == "上海人民出版社" and csl["publisher-place"] == "上海"
    assert csl["issued"] == {"date-parts": [[2008]]} and csl["page"] == "45–67"


@pytest.mark.parametrize(
    ("tail", "pages"),
    [("頁 45-47", "45-47"), ("頁5", "5"), ("页 332", "332"), ("ページ 190", "190"), ("12頁", "12")],
)
def test_the_page_word_before_or_after_the_number(tail: str, pages: str) -> None:
    # Taiwan's notes write `頁 45-47`; Japanese and Chinese ones `12頁`, `第12页`
    found = find_pages(tail)
    assert found is not None and found.value == pages


@pytest.mark.parametrize(
    "text",
    [
        "Marc Petit, « La ville et ses ponts », Radio Nord, 214, consulté le 3 mars 2024, "
        "https://radionord.example/ponts.",
        "「港湾都市の近代」, 国立公文書館デジタルアーカイブ, 58, 参照 2019年4月2日, "
        "https://www.digital.archives.go.jp/item/1234.",
    ],
)
def test_a_number_in_a_page_seen_online_is_its_page(text: str) -> None:
    # an undated page with an access date has no volume: the bare number is the page cited
    [draft] = parse_note_text(text).citations
    assert "volume" not in draft.fields.csl
    assert draft.fields.locator == draft.fields.csl["page"] == text.split(", ")[-3]


def test_a_semicolon_between_the_chinese_editors_of_a_book_cuts_nothing() -> None:
    [csl] = citations("陳志明: 論港口與貿易. In: 黃建國 ; 吳美玲 (Hrsg.): *近代臺灣經濟史論集*. "
                      "臺北 : 聯經出版公司, 2015, S. 12–34")  # fmt: skip
    assert csl["author"] == [{"literal": "陳志明"}]
    assert csl["editor"] == [{"literal": "黃建國"}, {"literal": "吳美玲"}]
    assert csl["container-title"] == "近代臺灣經濟史論集"


@pytest.mark.parametrize(
    ("text", "title", "publisher"),
    [
        ("張三，《臺灣史論》（臺北：聯經，2001），45-47頁。", "臺灣史論", "聯經"),
        ("王伟，《中国》（北京：人民出版社，2010），第5页。", "中国", "人民出版社"),
        ("John Smith, *Harbours* (Leeds: Northern Press, 2012), 12.", "Harbours", "Northern Press"),
    ],
)
def test_a_short_title_in_its_marks_and_a_short_publisher_are_read(
    text: str, title: str, publisher: str
) -> None:
    # one word in italics or 《》, a two-character publisher between `PLACE：` and `，YEAR`
    [csl] = citations(text)
    assert (csl["title"], csl["publisher"]) == (title, publisher)


def test_a_chinese_journal_article_note_in_book_marks() -> None:
    # 《题》，《刊名》: the second mark is the journal; 第3期 an issue, 第5卷 a volume
    [csl] = citations("赵刚：《论边疆治理》，《民族研究》第7卷第2期，2019年，第45—60页。")
    assert (csl["title"], csl["container-title"]) == ("论边疆治理", "民族研究")
    assert (csl["volume"], csl["issue"], csl["page"]) == ("7", "2", "45—60")
    [csl] = citations("赵刚：《论边疆治理》，《民族研究》2019年第2期，第45—60页。")
    assert csl["issue"] == "2" and "volume" not in csl


def test_a_one_digit_page_in_a_chinese_note() -> None:
    [draft] = parse_note_text("刘洋：《海防史》，北京：中华书局，2012年，第7页。").citations
    assert draft.fields.locator == "7"
