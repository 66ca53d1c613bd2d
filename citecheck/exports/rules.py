"""What an exported entry holds: the work, not the note that first cited it.

Small pure rules, each `item -> item`, applied in order to the CSL item of a work's
first citation (a work read from a `.bib` entry is taken as it is):

- `work_pages`: a note's page (p. 36, 80–81頁) is where that note points, its CSL
  `locator`, and stays with the note; only an article's or a chapter's page range
  (85–104) describes the work;
- `no_number_names`: a container, publisher or place that is only a number is a year
  or an issue misread ("Broken server," 2019 → container 2019), not a name;
- `split_names`: CJK and katakana personal names as family and given (`persons`);
- `edition_number`: an edition written as an ordinal (`2nd ed.`, `3. Aufl.`, `第2版`,
  `2-е изд.`) is its number, which styles print in their own words (BibLaTeX's
  `edition = {2}` → "2nd edition"; CSL's "2nd ed."); other editions stay as written.

The access date stays: an online work's entry records when its address was seen (the
date its first full citation gives), as Zotero and Better BibTeX keep `urldate`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from citecheck.citations.works import work_pages
from citecheck.exports.persons import exported_names

Item = dict[str, Any]
NUMBER_ONLY = re.compile(r"^[\s\d.,/()（）年-]+$")
NAME_FIELDS = ("container-title", "publisher", "publisher-place", "collection-title")
NAME_ROLES = ("author", "editor", "translator")


def no_number_names(item: Item) -> Item:
    return {
        k: v
        for k, v in item.items()
        if not (k in NAME_FIELDS and isinstance(v, str) and NUMBER_ONLY.match(v))
    }


def split_names(item: Item) -> Item:
    return {k: exported_names(v) if k in NAME_ROLES else v for k, v in item.items()}


#: `2nd ed.` · `2nd edition` · `2e éd.` · `2. Aufl.` · `2-е изд.` · `第2版` · `2판`
ORDINAL_EDITION = re.compile(
    r"^\s*(?:第\s*)?(?P<number>\d{1,3})\s*(?:st|nd|rd|th|e|er|re|ème|\.|-?е|-?ге|-?тє)?\s*"
    r"(?:ed(?:ition)?|éd(?:ition)?|Aufl(?:age)?|Ausg(?:abe)?|edición|изд(?:ание)?|вид(?:ання)?|"
    r"版|판)?\.?\s*$",
    re.I,
)


def edition_number(item: Item) -> Item:
    match = ORDINAL_EDITION.match(str(item.get("edition") or ""))
    return {**item, "edition": match.group("number")} if match else item


RULES: tuple[Callable[[Item], Item], ...] = (
    work_pages,
    no_number_names,
    split_names,
    edition_number,
)


def work_item(csl: Item) -> Item:
    item = dict(csl)
    for rule in RULES:
        item = rule(item)
    return item
