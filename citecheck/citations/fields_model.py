"""The fields one citation's text gives, before the citation gets its id."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from citecheck.citations.dates import DateMatch


@dataclass
class Fields:
    """What one citation's text says, before the citation gets its id."""

    csl: dict[str, Any] = field(default_factory=dict)
    locator: str | None = None
    has_title: bool = False
    complete: bool = False
    title_mark: str | None = None
    container_mark: str | None = None
    original_date: DateMatch | None = None
    dated_in_tail: bool = False
