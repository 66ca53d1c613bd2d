"""The parser on one typed example of each pattern the rules alone got wrong (issue 12):
the exact CSL fields each must give, through the public entry `parse_note_text`."""

from __future__ import annotations

from typing import Any

import pytest

from citecheck.citations import parse_note_text
from citecheck.citations.tagger import MODEL_PATH

pytestmark = pytest.mark.skipif(not MODEL_PATH.is_file(), reason="tagger model not built")


def person(family: str, given: str) -> dict[str, str]:
    return {"family": family, "given": given}


def year(value: int) -> dict[str, Any]:
    return {"date-parts": [[value]]}


REFERENCES = {
    "apa book": (
        "Smith, J. (2019). Title of work. Publisher.",
        {
            "type": "book",
            "author": [person("Smith", "J.")],
            "issued": year(2019),
            "title": "Title of work",
            "publisher": "Publisher",
        },
    ),
    "ieee article": (
        '[1] J. Smith and A. Doe, "A method for sorting things," IEEE Trans. Inf. Theory, '
        "vol. 5, no. 2, pp. 1–10, 2007.",
        {
            "type": "article-journal",
            "author": [person("Smith", "J."), person("Doe", "A.")],
            "title": "A method for sorting things",
            "container-title": "IEEE Trans. Inf. Theory",
            "volume": "5",
            "issue": "2",
            "page": "1–10",
            "issued": year(2007),
        },
    ),
    "vancouver article": (
        "Pérez-Higueras JJ, Arias A, Peters OA. Differences in cyclic fatigue resistance "
        "between two instruments. J Endod. 2014;40(9):1477-81.",
        {
            "type": "article-journal",
            "author": [
                person("Pérez-Higueras", "JJ"),
                person("Arias", "A."),
                person("Peters", "OA"),
            ],
            "title": "Differences in cyclic fatigue resistance between two instruments",
            "container-title": "J Endod",
            "issued": year(2014),
            "volume": "40",
            "issue": "9",
            "page": "1477-81",
        },
    ),
    "physics": (
        "C. Giunti and C. W. Kim, Phys. Rev. B 54, 1234 (1996).",
        {
            "type": "article-journal",
            "author": [person("Giunti", "C."), person("Kim", "C. W.")],
            "container-title": "Phys. Rev. B",
            "volume": "54",
            "page": "1234",
            "issued": year(1996),
        },
    ),
    "chemistry, year before volume": (
        "Collman, J. P.; Brauman, J. I.; Doxsee, K. M. J. Am. Chem. Soc. 1976, 98, 7681.",
        {
            "type": "article-journal",
            "author": [
                person("Collman", "J. P."),
                person("Brauman", "J. I."),
                person("Doxsee", "K. M."),
            ],
            "container-title": "J. Am. Chem. Soc.",
            "issued": year(1976),
            "volume": "98",
            "page": "7681",
        },
    ),
    "year not in parentheses": (
        "Holroyd, C. B., and Yeung, N. Motivation of extended behaviors by anterior cingulate "
        "cortex. Trends in Cognitive Sciences 16, 41–54, 2007.",
        {
            "type": "article-journal",
            "author": [person("Holroyd", "C. B."), person("Yeung", "N.")],
            "title": "Motivation of extended behaviors by anterior cingulate cortex",
            "container-title": "Trends in Cognitive Sciences",
            "volume": "16",
            "page": "41–54",
            "issued": year(2007),
        },
    ),
    "volume and pages after a journal name": (
        "M. Jones, Physical Review B 54, R17292–R17295 (1996).",
        {
            "type": "article-journal",
            "author": [person("Jones", "M.")],
            "container-title": "Physical Review B",
            "volume": "54",
            "page": "R17292–R17295",
            "issued": year(1996),
        },
    ),
}

NOTES = {
    "chicago full note": (
        "Alexander Korolev, “On the Verge of an Alliance: Contemporary China-Russia Military "
        "Cooperation,” *Asian Security* 15, no. 3 (2019): 233-252.",
        {
            "type": "article-journal",
            "author": [person("Korolev", "Alexander")],
            "title": "On the Verge of an Alliance: Contemporary China-Russia Military Cooperation",
            "container-title": "Asian Security",
            "volume": "15",
            "issue": "3",
            "issued": year(2019),
            "page": "233-252",
        },
    ),
    "chicago book note without marks": (
        "Thomas J. Christensen, The China Challenge: Shaping the Choices of a Rising Power "
        "(New York: W. W. Norton, 2015), 45.",
        {
            "type": "book",
            "author": [person("Christensen", "Thomas J.")],
            "title": "The China Challenge: Shaping the Choices of a Rising Power",
            "publisher-place": "New York",
            "publisher": "W. W. Norton",
            "issued": year(2015),
            "page": "45",
        },
    ),
}


def _fields(text: str, *, reference: bool) -> dict[str, Any]:
    (citation,) = parse_note_text(text, reference=reference).citations
    return {k: v for k, v in citation.fields.csl.items() if k != "language"}


@pytest.mark.parametrize("name", REFERENCES)
def test_a_reference_list_entry_gives_its_exact_fields(name: str) -> None:
    text, expected = REFERENCES[name]
    assert _fields(text, reference=True) == expected


@pytest.mark.parametrize("name", REFERENCES)
def test_the_same_string_as_a_note_is_one_citation(name: str) -> None:
    text, expected = REFERENCES[name]
    parsed = parse_note_text(text)
    assert len(parsed.citations) == 1
    assert parsed.citations[0].fields.csl[
        "container-title" if "container-title" in expected else "title"
    ]


@pytest.mark.parametrize("name", NOTES)
def test_a_note_gives_its_exact_fields(name: str) -> None:
    text, expected = NOTES[name]
    assert _fields(text, reference=False) == expected
