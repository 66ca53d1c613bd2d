"""The anchors a `#fragment` can name: Markdown heading slugs and ids, HTML ids.

Markdown headings get the slugs GitHub renders (github-slugger): the heading's text
lower-cased, punctuation dropped, each space a hyphen, and `-1`, `-2`, … for a
repeated slug. An explicit `{#id}` after a heading (pandoc, kramdown, MkDocs) and raw
HTML `id="…"` or `<a name="…">` are anchors too (the heading's own slug stays one:
GitHub ignores `{#id}`). HTML pages: every `id` attribute and
the `name` of `<a>` elements. GitHub also serves its rendered ids with a
`user-content-` prefix, so a fragment is looked up with and without it.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

from citecheck.readers.htmlnotes import parse_page
from citecheck.readers.mdsyntax import FENCE, HEADING, SETEXT_UNDERLINE, mask_code

GITHUB_PREFIX = "user-content-"

EXPLICIT_ID = re.compile(r"\s*\{[^}]*#([^\s}]+)[^}]*\}\s*$")
HTML_ID = re.compile(r"<[A-Za-z][^>]*?\s(?:id|name)\s*=\s*[\"']([^\"']+)[\"']", re.I)
INLINE_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|!?\[([^\]]*)\]\[[^\]]*\]")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
EMPHASIS = re.compile(r"(?<!\w)([*_]{1,3})(\S(?:.*?\S)?)\1(?!\w)")


def github_slug(text: str) -> str:
    """The id GitHub gives a heading whose rendered text is `text`."""
    kept = []
    for char in text.lower():
        category = unicodedata.category(char)
        if char in " -_" or category[0] in "LNM":
            kept.append("-" if char == " " else char)
    return "".join(kept)


def _rendered(heading: str) -> str:
    """A heading's text as rendered: links by their labels, no code or emphasis marks."""
    text = INLINE_LINK.sub(lambda m: m.group(1) or m.group(2) or "", heading)
    text = HTML_TAG.sub("", text).replace("`", "")
    previous = None
    while previous != text:
        previous, text = text, EMPHASIS.sub(r"\2", text)
    return text.strip()


def _headings(text: str) -> list[str]:
    """The raw text of every ATX and setext heading outside code."""
    lines = mask_code(text).split("\n")
    original = text.split("\n")
    found = []
    for index, line in enumerate(lines):
        atx = HEADING.match(line)
        if atx:
            found.append(original[index].strip().lstrip("#").rstrip("#").strip())
        elif (
            index > 0
            and SETEXT_UNDERLINE.match(line)
            and lines[index - 1].strip()
            and not FENCE.match(lines[index - 1])
            and not HEADING.match(lines[index - 1])
        ):
            found.append(original[index - 1].strip())
    return found


def markdown_anchors(text: str) -> frozenset[str]:
    """Every fragment that lands somewhere in a Markdown document."""
    anchors: set[str] = set()
    seen: dict[str, int] = {}
    for heading in _headings(text):
        explicit = EXPLICIT_ID.search(heading)
        if explicit:
            anchors.add(explicit.group(1))
            heading = heading[: explicit.start()]
        slug = github_slug(_rendered(heading))
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    anchors.update(HTML_ID.findall(mask_code(text)))
    return frozenset(anchors)


def html_anchors(text: str) -> frozenset[str]:
    """Every `id`, and the `name` of every `<a>`, in an HTML page."""
    return frozenset(parse_page("page", text).ids)


def has_anchor(anchors: frozenset[str], fragment: str) -> bool:
    """Whether `fragment` (as written after `#`, maybe percent-encoded) names an anchor.

    An empty fragment and `top` land at the top of any page, as browsers do.
    """
    name = unquote(fragment)
    if name in ("", "top"):
        return True
    candidates = {name, fragment, name.lower()}
    if name.startswith(GITHUB_PREFIX):
        candidates.add(name[len(GITHUB_PREFIX) :])
    return any(candidate in anchors for candidate in candidates)
