"""Requests to, and answers from, the Wayback availability and CDX APIs (DESIGN.md §3).

Pure functions over strings and bytes: no network here, so every shape the real APIs
answer with can be tested directly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from citecheck.archives.timestamps import parse_timestamp
from citecheck.model import ArchiveSnapshot


class ArchiveFormatError(ValueError):
    """An archive answered 2xx with something that is not the documented shape."""


@dataclass(frozen=True)
class Capture:
    """One capture listed by the CDX API."""

    timestamp: str
    original: str
    status: int | None


def with_query(endpoint: str, params: dict[str, str]) -> str:
    separator = "&" if "?" in endpoint else "?"
    return endpoint + separator + urlencode(params)


def availability_request(
    endpoint: str, url: str, timestamp: str | None, closest: str | None
) -> str:
    """The availability API query for `url` near `timestamp`, asking for 200 captures.

    `closest` ("before" / "after") and `status_code` are honoured by the API's v1
    form and ignored by the classic one; the answer's own `status` is checked anyway.
    """
    params = {"url": url}
    if timestamp:
        params["timestamp"] = timestamp
        if closest:
            params["closest"] = closest
    params["status_code"] = "200"
    return with_query(endpoint, params)


def _json(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ArchiveFormatError(f"not JSON: {exc}") from None


def parse_status(value: object) -> int | None:
    """A capture's HTTP status as the APIs write it ("200", 200, "-" for none)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def parse_availability(body: bytes) -> ArchiveSnapshot | None:
    """The `closest` snapshot of an availability answer, or None when it names none.

    `{"archived_snapshots": {}}` is the documented "nothing archived" answer; a
    closest entry marked unavailable counts as none too.
    """
    document = _json(body)
    if not isinstance(document, dict) or not isinstance(document.get("archived_snapshots"), dict):
        raise ArchiveFormatError("no archived_snapshots object")
    closest = document["archived_snapshots"].get("closest")
    if closest is None:
        return None
    if not isinstance(closest, dict):
        raise ArchiveFormatError("archived_snapshots.closest is not an object")
    if closest.get("available") is False:
        return None
    url, timestamp = closest.get("url"), closest.get("timestamp")
    if not isinstance(url, str) or not isinstance(timestamp, str):
        raise ArchiveFormatError("closest snapshot lacks url or timestamp")
    if parse_timestamp(timestamp) is None:
        raise ArchiveFormatError(f"closest snapshot has a bad timestamp {timestamp!r}")
    return ArchiveSnapshot(url=url, timestamp=timestamp, status=parse_status(closest.get("status")))


def cdx_request(endpoint: str, url: str, start: str | None, end: str | None, limit: int) -> str:
    """The CDX query for 200 captures of exactly `url` between `start` and `end`.

    `collapse=timestamp:8` keeps one capture a day, so `limit` spans a long window,
    and `fl` asks only for the three columns used, keeping the answer small.
    Without a window, a negative limit asks for the latest captures instead of the
    earliest.
    """
    params = {
        "url": url,
        "output": "json",
        "fl": "timestamp,original,statuscode",
        "filter": "statuscode:200",
    }
    if start:
        params["from"] = start
    if end:
        params["to"] = end
    params["collapse"] = "timestamp:8"
    params["limit"] = str(limit if start or end else -limit)
    return with_query(endpoint, params)


def parse_cdx(body: bytes) -> list[Capture]:
    """Captures from a CDX `output=json` answer: a header row, then one row per capture.

    The header names the columns, so a query with `fl=` works as well as the default
    seven. An empty body or `[]` means no capture.
    """
    if not body.strip():
        return []
    rows = _json(body)
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise ArchiveFormatError("CDX answer is not a list of rows")
    if not rows:
        return []
    header, *records = rows
    try:
        at_timestamp, at_original = header.index("timestamp"), header.index("original")
    except ValueError:
        raise ArchiveFormatError("CDX header lacks timestamp or original") from None
    at_status = header.index("statuscode") if "statuscode" in header else None
    captures = []
    for record in records:
        if len(record) != len(header):
            raise ArchiveFormatError(f"CDX row has {len(record)} fields, header {len(header)}")
        timestamp = str(record[at_timestamp])
        if parse_timestamp(timestamp) is None:
            raise ArchiveFormatError(f"CDX row has a bad timestamp {timestamp!r}")
        status = parse_status(record[at_status]) if at_status is not None else None
        captures.append(Capture(timestamp, str(record[at_original]), status))
    return captures


def replay_url(replay_base: str, capture: Capture) -> str:
    """Where the archive replays `capture`: <replay_base><timestamp>/<original>."""
    return f"{replay_base.rstrip('/')}/{capture.timestamp}/{capture.original}"
