"""What an archive lookup may do: where it asks, how fast, and whether at all."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from citecheck.errors import UsageError

WAYBACK_AVAILABILITY_API = "https://archive.org/wayback/available"
WAYBACK_CDX_API = "https://web.archive.org/cdx/search/cdx"
WAYBACK_REPLAY = "https://web.archive.org/web/"
WAYBACK_SAVE_API = "https://web.archive.org/save"

ARCHIVE_SCOPES = ("all", "dead")

#: Config-file spellings that differ from the field names (the rest are kebab-case).
_KEY_ALIASES = {"wayback-api": "availability_api"}


@dataclass(frozen=True)
class ArchiveSettings:
    """Endpoints and politeness for one archive (the Wayback Machine or a mirror of its APIs).

    The default pace, 20 requests a minute with a burst of 3, stays well under the
    Internet Archive's reported limit (about 60 a minute). The availability API is
    asked for the closest capture before the citation date, then after it; the CDX
    API (one query sees both sides) is the fallback when it names none, and
    `replay_base` turns a CDX row into a snapshot URL. The CDX query keeps one
    capture a day within `cdx_window_days` either side of the citation date, so a
    `cdx_limit` above twice the window never cuts off the captures nearest it.
    `verify_snapshots` fetches each offered snapshot once (one more rate-limited
    request) and drops it unless it still answers 200 for the same page.
    `scope` says which links get a lookup: "dead" (the default: only the links that
    need a fix now) or "all" (live links need a snapshot too, before they rot; at the
    archive's pace that is about 3 s a link, 15 minutes for 300 links on a cold cache).
    """

    availability_api: str | None = WAYBACK_AVAILABILITY_API
    cdx_api: str | None = WAYBACK_CDX_API
    replay_base: str = WAYBACK_REPLAY
    availability_directions: tuple[str, ...] = ("before", "after")
    rate_per_minute: float = 20.0
    burst: int = 3
    enabled: bool = True
    cdx_window_days: int = 366
    cdx_limit: int = 1000
    verify_snapshots: bool = False
    scope: str = "dead"
    #: Save Page Now 2 (used only with a key, see `citecheck.archives.save`): where,
    #: how fast (its limit is about 15 captures a minute), how many polls of a job
    #: how far apart, and how many captures a run may ask for.
    save_api: str = WAYBACK_SAVE_API
    save_rate_per_minute: float = 12.0
    save_polls: int = 24
    save_poll_seconds: float = 5.0
    save_limit: int = 100

    def __post_init__(self) -> None:
        if self.rate_per_minute <= 0:
            raise UsageError(f"archive rate must be positive, not {self.rate_per_minute}")
        if self.burst < 1:
            raise UsageError(f"archive burst must be at least 1, not {self.burst}")
        unknown = set(self.availability_directions) - {"before", "after"}
        if unknown:
            raise UsageError(f"unknown availability direction(s): {', '.join(sorted(unknown))}")
        if self.scope not in ARCHIVE_SCOPES:
            raise UsageError(f"archive scope must be one of {', '.join(ARCHIVE_SCOPES)}")
        if self.cdx_window_days < 1 or self.cdx_limit < 1:
            raise UsageError("CDX window and limit must be positive")
        if self.save_rate_per_minute <= 0 or self.save_poll_seconds < 0:
            raise UsageError("the save rate must be positive and the poll interval not negative")
        if not 0 <= self.save_polls <= 120 or self.save_limit < 0:
            raise UsageError("save polls must be 0 to 120 and the save limit not negative")

    @property
    def lookup_key(self) -> str:
        """What every lookup asks, apart from the link: the endpoints and the search
        options that can change the answer (not the pace, which cannot).

        Remembered answers are kept under it, so a run against another archive, a
        test's loopback one or a wider CDX window never gets this one's answers.
        """
        return json.dumps(
            {
                "availability": self.availability_api,
                "cdx": self.cdx_api,
                "replay": self.replay_base,
                "directions": list(self.availability_directions),
                "cdx-window-days": self.cdx_window_days,
                "cdx-limit": self.cdx_limit,
                "verify": self.verify_snapshots,
            },
            sort_keys=True,
        )

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> ArchiveSettings:
        """Settings from a config `archive` table (kebab-case keys: "wayback-api",
        "cdx-api", "rate-per-minute", "burst", "enabled", "verify-snapshots", …)."""
        names = {field.name for field in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in table.items():
            name = _KEY_ALIASES.get(key, key.replace("-", "_"))
            if name not in names:
                raise UsageError(f"unknown archive setting {key!r}")
            values[name] = tuple(value) if isinstance(value, list) else value
        return cls(**values)
