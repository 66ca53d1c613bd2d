"""A book's imprint in parentheses, `(PLACE: PUBLISHER, YEAR)` / `（北京：人民出版社、2023年）`,
and the book title it closes when the title is not marked.

Plain-text exports of English notes lose their italics: `A. Author, Book One (London:
Press, 2020), 12.` has no bracketed title, but the imprint still says where the title
ends, and the first comma where the author's name does (Chicago's note form).
"""

from __future__ import annotations

import re

from citecheck.citations.brackets import Span, top_level_spans
from citecheck.citations.dates import DateMatch, find_dates

PUBLISHER_PAREN = re.compile(
    r"^\s*(?:(?P<place>[^：:、,，]{1,30}?(?:,\s*[A-Z]{2}\.?)?)\s*[：:]\s*)?(?P<publisher>[^：:]+?)"
    r"\s*(?:[、,，]\s*(?P<year>(?:19|20)\d\d)(?!\d)(?P<date>.*))?\s*$"
)
#: A thesis's genre before the university in its imprint: `PhD diss.,` `博士論文、` `thèse d'État,`.
THESIS = re.compile(
    r"^[^,，、]*(?:diss\.|dissertation|thesis|thèse|tesis|Diss\.|論文|论文|학위논문|дис\.)[^,，、]*[,，、]\s*",
    re.I,
)
#: Names run to the first comma, and look like names: no digits, at most a few words.
NAMES = re.compile(r"^[^\d,()“”\"«»]{2,80}$")


def parse_imprint(inner: str) -> tuple[str | None, str, DateMatch] | None:
    """`北京：人民出版社、2023年` / `Santa Barbara: Praeger, 2022` → (place, publisher, date)."""
    match = PUBLISHER_PAREN.match(inner)
    if not match or not match.group("year"):
        return None
    publisher = match.group("publisher").strip()
    year_at = match.start("year")
    if not publisher or any(date.start < year_at for date in find_dates(inner)):
        return None
    rest = inner[match.start("year") :]
    dates = find_dates(rest)
    date = dates[0] if dates and dates[0].start == 0 else None
    if date is None:
        date = DateMatch(0, 4, ((int(match.group("year")),),))
    genre = THESIS.match(publisher)
    if genre:  # `(PhD diss., Harvard University, 2009)`: the university publishes it
        publisher = publisher[genre.end() :].strip()
    return match.group("place"), publisher, date


def _names_a_place(inner: str) -> bool:
    """An imprint with its place, `London: Routledge, 2019`: a bare `(2019)` or
    `(Routledge, 2019)` after a name says too little to end a title."""
    imprint = parse_imprint(inner)
    return imprint is not None and bool(imprint[0])


def unmarked_book_title(text: str) -> Span | None:
    """The span of an unmarked book title in `NAMES, TITLE (PLACE: PUBLISHER, YEAR)…`,
    as a `Span` whose `inner` is the title (its marks are the spaces around it)."""
    imprint = next(
        (
            span
            for span in top_level_spans(text)
            if span.opener == "(" and _names_a_place(span.inner(text))
        ),
        None,
    )
    if imprint is None:
        return None
    head = text[: imprint.start]
    comma = head.find(",")
    if comma < 0 or not NAMES.match(head[:comma].strip()):
        return None
    title_start = comma + 1 + (len(head[comma + 1 :]) - len(head[comma + 1 :].lstrip()))
    title_end = len(head.rstrip())
    if title_end <= title_start or title_start == comma + 1 or title_end == imprint.start:
        return None  # no space around the title to stand for its marks
    if not any(char.isalpha() for char in text[title_start:title_end]):
        return None
    return Span(title_start - 1, title_end + 1, "*")
