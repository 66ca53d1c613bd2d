"""One citation's text → CSL-JSON fields (without `id`).

The shapes in the notes, with titles in 「」 “,” «» (articles) and 『』 *…* (books,
journals, newspapers):

    AUTHOR「TITLE」（original date）EDITORS編『CONTAINER』（PLACE：PUBLISHER、YEAR）PAGES頁
    AUTHOR「TITLE」『CONTAINER』第95号（2025年3月）39-45頁 / 2024年第6期 / 2023年12月29日
    『CONTAINER』「TITLE」DATE                    (Korean newspapers)
    AUTHOR, “TITLE,” *CONTAINER* 15, no. 3 (2019): 233-252.
    “TITLE,” OUTLET, Month D, YYYY.  /  «TITLE», OUTLET, Month D, YYYY.
    AUTHOR, *BOOK* (PLACE: PUBLISHER, YEAR), PAGES
    AUTHOR, BOOK (PLACE: PUBLISHER, YEAR), PAGES   (italics lost: see imprints.py)
    NAME, PLATFORM, DATE, <URL>                   (posts; no title)

Everything before the first title is names; between the title and the container,
editors and an original date; after the last title, the "tail": publisher, dates,
numbering, pages and, when there is no bracketed container, the outlet.
"""

from __future__ import annotations

import re
from typing import Any

from citecheck.citations import lexicon
from citecheck.citations.brackets import Span, top_level_spans
from citecheck.citations.dates import (
    ACCESS_AFTER,
    ACCESS_BEFORE,
    DateMatch,
    find_dates,
    is_access_date,
)
from citecheck.citations.fields_model import Fields
from citecheck.citations.guarded import Guarded
from citecheck.citations.imprints import parse_imprint, unmarked_book_title
from citecheck.citations.kinds import guess_type
from citecheck.citations.language import citation_language
from citecheck.citations.lexicon import PLACES, PUBLISHER_WORDS, is_organisation
from citecheck.citations.locators import (
    CJK_ISSUE,
    CJK_VOLUME,
    EN_VOLUME_ISSUE,
    REPORT_NUMBER,
    VOLUME_ONLY,
    find_pages,
    find_un_symbol,
)
from citecheck.citations.names import (
    EDITOR_PREFIX,
    EDITOR_SUFFIX,
    TRANSLATOR_PREFIX,
    Names,
    parse_names,
    short_form,
    split_names,
)
from citecheck.citations.scripts import EAST_ASIAN_CHARACTERS
from citecheck.citations.tagger.fields import tagged_fields
from citecheck.citations.text import BLANK, LEFTOVER_PUNCTUATION, blank, remainder
from citecheck.citations.untitled import without_title
from citecheck.citations.urls import find_doi, find_urls

DOI_MARK = re.compile(r"\bdoi:\s*10\.\d{4,9}/\S+", re.I)
#: `Journal 12 (3)` or `Journal (3)` left after pages were taken: volume and issue.
NUMBERED_CONTAINER = re.compile(r"^(?P<name>.*?\S)\s+(?P<volume>\d+)?\s*[(（](?P<issue>\d+)[)）]$")


#: `“Chapter,” in *Book*`: the word before a container that holds the work.
IN_WORD = re.compile(r"^(?:in|dans|en|в|у)\s*:?$", re.I)


#: What the rules read better than the tagger (measured on the seed's annotations and on a
#: development half of the held-back notes), besides 「」『』 titles (`CJK_TITLE`): posts (an
#: `@handle` or a platform named between commas, with no title), role words the tagger was
#: not trained on, and UN document symbols. Everything else, quotes, guillemets, italics
#: and CJK or Cyrillic text included, goes to the tagger first.
#: (Three patterns, each searched only where the text has what it needs, not one
#: alternation tried at every character.)
HANDLE = Guarded(re.compile(r"(?:^|[\s,(])@\w"), "@")
PLATFORM_NAMED = re.compile(
    r",\s*(?:"
    + "|".join(sorted(map(re.escape, lexicon.PLATFORMS), key=len, reverse=True))
    + r")\s*,"
)
ROLE_WORD = Guarded(
    re.compile(r"(?:^|[\s,，])(?:hrsg\.|hg\.|под\s+ред\.|за\s+ред\.|trad\.\s+par|übers\.)\s"),
    *("hrsg.", "hg.", "ред.", "trad.", "übers."),  # `ред.` for both Russian ones
)


