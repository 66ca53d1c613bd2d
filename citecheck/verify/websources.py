"""Sources that live on the web (news agencies, ministries, think-tanks, social media)
cited without a URL or DOI, so a reader cannot follow them.

At most one warning per note, naming the first such source: an editor adds the
link note by note. Only the source is looked at, never the words of a quoted title
(「中国外交部和俄羅斯外交部關於…」 names no source). Works in print (a book or journal
in 『』 or *italics*, a page number) and text without a year (commentary, not a
citation) are left alone: they can be found without a link.
"""

from __future__ import annotations

import re

from citecheck.citations import lexicon
from citecheck.model import Citation, ParsedDocument, ParsedNote, Problem

URL_OR_DOI = re.compile(r"https?://|www\.|\bdoi\s*:|\b10\.\d{4,9}/", re.IGNORECASE)
CITATION_SEPARATOR = re.compile(r"[；;]")
QUOTED_TITLE = re.compile(r"「[^」]*」|“[^”]*”|«[^»]*»|\"[^\"]*\"|‘[^’]*’")
IN_PRINT = re.compile(r"『[^』]+』|\*[^*]+\*|\d\s*頁|\bpp?\.\s*\d|出版社|\bPress\b")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _names(*names: str) -> str:
    return "|".join(re.escape(name) for name in names)


def _named(names: tuple[str, ...], flags: int = 0) -> re.Pattern[str]:
    """Any of `names` from the lexicon; a name in Latin letters stands as a whole word."""
    latin = [name for name in names if name.isascii()]
    other = [name for name in names if not name.isascii()]
    patterns = [rf"\b(?:{_names(*sorted(latin, key=len, reverse=True))})\b"] if latin else []
    patterns += [_names(*other)] if other else []
    return re.compile("|".join(patterns), flags)


#: (kind of source, pattern). English names must stand as whole words.
WEB_SOURCES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "social media",
        re.compile(
            r"\b(?:Twitter|Telegram|YouTube|Facebook|Instagram|TikTok|VKontakte|Weibo)\b"
            r"|\bX\s*[(（](?:旧|formerly)|(?<![\w.])@\w{3,}|微博|微信|テレグラム|ツイッター|텔레그램"
        ),
    ),
    (
        "website",
        re.compile(
            r"ウェブサイト|ホームページ|\bweb\s?site\b|网站|網站|官网|官網|웹사이트|홈페이지"
            r"|\bсайт\b|[一-鿿]{1,10}[網网](?=\s*[、，,]\s*\d{4})",
            re.IGNORECASE,
        ),
    ),
    ("news service", _named(lexicon.sources("agency", "broadcaster"))),
    (
        "government body",
        re.compile(
            r"\b(?:Ministry|Department|Embassy|Office) of [^,;.]{2,60}"
            r"|\b(?:President of Russia|White House)\b|"
            + _names(
                "外交部", "国防部", "國防部", "外務省", "防衛省", "大使館", "МИД", "Министерств"
            )
        ),
    ),
    ("think-tank", _named(lexicon.sources("think-tank"), re.IGNORECASE)),
)


def web_source(text: str) -> tuple[str, str] | None:
    """(kind, name as written) of the first web source a citation's text names, if any.

    None for a work in print or a text without a year.
    """
    if IN_PRINT.search(text) or not YEAR.search(text):
        return None
    text = QUOTED_TITLE.sub(" ", text)
    hits = [
        (match.start(), kind, match.group())
        for kind, pattern in WEB_SOURCES
        if (match := pattern.search(text))
    ]
    if not hits:
        return None
    _, kind, name = min(hits)
    return kind, name.strip()


def _cited_works(parsed: ParsedNote) -> list[tuple[str, bool]]:
    """(text, has a link) for each work a note cites: its citations, else its parts."""
    if parsed.citations:
        return [(c.text, _citation_has_link(c)) for c in parsed.citations]
    parts = CITATION_SEPARATOR.split(parsed.note.text)
    return [(part, bool(URL_OR_DOI.search(part))) for part in parts if part.strip()]


def _citation_has_link(citation: Citation) -> bool:
    csl = citation.csl
    return bool(csl.get("URL") or csl.get("DOI") or URL_OR_DOI.search(citation.text))


def web_source_problems(parsed: ParsedDocument) -> list[Problem]:
    found = []
    for parsed_note in parsed.notes:
        note = parsed_note.note
        for text, has_link in _cited_works(parsed_note):
            source = None if has_link else web_source(text)
            if source is None:
                continue
            kind, name = source
            found.append(
                Problem(
                    "web-source-without-link",
                    "warning",
                    note.section,
                    note.line,
                    note.number,
                    f"{note.section} note {note.mark}: {name} ({kind}) is cited without"
                    " a URL or DOI",
                )
            )
            break
    return found
