"""Chicago full notes as CSL styles render them, one typed example per pattern the rules
read, each with the fields it must give (in every language we cite)."""

from __future__ import annotations

from typing import Any

import pytest

from citecheck.citations import parse_note_text
from citecheck.citations.names import split_names


def fields(text: str) -> dict[str, Any]:
    parsed = parse_note_text(text)
    assert len(parsed.citations) == 1, parsed
    assert parsed.commentary is None
    csl = dict(parsed.citations[0].fields.csl)
    csl.pop("language", None)
    return csl


def test_german_low_high_quotes_mark_a_title() -> None:
    csl = fields(
        "Hans Weber, „Die Stadt im Wandel“, *Historische Zeitschrift* 42, Nr. 3 (2001): 37."
    )
    assert csl["title"] == "Die Stadt im Wandel"
    assert csl["container-title"] == "Historische Zeitschrift"
    assert (csl["volume"], csl["issue"], csl["page"]) == ("42", "3", "37")


def test_single_quotes_mark_a_title_and_an_apostrophe_does_not_close_them() -> None:
    csl = fields("Mary Jones, ‘The Women’s Vote’, *Past & Present* 12 (1999): 80.")
    assert csl["title"] == "The Women’s Vote"
    assert csl["author"] == [{"family": "Jones", "given": "Mary"}]


def test_chinese_book_title_marks() -> None:
    csl = fields("张雪梅, 《海上贸易的形成与演变》 (北京: 中华书局, 1983), 26.")
    assert csl["title"] == "海上贸易的形成与演变"
    assert (csl["publisher-place"], csl["publisher"], csl["type"]) == ("北京", "中华书局", "book")


def test_editor_named_after_the_container_and_no_in_as_a_name() -> None:
    csl = fields(
        "Claire Fournier, “Instruction publique,” in *Actes du colloque*, ed. Catherine Durand "
        "(Paris: Gallimard, 1984), 383."
    )
    assert csl["editor"] == [{"family": "Durand", "given": "Catherine"}]
    assert csl["container-title"] == "Actes du colloque"
    assert "container-author" not in csl
    assert csl["type"] == "chapter"


@pytest.mark.parametrize(
    ("text", "editors"),
    [
        ("Herrmann, „Geschichte der Kirchenreform“, hrsg. von Roth, 12.", ["Roth"]),
        ("Лебедев, «Периодическая печать», под ред. Васильев, 474.", ["Васильев"]),
        (
            "坂本拓也, 「民衆運動の研究」, *地域社会と宗教改革*, 編: 森哲也 "
            "(東京: 吉川弘文館, 2023年), 222.",
            ["森哲也"],
        ),
    ],
)
def test_editor_words_in_other_languages(text: str, editors: list[str]) -> None:
    names = fields(text)["editor"]
    assert [name.get("literal") or name.get("family") for name in names] == editors


def test_translator_named_after_a_title_is_no_container() -> None:
    csl = fields(
        "曹俊傑, *晚清土地制度問題再探*, trans. Daniel Wainwright (臺北: 允晨文化, 1987), 185."
    )
    assert csl["translator"] == [{"family": "Wainwright", "given": "Daniel"}]
    assert "container-title" not in csl


def test_report_series_and_number_and_an_imprint_with_a_state() -> None:
    csl = fields(
        "World Bank, *Labour Migration*, Technical Report no. 764 (Washington, DC: World Bank, "
        "2019), 362."
    )
    assert (csl["number"], csl["genre"], csl["type"]) == ("764", "Technical Report", "report")
    assert (csl["publisher-place"], csl["publisher"]) == ("Washington, DC", "World Bank")


@pytest.mark.parametrize("issue", ["nᵒ 9", "n.º 9", "Nr. 9", "вип. 9", "期 9"])
def test_issue_words(issue: str) -> None:
    csl = fields(
        f"Philippe Garcia, « La santé publique », *Revue historique* 88, {issue} (2003): 177."
    )
    assert (csl["volume"], csl["issue"], csl["page"]) == ("88", "9", "177")