def in_rules_territory(text: str) -> bool:
    """An `@handle`, a platform named between commas, or a role word (see above)."""
    return (
        HANDLE.search(text) is not None
        or PLATFORM_NAMED.search(text) is not None
        or ROLE_WORD.search(text) is not None
    )


#: Notes whose citations and commentary the rules tell apart (`split.split_note`): CJK or
#: Cyrillic text, titles in brackets, quotes, guillemets or italics, links. An unmarked
#: note (an author-date reference, say) is cut by `parse_note_text` at `; ` instead.
#: The marks are one character class (`EAST_ASIAN_CHARACTERS` joined to the others), which
#: a search skips to; the links are looked for as text. An alternation of the two would
#: be tried at every character.
MARKED_CHARACTERS = re.compile(r"[「」『』«»“”\"*\u0400-\u04ff" + EAST_ASIAN_CHARACTERS + "]")


def rules_split(text: str) -> bool:
    """Whether the rules, not the tagger, should split this note into citations."""
    linked = "http://" in text or "https://" in text
    return linked or MARKED_CHARACTERS.search(text) is not None or rules_are_stronger(text)


#: 「」『』 titles in the punctuation of a Japanese, Chinese or Korean note
#: (`著者「題」『誌名』第95号（2025年3月）39-45頁`); set off by ASCII commas
#: (`王靜, 「論…」, *學報*, 卷 30`) they are a Western style's, which the tagger reads.
CJK_TITLE = re.compile(r"[「『]")
WESTERN_CJK_TITLE = re.compile(r"[」』]\s*,|,\s*[「『]")


def rules_are_stronger(text: str) -> bool:
    """Whether the rule parser, not the tagger, should read this citation or note."""
    if CJK_TITLE.search(text) and not WESTERN_CJK_TITLE.search(text):
        return True
    return in_rules_territory(text) or find_un_symbol(text) is not None


def extract_fields(text: str, *, reference: bool = False, tagger: bool = True) -> Fields:
    """Parse one citation (no back-reference marks) into CSL fields: by the rules where
    they are stronger (`rules_are_stronger`) or the tagger finds no work named in a note,
    by the learned tagger elsewhere and for every entry of a reference list
    (`reference=True`). `tagger=False`: a note's text the tagger has already read and
    found no work in goes straight to the rules."""
    if not reference and (not tagger or rules_are_stronger(text) or short_form(text)):
        return rule_fields(text)  # a short form `Smith and Jones, 45` names no container
    fields = tagged_fields(text, note=not reference)
    if reference:
        return fields
    if "title" not in fields.csl and "container-title" not in fields.csl:
        return rule_fields(text)  # no work named: a short form (`Reuters, April 15, 2025`)
    return fields


def rule_fields(text: str) -> Fields:
    """Parse one citation (no back-reference marks) into CSL fields by the rules."""
    csl: dict[str, Any] = {}
    doi = find_doi(text)
    if doi:
        csl["DOI"] = doi
        text = DOI_MARK.sub(lambda match: BLANK * len(match.group(0)), text)
    urls = find_urls(text)
    if urls:
        csl["URL"] = urls[0].value
        text = blank(text, [(url.start, url.end) for url in urls])
    text = _take_access_date(text, csl)
    spans = top_level_spans(text)
    titles = [span for span in spans if span.is_title]
    unmarked = None if titles else unmarked_book_title(text)
    if unmarked is not None:
        titles = [unmarked]
    fields = _with_title(text, titles, csl) if titles else without_title(text, csl)
    fields.csl["type"] = guess_type(fields)
    # The work's own words: its title and a bracketed container (not an outlet named in
    # the note's language, such as 国防部ウェブサイト).
    keys = ("title", "container-title") if fields.container_mark else ("title",)
    work = " ".join(fields.csl.get(key, "") for key in keys)
    language = citation_language(fields.csl, text, (work, _names_text(fields.csl), text))
    if language:
        fields.csl["language"] = language
    fields.complete = any(
        key in fields.csl for key in ("issued", "container-title", "publisher", "URL", "number")
    )
    return fields


