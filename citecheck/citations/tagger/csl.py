"""Tagged segments → CSL-JSON fields.

Names go through `names.parse_names`, dates through `dates.find_dates`, DOIs and URLs
through `urls`; every other value is its text without edge punctuation, brackets or
emphasis marks. The `type` is guessed from which fields are there.
"""

from __future__ import annotations

import re
from typing import Any

from citecheck.citations.brackets import TITLE_PAIRS
from citecheck.citations.dates import find_dates
from citecheck.citations.fields_model import Fields
from citecheck.citations.guarded import Guarded
from citecheck.citations.kinds import PLATFORMS, REPORT_TITLE, TREATY, is_news_outlet
from citecheck.citations.language import citation_language
from citecheck.citations.lexicon import is_organisation
from citecheck.citations.locators import (
    CJK_ISSUE,
    CJK_PAGE_WORDS,
    CJK_PAGES,
    CJK_PAGES_AFTER_WORD,
    CJK_VOLUME,
)
from citecheck.citations.names import parse_names
from citecheck.citations.scripts import EAST_ASIAN, fold
from citecheck.citations.tagger import Segment
from citecheck.citations.urls import find_doi, find_urls

EDGE = " \t,，、.。;；:：*_\"'“”‘’«»「」『』()（）[]【】《》〈〉<>/-–—"
#: Words that introduce a value rather than belong to it.
LEADING_WORDS = re.compile(
    r"^(?:pp?\.|pages?|S\.|ss?\.|vols?\.|volume|Bd\.|t\.|т\.|nos?\.|nr\.|issue|in:?|doi:?"
    r"|retrieved from|available (?:at|from)|url:?|accessed|ed(?:s|ited by)?\.?|hrsg\.?)\s+",
    re.I,
)
TRAILING_WORDS = Guarded(
    re.compile(r"\s*[(（]?\s*(?:eds?|Hrsg|Ed|Eds|coord|dir|編|主編|编)\.?\s*[)）]?$"),
    *("ed", "Ed", "Hrsg", "coord", "dir", "編", "编"),
)
YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
#: `212--25` (TeX) and `41 - 54`: one dash, no spaces; an en dash stays as written.
PAGE_DASHES = re.compile(r"\s*(-{1,2}|–|—|‐)\s*")
PAGE_RANGE = re.compile(r"^([A-Z]?)\d+\s*[-–]\s*\1\d+$")
#: `J. Am. Chem. Soc.`: an abbreviated name keeps the full stop of its last abbreviation.
ABBREVIATED = re.compile(r"(?:\b[A-Z][a-z]{0,4}\.\s+).*\b[A-Z][a-z]{0,4}$")
#: Runs of one label split by at most this many `other` characters of punctuation are one value.
JOINABLE_GAP = re.compile(r"^[\s,.:;\-–—/&]{0,3}$")
SCALAR = (
    "title",
    "container-title",
    "collection-title",
    "publisher",
    "publisher-place",
    "genre",
    "edition",
    "volume",
    "issue",
    "page",
    "number",
    "locator",
)


def clean(value: str) -> str:
    """A field value without edge punctuation, brackets or `*`, whitespace folded."""
    value = " ".join(value.replace("*", "").split())
    previous = None
    while previous != value:
        previous = value
        value = LEADING_WORDS.sub("", value).strip(EDGE)
    return _balance(value)


def _balance(value: str) -> str:
    """Put back a closing bracket the edge strip took from `Title (2nd ed)`."""
    for opener, closer in ("()", "（）", "[]"):
        if opener in value and value.count(opener) > value.count(closer):
            value += closer
    return value


