"""Where in a text each fix goes: spans to replace or points to insert at.

Every format comes down to text in which URLs are written (a Markdown file, a BibTeX
field, the runs of a DOCX paragraph), so the rule of where a written URL starts and
ends is the parser's own (`citecheck.citations.urls.find_urls`): the URL a fix
replaces is exactly the URL that was checked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from citecheck.citations.urls import find_urls
from citecheck.fix.modes import ArchivedMode
from citecheck.fix.plan import Fixes
from citecheck.links.extract import CODE_SPAN

#: How a dead link gets its archived copy: the URL replaced by the copy's, or the
#: copy's address written after it ("(archived …)"), as Wikipedia's bots do.
#: A fenced code block's opening or closing line (CommonMark: three or more ` or ~).
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with `text` (start == end: insert)."""

    start: int
    end: int
    text: str


def archived_note(archive_url: str, *, markdown: bool) -> str:
    """What follows a dead link in append mode (an autolink in Markdown)."""
    return f" (archived <{archive_url}>)" if markdown else f" (archived {archive_url})"


def url_edits(
    text: str, fixes: Fixes, mode: ArchivedMode = "replace", *, markdown: bool = False
) -> list[Edit]:
    """The edits that apply `fixes` to every URL written in `text`, in text order.

    In Markdown, code (spans and fenced blocks) is left alone, as `check` leaves it,
    `](` is read as a boundary so that `[https://a](https://a)` is two URLs, and an
    archived copy is appended after the whole link (`[label](url)`, `<url>`), never
    inside it. An append already made is not made again.
    """
    scanned = _markdown_prose(text) if markdown else text
    edits = []
    for found in find_urls(scanned):
        fix = fixes.get(found.value)
        if fix is None:
            continue
        start = scanned.index(found.value, found.start)
        end = start + len(found.value)
        if fix.kind == "moved" or mode == "replace":
            edits.append(Edit(start, end, fix.target))
            continue
        after = max(found.end, end)
        if markdown and text[start - 2 : start] == "](":
            closing = text.find(")", end)
            after = closing + 1 if closing != -1 and "\n" not in text[end:closing] else after
        note = archived_note(fix.target, markdown=markdown)
        if not text.startswith(note, after):
            edits.append(Edit(after, after, note))
    return edits


def _markdown_prose(text: str) -> str:
    """`text` with its code blanked out and `](` opened up, offsets unchanged."""
    lines, fence = [], ""
    for line in text.splitlines(keepends=True):
        marker = _FENCE.match(line)
        if fence and marker and marker.group(1).startswith(fence):
            fence, line = "", _blank(line)
        elif fence:
            line = _blank(line)
        elif marker:
            fence, line = marker.group(1)[:3], _blank(line)
        lines.append(line)
    prose = CODE_SPAN.sub(lambda match: _blank(match.group(0)), "".join(lines))
    return prose.replace("](", " (")


def _blank(text: str) -> str:
    return re.sub(r"[^\r\n]", " ", text)


def applied(text: str, edits: Sequence[Edit]) -> str:
    """`text` with `edits` (not overlapping) made."""
    parts, at = [], 0
    for edit in sorted(edits, key=lambda edit: (edit.start, edit.end)):
        parts += [text[at : edit.start], edit.text]
        at = edit.end
    parts.append(text[at:])
    return "".join(parts)
