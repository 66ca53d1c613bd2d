"""A Wikipedia reference as the one work it cites: its `<cite>` and COinS span.

Wikipedia writes each reference of its Citation Style 1 templates as one
`<cite class="citation web|news|journal|book …">` element, followed by a COinS span
(`<span class="Z3988" title="ctx_ver=Z39.88-2004&rft.btitle=…">`, OpenURL 1.0 in
key/encoded-value form) that carries the same fields. A note that holds one such
citation and nothing else is one work, whatever full stops its text has: its CSL item
is built here, from the COinS fields when there are any, else from the `<cite>`'s
parts (the linked title, the italic site or journal), with the link's URL and the
"Retrieved …" access date, so the citation parser does not cut it in two.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from citecheck.citations.dates import find_dates
from citecheck.readers.markup import shows_url, squash_spaces

if TYPE_CHECKING:
    from bs4 import Tag

#: The `<cite>` class of each CS1 template → its CSL type.
CITE_TYPES = {
    "web": "webpage",
    "news": "article-newspaper",
    "journal": "article-journal",
    "magazine": "article-magazine",
    "book": "book",
    "report": "report",
    "thesis": "thesis",
}
#: COinS `rft.genre` → CSL type, when the `<cite>` class does not tell.
GENRE_TYPES = {"article": "article-journal", "book": "book", "bookitem": "chapter"}
#: COinS keys → CSL variables (the first key present wins for each variable).
COINS_FIELDS = (
    ("rft.atitle", "title"),
    ("rft.btitle", "title"),
    ("rft.title", "title"),
    ("rft.jtitle", "container-title"),
    ("rft.pub", "publisher"),
    ("rft.place", "publisher-place"),
    ("rft.volume", "volume"),
    ("rft.issue", "issue"),
    ("rft.pages", "page"),
    ("rft.isbn", "ISBN"),
    ("rft.issn", "ISSN"),
)
QUOTES = "\"'“”‘’«»"


def cite_csl(note: Tag) -> dict[str, Any] | None:
    """The CSL item of a note that is exactly one CS1 citation, else None."""
    cites = note.find_all("cite", class_="citation")
    coins = note.find_all("span", class_="Z3988")
    if len(cites) != 1 or len(coins) > 1 or not _alone(note, cites[0]):
        return None
    cite = cites[0]
    fields = dict(parse_qsl(str(coins[0].get("title", "")))) if coins else {}
    if not fields and not {"web", "news"} & set(cite.get("class") or []):
        return None  # a book or journal without COinS: the citation parser reads it whole
    csl: dict[str, Any] = {"type": _type(cite, fields)}
    for key, variable in COINS_FIELDS:
        if fields.get(key) and variable not in csl:
            csl[variable] = squash_spaces(fields[key])
    authors = _authors(fields)
    if authors:
        csl["author"] = authors
    link = next(
        (a for a in cite.find_all("a", href=True) if str(a["href"]).startswith("http")), None
    )
    if "title" not in csl:
        title = _quoted(cite)
        if link is not None and not shows_url(link.get_text(), str(link["href"])):
            title = link.get_text()
        if title.strip(QUOTES + " "):
            csl["title"] = squash_spaces(title).strip(QUOTES + " .")
    italic = cite.find("i")
    if (
        not fields
        and csl["type"] in ("webpage", "article-newspaper")
        and italic is not None
        and italic.get_text(strip=True)
    ):
        csl["container-title"] = squash_spaces(italic.get_text())
    identifiers = [
        value
        for span in coins
        for key, value in parse_qsl(str(span.get("title", "")))
        if key == "rft_id"
    ]
    doi = next(
        (i.removeprefix("info:doi/") for i in identifiers if i.startswith("info:doi/")), None
    )
    if doi:
        csl["DOI"] = doi
    url = str(link["href"]) if link is not None else None
    url = url or next((i for i in identifiers if i.startswith("http")), None)
    if url:
        csl["URL"] = url
    _dates(cite, fields, csl)
    return csl if "title" in csl else None


def _alone(note: Tag, cite: Tag) -> bool:
    """Whether the note says nothing besides the citation (back-links, punctuation)."""

    def outside(string: Any) -> bool:
        for parent in string.parents:
            if parent is cite or "mw-cite-backlink" in (parent.get("class") or []):
                return False
            if parent is note:
                break
        return True

    words = "".join(str(string) for string in note.find_all(string=True) if outside(string))
    return not words.strip(" \n\t.,;:^↑")


def _type(cite: Tag, fields: dict[str, str]) -> str:
    for name in cite.get("class") or []:
        if name in CITE_TYPES:
            return CITE_TYPES[name]
    return GENRE_TYPES.get(fields.get("rft.genre", ""), "webpage")


def _authors(fields: dict[str, str]) -> list[dict[str, str]]:
    if fields.get("rft.aulast"):
        name = {"family": fields["rft.aulast"]}
        if fields.get("rft.aufirst"):
            name["given"] = fields["rft.aufirst"]
        return [name]
    if fields.get("rft.au"):
        family, _, given = fields["rft.au"].partition(", ")
        return [{"family": family, "given": given} if given else {"literal": family}]
    return []


def _quoted(cite: Tag) -> str:
    text = cite.get_text()
    for open_, close in (('"', '"'), ("“", "”")):
        start = text.find(open_)
        end = text.find(close, start + 1)
        if start >= 0 and end > start:
            return text[start + 1 : end]
    return ""


def _dates(cite: Tag, fields: dict[str, str], csl: dict[str, Any]) -> None:
    """The access date from the "Retrieved …" part; the issue date from COinS or the rest."""
    access = cite.find(class_="reference-accessdate")
    access_text = access.get_text() if access is not None else ""
    text = cite.get_text()
    if access is None and "Retrieved" in text:
        head, _, access_text = text.partition("Retrieved")
        text = head
    elif access is not None:
        text = text.replace(access_text, " ")
    accessed = find_dates(access_text)
    if accessed:
        csl["accessed"] = accessed[0].csl()
    issued = find_dates(fields.get("rft.date", "")) or find_dates(text)
    if issued:
        csl["issued"] = issued[0].csl()
