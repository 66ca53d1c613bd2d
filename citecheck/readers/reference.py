"""A CSL item written out as a note would cite it, in the conventions of its script.

Chinese, Japanese and Korean works follow the manuscript's own style: 「article」
『journal or book』, 2023年第3期, 12頁. Others read like a Chicago note: “Title,”
*Journal* 257, no. 1 (2024): 1-24. The DOI (as a doi.org link) and the URL come last,
in angle brackets before the closing stop, as the manuscript writes links:
…2023年12月29日、<https://…>。
"""

from __future__ import annotations

import re
from typing import Any

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
CONTAINED = {"article-journal", "article-magazine", "article-newspaper", "chapter",
             "paper-conference"}  # fmt: skip


def reference_text(item: dict[str, Any]) -> str:
    """One readable line for a CSL item: names, title, container, date, pages, links."""
    cjk = bool(CJK.search(item.get("title", "") + item.get("container-title", "")))
    text = _cjk(item) if cjk else _latin(item)
    doi = f"https://doi.org/{item['DOI']}" if item.get("DOI") else ""
    links = [doi, item.get("URL", "")]
    links = [f"<{link}>" for link in links if link]
    if not links:
        return text
    # Inside the citation, before its closing stop, as the manuscript writes them.
    stop = text[-1]
    return text[:-1] + ("、" if cjk else ", ") + ", ".join(links) + stop


def _cjk(item: dict[str, Any]) -> str:
    names = "、".join(_name(name, cjk=True) for name in item.get("author", []))
    editors = "、".join(_name(name, cjk=True) for name in item.get("editor", []))
    title, container = item.get("title", ""), item.get("container-title", "")
    if item.get("type") in CONTAINED and container:
        work = f"「{title}」" + (f"{editors}編" if editors else "") + f"『{container}』"
    else:
        work = f"『{title}』" if title else ""
    year = _year(item)
    issue = item.get("issue") or item.get("number")
    when = f"{year}年第{issue}期" if year and issue and container else _cjk_date(item)
    parts = [item.get("publisher", ""), when, f"{item['page']}頁" if item.get("page") else ""]
    return names + work + "、".join(part for part in parts if part) + "。"


def _latin(item: dict[str, Any]) -> str:
    names = ", ".join(_name(name, cjk=False) for name in item.get("author", item.get("editor", [])))
    title, container = item.get("title", ""), item.get("container-title", "")
    if item.get("type") in CONTAINED and container:
        work = f"“{title},” *{container}*"
        if item.get("volume"):
            work += f" {item['volume']}"
        if item.get("issue"):
            work += f", no. {item['issue']}"
        where = f"({_year(item)})" if _year(item) else ""
        pages = f": {item['page']}" if item.get("page") else ""
        work = " ".join(part for part in (work, where) if part) + pages
    else:
        place = ": ".join(p for p in (item.get("publisher-place"), item.get("publisher")) if p)
        published = ", ".join(part for part in (place, _year(item)) if part)
        work = f"*{title}*" + (f" ({published})" if published else "")
    return ", ".join(part for part in (names, work) if part) + "."


def _name(name: dict[str, str], cjk: bool) -> str:
    if "literal" in name:
        return name["literal"]
    family, given = name.get("family", ""), name.get("given", "")
    if cjk and CJK.search(family):
        return family + given
    return " ".join(part for part in (given, family) if part)


def _cjk_date(item: dict[str, Any]) -> str:
    """2023年12月29日, 2023年12月 or 2023年."""
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    return "".join(f"{value}{unit}" for value, unit in zip(parts, "年月日", strict=False))


def _year(item: dict[str, Any]) -> str:
    date = item.get("issued", {})
    if "date-parts" in date:
        return str(date["date-parts"][0][0])
    return str(date.get("literal", ""))
