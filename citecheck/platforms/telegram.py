"""Telegram channel post URLs (t.me/<channel>/<id>), judged through the embed widget.

t.me answers 200 for posts and channels that do not exist; only the body tells.
The widget page (`?embed=1`) holds the post in a `tgme_widget_message` element
whose `data-post` is "<channel>/<id>", or, for a missing post, a
`tgme_widget_message_error` element reading "Post not found".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.model import Check, Fetcher, VerdictState
from citecheck.platforms.decision import PlatformDecision, api_failure
from citecheck.urlparts import url_parts

EMBED_BASE = "https://t.me"
HOSTS = frozenset({"t.me", "www.t.me", "telegram.me", "www.telegram.me"})
_POST_PATH = re.compile(r"^/(?:s/)?(?P<channel>[A-Za-z][A-Za-z0-9_]{3,31})/(?P<id>\d{1,12})/?$")
_PRIVATE_PATH = re.compile(r"^/c/\d+/\d+/?$")


def _telegram_path(url: str) -> str | None:
    parts = url_parts(url)
    return parts.path if parts.host in HOSTS else None


def post_ref(url: str) -> tuple[str, str] | None:
    """(channel, post id) of a public channel post URL, else None."""
    path = _telegram_path(url)
    match = _POST_PATH.match(path) if path is not None else None
    return (match.group("channel"), match.group("id")) if match else None


def read_embed(body: bytes, channel: str, post_id: str) -> tuple[VerdictState, str, str]:
    """(state, reason, evidence) from the widget page of `channel`/`post_id`."""
    from bs4 import BeautifulSoup  # only when a post is actually looked at

    soup = BeautifulSoup(body, "html.parser")
    error = soup.select_one(".tgme_widget_message_error")
    if error is not None:
        text = " ".join(error.get_text(" ").split())
        if "not found" in text.lower():
            return "dead", "post-not-found", f"widget says {text!r}"
        return "inconclusive", "embed-error", f"widget says {text!r}"
    message = soup.select_one(".tgme_widget_message[data-post]")
    if message is None:
        return "inconclusive", "embed-unrecognised", "widget page shows no post"
    shown = str(message.get("data-post", ""))
    if shown.lower() != f"{channel}/{post_id}".lower():
        return "inconclusive", "embed-shows-other-post", f"widget shows {shown!r}"
    return "resolvable", "post-exists", f"widget shows {shown!r}"


@dataclass(frozen=True)
class TelegramPostHandler:
    name: str = "telegram"
    endpoint: str = EMBED_BASE

    def matches(self, url: str) -> bool:
        path = _telegram_path(url)
        return path is not None and bool(_POST_PATH.match(path) or _PRIVATE_PATH.match(path))

    def request_url(self, channel: str, post_id: str) -> str:
        return f"{self.endpoint.rstrip('/')}/{channel}/{post_id}?embed=1&mode=tme"

    def decide(self, client: Fetcher, url: str) -> PlatformDecision:
        ref = post_ref(url)
        if ref is None:
            return PlatformDecision(
                self.name,
                "inconclusive",
                "private-chat-link",
                ("t.me/c/… links open only for members of a private chat",),
            )
        check = client.fetch(self.request_url(*ref), method="GET")
        return self._judge(check, *ref)

    def _judge(self, check: Check, channel: str, post_id: str) -> PlatformDecision:
        failure = api_failure(self.name, "embed", check)
        if failure is not None:
            return failure
        if check.status != 200:
            evidence = (f"embed {check.url} → {check.status}",)
            return PlatformDecision(
                self.name, "inconclusive", f"platform-http-{check.status}", evidence, check
            )
        state, reason, seen = read_embed(check.body, channel, post_id)
        evidence = (f"embed {check.url} → 200", seen)
        return PlatformDecision(self.name, state, reason, evidence, check)
