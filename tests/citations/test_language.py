"""Japanese told from Chinese when a work is written only in Han characters.

The Chinese citations are notes of the sample (references/), where a Japanese writer
transcribes Chinese titles with Japanese character forms; the Japanese ones are written
the way those notes cite Japanese sources.
"""

from __future__ import annotations

import pytest

from citecheck.citations import parse_note_text
from citecheck.citations.kanji import chinese_form, japanese_form, weigh_kanji_item
from citecheck.citations.language import citation_language, detect_language


def language_of(text: str) -> str | None:
    (citation,) = parse_note_text(text).citations
    return citation.fields.csl.get("language")


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("防衛省『令和5年版 防衛白書』（日経印刷、2023年）", "Japanese source: 防衛省"),
        ("内閣官房「国家安全保障戦略」2022年12月16日", "Japanese document: 国家安全保障戦略"),
        (
            "防衛研究所編『中国安全保障報告2023』（防衛研究所、2023年）",
            "Japanese source: 防衛研究所",
        ),
        ("「中国海警局船 尖閣周辺領海侵入」『読売新聞』2024年3月1日", "Japanese source: 読売新聞"),
        ("「日中首脳会談」時事通信、2023年11月16日", "Japanese source: 時事通信"),
        ("「習主席 訪露」共同通信、2023年3月20日", "Japanese source: 共同通信"),
        ("「中国軍艦 尖閣接続水域航行」NHK、2016年6月9日", "Japanese source: NHK"),
        ("「日中首脳会談」『朝日新聞』2023年11月17日", "Japanese source: 朝日新聞"),
        ("「防衛計画大綱」平成30年12月18日", "era name: 平成30年"),
        ("「経済安全保障推進法」2022年5月18日", "Japanese-only forms: 済経"),
        ("「働方改革実行計画」2017年3月28日", "Japanese-only forms: 働実"),
        ("『中国外交史』（ミネルヴァ書房、2019年）", "kana in its names, outlet or publisher"),
        ("高原明生編『日中関係史』（東京：東京大学出版会、2012年）", "Japanese place: 東京"),
        (
            "倉田秀也「北朝鮮核問題」『国際安全保障』第46巻第2号（2018年）",
            "Japanese journal: 国際安全保障",
        ),
    ],
)
def test_kanji_only_japanese_items_are_japanese(text: str, evidence: str) -> None:
    (citation,) = parse_note_text(text).citations
    assert citation.fields.csl["language"] == "ja"
    weighing = weigh_kanji_item(citation.fields.csl, text)
    assert evidence in [reason for reason, _ in weighing.japanese]


@pytest.mark.parametrize(
    "text",
    [
        "「東部戦区組織陸海空火等兵力位台島周辺開展聯合演訓」新華社、2025 年 4 月 1 日",
        "「東部戦区位台湾海峡中部、南部相関海域組織『海峡雷霆－2025A』演練」"
        "新華社、2025 年 4 月 2 日",
        "「中韓外交戦略対話，双方商定加深經貿合作及人員交流」經濟通新聞、2024年7月25日",
        "「習近平同朝鮮労働党総書記、國務委員長金正恩舉行會談」『人民日報』2025年9月5日",
        "「朝鮮労働党総書記、朝鮮民主主義人民共和国國務委員長金正恩同志与中国共产党中央委员会"
        "総書記、中華人民共和國主席習近平同志舉行會談」労働新聞中文網、2025年9月5日",
        "『中華人民共和国対外関係法（2023 年 6 月 28 日第十四届全国人民代表大会常务委员会"
        "第三次會議通過）』『人民日報』2023 年 6 月 29 日",
        "「中俄首次聯合戰略巡航提升兩軍戰略協作水平」"
        "中華人民共和国国防部ウェブサイト、2019 年 8 月 29 日",
        "蔡亮ほか『美日韓合作同盟化——進展与影響』（上海：上海國際問題研究院、2024 年）35 頁",
        "「中国高官訪俄向美示威 俄在中俄边境系列軍演」VOA（中国語版）2018 年 4 月 4 日",
        "「中俄批駁北約秘書長轉嫁矛盾」『環球時報』2024年7月3日",
        "王毅「深入貫徹中央外事工作會議精神 不斷開創中國特色大國外交新局面」『求是』2024年第2期",
        "楊依軍は「同球共濟 砥柱中流——習近平主席引領2024年中國特色大國外交述評」"
        "新華社、2024年12月30日",
        "「就近期涉軍問題答記者問」『解放軍報』2024年9月27日",
        "「中央外事工作会议在北京举行」『人民日报』2023年12月29日",
        "李永全主編『俄羅斯發展報告（2017）』（北京：社会科学文献出版社、2017）211 頁",
    ],
)
def test_chinese_items_transcribed_with_japanese_forms_stay_chinese(text: str) -> None:
    language = language_of(text)
    assert language is not None and language.startswith("zh")


