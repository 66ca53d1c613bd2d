"""Every setting of a run, written once: the table OPTIONS.

Each `Option` is one row: its name (the `Config` attribute; `--name-with-dashes` on the
command line and `name-with-dashes` in `[tool.citecheck]`), the converter that checks
and converts a value (the same for both sources, so both reject the same values), its
default, its help text, and the commands that take it. `citecheck.config` builds the
`Config` dataclass and the file keys from the table, and `add_options` builds the
argparse options, so adding a setting is adding a row.
"""

from __future__ import annotations

import argparse
import ipaddress
import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal
from urllib.parse import urlsplit

from citecheck.archives.settings import ARCHIVE_SCOPES, ArchiveSettings
from citecheck.errors import UsageError
from citecheck.lookup.settings import LOOKUP_SCOPES, LookupSettings
from citecheck.net.policy import NetPolicy

VERDICT_CLASSES = ("resolvable", "moved", "dead", "inconclusive")
#: The citation problems `fail-on` takes besides the verdict classes.
FAILING_PROBLEMS = ("citation-mismatch", "citation-not-found")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_KIND = re.compile(r"^[a-z][a-z0-9-]*$")

# --- value kinds: each converter raises ValueError saying what was expected -------------
#
# A converter is a function (or a callable `Number`) from what a TOML file holds to the
# setting's value; the command line's text is first read as a TOML file would hold it
# (see `Option.from_text`). Every numeric kind has a maximum, said in `--help`: a value
# beyond it is a typo or an attack, never a wish (a deadline of 1e300 s overflows the
# clock; 10¹² connections exhaust memory).

#: Controls have no place in a setting's text (a CR/LF in the User-Agent would end the
#: header and start another).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MAX_TEXT = 2000


@dataclass(frozen=True)
class Number:
    """A number from `low` to `high` (`low` itself excluded unless `low_included`),
    whole or not."""

    low: float
    high: float
    whole: bool = False
    low_included: bool = True

    def __call__(self, value: Any) -> float | int:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(self.expected)
        if self.whole and not isinstance(value, int):
            raise ValueError(self.expected)
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(self.expected)
        below = value < self.low or (value == self.low and not self.low_included)
        if below or value > self.high:  # an int as big as the text (10**400) compares too
            raise ValueError(self.expected)
        return value if self.whole else float(value)

    @property
    def expected(self) -> str:
        noun = "a whole number" if self.whole else "a number"
        if self.low_included:
            return f"{noun} from {self.low:g} to {self.high:g}"
        return f"{noun} above {self.low:g} and at most {self.high:g}"

    def from_text(self, text: str) -> Any:
        try:
            return int(text) if self.whole else float(text)
        except ValueError:
            return text

    @property
    def limit_text(self) -> str:
        return f"at most {self.high:g}"


def seconds(high: float) -> Number:
    """A positive number of seconds, at most `high`."""
    return Number(0, high, low_included=False)


def count(low: int, high: int) -> Number:
    return Number(low, high, whole=True)


def text(value: Any) -> str:
    """A non-empty string of at most MAX_TEXT characters, without control characters."""
    valid = isinstance(value, str) and value.strip() and len(value) <= MAX_TEXT
    if not valid or _CONTROL.search(value):
        raise ValueError(f"a non-empty text of at most {MAX_TEXT} characters, without controls")
    return value


def path(value: Any) -> str:
    """A file path; a leading `~` is the home directory, as in a shell."""
    try:
        return os.path.expanduser(text(value))
    except ValueError:
        raise ValueError("a file path") from None


def web_address(value: Any) -> str:
    """An http(s) URL, such as an archive API endpoint."""
    try:
        parts = urlsplit(text(value))
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError('an http(s) URL such as "https://archive.org/wayback/available"')
    return value


