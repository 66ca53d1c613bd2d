"""Citations without a bracketed title.

`Reuters, April 15, 2025` (an outlet and a date) · `NAME, @handle, X, DATE, <URL>` (posts) ·
`國防部微信公眾号、DATE` · a UN document named in words with its symbol ·
`Gill, Bates (2023). Daring to Struggle. Oxford University Press. p. 112.` (reference lists,
also `(n.d.)`) · `Müller, Hans: Titel, in: Meier, K. (Hrsg.): Sammelband, Berlin 2010, S. 100-105`.
"""

from __future__ import annotations

import re
from typing import Any

from citecheck.citations.dates import find_dates, is_undated
from citecheck.citations.fields_model import Fields
from citecheck.citations.locators import find_pages, find_un_symbol, normalise_pages
from citecheck.citations.names import name_item, parse_names, short_form, split_names
from citecheck.citations.split import reference_head
from citecheck.citations.text import BLANK, LEFTOVER_PUNCTUATION, blank, remainder

#: `Gill, Bates (2023). Daring to Struggle. Oxford University Press. p. 112.`
AUTHOR_DATE = re.compile(
    r"^(?P<names>[^()（）]{2,80}?)\s*[(（](?P<date>[^()（）]*\d{4}[^()（）]*|[^()（）\d]{2,8})[)）]"
    r"\s*[.,]?\s+(?P<rest>\S.*)$"
)

#: German humanities style: `Müller, Hans: Titel, in: Meier, K. (Hrsg.): Sammelband,
#: Berlin 2010, S. 100-105` (names and title parted by a colon, `in:` before the book).
COLON_STYLE = re.compile(
    r"^(?P<names>[^:()]{2,80}?):\s+(?P<title>[^:]+?)"
    r"(?:[,.]\s*in:\s*(?:(?P<editors>[^:]+?):\s*)?(?P<container>[^,:]+?))?"
    r"[,.]\s*(?:(?P<place>[^\d,.:()]{2,40}?)\s+)?(?P<year>(?:1[5-9]|20)\d\d)\b(?P<rest>.*)$",
    re.I,
)


def without_title(text: str, csl: dict[str, Any]) -> Fields:
    """`Reuters, April 15, 2025` · `NAME, @handle, X, DATE` · `國防部…、DATE` · UN letters."""
    fields = Fields(csl=csl)
    symbol = find_un_symbol(text)
    if symbol:
        csl["number"] = symbol.group(0)
        text = re.sub(r"\s*[（(]\s*" + re.escape(symbol.group(0)) + r"\s*[)）]", "", text)
        text = text.replace(symbol.group(0), BLANK)
        csl["title"] = remainder(text)
        fields.has_title = True
        dates = find_dates(text)
        if dates:
            csl["issued"] = dates[0].csl()
        return fields
    named = short_form(text)
    if named is not None:
        csl["author"], csl["page"] = named
        fields.locator = named[1]
        return fields
    colon_style = COLON_STYLE.match(text)
    if colon_style and _personal(colon_style.group("names")):
        return _colon_style(colon_style, fields)
    author_date = AUTHOR_DATE.match(text)
    if author_date and (
        find_dates(f"({author_date.group('date')})") or is_undated(author_date.group("date"))
    ):
        return _author_date(author_date, fields)
    head = reference_head(text)
    if head is not None and (find_dates(text) or is_undated(text)):
        return _reference_entry(text, head, fields)
    dates = find_dates(text)
    if not dates:
        leftover = remainder(text)
        if leftover:
            csl["title"] = leftover
            fields.has_title = True
        return fields
    csl["issued"] = dates[0].csl()
    before = text[: dates[0].start]
    pages = find_pages(
        blank(
            text[dates[0].end :],
            [(d.start - dates[0].end, d.end - dates[0].end) for d in dates[1:]],
        )
    )
    if pages:
        csl["page"] = pages.value
        fields.locator = pages.value
    parts = [
        part.strip() for part in re.split(r"[,，、]", before) if part.strip(LEFTOVER_PUNCTUATION)
    ]
    if parts:
        csl["container-title"] = parts[-1].strip(LEFTOVER_PUNCTUATION)
        # `U.S. Mission to the UN, @USUN, X, …`: the handle only when no name is given.
        names = [part for part in parts[:-1] if not part.startswith("@")] or parts[:-1]
        if names:
            csl["author"] = [
                {"literal": name} if name.startswith("@") else name_item(name) for name in names
            ]
    return fields