def merged(text: str, segments: list[Segment]) -> dict[str, list[str]]:
    """Each label's values, in order; runs of a label with only punctuation between
    them (`Title: Subtitle` tagged around the colon) joined."""
    values: dict[str, list[str]] = {}
    last: dict[str, Segment] = {}
    for segment in segments:
        label = segment.label
        if label == "other":
            continue
        before = last.get(label)
        if before is not None and JOINABLE_GAP.match(text[before.end : segment.start]):
            joined = Segment(label, text[before.start : segment.end], before.start, segment.end)
            values[label][-1] = joined.text
            last[label] = joined
            continue
        values.setdefault(label, []).append(segment.text)
        last[label] = segment
    for label, segment in last.items():  # a full stop just after: `Soc.` in `J. Am. Chem. Soc.`
        if text[segment.end : segment.end + 1] == "." and values[label][-1] == segment.text:
            values[label][-1] += "."
    return values


def to_fields(text: str, segments: list[Segment]) -> Fields:
    """The CSL fields of one citation tagged as `segments`."""
    values = merged(text, segments)
    csl: dict[str, Any] = {}
    for role in ("author", "editor", "translator"):
        names = [name for value in values.get(role, []) for name in _names(value, role)]
        if names:
            csl[role] = names
    for key in SCALAR:
        if key in values:
            value = clean(values[key][0])
            if key in ("page", "locator"):
                value = PAGE_DASHES.sub(_one_dash, value)
            elif key in ("container-title", "publisher") and _ends_abbreviated(values[key][0]):
                value += "."
            if value:
                csl[key] = value
    if "page" not in csl and PAGE_RANGE.match(csl.get("number", "")):
        csl["page"] = csl.pop("number")  # `R17292–R17295`: a range is pages, not a number
    place = csl.get("publisher-place", "")
    if ":" in place and "publisher" not in csl:  # `New York: W. W. Norton` read as one place
        csl["publisher-place"], csl["publisher"] = (part.strip() for part in place.split(":", 1))
    for key in ("issued", "accessed"):
        date = next((d for d in map(_date, values.get(key, [])) if d), None)
        if date:
            csl[key] = date
    for value in values.get("DOI", []):
        doi = find_doi(value)
        if doi:
            csl["DOI"] = doi
            break
    for value in values.get("URL", []):
        urls = find_urls(value)
        if urls:
            csl["URL"] = urls[0].value
            break
    if "note" in values:
        note = "; ".join(filter(None, (clean(value) for value in values["note"])))
        if note:
            csl["note"] = note
    if _is_outlet(csl):
        csl["container-title"] = csl.pop("publisher")
    if _page_seen_online(csl):
        csl["page"] = csl.pop("volume")
    _cjk_numbering(csl, text)
    locator = csl.pop("locator", None) or csl.get("page")
    fields = Fields(csl=csl, locator=locator, has_title="title" in csl)
    csl["type"] = guess_type(csl, text)
    language = citation_language(csl, text, (csl.get("title"), csl.get("container-title"), text))
    if language:
        csl["language"] = language
    fields.complete = any(
        key in csl for key in ("issued", "container-title", "publisher", "URL", "number")
    )
    return fields


def _is_outlet(csl: dict[str, Any]) -> bool:
    """A "publisher" with no place after a titled work dated to the day is the outlet that
    printed it (`“Blood and Oil,” RUSI, March 26, 2024`): its container, as the rules read it."""
    return (
        _day_dated(csl)
        and "title" in csl
        and "publisher" in csl
        and not {"publisher-place", "container-title", "volume", "issue"} & csl.keys()
    )


def _page_seen_online(csl: dict[str, Any]) -> bool:
    """A bare number taken for a volume in a page seen online, undated and with no issue
    (`“Title,” France Culture, 337, consulté le …`), is the page the note points to."""
    return (
        csl.get("volume", "").isdigit()
        and "accessed" in csl
        and not {"issued", "issue", "page"} & csl.keys()
    )


#: The marks that close a title (`》`, `』`, `”`, …, and emphasis).
TITLE_CLOSERS = "".join(TITLE_PAIRS.values()) + "*"