def _with_title(text: str, titles: list[Span], csl: dict[str, Any]) -> Fields:
    fields = Fields(csl=csl, has_title=True)
    title_span, container_span = titles[0], None
    second = titles[1] if len(titles) > 1 else None
    between = text[title_span.end : second.start] if second else ""
    if second and title_span.opener == "『" and second.opener == "「" and not between.strip():
        container_span, title_span = title_span, second  # 『로동신문』「…」
        prefix = text[: container_span.start]
    else:
        prefix = text[: title_span.start]
        if second and second.opener in "『《*" and not find_dates(_paren_free(between)):
            container_span = second
    csl["title"] = clean_title(title_span.inner(text))
    prefix_dates = find_dates(prefix)  # author-date style: `Smith, John (2020-05-01). "Title"`
    if prefix_dates:
        date = prefix_dates[0]
        fields.original_date = date
        prefix = re.sub(r"[（(]\s*[)）]", "", prefix[: date.start] + prefix[date.end :])
        prefix = prefix.strip().rstrip(".").strip()
    _add_names(csl, parse_names(prefix))
    middle = ""
    if container_span is not None:
        csl["container-title"] = clean_title(container_span.inner(text))
        if container_span.start > title_span.end:
            middle = text[title_span.end : container_span.start]
    last_end = max(title_span.end, container_span.end if container_span else 0)
    tail = text[last_end:]
    fields.title_mark = title_span.opener
    fields.container_mark = container_span.opener if container_span else None
    fields.original_date = _parse_middle(middle, csl) or fields.original_date
    _parse_tail(tail, fields, after_container=container_span is not None)
    if _is_newspaper_issue(fields):
        csl["container-title"] = csl.pop("title")
        fields.container_mark, fields.title_mark = "『", None
    return fields


def _is_newspaper_issue(fields: Fields) -> bool:
    """`『로동신문』 2025년 1월 26일`: a newspaper named alone with a day, no article title."""
    csl = fields.csl
    parts = csl.get("issued", {}).get("date-parts", [[]])[0]
    return (
        fields.title_mark == "『"
        and fields.container_mark is None
        and fields.dated_in_tail
        and len(parts) == 3
        and not any(
            key in csl for key in ("author", "editor", "publisher", "page", "container-title")
        )
    )


def _paren_free(text: str) -> str:
    return re.sub(r"[（(][^（()）]*[)）]", "", text)


def _parse_middle(middle: str, csl: dict[str, Any]) -> DateMatch | None:
    """Between title and container: an original date in brackets, then editors."""
    dates = find_dates(middle)
    names_text = IN_WORD.sub("", _paren_free(middle).strip(LEFTOVER_PUNCTUATION))
    if names_text:
        names = parse_names(names_text)
        if names.editor:
            csl.setdefault("editor", []).extend(names.editor)
        elif names.author:
            csl["container-author"] = names.author
    return dates[0] if dates else None