def test_a_journal_is_named_by_its_whole_title() -> None:
    # 『外交』 is a Japanese journal; 『外交評論』 is a Chinese one that starts the same way.
    (citation,) = parse_note_text("「中国外交新局面」『外交評論』2020年第1期").citations
    weighing = weigh_kanji_item(citation.fields.csl, citation.text)
    assert weighing.japanese == []
    assert weighing.chinese == [("Chinese journal: 外交评论", 3)]


def test_kana_in_the_title_decides_as_before() -> None:
    assert language_of("防衛省「中露軍事連携の概観」（2025 年 4 月）") == "ja"
    assert language_of("「中ロ首脳 対日けん制削除」『静岡新聞』2025年5月26日") == "ja"


def test_without_evidence_han_stays_chinese() -> None:
    assert (
        citation_language({"title": "国家安全法"}, "「国家安全法」", ("国家安全法",)) == "zh-Hans"
    )


def test_other_scripts_are_not_weighed() -> None:
    csl = {"title": "Defense of Japan 2023", "publisher": "防衛省"}
    assert citation_language(csl, "防衛省 Defense of Japan 2023", (csl["title"],)) == "en"


@pytest.mark.parametrize("char", "発経済戦辺対関労総売読込働畑峠々")
def test_japanese_only_forms(char: str) -> None:
    assert japanese_form(char)


@pytest.mark.parametrize("char", "国学会衛概研中日本")
def test_forms_chinese_writes_too_are_no_evidence(char: str) -> None:
    assert not japanese_form(char)


@pytest.mark.parametrize(
    ("char", "expected"),
    [*((c, True) for c in "發經报们國關"), *((c, False) for c in "国学会発戦中")],
)
def test_forms_japanese_does_not_use(char: str, expected: bool) -> None:
    assert chinese_form(char) is expected


@pytest.mark.parametrize(
    ("texts", "language"),
    [
        (("Geschichte der Grenzpolitik", "Vierteljahrshefte für Zeitgeschichte"), "de"),
        (("Sociabilité urbaine et mémoire",), "fr"),
        (("Culture de l'imprimé",), "fr"),
        (("Historia de la traducción literaria",), "es"),
        (("The Making of Maritime Trade",), "en"),
        # `TASS` and `SSC` are no German `ß`; a title that tells nothing is English
        (("Russia and India Sign Military Cooperation Roadmap", "TASS"), "en"),
        (("South-South Cooperation for Development", "SSC/22/1, March 21, 2025"), "en"),
    ],
)
def test_latin_script_languages_by_function_words_and_letters(
    texts: tuple[str, ...], language: str
) -> None:
    assert detect_language(*texts) == language


def test_a_title_that_tells_nothing_asks_the_next_text() -> None:
    # `Wasserversorgung` alone says nothing; the container's words say German
    assert detect_language("Wasserversorgung", "Zeitschrift für die Geschichte") == "de"
    assert detect_language("Wasserversorgung") == "en"
    assert detect_language("", None) is None
