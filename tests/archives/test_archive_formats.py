"""The availability and CDX shapes of DESIGN.md §3, parsed and built."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from citecheck.archives import ArchiveSettings
from citecheck.archives.formats import (
    ArchiveFormatError,
    Capture,
    availability_request,
    cdx_request,
    parse_availability,
    parse_cdx,
    replay_url,
)
from citecheck.errors import UsageError
from citecheck.model import ArchiveSnapshot

DOCUMENTED = (
    b'{"archived_snapshots":{"closest":{"available":true,'
    b'"url":"http://web.archive.org/web/20130919044612/http://example.com/",'
    b'"timestamp":"20130919044612","status":"200"}}}'
)


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_documented_availability_answer() -> None:
    assert parse_availability(DOCUMENTED) == ArchiveSnapshot(
        url="http://web.archive.org/web/20130919044612/http://example.com/",
        timestamp="20130919044612",
        status=200,
    )


def test_empty_availability_answers_mean_no_snapshot() -> None:
    assert parse_availability(b'{"archived_snapshots":{}}') is None
    unavailable = {"archived_snapshots": {"closest": {"available": False}}}
    assert parse_availability(json.dumps(unavailable).encode()) is None


def test_non_200_capture_keeps_its_status() -> None:
    body = DOCUMENTED.replace(b'"status":"200"', b'"status":"404"')
    assert parse_availability(body).status == 404
    no_status = DOCUMENTED.replace(b',"status":"200"', b"")
    assert parse_availability(no_status).status is None


@pytest.mark.parametrize(
    "body",
    [b"", b"<html>blocked</html>", b"[]", b'{"archived_snapshots":[]}', b'{"x":1}'],
)
def test_malformed_availability_is_an_error_not_a_miss(body: bytes) -> None:
    with pytest.raises(ArchiveFormatError):
        parse_availability(body)


def test_availability_request_asks_before_the_date_for_200s() -> None:
    url = availability_request(
        "https://archive.org/wayback/available", "http://a.jp/x?y=1", "20240215235959", "before"
    )
    assert url.startswith("https://archive.org/wayback/available?")
    assert query(url) == {
        "url": ["http://a.jp/x?y=1"],
        "timestamp": ["20240215235959"],
        "closest": ["before"],
        "status_code": ["200"],
    }
    undated = availability_request("http://127.0.0.1:9/av?k=v", "http://a.jp/", None, "before")
    assert query(undated) == {"k": ["v"], "url": ["http://a.jp/"], "status_code": ["200"]}


def test_cdx_default_columns() -> None:
    rows = [
        ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"],
        ["com,example)/", "20130919044612", "http://example.com/", "text/html", "200", "D", "1"],
        ["com,example)/", "20140101000000", "http://example.com/", "warc/revisit", "-", "D", "1"],
    ]
    assert parse_cdx(json.dumps(rows).encode()) == [
        Capture("20130919044612", "http://example.com/", 200),
        Capture("20140101000000", "http://example.com/", None),
    ]


def test_cdx_selected_columns_and_empty_answers() -> None:
    rows = [["timestamp", "original", "statuscode"], ["2015", "http://a.jp/", "301"]]
    assert parse_cdx(json.dumps(rows).encode()) == [Capture("2015", "http://a.jp/", 301)]
    assert parse_cdx(b"") == []
    assert parse_cdx(b"[]") == []
    assert parse_cdx(b'[["timestamp","original","statuscode"]]') == []


@pytest.mark.parametrize(
    "body",
    [
        b"{}",
        b"not json",
        b'[["urlkey","digest"],["a","b"]]',
        b'[["timestamp","original"],["2013"]]',
        b'[["timestamp","original"],["yesterday","http://a/"]]',
    ],
)
def test_malformed_cdx(body: bytes) -> None:
    with pytest.raises(ArchiveFormatError):
        parse_cdx(body)


def test_cdx_request_window_and_latest() -> None:
    windowed = cdx_request("https://web.archive.org/cdx/search/cdx", "a.jp/x", "2023", "2025", 9)
    assert query(windowed) == {
        "url": ["a.jp/x"],
        "output": ["json"],
        "fl": ["timestamp,original,statuscode"],
        "filter": ["statuscode:200"],
        "from": ["2023"],
        "to": ["2025"],
        "collapse": ["timestamp:8"],
        "limit": ["9"],
    }
    latest = cdx_request("https://web.archive.org/cdx/search/cdx", "a.jp/x", None, None, 9)
    assert "from" not in query(latest)
    assert query(latest)["limit"] == ["-9"]


def test_replay_url() -> None:
    capture = Capture("20130919044612", "http://example.com/a?b=1", 200)
    assert (
        replay_url("https://web.archive.org/web/", capture)
        == "https://web.archive.org/web/20130919044612/http://example.com/a?b=1"
    )


def test_settings_from_a_config_table() -> None:
    settings = ArchiveSettings.from_table(
        {"wayback-api": "http://127.0.0.1:1/av", "rate-per-minute": 12, "enabled": False}
    )
    assert settings.availability_api == "http://127.0.0.1:1/av"
    assert (settings.rate_per_minute, settings.enabled) == (12, False)
    assert ArchiveSettings.from_table({"availability-directions": ["before"]}) == (
        ArchiveSettings(availability_directions=("before",))
    )
    with pytest.raises(UsageError, match="unknown archive setting"):
        ArchiveSettings.from_table({"speed": 1})
    with pytest.raises(UsageError, match="rate"):
        ArchiveSettings.from_table({"rate-per-minute": 0})
    with pytest.raises(UsageError, match="direction"):
        ArchiveSettings(availability_directions=("sideways",))