def networks(value: Any) -> tuple[str, ...]:
    """CIDR blocks ("10.1.0.0/16", "fd00::/8"; a bare address is its own block)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError('a list of networks such as "10.1.0.0/16"')
    for cidr in value:
        try:
            ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            raise ValueError(f'networks such as "10.1.0.0/16" (not {cidr!r})') from None
    return tuple(value)


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("true or false")
    return value


def pattern(value: str) -> str:
    """A regular expression, checked to compile."""
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"a regular expression ({value!r}: {exc})") from None
    return value


def patterns(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError("a list of regular expressions")
    return tuple(pattern(item) for item in value)


def globs(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v for v in value):
        raise ValueError("a list of glob patterns such as \"vendor/**\"")
    return tuple(value)


@dataclass(frozen=True)
class Duration:
    """Seconds from a number or a string like "90", "30m", "12h", "1d", at most `days`."""

    days: int

    def __call__(self, value: Any) -> float:
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if number and math.isfinite(value) and value >= 0:
            seconds = float(value)
        else:
            match = _DURATION.match(value) if isinstance(value, str) else None
            seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2)] if match else -1.0
        if not 0 <= seconds <= self.days * 86400:
            raise ValueError(f'a duration up to {self.days}d, such as 3600, "30m", "12h" or "1d"')
        return seconds

    @property
    def limit_text(self) -> str:
        return f"at most {self.days}d"


#: A cache age: up to ten years.
duration = Duration(3650)


def _names(value: Any) -> list[str]:
    """A list from a list or a comma-separated string ("moved,inconclusive")."""
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError("a list")
    return list(value)


def verdict_classes(value: Any) -> frozenset[str]:
    """Verdict classes and citation problem kinds from a list or a comma-separated string
    ("moved,inconclusive,citation-mismatch"); at least one (an empty value is a slip, not a
    choice: leave the option out)."""
    try:
        names = _names(value) or [""]
    except ValueError:
        names = [""]
    known = VERDICT_CLASSES + FAILING_PROBLEMS
    if not all(name in known for name in names):
        raise ValueError(f"verdicts or citation problems among {', '.join(known)}")
    return frozenset(names)


def problem_kinds(value: Any) -> tuple[str, ...]:
    """Problem kinds ("duplicate-note,web-source-without-link"), as the reports name them."""
    try:
        names = _names(value)
    except ValueError:
        names = [""]
    if not all(_KIND.match(name) for name in names):
        raise ValueError('a list of problem kinds such as "duplicate-note,missing-note"')
    return tuple(names)


def archive_scope(value: Any) -> str:
    if value not in ARCHIVE_SCOPES:
        raise ValueError(f"one of {', '.join(ARCHIVE_SCOPES)}")
    return value


def lookup_scope(value: Any) -> str:
    if value not in LOOKUP_SCOPES:
        raise ValueError(f"one of {', '.join(LOOKUP_SCOPES)}")
    return value


def lookup(value: Any) -> LookupSettings:
    if not isinstance(value, dict):
        raise ValueError('a table such as {crossref-api = "https://api.crossref.org"}')
    try:
        return LookupSettings.from_table(value)
    except (UsageError, TypeError) as exc:
        raise ValueError(f"a valid lookup table ({exc})") from None


def accept(value: Any) -> Mapping[str, frozenset[int]]:
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
    return MappingProxyType(accepted)


def directions(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not set(value) <= {"before", "after"}:
        raise ValueError('a list of "before" and "after"')
    return tuple(value)


#: The keys of `[tool.citecheck.archive]` and the kind of each (the fields of
#: `ArchiveSettings`, in kebab-case; "wayback-api" is its `availability_api`).
ARCHIVE_KEYS: Mapping[str, Callable[[Any], Any]] = MappingProxyType({
    "enabled": flag,
    "scope": archive_scope,
    "wayback-api": web_address,
    "cdx-api": web_address,
    "replay-base": web_address,
    "availability-directions": directions,
    "rate-per-minute": Number(0, 100_000, low_included=False),
    "burst": count(1, 10_000),
    "cdx-window-days": count(1, 3660),
    "cdx-limit": count(1, 100_000),
    "verify-snapshots": flag,
})  # fmt: skip


def archive(value: Any) -> ArchiveSettings:
    """The archive table, each key checked by its kind (ARCHIVE_KEYS)."""
    if not isinstance(value, dict):
        raise ValueError("a table such as {enabled = true, rate-per-minute = 20}")
    checked = {}
    for key, item in value.items():
        kind = ARCHIVE_KEYS.get(key)
        if kind is None:
            raise ValueError(f"a table of the keys {', '.join(ARCHIVE_KEYS)} (not {key!r})")
        try:
            checked[key] = kind(item)
        except ValueError as exc:
            raise ValueError(f"a table whose {key!r} is {exc}") from None
    try:
        return ArchiveSettings.from_table(checked)
    except UsageError as exc:
        raise ValueError(f"a valid archive table ({exc})") from None


# --- the table ------------------------------------------------------------------------

Action = Literal["value", "flag", "append"]
CHECK, VERIFY = frozenset({"check"}), frozenset({"check", "verify"})
ALL = frozenset({"check", "verify", "parse", "export"})


@dataclass(frozen=True)
class Option:
    """One setting. `from_text` turns command-line text into what a TOML file would hold
    (a number for "10", see `Number.from_text`), so `convert` checks both the same way. `action`
    "append" takes the option more than once (each use adds to a list); "flag" takes no
    value. `in_file` says whether `[tool.citecheck]` may set it; `on_command_line` whether
    there is a flag; `default_for` a command's own default where it differs from `default`."""

    name: str
    convert: Callable[[Any], Any]
    default: Any
    help: str
    commands: frozenset[str] = CHECK
    group: str = "network"
    metavar: str | None = None
    action: Action = "value"
    in_file: bool = True
    on_command_line: bool = True
    default_for: Mapping[str, Any] = field(default_factory=dict)

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    @property
    def key(self) -> str:
        return self.name.replace("_", "-")

    @property
    def from_text(self) -> Callable[[str], Any]:
        return getattr(self.convert, "from_text", str)

    @property
    def limit_text(self) -> str | None:
        """The maximum, as --help says it ("at most 600"), for the kinds that have one."""
        return getattr(self.convert, "limit_text", None)


