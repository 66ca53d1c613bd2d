"""One loopback server answering like publish.twitter.com/oembed, t.me ?embed=1 and
doi.org/api/handles, from the posts and DOIs a test declares."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, unquote, urlsplit

from embed_pages import existing_post, missing_post

from tests.servers import serve_loopback


@dataclass
class Platforms:
    tweets: set[str] = field(default_factory=set)  # "user/status/id" that exist
    protected_tweets: set[str] = field(default_factory=set)
    telegram_posts: set[str] = field(default_factory=set)  # "channel/id" that exist
    dois: dict[str, str] = field(default_factory=dict)  # doi -> registered URL
    status_override: int | None = None
    requests: list[str] = field(default_factory=list)
    base: str = ""

    def oembed(self, query: dict[str, str]) -> tuple[int, bytes, str]:
        path = urlsplit(query.get("url", "")).path.strip("/")
        if path in self.protected_tweets:
            return 403, b'{"errors":[{"message":"Forbidden"}]}', "application/json"
        if path not in self.tweets:
            return 404, b"", "text/plain"
        user = path.split("/")[0]
        document = {
            "url": f"https://twitter.com/{path}",
            "author_name": user,
            "author_url": f"https://twitter.com/{user}",
            "html": f'<blockquote class="twitter-tweet"><p>…</p>— {user}</blockquote>',
            "type": "rich",
            "provider_name": "Twitter",
            "version": "1.0",
        }
        return 200, json.dumps(document).encode(), "application/json"

    def embed(self, path: str) -> tuple[int, bytes, str]:
        channel, _, post_id = path.strip("/").partition("/")
        page = existing_post if f"{channel}/{post_id}" in self.telegram_posts else missing_post
        return 200, page(channel, post_id), "text/html; charset=utf-8"

    def handle(self, doi: str) -> tuple[int, bytes, str]:
        if doi not in self.dois:
            document: dict = {"responseCode": 100, "handle": doi}
            return 404, json.dumps(document).encode(), "application/json"
        value = {"format": "string", "value": self.dois[doi]}
        document = {
            "responseCode": 1,
            "handle": doi,
            "values": [{"index": 1, "type": "URL", "data": value, "ttl": 86400}],
        }
        return 200, json.dumps(document).encode(), "application/json"


class _Handler(BaseHTTPRequestHandler):
    platforms: Platforms

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        platforms = self.platforms
        platforms.requests.append(self.path)
        parts = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        if platforms.status_override is not None:
            status, body, kind = platforms.status_override, b"busy", "text/plain"
        elif parts.path == "/oembed":
            status, body, kind = platforms.oembed(query)
        elif parts.path.startswith("/api/handles/"):
            status, body, kind = platforms.handle(unquote(parts.path[len("/api/handles/") :]))
        elif parts.path.startswith("/tg/") and query.get("embed") == "1":
            status, body, kind = platforms.embed(parts.path[len("/tg/") :])
        else:
            status, body, kind = 404, b"not found", "text/plain"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve_platforms(platforms: Platforms) -> Iterator[Platforms]:
    handler = type("Handler", (_Handler,), {"platforms": platforms})
    with serve_loopback(handler) as base:
        platforms.base = base
        yield platforms
