"""X / Twitter status URLs, judged through the public oEmbed endpoint.

x.com serves the same 200 app shell (or a 403) for every post, existing or not, so
the page itself proves nothing. The oEmbed endpoint answers 200 with JSON for an
existing public post and 404 for one that was deleted or never existed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from citecheck.model import Fetcher
from citecheck.platforms.decision import PlatformDecision, api_failure
from citecheck.urlparts import url_parts

OEMBED_ENDPOINT = "https://publish.twitter.com/oembed"
HOSTS = frozenset(
    {"x.com", "www.x.com", "mobile.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com"}
)
_STATUS_PATH = re.compile(r"^/(?P<user>[A-Za-z0-9_]{1,15}|i/web|i)/status(?:es)?/(?P<id>\d{1,20})")


def status_path(url: str) -> str | None:
    """The canonical "<user>/status/<id>" of a status URL on any X/Twitter host."""
    parts = url_parts(url)
    if parts.host not in HOSTS:
        return None
    match = _STATUS_PATH.match(parts.path)
    if not match:
        return None
    return f"{match.group('user')}/status/{match.group('id')}"


@dataclass(frozen=True)
class XStatusHandler:
    name: str = "x"
    endpoint: str = OEMBED_ENDPOINT

    def matches(self, url: str) -> bool:
        return status_path(url) is not None

    def request_url(self, url: str) -> str:
        canonical = f"https://twitter.com/{status_path(url)}"
        return f"{self.endpoint}?{urlencode({'url': canonical, 'omit_script': 'true'})}"

    def decide(self, client: Fetcher, url: str) -> PlatformDecision:
        check = client.fetch(self.request_url(url), method="GET")
        failure = api_failure(self.name, "oEmbed", check)
        if failure is not None:
            return failure
        evidence = (f"oEmbed {check.url} → {check.status}",)
        if check.status == 200:
            try:
                document = json.loads(check.body.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                document = None
            if isinstance(document, dict) and ("html" in document or "url" in document):
                author = document.get("author_name")
                if author:
                    evidence += (f"author: {author}",)
                return PlatformDecision(self.name, "resolvable", "post-exists", evidence, check)
            return PlatformDecision(
                self.name, "inconclusive", "oembed-unrecognised", evidence, check
            )
        if check.status in (404, 410):
            return PlatformDecision(self.name, "dead", "post-not-found", evidence, check)
        if check.status in (401, 403):
            return PlatformDecision(self.name, "inconclusive", "post-not-public", evidence, check)
        return PlatformDecision(
            self.name, "inconclusive", f"platform-http-{check.status}", evidence, check
        )
