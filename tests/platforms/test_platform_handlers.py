"""Platform handlers against loopback servers that answer like the real APIs."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from fake_platforms import Platforms, serve_platforms

from citecheck.platforms import handler_for, with_endpoints

TWEET = "https://x.com/USUN/status/1760000000000000001"
POST = "https://t.me/DIUkraine/4723"


@pytest.fixture
def platforms() -> Iterator[Platforms]:
    with serve_platforms(Platforms()) as running:
        yield running


def decide(client, platforms: Platforms, url: str):
    handlers = with_endpoints(
        {
            "x": f"{platforms.base}/oembed",
            "telegram": f"{platforms.base}/tg",
            "doi": f"{platforms.base}/api/handles/",
        }
    )
    handler = handler_for(url, handlers)
    assert handler is not None
    return handler.decide(client, url)


def test_existing_tweet_on_every_host(client, platforms: Platforms) -> None:
    platforms.tweets.add("USUN/status/1760000000000000001")
    for host in ("x.com", "twitter.com", "mobile.twitter.com"):
        url = TWEET.replace("x.com", host)
        decision = decide(client, platforms, url)
        assert (decision.state, decision.reason) == ("resolvable", "post-exists")
        assert "author: USUN" in decision.evidence


def test_deleted_tweet_is_dead(client, platforms: Platforms) -> None:
    decision = decide(client, platforms, TWEET)
    assert (decision.state, decision.reason) == ("dead", "post-not-found")
    assert decision.check.status == 404


def test_protected_tweet_is_inconclusive(client, platforms: Platforms) -> None:
    platforms.protected_tweets.add("USUN/status/1760000000000000001")
    decision = decide(client, platforms, TWEET)
    assert (decision.state, decision.reason) == ("inconclusive", "post-not-public")


def test_telegram_post_exists_or_not(client, platforms: Platforms) -> None:
    platforms.telegram_posts.add("DIUkraine/4723")
    found = decide(client, platforms, POST)
    assert (found.state, found.reason) == ("resolvable", "post-exists")
    missing = decide(client, platforms, "https://t.me/DIUkraine/999999")
    assert (missing.state, missing.reason) == ("dead", "post-not-found")
    assert missing.check.status == 200  # t.me says 200 either way; the body decides
    assert platforms.requests[-1] == "/tg/DIUkraine/999999?embed=1&mode=tme"


def test_doi_registered_or_not(client, platforms: Platforms) -> None:
    platforms.dois["10.1080/01402390.2023.2199999"] = "https://www.tandfonline.com/doi/x"
    found = decide(client, platforms, "https://doi.org/10.1080/01402390.2023.2199999")
    assert (found.state, found.reason) == ("resolvable", "doi-registered")
    assert "registered URL: https://www.tandfonline.com/doi/x" in found.evidence
    missing = decide(client, platforms, "https://doi.org/10.9999/no-such-doi")
    assert (missing.state, missing.reason) == ("dead", "doi-not-found")


@pytest.mark.parametrize(
    ("status", "reason"), [(429, "platform-rate-limited"), (503, "platform-http-503")]
)
def test_busy_platform_is_never_dead(
    client, platforms: Platforms, status: int, reason: str
) -> None:
    platforms.status_override = status
    for url in (TWEET, POST, "https://doi.org/10.1000/1"):
        decision = decide(client, platforms, url)
        assert (decision.state, decision.reason) == ("inconclusive", reason), url


def test_unreachable_platform_is_inconclusive(client) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    handlers = with_endpoints({"x": f"{closed}/oembed"})
    decision = handler_for(TWEET, handlers).decide(client, TWEET)
    assert decision.state == "inconclusive"
    assert decision.reason.startswith("platform-unreachable")
