"""Which URLs each platform handler claims, and what the widget page tells."""

from __future__ import annotations

import pytest
from embed_pages import existing_post, missing_post

from citecheck.errors import UsageError
from citecheck.model import Check, Link
from citecheck.platforms import PLATFORMS, handler_for, with_endpoints
from citecheck.platforms.decision import PlatformDecision, api_failure
from citecheck.platforms.doi import doi_of
from citecheck.platforms.telegram import post_ref, read_embed
from citecheck.platforms.twitter import XStatusHandler, status_path


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.com/USUN/status/1760000000000000000", "USUN/status/1760000000000000000"),
        ("https://twitter.com/mofa_kr/status/123?s=20", "mofa_kr/status/123"),
        ("https://mobile.twitter.com/a_b/statuses/9/photo/1", "a_b/status/9"),
        ("https://www.x.com/i/web/status/77", "i/web/status/77"),
        ("https://x.com/USUN", None),
        ("https://x.com/USUN/likes", None),
        ("https://example.com/USUN/status/1", None),
    ],
)
def test_x_status_urls(url: str, expected: str | None) -> None:
    assert status_path(url) == expected


def test_oembed_request_uses_the_canonical_post_url() -> None:
    handler = XStatusHandler(endpoint="http://127.0.0.1:9/oembed")
    assert handler.request_url("https://x.com/USUN/status/5?s=20") == (
        "http://127.0.0.1:9/oembed?url=https%3A%2F%2Ftwitter.com%2FUSUN%2Fstatus%2F5"
        "&omit_script=true"
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://t.me/DIUkraine/4723", ("DIUkraine", "4723")),
        ("https://t.me/s/DIUkraine/4723", ("DIUkraine", "4723")),
        ("http://telegram.me/rybar/100/", ("rybar", "100")),
        ("https://t.me/DIUkraine", None),
        ("https://t.me/c/1234567/89", None),
        ("https://t.me/joinchat/AAAA", None),
    ],
)
def test_telegram_post_urls(url: str, expected: tuple[str, str] | None) -> None:
    assert post_ref(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://doi.org/10.1080/01402390.2023.2199999", "10.1080/01402390.2023.2199999"),
        ("http://dx.doi.org/10.1000/xyz%3C1%3E", "10.1000/xyz<1>"),
        ("https://doi.org/about", None),
        ("https://example.org/10.1000/1", None),
    ],
)
def test_doi_urls(url: str, expected: str | None) -> None:
    assert doi_of(url) == expected


def test_handler_for_picks_the_platform_or_none() -> None:
    assert handler_for("https://x.com/USUN/status/1").name == "x"
    assert handler_for("https://t.me/DIUkraine/4723").name == "telegram"
    assert handler_for("https://t.me/c/123/45").name == "telegram"
    assert handler_for("https://doi.org/10.1000/1").name == "doi"
    assert handler_for("https://www.mod.go.jp/") is None
    assert handler_for("https://t.me/DIUkraine") is None


def test_private_chat_links_are_inconclusive_without_a_request() -> None:
    class NoNetwork:
        def fetch(self, *args: object, **kwargs: object) -> Check:
            raise AssertionError("no request expected")

    decision = handler_for("https://t.me/c/123/45").decide(NoNetwork(), "https://t.me/c/123/45")
    assert (decision.state, decision.reason) == ("inconclusive", "private-chat-link")


def test_with_endpoints_replaces_only_the_named_ones() -> None:
    handlers = with_endpoints({"x": "http://127.0.0.1:1/oembed"})
    assert [h.name for h in handlers] == [h.name for h in PLATFORMS]
    assert handlers[0].endpoint == "http://127.0.0.1:1/oembed"
    assert handlers[1:] == PLATFORMS[1:]
    with pytest.raises(UsageError, match="unknown platform"):
        with_endpoints({"mastodon": "http://127.0.0.1:1/"})


def test_read_embed() -> None:
    assert read_embed(existing_post("DIUkraine", "4723"), "DIUkraine", "4723")[:2] == (
        "resolvable",
        "post-exists",
    )
    assert read_embed(missing_post("DIUkraine", "4723"), "DIUkraine", "4723")[:2] == (
        "dead",
        "post-not-found",
    )
    bare_error = b'<div class="tgme_widget_message_error">Post not found</div>'
    assert read_embed(bare_error, "a", "1")[0] == "dead"
    private = b'<div class="tgme_widget_message_error">Channel is private</div>'
    assert read_embed(private, "a", "1")[:2] == ("inconclusive", "embed-error")
    assert read_embed(existing_post("other", "1"), "a", "1")[:2] == (
        "inconclusive",
        "embed-shows-other-post",
    )
    assert read_embed(b"<html><body>Telegram</body></html>", "a", "1")[:2] == (
        "inconclusive",
        "embed-unrecognised",
    )


def test_failures_are_never_dead() -> None:
    def check(status: int | None, error: str | None = None) -> Check:
        return Check("http://api/", "GET", status, None, error=error)

    assert api_failure("x", "oEmbed", check(None, "timeout")).reason == (
        "platform-unreachable: timeout"
    )
    assert api_failure("x", "oEmbed", check(429)).reason == "platform-rate-limited"
    assert api_failure("x", "oEmbed", check(503)).reason == "platform-http-503"
    assert api_failure("x", "oEmbed", check(404)) is None


def test_decision_becomes_a_verdict() -> None:
    link = Link("https://x.com/USUN/status/1", ("n1-c1", "n7-c2"))
    api = Check("http://api/", "GET", 404, "http://api/", attempts=2, elapsed=0.5)
    verdict = PlatformDecision("x", "dead", "post-not-found", ("oEmbed → 404",), api).verdict(link)
    assert (verdict.url, verdict.state, verdict.reason) == (link.url, "dead", "post-not-found")
    assert verdict.citation_ids == ("n1-c1", "n7-c2")
    assert verdict.details == ("platform: x", "oEmbed → 404")
    assert (verdict.attempts, verdict.elapsed, verdict.status) == (2, 0.5, None)
