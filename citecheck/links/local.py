"""Local links: relative paths, `file:` URLs and `#fragments` written in Markdown or HTML.

These point at the citing file's own tree, not the web: `checks/local.py` checks them
on disk. Markdown: inline links and images `[text](target)`, reference definitions
`[ref]: target`, and `href`/`src` in raw HTML, all outside code and comments. HTML:
`<a href>`, `<img src>`, `<link href>`, `<script src>`, outside `<code>`/`<pre>`.
A target with any other scheme (`https:`, `mailto:`) or a network path (`//host`) is
not local.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

MARKDOWN_FORMATS = frozenset({"markdown"})
HTML_FORMATS = frozenset({"html"})

MD_TARGET = re.compile(
    r"!?\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>\n]*>|[^)\s]+)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
MD_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
RAW_HTML_TARGET = re.compile(
    r"<(?:a|img|link|script|source)\b[^>]*?\s(?:href|src)\s*=\s*[\"']([^\"']*)[\"']", re.I
)
CODE_TAGS = ("code", "pre", "script", "style")
HTML_ATTRIBUTES = (("a", "href"), ("img", "src"), ("link", "href"), ("script", "src"))


@dataclass(frozen=True)
class LocalLink:
    """A local target as written (`../api.md#usage`), where it is written."""

    target: str
    line: int
    column: int

    @property
    def path(self) -> str:
        """The part before `#` and `?` (empty for a link within the same file)."""
        return re.split(r"[#?]", self.target, maxsplit=1)[0]

    @property
    def fragment(self) -> str | None:
        return self.target.split("#", 1)[1] if "#" in self.target else None


def is_local(target: str) -> bool:
    """A relative path, a `file:` URL or a bare `#fragment`; not a web or mail address."""
    target = target.strip()
    if not target or target.startswith("//"):
        return False
    scheme = urlsplit(target).scheme.lower()
    return scheme in ("", "file") or (len(scheme) == 1 and target[1:3] in (":\\", ":/"))


def local_links(text: str, fmt: str) -> list[LocalLink]:
    """The local links of a document of format `fmt` ("markdown" or "html"), in order."""
    if fmt in MARKDOWN_FORMATS:
        return _markdown_links(text)
    if fmt in HTML_FORMATS:
        return _html_links(text)
    return []


def _markdown_links(text: str) -> list[LocalLink]:
    from citecheck.readers.markup import LineIndex  # only for Markdown sources
    from citecheck.readers.mdsyntax import mask_code

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    masked = mask_code(text)
    lines = LineIndex(text)
    found = []
    for pattern in (MD_TARGET, MD_DEFINITION, RAW_HTML_TARGET):
        for match in pattern.finditer(masked):
            target = match.group(1).strip()
            if target.startswith("<") and target.endswith(">"):
                target = target[1:-1].strip()
            if is_local(target):
                line, column = lines.position(match.start(1))
                found.append(LocalLink(target, line, column))
    return sorted(set(found), key=lambda link: (link.line, link.column))


def _html_links(text: str) -> list[LocalLink]:
    from bs4 import BeautifulSoup  # only for HTML sources: slow to import

    soup = BeautifulSoup(text, "html.parser")
    found = []
    for tag_name, attribute in HTML_ATTRIBUTES:
        for tag in soup.find_all(tag_name, attrs={attribute: True}):
            if tag_name != "script" and any(p.name in CODE_TAGS for p in tag.parents):
                continue
            target = str(tag[attribute]).strip()
            if is_local(target):
                found.append(LocalLink(target, tag.sourceline or 0, (tag.sourcepos or 0) + 1))
    return sorted(found, key=lambda link: (link.line, link.column))