def _cjk_numbering(csl: dict[str, Any], text: str) -> None:
    """What CJK words say a number is: `第3期` an issue, not a volume (`第5卷` the volume);
    `第5页` · `5頁` the page when the tagger labelled none (one digit is easily left out)."""
    issue, volume = CJK_ISSUE.search(text), CJK_VOLUME.search(text)
    if issue and issue.group("issue") in (csl.get("volume"), csl.get("issue")):
        csl["issue"] = issue.group("issue")
        if csl.get("volume") == csl["issue"]:
            del csl["volume"]
        if volume:
            csl["volume"] = volume.group("volume")
    # (both page patterns need a page word: looking for one first is cheaper)
    if "page" not in csl and "locator" not in csl and any(w in text for w in CJK_PAGE_WORDS):
        tail = text[max(map(text.rfind, TITLE_CLOSERS)) + 1 :]  # not a title's words
        pages = CJK_PAGES.search(tail) or CJK_PAGES_AFTER_WORD.search(tail)
        if pages:
            csl["page"] = pages.group("pages")


def _day_dated(csl: dict[str, Any]) -> bool:
    return len(csl.get("issued", {}).get("date-parts", [[]])[0]) == 3


def _one_dash(match: re.Match[str]) -> str:
    return "–" if match.group(1) == "--" else match.group(1)


def _ends_abbreviated(raw: str) -> bool:
    raw = " ".join(raw.replace("*", "").split()).rstrip(",;:)")
    return raw.endswith(".") and ABBREVIATED.search(raw[:-1]) is not None


def _date(value: str) -> dict[str, Any] | None:
    dates = find_dates(value)
    if dates:
        return dates[0].csl()
    year = YEAR.search(value)
    return {"date-parts": [[int(year.group(1))]]} if year else None


INITIALS = re.compile(r"^(?:[A-ZÀ-ÞА-Я][a-zа-я]?\.?[\s-]*)+$")
FAMILY_INITIALS = re.compile(r"^(?P<family>.*\S)\s+(?P<given>(?:[A-ZÀ-ÞА-Я]\.?\s*-?){1,3})$")
#: (The lookahead names each break's first character: without it the engine tries the
#: whole pattern, `\s*` first, at every character of the value.)
NAME_BREAK = re.compile(r"(?=[\s;,&aeuи])(\s*(?:;|,|&|\band\b|\bet\b(?!\s+al)|\bund\b|\bи\b)\s*)")
ET_AL = re.compile(r"\s*,?\s*(?:et\s+al\.?|and\s+others|u\.\s*a\.|и\s+др\.?)\s*$", re.I)
#: How an `ET_AL` match ends: tested on a value's last three characters first, which is
#: cheaper than the search, tried at every character.
ET_AL_END = re.compile(r"(?:al\.?|ers|a\.|др\.?)\Z", re.I)


def _names(value: str, role: str) -> list[dict[str, str]]:
    """CSL names of one tagged name list."""
    value = " ".join(value.replace("*", "").split())
    if ET_AL_END.search(value[-3:]):
        value = ET_AL.sub("", value)
    value = LEADING_WORDS.sub("", value)
    value = TRAILING_WORDS.sub("", value).strip(EDGE)
    if not value or set(value) <= set("-–—_ "):
        return []
    if EAST_ASIAN.search(value):
        names = parse_names(value)
        return names.editor or names.author or names.translator
    return parse_names("; ".join(western_names(value))).author


def western_names(value: str) -> list[str]:
    """`Smith, J., Doe, A. B., & Roe, C.` → `Smith, J.`, `Doe, A. B.`, `Roe, C.`;
    `Pérez-Higueras JJ, Arias A` → `Pérez-Higueras, JJ`, `Arias, A`; `J. Smith and
    A. Doe` → `J. Smith`, `A. Doe`. Each item is one person (or organisation)."""
    split = NAME_BREAK.split(value)  # pieces, each followed by the separator after it
    pieces: list[str] = []
    by_comma: list[bool] = []  # whether a comma, not `and`, parts a piece from the next
    for position in range(0, len(split), 2):
        piece = split[position].strip(" .")
        if piece and not set(piece) <= set("-–—_ "):
            after = split[position + 1] if position + 1 < len(split) else ""
            pieces.append(piece)
            by_comma.append(after.strip() == ",")
    # whether each piece with a full stop is initials (asked up to four times a piece)
    initials = [INITIALS.match(piece + ".") is not None for piece in pieces]
    people: list[str] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        following = pieces[index + 1] if index + 1 < len(pieces) else None
        initials_next = following is not None and initials[index + 1]
        first_inverted = (
            index == 0
            and following is not None
            and by_comma[index]
            and len(piece.split()) == 1
            and len(following.split()) <= 2
            and following[:1].isupper()
            and not initials[index]
        )
        if not initials[index] and (initials_next or first_inverted):
            given = (
                following
                if following.endswith(".") or not INITIALS.match(following)
                else following + "."
            )
            people.append(f"{piece}, {_dotted(given)}")
            index += 2
            continue
        trailing = FAMILY_INITIALS.match(piece)
        if trailing and not initials[index]:
            people.append(f"{trailing.group('family')}, {_dotted(trailing.group('given'))}")
        else:
            people.append(_dotted(piece))
        index += 1
    return people


