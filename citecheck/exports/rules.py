"""What an exported entry holds: the work, not the note that first cited it.

Small pure rules, each `item -> item`, applied in order to the CSL item of a work's
first citation (a work read from a `.bib` entry is taken as it is):

- `work_pages`: a note's page (p. 36, 80–81頁) is where that note points, its CSL
  `locator`, and stays with the note; only an article's or a chapter's page range
  (85–104) describes the work;
- `no_number_names`: a container, publisher or place that is only a number is a year
  or an issue misread ("Broken server," 2019 → container 2019), not a name;
- `split_names`: CJK and katakana personal names as family and given (`persons`).

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


RULES: tuple[Callable[[Item], Item], ...] = (work_pages, no_number_names, split_names)


def work_item(csl: Item) -> Item:
    item = dict(csl)
    for rule in RULES:
        item = rule(item)
    return item
