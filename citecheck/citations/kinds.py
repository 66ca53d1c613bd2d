"""The CSL type of a citation, from the shape the fields came in.

『』, 《》 or *italic* containers with a volume or issue are journals, with a day date newspapers,
with a publisher books that hold chapters; an article on a news outlet is a newspaper
article, on another website a web page (a report when its title says so); UN document
symbols make reports; X or Telegram posts are posts.
"""

from __future__ import annotations

import re

from citecheck.citations import lexicon
from citecheck.citations.fields_model import Fields
from citecheck.citations.scripts import fold

PLATFORMS = frozenset(fold(name) for name in lexicon.PLATFORMS)
#: A news outlet's name has a news word (新聞, 통신, `Times`) or a known outlet's name in it.
NEWS_WORD = re.compile("|".join(map(re.escape, lexicon.NEWS_WORDS)) + "|社$")
NEWS_OUTLETS = tuple(fold(name) for name in lexicon.sources(*lexicon.NEWS_KINDS))
#: Authors that are news agencies or papers: `조선중앙통신「…」`, `JTBC News 「…」`.
NEWS_AGENCY = re.compile("|".join(map(re.escape, lexicon.NEWS_AGENCY_WORDS)) + r"|社$")
TREATY = re.compile(r"条約|條約|条约|조약|^Treaty\b|\bAgreement$")
REPORT_TITLE = re.compile(r"\bReport\b|報告書|报告|보고서")


def guess_type(fields: Fields) -> str:
    csl = fields.csl
    title_mark, container_mark = fields.title_mark, fields.container_mark
    container = csl.get("container-title", "")
    if "number" in csl:
        return "report"
    if container and fold(container) in PLATFORMS:
        return "post"
    if container_mark:
        if "volume" in csl or "issue" in csl:
            return "article-journal"
        parts = csl.get("issued", {}).get("date-parts", [[]])[0] if fields.dated_in_tail else []
        if len(parts) == 3 and "publisher" not in csl:
            return "article-newspaper"
        if len(parts) >= 2:
            return "article-journal"
        published = csl.get("issued", {}).get("date-parts", [[]])[0]
        return "report" if "publisher" in csl and len(published) == 3 else "chapter"
    if title_mark in ("『", "*", "《"):
        return "book" if "publisher" in csl else "report"
    if container and ("volume" in csl or "issue" in csl):
        return "article-journal"
    if container and is_news_outlet(container):
        return "article-newspaper"
    if container:
        return "report" if REPORT_TITLE.search(csl.get("title", "")) else "webpage"
    authors = " ".join(name.get("literal", "") for name in csl.get("author", []))
    if authors and NEWS_AGENCY.search(authors):
        return "article-newspaper"
    if TREATY.search(csl.get("title", "")):
        return "treaty"
    return "webpage" if "URL" in csl else "document"


def is_news_outlet(name: str) -> bool:
    """`人民日报`, `Reuters`, `Kyiv Independent`, `JTBC 뉴스`: a paper, agency or broadcaster."""
    folded = fold(name)
    return bool(NEWS_WORD.search(name)) or any(outlet in folded for outlet in NEWS_OUTLETS)
