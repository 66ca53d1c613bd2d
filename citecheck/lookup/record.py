"""What a look-up asks (`Query`, from a citation's CSL fields) and what it gets (`Lookup`).

A `Record` is one work as a service describes it, reduced to the fields the matching
compares. A `Lookup` is one service's answer to one query: the records it gave, or why
there are none (rate-limited, offline, a failed or malformed answer). "Could not ask"
is a typed outcome, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from citecheck.citations.language import item_language
from citecheck.links.urls import doi_of

Outcome = Literal["answered", "rate-limited", "offline", "failed"]
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class Query:
    """The fields of a citation a service is asked about."""

    title: str | None
    authors: tuple[str, ...] = ()
    year: int | None = None
    container: str | None = None
    doi: str | None = None
    url: str | None = None
    type: str | None = None
    language: str | None = None

    @classmethod
    def from_csl(cls, csl: dict[str, Any]) -> Query:
        doi = csl.get("DOI")
        url = csl.get("URL")
        if not doi and isinstance(url, str):
            doi = doi_of(url)
        return cls(
            title=_text(csl.get("title")),
            authors=tuple(name for name in map(family_name, csl.get("author") or ()) if name),
            year=csl_year(csl.get("issued")),
            container=_text(csl.get("container-title")),
            doi=doi.lower() if isinstance(doi, str) and doi else None,
            url=url if isinstance(url, str) and url and not doi_of(url) else None,
            type=_text(csl.get("type")),
            language=item_language(csl),
        )


@dataclass(frozen=True)
class Record:
    """One work as a service describes it. `titles` holds every title it gives (the
    main one first: a transcription or a title in another language may follow)."""

    service: str
    id: str
    url: str
    titles: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    year: int | None = None
    container: str | None = None
    doi: str | None = None

    @property
    def title(self) -> str | None:
        return self.titles[0] if self.titles else None


@dataclass(frozen=True)
class Lookup:
    """One service's answer to one query. `asked` is the request sent (its URL)."""

    service: str
    outcome: Outcome
    asked: str = ""
    records: tuple[Record, ...] = ()
    detail: str = ""


def family_name(name: Any) -> str | None:
    """The family name of a CSL name (a literal name, e.g. a CJK one, whole)."""
    if not isinstance(name, dict):
        return None
    value = name.get("family") or name.get("literal")
    return value.strip() if isinstance(value, str) and value.strip() else None


def csl_year(date: Any) -> int | None:
    """The year of a CSL date (`date-parts`, else `raw` / `literal`)."""
    if not isinstance(date, dict):
        return None
    parts = date.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            return int(parts[0][0])
        except (TypeError, ValueError):
            return None
    return year_in(date.get("raw") or date.get("literal"))


def year_in(text: Any) -> int | None:
    match = _YEAR.search(text) if isinstance(text, str) else None
    return int(match.group(1)) if match else None


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, str) and item.strip()), None)
    return value.strip() if isinstance(value, str) and value.strip() else None