OPTIONS: tuple[Option, ...] = (
    Option("allow_private", flag, False, "allow loopback and private addresses", action="flag"),
    Option(
        "allow_network", networks, (),
        "allow this one private network, e.g. an intranet's 10.1.0.0/16 (repeatable)",
        metavar="CIDR", action="append",
    ),
    Option(
        "timeout", seconds(600), NetPolicy.read_timeout, "seconds to wait for an answer",
        metavar="S",
    ),
    Option(
        "connect_timeout", seconds(600), NetPolicy.connect_timeout, "seconds to connect",
        metavar="S",
    ),
    Option(
        "deadline", seconds(3600), None, "seconds per URL, hops and retries included",
        metavar="S",
    ),
    Option(
        "retries", count(0, 10), NetPolicy.retries, "retries on 429/5xx/timeouts",
        metavar="N",
    ),
    Option(
        "concurrency", count(1, 1024), NetPolicy.concurrency, "requests at once",
        metavar="N",
    ),
    Option(
        "host_concurrency", count(1, 64), NetPolicy.host_concurrency, "requests at once per host",
        metavar="N",
    ),
    Option("user_agent", text, None, "the User-Agent header", metavar="TEXT"),
    Option(
        "exclude", patterns, (), "skip URLs matching (repeatable)", metavar="REGEX",
        action="append",
    ),
    Option(
        "include", patterns, (), "check URLs matching even if excluded", metavar="REGEX",
        action="append",
    ),
    Option("accept", accept, MappingProxyType({}), "", on_command_line=False),
    Option("archive", archive, ArchiveSettings(), "", on_command_line=False),
    Option(
        "no_cache", flag, False, "neither read nor write the result cache", group="cache",
        action="flag", in_file=False,
    ),
    Option("cache", path, None, "result cache file", group="cache", metavar="PATH"),
    Option(
        "max_age", duration, 86400.0, 'reuse results younger than this, e.g. "12h"',
        group="cache", metavar="AGE",
    ),
    Option(
        "reuse_inconclusive", duration, 3600.0,
        "reuse inconclusive results younger than this (default 1h; 0: always re-check)",
        group="cache", metavar="AGE",
    ),
    Option(
        "confirm_dead", count(1, 100), 1,
        "report dead only after N dead checks at least 3 days apart (uses the cache)",
        group="cache", metavar="N",
    ),
    Option(
        "no_archive", flag, False, "do not look up web-archive snapshots", group="cache",
        action="flag", in_file=False,
    ),
    Option(
        "archive_scope", archive_scope, None,
        'which links get a snapshot lookup: "dead" (default) or "all" (live ones too: slow)',
        group="cache", metavar="SCOPE", in_file=False,
    ),
    Option(
        "wayback_api", web_address, None, "Wayback availability API endpoint", group="cache",
        metavar="URL", in_file=False,
    ),
    Option(
        "cdx_api", web_address, None, "Wayback CDX API endpoint", group="cache", metavar="URL",
        in_file=False,
    ),
    Option("lookup", lookup, LookupSettings(), "", group="lookup", on_command_line=False),
    Option(
        "no_lookup", flag, False, "do not look cited works up (links only)", group="lookup",
        action="flag", in_file=False,
    ),
    Option(
        "lookup_scope", lookup_scope, None,
        'which citations are looked up: "all", "without-link" or "none" (default all)',
        group="lookup", metavar="SCOPE",
    ),
    Option(
        "contact", text, None,
        "e-mail address sent to Crossref and OpenAlex (their polite pools)",
        group="lookup", metavar="EMAIL",
    ),
    Option(
        "add_found", flag, False,
        "add the DOI or URL a check found to entries without one (marked in their note)",
        commands=frozenset({"export"}), group="output", action="flag", in_file=False,
    ),
    Option(
        "check_fragments", flag, False,
        "check #fragments against the headings and ids of local files and fetched HTML pages",
        action="flag",
    ),
    Option(
        "exclude_path", globs, (), "skip input files matching this glob (repeatable)",
        commands=ALL, group="inputs", metavar="GLOB", action="append",
    ),
    Option(
        "select", problem_kinds, (), "report only these problem kinds (comma-separated)",
        commands=VERIFY, group="outcome", metavar="KINDS", action="append",
    ),
    Option(
        "ignore", problem_kinds, (),
        "do not report these problem kinds (comma-separated; '' reports every kind)",
        commands=VERIFY, group="outcome", metavar="KINDS", action="append",
        # A link audit is not the place for the note warning that comes by the dozen
        # (82 of the sample's 100 warnings); `verify`, the editor's check, keeps it.
        default_for={"check": ("web-source-without-link",)},
    ),
    Option(
        "fail_on", verdict_classes, frozenset(),
        "exit 1 for these verdicts or citation problems too (dead always)",
        group="outcome", metavar="CLASSES",
    ),
    Option(
        "exit_zero", flag, False, "exit 0 even when problems are found (errors still exit 2)",
        commands=VERIFY, group="outcome", action="flag",
    ),
    Option(
        "offline_ok", flag, False, "exit 0/1 as usual when the network was unreachable (not 3)",
        group="outcome", action="flag",
    ),
)

