"""Unit tests for each extractor: dates, names, pages and numbering, URLs, language, brackets."""

from __future__ import annotations

import pytest

from citecheck.citations.brackets import outside_titles, split_top_level, top_level_spans
from citecheck.citations.dates import find_dates
from citecheck.citations.language import detect_language
from citecheck.citations.locators import find_pages, find_un_symbol
from citecheck.citations.names import parse_names
from citecheck.citations.scripts import fold
from citecheck.citations.urls import find_doi, find_urls


@pytest.mark.parametrize(
    ("text", "parts", "issue"),
    [
        ("『人民日报』2023年12月29日。", [[2023, 12, 29]], None),
        ("2023 年 12 月", [[2023, 12]], None),
        ("『國際展望』2024年第6期、72-73頁", [[2024]], "6"),
        ("2006년 10월 4일.", [[2006, 10, 4]], None),
        ("2019 년 3 월 1 일 .", [[2019, 3, 1]], None),
        ("Reuters, March 7, 2024.", [[2024, 3, 7]], None),
        ("Letter dated 21 June 2017 from", [[2017, 6, 21]], None),
        ("IFRI (March 2023): 17-18", [[2023, 3]], None),
        ("*La Nación*, 29 de diciembre de 2023.", [[2023, 12, 29]], None),
        ("“국방위원회회의록”(2024.11.11.), 30-32", [[2024, 11, 11]], None),
        ("*Asian Security* 15, no. 3 (2019): 233-252.", [[2019]], None),
        ("『外交』第85号（2024年5-6月）", [[2024, 5], [2024, 6]], None),
        ("（防衛研究所）2021年10月号", [[2021, 10]], None),
        ("閣議決定、平成30年12月18日", [[2018, 12, 18]], None),
        ("令和元年5月1日", [[2019, 5, 1]], None),
        ("昭和 47 年 9 月 29 日", [[1972, 9, 29]], None),
        ("（大正10年）", [[1921]], None),
    ],
)
def test_dates(text: str, parts: list[list[int]], issue: str | None) -> None:
    (date,) = find_dates(text)
    assert date.csl() == {"date-parts": parts}
    assert date.issue == issue


def test_month_and_season_names_matched_ignoring_case_are_read_as_the_pattern_read_them() -> None:
    # `re.I` takes the long s for an s: the name is looked up the same way, not lower-cased
    (season,) = find_dates("ſpring 2010")
    assert (season.parts, season.season) == (((2010,),), 1)
    (month,) = find_dates("ſeptember 2010")
    assert month.parts == ((2010, 9),)


def test_dates_reject_impossible_values() -> None:
    assert find_dates("2023年13月40日") == []
    assert find_dates("page 1234") == []


@pytest.mark.parametrize(
    ("text", "role", "names"),
    [
        ("増田雅之", "author", [{"literal": "増田雅之"}]),
        ("川島真、森聡編", "editor", [{"literal": "川島真"}, {"literal": "森聡"}]),
        ("増田雅之編著", "editor", [{"literal": "増田雅之"}]),
        (
            "謝伏瞻、伊・謝・伊万諾夫主編",
            "editor",
            [{"literal": "謝伏瞻"}, {"literal": "伊・謝・伊万諾夫"}],
        ),
        ("楊依軍は", "author", [{"literal": "楊依軍"}]),
        ("蔡亮ほか", "author", [{"literal": "蔡亮"}]),
        (
            "정은이, 전병곤, 신종호 외 ",
            "author",
            [{"literal": n} for n in ("정은이", "전병곤", "신종호")],
        ),
        ("European Commission, ", "author", [{"literal": "European Commission"}]),
        ("Alexander Korolev, ", "author", [{"family": "Korolev", "given": "Alexander"}]),
        ("Ivan Yu. Zuenko, ", "author", [{"family": "Zuenko", "given": "Ivan Yu."}]),
        ("Mark Cozad et al., ", "author", [{"family": "Cozad", "given": "Mark"}]),
        (
            "Natalie Sabanadze, Abigaël Vasselier, and Gunnar Wiegand, ",
            "author",
            [
                {"family": "Sabanadze", "given": "Natalie"},
                {"family": "Vasselier", "given": "Abigaël"},
                {"family": "Wiegand", "given": "Gunnar"},
            ],
        ),
        ("Tatarigami, ", "author", [{"literal": "Tatarigami"}]),
    ],
)
def test_names(text: str, role: str, names: list[dict[str, str]]) -> None:
    parsed = parse_names(text)
    assert getattr(parsed, role) == names
    other = {"author", "editor"} - {role}
    assert getattr(parsed, other.pop()) == []


def test_translators_in_brackets() -> None:
    parsed = parse_names("スティーヴン・M・ウォルト (今井宏平、溝渕正季訳) ")
    assert parsed.author == [{"literal": "スティーヴン・M・ウォルト"}]
    assert parsed.translator == [{"literal": "今井宏平"}, {"literal": "溝渕正季"}]
    assert parse_names("太永浩（鐸木昌之監訳）").translator == [{"literal": "鐸木昌之"}]