LAST_INITIAL = re.compile(r"(?:^|[\s.-])[A-ZÀ-ÞА-Я]$")


def _dotted(given: str) -> str:
    """`J. P` → `J. P.` (the piece split lost its final full stop)."""
    given = given.strip()
    if LAST_INITIAL.search(given):
        given += "."
    return given


THESIS = Guarded(
    re.compile(r"thesis|dissertation|diss\.|tesis|thèse|博士論文|修士論文"),
    *("esis", "diss", "thèse", "士論文"),
)
CONFERENCE = re.compile(r"\b(?:proc(?:eedings)?|conference|conf\.|symposium|workshop)\b")
#: `in` (`In:`, `dans`, `в`) just before the container: a chapter in a book.
IN_BEFORE = re.compile(r"(?:^|[\s.,;])(?:in|dans|en|в|у):?\s*[*_“\"«„]*$", re.I)
#: What may follow `in` at the end of `IN_BEFORE` (after any `:` and spaces).
IN_BEFORE_MARKS = '*_“"«„'
#: The most characters `IN_BEFORE` matches before those: a mark, `dans` and `:`.
IN_BEFORE_WORD = 6


def guess_type(csl: dict[str, Any], text: str) -> str:
    """The CSL type from which fields the tagger found (the outlets, report titles and
    treaties known to `kinds`, as the rules tell them)."""
    lower = text.lower()
    container = csl.get("container-title", "")
    title = csl.get("title", "")
    genre = csl.get("genre", "").lower()
    if THESIS.search(genre or lower):
        return "thesis"
    if "report" in genre or ("number" in csl and "container-title" not in csl):
        return "report"
    if container:
        if CONFERENCE.search(container.lower()):
            return "paper-conference"
        if "editor" in csl or (_in_before(text, container) and "volume" not in csl):
            return "chapter"
        if "volume" in csl or "issue" in csl:
            return "article-journal"
        if fold(container) in PLATFORMS:
            return "post"
        if is_news_outlet(container):
            return "article-newspaper"
        if "page" in csl:
            return "article-journal"
        if "publisher" in csl:
            return "chapter"
        return "report" if REPORT_TITLE.search(title) else "webpage"
    if TREATY.search(title):
        return "treaty"
    if "publisher" in csl or "publisher-place" in csl:
        return "book"
    if "URL" in csl:
        return "webpage"
    if not (title and "issued" in csl):
        return "document"
    authors = [name.get("literal", "") for name in csl.get("author", [])]
    if authors and all(map(is_organisation, authors)):
        return "report"
    return "document" if _day_dated(csl) else "book"  # a book is dated by its year


def _in_before(text: str, container: str) -> bool:
    at = text.find(container)
    return at > 0 and ends_with_in(text[:at])


def ends_with_in(text: str) -> bool:
    """`IN_BEFORE.search(text)`, tried only where a match could start (a search tries the
    pattern at every character, and a match ends the text)."""
    word_end = len(text.rstrip(IN_BEFORE_MARKS).rstrip())
    return IN_BEFORE.search(text, max(0, word_end - IN_BEFORE_WORD)) is not None
