"""DOIs (doi.org/<doi> URLs), judged through the DOI proxy's handle API.

`GET https://doi.org/api/handles/<doi>?type=URL` answers JSON whose
`responseCode` is 1 when the DOI is registered (its URL value is the landing
page), 100 when no such handle exists (with HTTP 404) and 200 when the handle
exists but has no URL value.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import quote

from citecheck.links.urls import doi_of as doi_in_url
from citecheck.model import Fetcher
from citecheck.platforms.decision import PlatformDecision, api_failure

HANDLE_API = "https://doi.org/api/handles/"
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


def doi_of(url: str) -> str | None:
    """The DOI named by a doi.org URL, if it has a DOI's shape, else None."""
    doi = doi_in_url(url)
    return doi if doi is not None and _DOI.match(doi) else None


def _registered_url(document: dict) -> str | None:
    for value in document.get("values") or ():
        if isinstance(value, dict) and value.get("type") == "URL":
            data = value.get("data")
            if isinstance(data, dict) and isinstance(data.get("value"), str):
                return data["value"]
    return None


@dataclass(frozen=True)
class DoiHandler:
    name: str = "doi"
    endpoint: str = HANDLE_API

    def matches(self, url: str) -> bool:
        return doi_of(url) is not None

    def request_url(self, doi: str) -> str:
        return f"{self.endpoint.rstrip('/')}/{quote(doi, safe='/')}?type=URL"

    def decide(self, client: Fetcher, url: str) -> PlatformDecision:
        doi = doi_of(url)
        if doi is None:
            raise ValueError(f"not a doi.org URL: {url}")
        check = client.fetch(self.request_url(doi), method="GET")
        failure = api_failure(self.name, "handle API", check)
        if failure is not None:
            return failure
        evidence: tuple[str, ...] = (f"handle API {check.url} → {check.status}",)
        try:
            document = json.loads(check.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            document = None
        code = document.get("responseCode") if isinstance(document, dict) else None
        if code == 1 and isinstance(document, dict):
            registered = _registered_url(document)
            if registered:
                evidence += (f"registered URL: {registered}",)
            return PlatformDecision(self.name, "resolvable", "doi-registered", evidence, check)
        if code == 100:
            return PlatformDecision(self.name, "dead", "doi-not-found", evidence, check)
        if code == 200:
            return PlatformDecision(self.name, "inconclusive", "doi-has-no-url", evidence, check)
        reason = f"handle-response-{code}" if code is not None else "handle-answer-unrecognised"
        return PlatformDecision(self.name, "inconclusive", reason, evidence, check)
