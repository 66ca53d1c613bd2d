"""Configuration: `[tool.citecheck]` in pyproject.toml, or citecheck.toml, plus the command line.

Found by walking up from the first input's directory to the repository root (the
directory holding `.git`), like ruff: the nearest directory with `citecheck.toml`,
`.citecheck.toml` or a `pyproject.toml` holding `[tool.citecheck]` wins (in that order
within one directory), unless `--config FILE` names one. Every command reads it.
Unknown keys and wrong types are errors naming the key; options given on the command
line override the file. The keys are those of `citecheck.options.OPTIONS`.

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
    reuse-inconclusive = "1h"  # reuse uncertain answers this young (0: always re-ask)
    allow-private = false
    allow-network = ["10.1.0.0/16"]   # private networks reachable all the same
    fail-on = ["moved"]     # exit 1 for these too (dead always fails)
    confirm-dead = 3        # dead only after 3 dead checks ≥ 3 days apart (needs the cache)
    exclude-path = ["vendor/**", "CHANGELOG.md"]   # input files not to read
    ignore = ["web-source-without-link"]           # problem kinds not to report
    select = []             # when set, only these problem kinds are reported
    exit-zero = false       # exit 0 even when problems are found
    offline-ok = false      # no exit 3 when the network was unreachable

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
import re
from collections.abc import Mapping
from dataclasses import field, make_dataclass
from pathlib import Path
from typing import Any

from citecheck.archives import ArchiveSettings
from citecheck.errors import UsageError
from citecheck.net import NetPolicy
from citecheck.options import OPTIONS, VERDICT_CLASSES, convert_table
from citecheck.urlparts import url_parts

__all__ = ["CONFIG_FILES", "VERDICT_CLASSES", "Config", "load_config", "with_overrides"]

#: Looked for in each directory, in this order.
CONFIG_FILES = ("citecheck.toml", ".citecheck.toml", "pyproject.toml")


class _Settings:
    """What a run derives from its settings: the network policy, the URL filter, the
    accepted statuses and the archive settings (command-line endpoints laid over the file's)."""

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
            allowed_networks=self.allow_network,
            **extra,
        )

    def wants(self, url: str) -> bool:
        """True when `url` is to be checked: it matches an include pattern, or no exclude."""
        if any(re.search(pattern, url) for pattern in self.include):
            return True
        return not any(re.search(pattern, url) for pattern in self.exclude)

    def accepted_for(self, url: str) -> frozenset[int]:
        """The status codes accepted as alive for `url`'s host (`www.` and case ignored)."""
        host = url_parts(url).host.removeprefix("www.")
        return self.accept.get(host, frozenset())

    def archive_settings(self) -> ArchiveSettings:
        chosen = {
            "scope": self.archive_scope,
            "availability_api": self.wayback_api,
            "cdx_api": self.cdx_api,
        }
        given = {key: value for key, value in chosen.items() if value is not None}
        return dataclasses.replace(self.archive, **given) if given else self.archive

    def reports(self, kind: str) -> bool:
        """True when problems of `kind` are reported (`select` and `ignore`)."""
        if self.select and kind not in self.select:
            return False
        return kind not in self.ignore


def _default(value: Any) -> Any:
    """A dataclass field defaulting to `value` (a read-only mapping is shared, not copied)."""
    try:
        hash(value)
    except TypeError:
        return field(default_factory=lambda: value)
    return field(default=value)


#: Every setting of a run: one field per row of `citecheck.options.OPTIONS` (same name,
#: same default), plus `source`, the file the settings came from.
Config: Any = make_dataclass(
    "Config",
    [(option.name, Any, _default(option.default)) for option in OPTIONS]
    + [("source", Any, field(default=None))],
    bases=(_Settings,),
    frozen=True,
    namespace={"__doc__": "Every setting of a run; build the network policy with net_policy()."},
)
Config.__module__ = __name__


def from_table(
    table: Mapping[str, Any], source: str, base: Mapping[str, Any] | None = None
) -> Any:
    """A Config from the settings table of a file (over `base`); errors name the file and
    key."""
    return Config(**{**(base or {}), "source": source, **convert_table(table, source)})


def _settings_table(path: Path) -> dict[str, Any] | None:
    import tomllib  # with datetime: only when a settings file is found

    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read config {path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}") from None
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise UsageError(f"{path}: 'tool' must be a table, as in [tool.citecheck]")
    table = tool.get("citecheck", None if path.name == "pyproject.toml" else document)
    if table is not None and not isinstance(table, dict):
        raise UsageError(f"{path}: 'tool.citecheck' must be a table, as in [tool.citecheck]")
    return table


def search_directories(start: str | Path) -> list[Path]:
    """`start` and its parents up to the repository root (the first holding `.git`), or up
    to the filesystem root outside a repository."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    found = []
    for directory in (here, *here.parents):
        found.append(directory)
        if (directory / ".git").exists():
            break
    return found


def load_config(
    explicit: str | None = None,
    directory: str | Path = ".",
    base: Mapping[str, Any] | None = None,
) -> Any:
    """The configuration from `explicit`, else from the nearest config file at or above
    `directory` (a directory or a file in it); `base` (a command's own defaults, see
    `citecheck.options.command_defaults`) under the file's settings."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise UsageError(f"config file {explicit} not found")
        return from_table(_settings_table(path) or {}, str(path), base)
    for folder in search_directories(directory):
        for name in CONFIG_FILES:
            path = folder / name
            if path.is_file():
                table = _settings_table(path)
                if table is not None:
                    return from_table(table, str(path), base)
    return Config(**(base or {}))


def with_overrides(config: Any, overrides: Mapping[str, Any]) -> Any:
    """`config` with every override that is not None (command-line options win)."""
    given = {name: value for name, value in overrides.items() if value is not None}
    return dataclasses.replace(config, **given)