def _author_date(match: re.Match[str], fields: Fields) -> Fields:
    """`Names (Year). Title. Publisher. p. 112.`: the reference-list style, titles unmarked."""
    csl = fields.csl
    csl["author"] = split_names(match.group("names"))
    dates = find_dates(f"({match.group('date')})")
    if dates:  # `(n.d.)`: no date to record
        csl["issued"] = dates[0].csl()
    _title_and_source(match.group("rest"), fields)
    return fields


def _reference_entry(text: str, head: re.Match[str], fields: Fields) -> Fields:
    """`Doe, J. Title. Journal 12, 41–54, 2007.` · `Scott, D. 1990. Title. Publisher.`:
    a reference-list entry whose date is not in parentheses after its names."""
    csl = fields.csl
    written = text[: head.start()].strip() + ("." if head.group("initial") is not None else "")
    names = re.sub(r",?\s*[(（]?\s*eds?\.?\s*[)）]?$", "", written, flags=re.I)
    found = split_names(names)
    role = "editor" if len(names) < len(written) else "author"
    csl[role] = found
    rest = text[head.start() :].lstrip(" .")
    dates = find_dates(rest)
    if dates and dates[0].start <= 1:  # `Scott, D. 1990. Title` · `Auton, L. (1993). Title`
        csl["issued"] = dates[0].csl()
        rest = rest[dates[0].end :]
    _title_and_source(rest, fields)
    if "issued" not in csl:
        dates = find_dates(rest)
        if dates:
            csl["issued"] = dates[0].csl()
    return fields


#: `Journal of Things, 12(3), 45–67` · `Journal of Stuff 12, 41–54` · `Brain Res. Rev. 20: 91`:
#: a journal with its volume, issue and pages.
JOURNAL_PART = re.compile(
    r"^(?P<journal>[^\d()]*?[^\W\d])[\s,]+(?P<volume>\d+)\s*(?:[(（](?P<issue>[\w-]+)[)）])?"
    r"(?:\s*[,:]\s*(?:pp?\.\s*)?(?P<pages>[eERS]?\d+(?:\s*(?:--|[-–])\s*[eERS]?\d+)?))?"
    r"[\s,.;]*$"
)


def _title_and_source(rest: str, fields: Fields) -> None:
    """`Title. Journal 12(3), 45–67.` / `Title. Publisher. p. 112.`: the parts after the
    names and date of a reference-list entry, cut at full stops."""
    csl = fields.csl
    parts = [part.strip() for part in re.split(r"\.\s+", rest) if part.strip(" .")]
    for part in parts:
        undated = remainder(blank(part, [(d.start, d.end) for d in find_dates(part)]))
        pages = find_pages(part)
        journal = JOURNAL_PART.match(undated) if "title" in csl else None
        if pages and pages.start == 0:
            csl["page"] = fields.locator = pages.value
        elif "title" not in csl:
            csl["title"] = part.strip(" .")
            fields.has_title = True
            fields.title_mark = "*"  # an unmarked title in this style is the work's own
        elif journal and "container-title" not in csl and "publisher" not in csl:
            csl["container-title"] = journal.group("journal").strip(" ,")
            csl["volume"] = journal.group("volume")
            if journal.group("issue"):
                csl["issue"] = journal.group("issue")
            if journal.group("pages"):
                csl["page"] = fields.locator = normalise_pages(journal.group("pages"))
            fields.title_mark, fields.container_mark = "“", "*"
        elif "publisher" not in csl and "container-title" not in csl and undated:
            csl["publisher"] = undated.strip(" .")


def _personal(names: str) -> bool:
    found = split_names(names)
    return bool(found) and all("family" in name for name in found)


def _colon_style(match: re.Match[str], fields: Fields) -> Fields:
    csl = fields.csl
    csl["author"] = split_names(match.group("names"))
    csl["title"] = match.group("title").strip()
    fields.has_title = True
    fields.title_mark = "*"
    if match.group("container"):
        csl["container-title"] = match.group("container").strip()
        fields.title_mark, fields.container_mark = "“", "*"
        if match.group("editors"):
            editors = parse_names(match.group("editors"))
            csl["editor"] = editors.editor or editors.author
    if match.group("place"):
        csl["publisher-place"] = match.group("place").strip()
    csl["issued"] = {"date-parts": [[int(match.group("year"))]]}
    pages = find_pages(match.group("rest"))
    if pages:
        csl["page"] = fields.locator = pages.value
    return fields
