"""Configuration: `[tool.citecheck]` in pyproject.toml, or citecheck.toml, plus the command line.

Found in the working directory (citecheck.toml first, then pyproject.toml) unless
`--config FILE` names one. Unknown keys and wrong types are errors naming the key;
options given on the command line override the file.

    [tool.citecheck]
    timeout = 10            # seconds to wait for an answer
    connect-timeout = 5
    deadline = 15           # seconds per URL, every hop and retry included
    retries = 2
    concurrency = 128
    host-concurrency = 4
    user-agent = "citecheck (+https://example.org/contact)"
    exclude = ["^https?://localhost", "linkedin\\.com"]
    include = []            # checked even when an exclude pattern matches
    cache = ".citecheck-cache.sqlite"
    max-age = "1d"          # seconds, or "30m", "12h", "2d"
    reuse-inconclusive = 0  # reuse uncertain answers this young (default: always re-ask)
    allow-private = false
    fail-on = ["moved"]     # exit 1 for these too (dead always fails)
    confirm-dead = 3        # dead only after 3 dead checks ≥ 3 days apart (needs the cache)

    [tool.citecheck.accept]
    "example.org" = [403]   # status codes that mean "alive" on this host

    [tool.citecheck.archive]
    enabled = true
    wayback-api = "https://archive.org/wayback/available"
    cdx-api = "https://web.archive.org/cdx/search/cdx"
    rate-per-minute = 20
"""

from __future__ import annotations

import dataclasses
import math
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from citecheck.archives import ArchiveSettings
from citecheck.errors import UsageError
from citecheck.net import NetPolicy

VERDICT_CLASSES = ("resolvable", "moved", "dead", "inconclusive")
CONFIG_FILES = ("citecheck.toml", "pyproject.toml")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Config:
    """Every setting of a check run. Build the network policy with `net_policy()`."""

    timeout: float = NetPolicy.read_timeout
    connect_timeout: float = NetPolicy.connect_timeout
    deadline: float | None = None
    retries: int = NetPolicy.retries
    concurrency: int = NetPolicy.concurrency
    host_concurrency: int = NetPolicy.host_concurrency
    user_agent: str | None = None
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    accept: Mapping[str, frozenset[int]] = field(default_factory=dict)
    archive: ArchiveSettings = field(default_factory=ArchiveSettings)
    cache: str | None = None
    max_age: float = 86400.0
    reuse_inconclusive: float = 0.0
    allow_private: bool = False
    fail_on: frozenset[str] = frozenset()
    confirm_dead: int = 1
    source: str | None = None

    def net_policy(self) -> NetPolicy:
        """The network limits; the deadline defaults to room for one full connect+read."""
        deadline = self.deadline or max(NetPolicy.deadline, self.connect_timeout + self.timeout)
        extra = {"user_agent": self.user_agent} if self.user_agent else {}
        return NetPolicy(
            connect_timeout=self.connect_timeout,
            read_timeout=self.timeout,
            deadline=deadline,
            retries=self.retries,
            concurrency=self.concurrency,
            host_concurrency=self.host_concurrency,
            allow_private=self.allow_private,
            **extra,
        )

    def wants(self, url: str) -> bool:
        """True when `url` is to be checked: it matches an include pattern, or no exclude."""
        if any(re.search(pattern, url) for pattern in self.include):
            return True
        return not any(re.search(pattern, url) for pattern in self.exclude)

    def accepted_for(self, url: str) -> frozenset[int]:
        """The status codes accepted as alive for `url`'s host (`www.` and case ignored)."""
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        return self.accept.get(host, frozenset())


# --- value converters: each raises ValueError with what was expected --------------------


def positive_number(value: Any) -> float:
    valid = isinstance(value, int | float) and not isinstance(value, bool)
    if not valid or not math.isfinite(value) or value <= 0:
        raise ValueError("a positive number")
    return float(value)


def whole_number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError("a whole number of at least 1")
    return value


def non_negative_whole_number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("a whole number of at least 0")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a non-empty string")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("true or false")
    return value