@pytest.mark.parametrize(
    ("tail", "pages"),
    [
        ("（北京：人民出版社、2023年）320頁", "320"),
        ("、前掲書、14、19頁", "14, 19"),
        ("、22-23 頁", "22-23"),
        (" 15, no. 3 (2019): 233-252", "233-252"),
        (" (Santa Barbara: Praeger, 2022), 99", "99"),
        (", pp. 12-15", "12-15"),
        (" Reuters, August 24, 2023", None),
    ],
)
def test_pages(tail: str, pages: str | None) -> None:
    found = find_pages(tail)
    assert (found.value if found else None) == pages


@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        ("“…,” S/2024/215, March 7, 2024", "S/2024/215"),
        ("(A/71/941-S/2017/535))", "A/71/941-S/2017/535"),
        ("SSC/22/1, March 21, 2025", "SSC/22/1"),
        ("CCW/CONFVI/WP2, December 20", "CCW/CONFVI/WP2"),
        ("Resolution 2680 (2023)", None),
        ("2022/23—Lobby Group", None),
    ],
)
def test_un_symbols(text: str, symbol: str | None) -> None:
    found = find_un_symbol(text)
    assert (found.group(0) if found else None) == symbol


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        (
            "X, October 13, 2023, <https://x.com/USUN/status/1712874869707219266>.",
            ["https://x.com/USUN/status/1712874869707219266"],
        ),
        ("Telegram, <https://t.me/DIUkraine/4723>", ["https://t.me/DIUkraine/4723"]),
        (
            "KOTRA, https://dream.kotra.or.kr/a/index.do?MENU_ID=530.",
            ["https://dream.kotra.or.kr/a/index.do?MENU_ID=530"],
        ),
        ("見よ https://example.org/a。次に", ["https://example.org/a"]),
        ("(https://en.wikipedia.org/wiki/A_(b))", ["https://en.wikipedia.org/wiki/A_(b)"]),
        ("no link here", []),
    ],
)
def test_urls(text: str, urls: list[str]) -> None:
    assert [found.value for found in find_urls(text)] == urls


def test_doi() -> None:
    assert find_doi("Journal 3 (2020), doi:10.1080/14799855.2018.1470240.") == (
        "10.1080/14799855.2018.1470240"
    )
    assert find_doi("https://doi.org/10.1000/xyz123") == "10.1000/xyz123"
    assert find_doi("no doi") is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("中央外事工作会议在北京举行", "zh-Hans"),
        ("中華人民共和國和俄羅斯聯邦關於深化新時代全面戰略協作夥伴關係的聯合声明", "zh-Hant"),
        ("対立への岐路に立つ中国の対米政策", "ja"),
        ("『西部・聯合－2021』演習回顧", "zh-Hant"),
        ("조선외무성성명 자위적전쟁억제력 새 조치", "ko"),
        ("Обращение Президента Российской Федерации", "ru"),
        ("Війська рф перекидають резерви на Курщину", "uk"),
        ("El gobierno de Javier Milei oficializó que la Argentina no entrará a los Brics", "es"),
        ("BRICS Invites Six Countries Including Saudi Arabia", "en"),
        ("2024", None),
    ],
)
def test_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_brackets_nest_and_tolerate_stray_marks() -> None:
    text = "周力「憶『中俄』的簽署」謝伏瞻『慶祝』（北京：中国、2021年）58頁"
    spans = top_level_spans(text)
    assert [(s.opener, s.inner(text)) for s in spans] == [
        ("「", "憶『中俄』的簽署"),
        ("『", "慶祝"),
        ("（", "北京：中国、2021年"),
    ]
    russian = "«Война пришла на территорию России.” Что значат “уровнях” в регионах», BBC"
    (span,) = top_level_spans(russian)
    assert span.inner(russian).endswith("в регионах")
    unclosed = "「북한, 대중국 “수출 없는 ‘구걸’ 경제”, VOA Korea"
    (span,) = top_level_spans(unclosed)
    assert span.inner(unclosed) == "북한, 대중국 “수출 없는 ‘구걸’ 경제”"
    assert outside_titles("A, “Title,” *Journal* 15") == "A,     15"


def test_split_only_outside_brackets() -> None:
    assert split_top_level("「a；b」c；d", "；") == ["「a；b」c", "d"]


def test_fold_matches_variant_characters() -> None:
    assert fold("中華人民共和國外交部歐亞司") == fold("中華人民共和国外交部欧亚司")
    assert fold("ロシアの古典的な大國構想") == fold("ロシアの古典的な大国構想")
    assert fold("中共中央黨史和文獻研究院") == fold("中共中央党史和文献研究院")