def test_a_place_in_brackets_after_proceedings_is_where_not_who() -> None:
    csl = fields(
        "Thomas Iverson, “Maritime Trade,” *Proceedings of the Annual Meeting* (Cambridge), "
        "1987, 130."
    )
    assert csl["publisher-place"] == "Cambridge"
    assert "publisher" not in csl


def test_a_thesis_is_published_by_its_university() -> None:
    csl = fields("梁俊傑, 「香港的邊疆治理」 (博士論文, 國立政治大學, 2009), 313.")
    assert csl["publisher"] == "國立政治大學"


@pytest.mark.xfail(
    strict=True,
    reason="the tagger reads `Université Paris 1` as a place and a volume: no thesis of a "
    "numbered university in its training data",
)
def test_a_thesis_of_a_numbered_university_is_published_by_it() -> None:
    csl = fields(
        "Claire Morel, « Sociabilité urbaine » (thèse d'État, Université Paris 1, 2000), 75."
    )
    assert csl["publisher"] == "Université Paris 1"


@pytest.mark.parametrize(
    "accessed", ["accedido 25 de septiembre de 2012", "zugegriffen 25. September 2012"]
)
def test_access_words_in_other_languages(accessed: str) -> None:
    csl = fields(
        f"Rafael Gil, «Historia», Biblioteca Virtual, {accessed}, https://example.org/obra/1."
    )
    assert csl["accessed"] == {"date-parts": [[2012, 9, 25]]}
    assert "issued" not in csl
    assert csl["container-title"] == "Biblioteca Virtual"


@pytest.mark.parametrize(
    ("text", "author"),
    [
        (
            "Voir aussi Olivier Robert, « Presse régionale », *Revue française* 75 (1969): 217.",
            "Robert",
        ),
        ("См. также: Андрей Захаров, «Медицинская помощь», *Обозрение* 90 (1964): 86.", "Захаров"),
        ("参见谢国栋, 《清代前期宗族制度》 (桂林: 广西师范大学出版社, 2005), 128.", "谢国栋"),
        ("예컨대 고은지, “도시 계획 연구”, *역사학보* 5 (2001): 343.", "고은지"),
    ],
)
def test_signals_before_the_author_are_not_names(text: str, author: str) -> None:
    names = fields(text)["author"]
    assert [name.get("literal") or name.get("family") for name in names] == [author]


@pytest.mark.parametrize(
    ("text", "volume", "page"),
    [
        (
            "Ana Sánchez, *Salud pública en Andalucía* (Barcelona: Crítica, 1952), 7:314.",
            "7",
            "314",
        ),
        ("Abernathy, *A History of Missionary Schools*, vol. 4.", "4", None),
    ],
)
def test_a_volume_alone_in_the_tail(text: str, volume: str, page: str | None) -> None:
    csl = fields(text)
    assert csl["volume"] == volume
    assert csl.get("page") == page
    assert "container-title" not in csl


def test_roman_pinpoint() -> None:
    csl = fields(
        "Matthias Weiß, *Buchkultur im Wandel* (Göttingen: Vandenhoeck & Ruprecht, 2015), xvii."
    )
    assert csl["page"] == "xvii"
    assert "container-title" not in csl


@pytest.mark.parametrize(
    ("text", "authors", "page"),
    [
        ("Mercier, 341.", ["Mercier"], "341"),
        ("Gauthier et Thomas, 19.", ["Gauthier", "Thomas"], "19"),
        ("徐春华, 167.", ["徐春华"], "167"),
    ],
)
def test_author_and_page_short_form(text: str, authors: list[str], page: str) -> None:
    csl = fields(text)
    assert [name.get("literal") or name.get("family") for name in csl["author"]] == authors
    assert csl["page"] == page


def test_and_parts_two_people_a_comma_may_invert_one() -> None:
    assert split_names("Gauthier and Thomas") == [{"literal": "Gauthier"}, {"literal": "Thomas"}]
    assert split_names("Smith, John") == [{"family": "Smith", "given": "John"}]