def pattern(value: str) -> str:
    """A regular expression, checked to compile."""
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"valid regular expressions ({value!r}: {exc})") from None
    return value


def _patterns(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("a list of regular expressions")
    return tuple(pattern(item) for item in value)


def duration(value: Any) -> float:
    """Seconds from a number or a string like "90", "30m", "12h", "1d"."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and math.isfinite(value) and value >= 0:
        return float(value)
    match = _DURATION.match(value) if isinstance(value, str) else None
    if not match:
        raise ValueError('a duration such as 3600, "30m", "12h" or "1d"')
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def verdict_classes(value: Any) -> frozenset[str]:
    """Verdict classes from a list or a comma-separated string ("moved,inconclusive")."""
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(v in VERDICT_CLASSES for v in value):
        raise ValueError(f"a list of verdicts among {', '.join(VERDICT_CLASSES)}")
    return frozenset(value)


def _accept(value: Any) -> Mapping[str, frozenset[int]]:
    if not isinstance(value, dict):
        raise ValueError('a table of host = [status codes], e.g. "example.org" = [403]')
    accepted = {}
    for host, codes in value.items():
        valid = isinstance(codes, list) and all(
            isinstance(c, int) and not isinstance(c, bool) and 100 <= c <= 999 for c in codes
        )
        if not valid:
            raise ValueError(f"a list of HTTP status codes for {host!r}")
        accepted[host.lower().removeprefix("www.")] = frozenset(codes)
    return accepted


def _archive(value: Any) -> ArchiveSettings:
    if not isinstance(value, dict):
        raise ValueError("a table such as {enabled = true, rate-per-minute = 20}")
    try:
        return ArchiveSettings.from_table(value)
    except (UsageError, TypeError) as exc:
        raise ValueError(f"a valid archive table ({exc})") from None


#: File key → (Config attribute, converter).
KEYS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "timeout": ("timeout", positive_number),
    "connect-timeout": ("connect_timeout", positive_number),
    "deadline": ("deadline", positive_number),
    "retries": ("retries", non_negative_whole_number),
    "concurrency": ("concurrency", whole_number),
    "host-concurrency": ("host_concurrency", whole_number),
    "user-agent": ("user_agent", _text),
    "exclude": ("exclude", _patterns),
    "include": ("include", _patterns),
    "accept": ("accept", _accept),
    "archive": ("archive", _archive),
    "cache": ("cache", _text),
    "max-age": ("max_age", duration),
    "reuse-inconclusive": ("reuse_inconclusive", duration),
    "allow-private": ("allow_private", _flag),
    "fail-on": ("fail_on", verdict_classes),
    "confirm-dead": ("confirm_dead", whole_number),
}


def from_table(table: Mapping[str, Any], source: str) -> Config:
    """A Config from the settings table of a file; errors name the file and key."""
    values: dict[str, Any] = {"source": source}
    for key, value in table.items():
        if key not in KEYS:
            raise UsageError(f"{source}: unknown setting {key!r} (known: {', '.join(KEYS)})")
        attribute, convert = KEYS[key]
        try:
            values[attribute] = convert(value)
        except ValueError as exc:
            raise UsageError(f"{source}: setting {key!r} must be {exc}") from None
    return Config(**values)


def _settings_table(path: Path) -> dict[str, Any] | None:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read config {path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        return document.get("tool", {}).get("citecheck")
    return document.get("tool", {}).get("citecheck", document)


def load_config(explicit: str | None = None, directory: str | Path = ".") -> Config:
    """The configuration from `explicit`, else the first config file found in `directory`."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise UsageError(f"config file {explicit} not found")
        return from_table(_settings_table(path) or {}, str(path))
    for name in CONFIG_FILES:
        path = Path(directory) / name
        if path.is_file():
            table = _settings_table(path)
            if table is not None:
                return from_table(table, str(path))
    return Config()


def with_overrides(config: Config, overrides: Mapping[str, Any]) -> Config:
    """`config` with every override that is not None (command-line options win)."""
    given = {name: value for name, value in overrides.items() if value is not None}
    return dataclasses.replace(config, **given)