def _parse_tail(tail: str, fields: Fields, *, after_container: bool) -> None:
    csl = fields.csl
    blanks: list[tuple[int, int]] = []
    publisher_date: DateMatch | None = None
    for span in top_level_spans(tail):
        if span.opener not in "（(":
            continue
        inner = span.inner(tail)
        parsed = parse_imprint(inner)
        if parsed is not None:
            place, publisher, date = parsed
            if place:
                csl["publisher-place"] = place
            csl["publisher"] = publisher
            publisher_date = date
            blanks.append((span.start, span.end))
        elif after_container and not find_dates(inner) and not blanks and span.start < 3:
            key = "publisher-place" if _names_a_place(inner.strip()) else "publisher"
            csl[key] = inner.strip()
            blanks.append((span.start, span.end))
    tail = blank(tail, blanks)
    symbol = find_un_symbol(tail)
    if symbol:
        csl["number"] = symbol.group(0)
        tail = blank(tail, [(symbol.start(), symbol.end())])
    dates = find_dates(tail)
    issue_date = next((date for date in dates if date.issue), None)
    if issue_date:
        csl["issue"] = issue_date.issue
    chosen = publisher_date or (dates[0] if dates else None)
    fields.dated_in_tail = chosen is not None and publisher_date is None
    chosen = chosen or fields.original_date
    if chosen:
        csl["issued"] = chosen.csl()
    tail = blank(tail, [(date.start, date.end) for date in dates])
    volume = CJK_VOLUME.search(tail)
    if volume:
        csl["volume"] = volume.group("volume")
        tail = blank(tail, [volume.span()])
    issue = CJK_ISSUE.search(tail)
    if issue:
        csl["issue"] = issue.group("issue")
        tail = blank(tail, [issue.span()])
    if after_container and fields.container_mark == "*":
        numbering = EN_VOLUME_ISSUE.match(tail)
        if numbering and numbering.group("volume"):
            csl["volume"] = numbering.group("volume")
            if numbering.group("issue"):
                csl["issue"] = numbering.group("issue")
            tail = blank(tail, [numbering.span()])
    pages = find_pages(tail)
    if pages:
        csl["page"] = pages.value
        fields.locator = pages.value
        tail = blank(tail, [(pages.start, pages.end)])
    leftover = remainder(tail)
    if not leftover:
        return
    numbered = NUMBERED_CONTAINER.match(leftover)
    if numbered and "container-title" not in csl:
        leftover = numbered.group("name").strip(LEFTOVER_PUNCTUATION)
        csl["issue"] = numbered.group("issue")
        if numbered.group("volume"):
            csl["volume"] = numbered.group("volume")
    translators = TRANSLATOR_PREFIX.search(leftover)
    if translators:
        csl.setdefault("translator", []).extend(split_names(translators.group("names")))
        leftover = leftover[: translators.start()].strip(LEFTOVER_PUNCTUATION)
    editors = EDITOR_PREFIX.search(leftover)
    volume_only = VOLUME_ONLY.match(leftover)
    report = REPORT_NUMBER.match(leftover)
    if not leftover:
        return
    if volume_only and "volume" not in csl:
        csl["volume"] = volume_only.group("volume")
    elif report and "number" not in csl and "container-title" not in csl:
        csl["number"], csl["genre"] = report.group("number"), report.group("genre")
    elif editors:
        csl.setdefault("editor", []).extend(split_names(editors.group("names")))
        leftover = leftover[: editors.start()].strip(LEFTOVER_PUNCTUATION)
        if leftover and "container-title" not in csl:
            csl["container-title"] = leftover
    elif EDITOR_SUFFIX.search(leftover):
        csl.setdefault("editor", []).extend(split_names(EDITOR_SUFFIX.sub("", leftover)))
    elif "container-title" not in csl:
        csl["container-title"] = leftover
    elif "publisher" not in csl:
        csl["publisher"] = leftover


def _names_a_place(text: str) -> bool:
    """`*Proceedings of …* (Cambridge)`: a place in brackets after a container, not a
    publisher (`(Routledge)`, `（朝日新聞社）`): a known place, or a word or two that name
    no organisation or publisher."""
    if text in PLACES:
        return True
    words = text.split()
    return (
        len(words) <= 2
        and not any(char.isdigit() for char in text)
        and not is_organisation(text)
        and not PUBLISHER_WORDS & set(words)
    )


def _take_access_date(text: str, csl: dict[str, Any]) -> str:
    """Move an access date (with its words and brackets) out of `text` into `accessed`."""
    for date in find_dates(text):
        if not is_access_date(text, date):
            continue
        csl["accessed"] = date.csl()
        before = ACCESS_BEFORE.search(text[max(0, date.start - 24) : date.start])
        start = date.start - (len(before.group(0)) if before else 0)
        after = ACCESS_AFTER.match(text[date.end :])
        end = date.end + (after.end() if after else 0)
        while start > 0 and text[start - 1] in " （(" and end < len(text) and text[end] in " ）)":
            start, end = start - 1, end + 1
        return blank(text, [(start, end)])
    return text


def clean_title(title: str) -> str:
    """Drop the markup inside a title: a closing `,` in “Title,” and stray spaces."""
    title = title.strip()
    title = re.sub(r"[,，.]\s*$", "", title) if title.endswith((",", "，")) else title
    return re.sub(r"\s+", " ", title).strip()


def _add_names(csl: dict[str, Any], names: Names) -> None:
    for role in ("author", "editor", "translator"):
        values = getattr(names, role)
        if values:
            csl.setdefault(role, []).extend(values)


def _names_text(csl: dict[str, Any]) -> str:
    return " ".join(
        name.get("literal") or name.get("family", "")
        for role in ("author", "editor")
        for name in csl.get(role, [])
    )
