"""The JSON report keeps the promised shape and carries the fix for each broken link."""

from __future__ import annotations

import json

import pytest

from citecheck.errors import UsageError
from citecheck.model import Report
from citecheck.reports import WRITERS, render

LINK_KEYS = {
    "url",
    "verdict",
    "reason",
    "status",
    "final_url",
    "new_url",
    "redirects",
    "attempts",
    "archive",
    "citations",
}


def test_summary_counts_each_verdict(report: Report) -> None:
    data = json.loads(render(report, "json"))
    summary = data["summary"]
    assert summary["citations"] == len(report.parsed.citations) == 8
    assert summary["links"] == 5
    assert (summary["resolvable"], summary["moved"], summary["dead"]) == (1, 1, 1)
    assert summary["inconclusive"] == 2
    assert summary["offline"] is False
    assert summary["problems"] == 3


def test_every_link_has_the_promised_keys_and_types(report: Report) -> None:
    links = json.loads(render(report, "json"))["links"]
    assert [link["url"] for link in links] == [v.url for v in report.verdicts]
    for link in links:
        assert set(link) >= LINK_KEYS
        assert isinstance(link["verdict"], str) and isinstance(link["reason"], str)
        assert link["status"] is None or isinstance(link["status"], int)
        assert isinstance(link["attempts"], int)
        assert all(set(hop) == {"url", "status"} for hop in link["redirects"])
        assert all(isinstance(cid, str) for cid in link["citations"])


def test_dead_link_offers_the_archive_and_moved_link_the_new_url(report: Report) -> None:
    links = {link["verdict"]: link for link in json.loads(render(report, "json"))["links"]}
    dead, moved = links["dead"], links["moved"]
    assert dead["archive"] == {
        "url": "https://web.archive.org/web/20230301000000/https://gone.example/ua",
        "timestamp": "20230301000000",
    }
    assert dead["fix"] == dead["archive"]["url"]
    assert moved["fix"] == moved["new_url"] == moved["final_url"]
    assert moved["redirects"] == [
        {"url": "https://doi.org/10.1080/14799855.2018.1470000", "status": 301}
    ]
    assert links["resolvable"]["fix"] is None


def test_link_cited_in_two_chapters_lists_both_notes(report: Report) -> None:
    links = json.loads(render(report, "json"))["links"]
    dead = next(link for link in links if link["verdict"] == "dead")
    assert len(dead["citations"]) == 2
    assert [(p["section"], p["note"]) for p in dead["cited_in"]] == [("第1章", "2"), ("第1章", "3")]


def test_problems_and_unicode_are_kept_verbatim(report: Report) -> None:
    text = render(report, "json")
    assert "同上 & co. at the start" in text  # not \\u-escaped
    problems = json.loads(text)["problems"]
    assert problems[0] == {
        "kind": "marker-without-note",
        "severity": "error",
        "section": "第1章",
        "line": 120,
        "note": 7,
        "message": "marker ⁷ has no note 7",
    }


def test_offline_report_says_so_and_has_nothing_dead(offline_report: Report) -> None:
    data = json.loads(render(offline_report, "json"))
    assert data["summary"]["offline"] is True
    assert data["summary"]["dead"] == 0
    assert {link["reason"] for link in data["links"]} == {"offline"}


def test_unknown_format_is_a_usage_error(report: Report) -> None:
    with pytest.raises(UsageError, match="unknown report format"):
        render(report, "yaml")
    assert "json" in WRITERS
