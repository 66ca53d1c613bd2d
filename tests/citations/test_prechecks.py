"""The cheap tests the parser runs before a costly pattern decide exactly as the pattern.

Each is checked against the pattern it stands in front of (or the one alternation it
replaced) on the seed's notes and on texts made to probe case folding: `İ`, `ı` and `ſ`
match `i` and `s` regardless of case in a pattern, but `str.lower` keeps them apart.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import citecheck.citations
from citecheck.citations import lexicon
from citecheck.citations.backref_marks import MARK_PATTERNS, MARKS, may_hold_mark
from citecheck.citations.dates import find_dates
from citecheck.citations.fields import (
    HANDLE,
    MARKED_CHARACTERS,
    PLATFORM_NAMED,
    ROLE_WORD,
    in_rules_territory,
    rules_are_stronger,
    rules_split,
)
from citecheck.citations.guarded import Guarded
from citecheck.citations.lexicon import INITIALS_BODY
from citecheck.citations.names import EDITOR_SUFFIX, NAME_SEPARATORS
from citecheck.citations.scripts import EAST_ASIAN
from citecheck.citations.split import ENGLISH_PROSE_WORDS, HEAD_END, prose_word_count
from citecheck.citations.tagger.csl import IN_BEFORE, NAME_BREAK, ends_with_in
from citecheck.citations.urls import find_doi, find_urls
from citecheck.readers import read_document
from training.sources import load

SAMPLE = Path(__file__).resolve().parents[2] / "references" / "china-security-report-2026-notes.txt"

PROBES = [
    "Ibid., 45.",
    "IBID. 12",
    "ibíd., p. 3",
    "*Ibid.*, 4.",
    "İbid., 5.",
    "ıbid, 7",
    "Smith, op. cit., 23.",
    "SMITH, OP. CIT., 23",
    "Müller, a. a. O., S. 12.",
    "Müller, A.A.O. 12",
    "Mueller, a. a. O., S. 12.",
    "Mueller, A.A.O. 12",
    "Smith, loc.cit., 4; Doe, art.  cit. 5; Roe, OB.\tCIT.; Poe, op.\x1ccit.",
    "Ibidem, 3; IBID; ebd; Ebenda.",
    "Ebd., S. 4.",
    "EBENDA, 7",
    "Там же. С. 5.",
    "ТАМ ЖЕ, с. 5",
    "Иванов, указ. соч., с. 12.",
    "同上、22頁。",
    "川島編、前掲書、235頁。",
    "위의 책, 12쪽.",
    "Cited in Gibbons, The Decline, 1776.",
    "Robert Ebdon, Treatises, 1901.",
    "The state of the art is that it is not what it was, as has been seen.",
    "THE STATE OF THE ART IS THAT IT IS NOT WHAT IT WAS",
    "İs ıt iſ the_a the-a thé The",
    "John Smith, “Title,” @handle, Telegram, 4 March 2024.",
    "Doe, *Book*, hrsg. von Max Muster, Berlin 2010.",
    "Иванов И. И., под ред. Петрова, Москва, 2001.",
    "Report S/2024/215, New York, 2024.",
    "https://example.org/a?b=1 and <http://x.org/y>.",
    "doi:10.1000/xyz123 and https://doi.org/10.1002/(SICI)1097-0142",
    "Smith J. 2020. A title. J Things 12:1-9.",
    "MARCH 5, 2024; 5 Mar. 2024; Spring 2010; SPRING 2010; 1stMarch 2020",
    "Sept. 3, 2019 and 3 ſept 2019",
]


def _texts() -> list[str]:
    document = read_document(str(SAMPLE))
    return PROBES + [note.text for section in document.sections for note in section.notes]


TEXTS = _texts()


def test_the_texts_hold_the_seed_notes_too() -> None:
    assert len(TEXTS) > len(PROBES) + 100


@pytest.mark.parametrize("text", TEXTS)
def test_a_text_with_a_back_reference_mark_may_hold_one(text: str) -> None:
    if any(pattern.search(text) for pattern in MARK_PATTERNS.values()):
        assert may_hold_mark(text)


def test_a_reference_string_with_a_back_reference_mark_may_hold_one() -> None:
    texts = [example.text for name in ("anystyle-core", "grobid") for example in load(name)]
    marked = [t for t in texts if any(p.search(t) for p in MARK_PATTERNS.values())]
    assert all(map(may_hold_mark, marked))
    assert marked and sum(map(may_hold_mark, texts)) < len(texts) / 2


def test_plain_ascii_text_is_told_to_hold_no_mark() -> None:
    assert not may_hold_mark("Smith, J. (2020). A title. Journal of Things, 12(3), 45-67.")
    assert may_hold_mark("Smith, op. cit., 23.")


@pytest.mark.parametrize("text", TEXTS)
def test_the_mark_patterns_find_what_one_alternation_of_the_marks_finds(text: str) -> None:
    for kind, marks in MARKS.items():
        plain = re.compile("|".join(marks), re.IGNORECASE)
        expected = [(m.span(), m.group(0)) for m in plain.finditer(text)]
        assert [(m.span(), m.group(0)) for m in MARK_PATTERNS[kind].finditer(text)] == expected


@pytest.mark.parametrize("text", TEXTS)
def test_function_words_are_counted_as_the_pattern_counts_them(text: str) -> None:
    assert prose_word_count(text) == len(ENGLISH_PROSE_WORDS.findall(text))


def test_case_folded_letters_count_as_the_pattern_counts_them() -> None:
    assert prose_word_count("İs ıt iſ THE the_a thé") == 4  # İs, ıt, iſ, THE


RULES_TERRITORY = re.compile(
    "|".join((HANDLE.pattern.pattern, PLATFORM_NAMED.pattern, ROLE_WORD.pattern.pattern))
)
MARKED_NOTE = re.compile(r"[「」『』«»“”\"*\u0400-\u04ff]|https?://|" + EAST_ASIAN.pattern)


@pytest.mark.parametrize("text", TEXTS)
def test_the_rules_territory_is_the_one_alternation(text: str) -> None:
    assert in_rules_territory(text) == (RULES_TERRITORY.search(text) is not None)


@pytest.mark.parametrize("text", TEXTS)
def test_a_marked_note_is_one_the_alternation_finds(text: str) -> None:
    marked = MARKED_NOTE.search(text) is not None
    assert rules_split(text) == (marked or rules_are_stronger(text))
    if MARKED_CHARACTERS.search(text) is not None:
        assert marked


def test_a_platform_between_commas_is_the_rules_territory() -> None:
    platform = sorted(lexicon.PLATFORMS)[0]
    assert in_rules_territory(f"Jane Doe, {platform}, 4 March 2024")
    assert not in_rules_territory("Jane Doe, A Title, 4 March 2024")


def test_links_and_dois_are_found_whatever_the_case() -> None:
    assert find_doi("DOI:10.1000/XYZ") == "10.1000/XYZ"
    assert find_doi("no identifier here") is None
    assert [url.value for url in find_urls("see HTTPS://Example.org/a.")] == [
        "HTTPS://Example.org/a"
    ]
    assert find_urls("example.org/a") == []


def test_month_and_season_names_are_read_in_any_case() -> None:
    dates = [date.csl() for date in find_dates(PROBES[-2])]
    non_ascii = [date.csl() for date in find_dates(PROBES[-1])]
    # `ſept`: the long s is an s to the case-insensitive pattern and to the month lookup
    assert non_ascii == [{"date-parts": [[2019, 9, 3]]}, {"date-parts": [[2019, 9, 3]]}]
    assert dates == [
        {"date-parts": [[2024, 3, 5]]},
        {"date-parts": [[2024, 3, 5]]},
        {"date-parts": [[2010]], "season": 1},
        {"date-parts": [[2010]], "season": 1},
        {"date-parts": [[2020, 3, 1]]},
    ]


#: Texts each guarded pattern matches (`Guarded`), ASCII, upper case and folded letters.
GUARD_PROBES = [
    "山田は",
    "中国が ",
    "Smith, J., eds",
    "Smith, J. (EDS)",
    "Smith, J. (edſ)",
    "Doe, Jane (Hrsg.)",
    "王 (主編)",
    "Keller, M., coord.",
    "See @handle.",
    "Doe, *Book*, Hrsg. von Max Muster, hrsg. von X",
    "Report A/71/941-S/2017/535.",
    "[Jake's]{.nocase} and [UN]{.smallcaps}",
    "Jake\\_s \\*not italics\\*",
    "Doe, J. A doctoral thesis (diss. 1990); 博士論文; une thèse",
    "DOI:10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P and doi.org/10.1000/X1",
]


def _guards() -> dict[str, Guarded]:
    found = {}
    for info in pkgutil.walk_packages(citecheck.citations.__path__, "citecheck.citations."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, Guarded):
                found[f"{info.name}.{name}"] = value
    return found


GUARDS = _guards()


def test_the_parser_has_its_guarded_patterns() -> None:
    assert len(GUARDS) >= 8, sorted(GUARDS)


@pytest.mark.parametrize("name", sorted(GUARDS))
def test_a_guarded_pattern_finds_and_replaces_what_the_pattern_does(name: str) -> None:
    guarded = GUARDS[name]
    matched = 0
    for text in TEXTS + GUARD_PROBES:
        expected = guarded.pattern.search(text)
        assert (guarded.search(text) is None) == (expected is None), text
        assert guarded.sub("", text) == guarded.pattern.sub("", text), text
        found = [match.span() for match in guarded.finditer(text)]
        assert found == [match.span() for match in guarded.pattern.finditer(text)], text
        matched += expected is not None
    assert matched, f"{name} matched none of the texts: the test would prove nothing"


#: Patterns that open with a lookahead naming the first character of any match, and what
#: they were without it: each must find and split as before.
FIRST_CHARACTER_NAMED = {
    "NAME_BREAK": (NAME_BREAK, r"(\s*(?:;|,|&|\band\b|\bet\b(?!\s+al)|\bund\b|\bи\b)\s*)"),
    "NAME_SEPARATORS": (
        NAME_SEPARATORS,
        r"(\s*(?:、|，|;|,?\s*&\s*|,\s*(?:and|und|et|и)\s+|\s+(?:and|und|et|и|と)\s+|,)\s*)",
    ),
    "EDITOR_SUFFIX": (
        EDITOR_SUFFIX,
        r"\s*(?:編著|主編|主编|編|编|監修|[(（]\s*(?:eds?|Hrsg|Hg|dir|coord|comp|red|ред)\.?\s*[)）]"
        r"|,\s*eds?\.)\s*$",
    ),
    "INITIALS_BODY": (INITIALS_BODY, r"\b(?:U\.\s?S|U\.\s?K|E\.\s?U)\."),
    "HEAD_END": (
        HEAD_END,
        r"(?P<initial>(?<=\b[A-Z])|(?<=\b[A-Z][a-z]))?\.\s(?![A-Z]\.)"
        r"|\s*[(（]\s*(?:1[5-9]|20)\d\d|\s(?:1[5-9]|20)\d\d[a-z]?[.,]",
    ),
}
NAME_PROBES = [
    "Smith, J., Doe, A. B., & Roe, C.",
    "Smith J and Doe K und Müller L et Dupont M и Иванов И",
    "Smith J et al, Doe K; Roe L、王 、李，张 と 田中",
    "Crawford, J., & Auton, L. (1993). Title.",
    "Scott, D., and de Souza, C. S. 1990. Title",
    "Souza, C. S.  （2001） Title\tand\u3000more",
    "U.S. Department; the U. K. Office, E.U. and EU., US.",
    "Doe, J., eds.",
    "川島真、森聡編",
    "Muster, M. (HRSG.)",
    "王 (主編) ",
    "NATO, the UNHCR and ÉCOLE, III, XII, ABCé, _ABC, ABC_, 1ABC, ABC1, AB, ABCD",
]


@pytest.mark.parametrize("name", sorted(FIRST_CHARACTER_NAMED))
def test_a_pattern_naming_its_first_character_matches_as_before(name: str) -> None:
    pattern, before = FIRST_CHARACTER_NAMED[name]
    plain = re.compile(before, pattern.flags)
    matched = 0
    for text in TEXTS + NAME_PROBES:
        expected = [(m.span(), m.groups()) for m in plain.finditer(text)]
        assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == expected, text
        assert pattern.split(text) == plain.split(text), text
        matched += bool(expected)
    assert matched, f"{name} matched none of the texts: the test would prove nothing"


IN_PROBES = ["In ", "in: “", "Smith, dans *", "X. В „", "in  “ “", "tin ", "Doe, In:\t\u3000*_"]


def test_in_before_a_container_is_searched_for_only_where_it_may_start() -> None:
    told = []
    for text in TEXTS + IN_PROBES:
        for end in range(len(text) + 1):
            expected = IN_BEFORE.search(text[:end]) is not None
            assert ends_with_in(text[:end]) == expected, text[:end]
            told.append(expected)
    assert any(told) and not all(told)
