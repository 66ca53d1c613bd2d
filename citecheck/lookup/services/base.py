"""What every look-up service is: a request builder and a pure reader of its answers."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from citecheck.lookup.record import Query, Record
from citecheck.lookup.settings import LookupSettings
from citecheck.model import Check


class MalformedAnswer(ValueError):
    """An answer that is not in the shape the service documents."""


@dataclass(frozen=True)
class Request:
    url: str
    headers: Mapping[str, str] = field(default_factory=dict)


class Service(Protocol):
    name: str

    def request(self, query: Query, settings: LookupSettings) -> Request | None: ...

    def read(self, answer: Check) -> tuple[Record, ...]: ...


def json_body(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise MalformedAnswer(f"not JSON: {exc}") from None


def text(value: Any) -> str | None:
    """A string from a value that may be a string, a list of strings or a JSON-LD value."""
    if isinstance(value, list):
        value = next((v for v in (text(item) for item in value) if v), None)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("value")
    return value.strip() if isinstance(value, str) and value.strip() else None


def search_text(query: Query) -> str:
    """The words a bibliographic search is given: title, first author, year, container."""
    parts = [query.title or "", *query.authors[:1], str(query.year or ""), query.container or ""]
    return " ".join(part for part in parts if part)
