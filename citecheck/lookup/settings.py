"""Where look-ups ask, how fast, on whose behalf, and for which citations.

The paces are each service's documented limit or below it (README, "Looking works up"):

- doi.org content negotiation: answered by the registration agency (Crossref,
  DataCite); 5 a second, under Crossref's 10 a second for single works.
- Crossref REST: 3 a second with a contact (its polite pool's limit for list queries), 1
  without; a lower `X-Rate-Limit-Limit` / `X-Rate-Limit-Interval` it announces wins.
- OpenAlex: 5 a second (its limit is 10 a second and 100,000 a day).
- CiNii Research: 1 a second; it needs the user's registered application id.
- NDL Search: 1 a second, as its terms ask.

The cited pages are not asked again: the link check read them (`lookup.services.webpage`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Any

from citecheck.errors import UsageError

LOOKUP_SCOPES = ("all", "without-link", "none")

BASE_URLS: Mapping[str, str] = MappingProxyType(
    {
        "doi": "https://doi.org",
        "crossref": "https://api.crossref.org",
        "openalex": "https://api.openalex.org",
        "cinii": "https://cir.nii.ac.jp",
        "ndl": "https://ndlsearch.ndl.go.jp",
    }
)
#: Requests a second per service (with a contact where that changes the pool).
RATES: Mapping[str, float] = MappingProxyType(
    {"doi": 5.0, "crossref": 3.0, "openalex": 5.0, "cinii": 1.0, "ndl": 1.0}
)
ANONYMOUS_RATES: Mapping[str, float] = MappingProxyType({"crossref": 1.0})
THIRTY_DAYS = 30 * 86400.0


@dataclass(frozen=True)
class LookupSettings:
    """`base_urls` and `rates` by service name (tests point the URLs at loopback fakes);
    `contact` the address sent to the polite pools (`mailto`); `cinii_appid` the
    application id CiNii Research requires (without one CiNii is not asked);
    `found_max_age` how long a found record is reused, `empty_max_age` an empty answer;
    `retry_after_cap` the longest Retry-After waited for (a longer one stops the service
    for the run); `rows` how many candidates a search asks for."""

    enabled: bool = True
    scope: str = "all"
    contact: str | None = None
    cinii_appid: str | None = None
    base_urls: Mapping[str, str] = field(default_factory=lambda: dict(BASE_URLS))
    rates: Mapping[str, float] = field(default_factory=lambda: dict(RATES))
    found_max_age: float = THIRTY_DAYS
    empty_max_age: float = 86400.0
    retry_after_cap: float = 10.0
    rows: int = 5

    def __post_init__(self) -> None:
        if self.scope not in LOOKUP_SCOPES:
            raise UsageError(f"lookup scope must be one of {', '.join(LOOKUP_SCOPES)}")
        if any(rate <= 0 for rate in self.rates.values()):
            raise UsageError("lookup rates must be positive")
        if self.rows < 1:
            raise UsageError("lookup rows must be at least 1")

    @property
    def active(self) -> bool:
        return self.enabled and self.scope != "none"

    def base(self, service: str) -> str:
        return self.base_urls.get(service, BASE_URLS.get(service, "")).rstrip("/")

    def rate(self, service: str) -> float:
        if self.contact is None and service in ANONYMOUS_RATES:
            return min(ANONYMOUS_RATES[service], self.rates.get(service, RATES[service]))
        return self.rates.get(service, RATES.get(service, 1.0))

    @property
    def memo_prefix(self) -> str:
        """What every remembered answer depends on apart from the request itself: a run
        against a test's loopback fake never gets the real service's answers."""
        return json.dumps(dict(sorted(self.base_urls.items())), sort_keys=True)

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> LookupSettings:
        """Settings from a config `lookup` table: `crossref-api = "…"` (any service's base
        URL as `<service>-api`), `cinii-appid`, `contact`, `rows`, `retry-after-cap`,
        `<service>-rate` (requests a second), `found-max-age` / `empty-max-age` (seconds)."""
        settings = cls()
        urls, rates = dict(settings.base_urls), dict(settings.rates)
        values: dict[str, Any] = {}
        names = {f.name for f in fields(cls)} - {"base_urls", "rates"}
        for key, value in table.items():
            service, _, suffix = key.rpartition("-")
            if suffix == "api" and service in BASE_URLS and isinstance(value, str):
                urls[service] = value
            elif suffix == "rate" and service in RATES and isinstance(value, int | float):
                rates[service] = float(value)
            elif key.replace("-", "_") in names:
                values[key.replace("-", "_")] = value
            else:
                raise UsageError(f"unknown lookup setting {key!r}")
        try:
            return replace(settings, base_urls=urls, rates=rates, **values)
        except TypeError as exc:
            raise UsageError(f"bad lookup setting: {exc}") from None


def lookup_settings(config: Any) -> LookupSettings:
    """The look-up settings of a run: the config's `lookup` table, with `--no-lookup`,
    `--lookup-scope` and `--contact` laid over it."""
    settings: LookupSettings = config.lookup
    changes: dict[str, Any] = {}
    if config.no_lookup:
        changes["enabled"] = False
    if config.lookup_scope is not None:
        changes["scope"] = config.lookup_scope
    if config.contact is not None:
        changes["contact"] = config.contact
    return replace(settings, **changes) if changes else settings
