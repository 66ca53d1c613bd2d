"""The CSL type of a citation, from the shape the fields came in.

『』 or *italic* containers with a volume or issue are journals, with a day date newspapers,
with a publisher books that hold chapters; an article on a news outlet is a newspaper
article, on another website a web page (a report when its title says so); UN document
symbols make reports; X or Telegram posts are posts.
"""

from __future__ import annotations

import re

from citecheck.citations.fields_model import Fields

PLATFORMS = re.compile(r"^(?:X|Twitter|Telegram|Facebook|YouTube|Instagram|VK|Weibo|微博)$", re.I)
NEWS = re.compile(
    r"新聞|新闻|新華|新华|社$|網|网|報|报|通信|通訊|電視|电视|放送|テレビ|NHK|ロイター|뉴스|신문|"
    r"방송|통신|KBS|JTBC|VOA|Reuters|BBC|TASS|RIA|AP News|Kyodo|News|Times|Gazet|Pravda|Ukrinform|"
    r"Kommersant|Focus|ArmyInform|Independent|Newsweek|Forbes|Nación|Press|Mainichi|界面|澎湃|搜狐|瞭望|"
    r"Guardian|Herald|Tribune|Telegraph|Gazette|Daily|Nikkei|Asahi|Yomiuri|Xinhua|CNN|NPR|Bloomberg"
)
#: Authors that are news agencies or papers: `조선중앙통신「…」`, `JTBC News 「…」`.
NEWS_AGENCY = re.compile(r"통신|뉴스|신문|방송|新聞|新聞社|通信|News\b|社$")
TREATY = re.compile(r"条約|條約|条约|조약|^Treaty\b|\bAgreement$")
REPORT_TITLE = re.compile(r"\bReport\b|報告書|报告|보고서")


def guess_type(fields: Fields) -> str:
    csl = fields.csl
    title_mark, container_mark = fields.title_mark, fields.container_mark
    container = csl.get("container-title", "")
    if "number" in csl:
        return "report"
    if container and PLATFORMS.match(container):
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
    if title_mark in ("『", "*"):
        return "book" if "publisher" in csl else "report"
    if container and ("volume" in csl or "issue" in csl):
        return "article-journal"
    if container and NEWS.search(container):
        return "article-newspaper"
    if container:
        return "report" if REPORT_TITLE.search(csl.get("title", "")) else "webpage"
    authors = " ".join(name.get("literal", "") for name in csl.get("author", []))
    if authors and NEWS_AGENCY.search(authors):
        return "article-newspaper"
    if TREATY.search(csl.get("title", "")):
        return "treaty"
    return "webpage" if "URL" in csl else "document"