BY_NAME: dict[str, Option] = {option.name: option for option in OPTIONS}


def for_command(command: str) -> tuple[Option, ...]:
    return tuple(option for option in OPTIONS if command in option.commands)


def command_defaults(command: str) -> dict[str, Any]:
    """The defaults `command` has of its own (laid under the config file's settings)."""
    return {o.name: o.default_for[command] for o in OPTIONS if command in o.default_for}


def add_options(parser: argparse.ArgumentParser, command: str) -> None:
    """The command-line options of `command`, grouped as in OPTIONS; every default is None
    so that `given_options` tells a given option from an absent one."""
    groups: dict[str, Any] = {}
    for option in for_command(command):
        if not option.on_command_line:
            continue
        group = groups.get(option.group) or parser.add_argument_group(option.group)
        groups[option.group] = group
        help_text = option.help
        default = option.default_for.get(command, option.default)
        notes = [f"default {_shown(default)}"] if default not in _NO_DEFAULT else []
        notes += [option.limit_text] if option.limit_text else []
        if notes:
            help_text += f" ({'; '.join(notes)})"
        if option.action == "flag":
            group.add_argument(option.flag, action="store_true", default=None, help=help_text)
            continue
        group.add_argument(
            option.flag,
            dest=option.name,
            metavar=option.metavar,
            type=_argument_type(option),
            action="append" if option.action == "append" else "store",
            help=help_text,
        )


_NO_DEFAULT = (None, False, (), frozenset())


def _shown(default: Any) -> str:
    if isinstance(default, tuple):
        return ",".join(default)
    return f"{default:g}" if isinstance(default, float) else str(default)


def _argument_type(option: Option) -> Callable[[str], Any]:
    def parse(value: str) -> Any:
        try:
            return option.convert(option.from_text(value))
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"expected {exc}, got {value!r}") from None

    return parse


def given_options(args: argparse.Namespace, command: str) -> dict[str, Any]:
    """The table's options given on the command line, by name (repeated ones joined)."""
    given: dict[str, Any] = {}
    for option in for_command(command):
        value = getattr(args, option.name, None)
        if value is None:
            continue
        if option.action == "append":
            value = tuple(item for chunk in value for item in chunk)
        given[option.name] = value
    return given


def convert_table(table: Mapping[str, Any], source: str) -> dict[str, Any]:
    """`[tool.citecheck]` values by option name; errors name the file and the key."""
    keys = {option.key: option for option in OPTIONS if option.in_file}
    values: dict[str, Any] = {}
    for key, value in table.items():
        option = keys.get(key)
        if option is None:
            raise UsageError(f"{source}: unknown setting {key!r} (known: {', '.join(keys)})")
        try:
            values[option.name] = option.convert(value)
        except ValueError as exc:
            raise UsageError(f"{source}: setting {key!r} must be {exc}") from None
    return values
