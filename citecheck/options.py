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
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

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

# --- value converters: each raises ValueError saying what was expected ------------------


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


def text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a non-empty string")
    return value


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


def duration(value: Any) -> float:
    """Seconds from a number or a string like "90", "30m", "12h", "1d"."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and math.isfinite(value) and value >= 0:
        return float(value)
    match = _DURATION.match(value) if isinstance(value, str) else None
    if not match:
        raise ValueError('a duration such as 3600, "30m", "12h" or "1d"')
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def _names(value: Any) -> list[str]:
    """A list from a list or a comma-separated string ("moved,inconclusive")."""
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError("a list")
    return list(value)


def verdict_classes(value: Any) -> frozenset[str]:
    """Verdict classes and citation problem kinds from a list or a comma-separated string
    ("moved,inconclusive,citation-mismatch")."""
    try:
        names = _names(value)
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


def archive(value: Any) -> ArchiveSettings:
    if not isinstance(value, dict):
        raise ValueError("a table such as {enabled = true, rate-per-minute = 20}")
    try:
        return ArchiveSettings.from_table(value)
    except (UsageError, TypeError) as exc:
        raise ValueError(f"a valid archive table ({exc})") from None


# --- the table ------------------------------------------------------------------------

Action = Literal["value", "flag", "append"]
CHECK, VERIFY = frozenset({"check"}), frozenset({"check", "verify"})
ALL = frozenset({"check", "verify", "parse", "export"})


@dataclass(frozen=True)
class Option:
    """One setting. `from_text` turns command-line text into what a TOML file would hold
    (a number for "10", see TEXT_READERS), so `convert` checks both the same way. `action`
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
        return TEXT_READERS.get(self.convert, str)


def _int(value: str) -> Any:
    try:
        return int(value)
    except ValueError:
        return value


def _float(value: str) -> Any:
    try:
        return float(value)
    except ValueError:
        return value


#: How command-line text becomes what a TOML file would hold for the converters that
#: take numbers (any other converter gets the text as it is): "10" is read as 10.
TEXT_READERS: Mapping[Callable[[Any], Any], Callable[[str], Any]] = {
    positive_number: _float,
    whole_number: _int,
    non_negative_whole_number: _int,
}


OPTIONS: tuple[Option, ...] = (
    Option("allow_private", flag, False, "allow loopback and private addresses", action="flag"),
    Option(
        "timeout", positive_number, NetPolicy.read_timeout, "seconds to wait for an answer",
        metavar="S",
    ),
    Option(
        "connect_timeout", positive_number, NetPolicy.connect_timeout, "seconds to connect",
        metavar="S",
    ),
    Option(
        "deadline", positive_number, None, "seconds per URL, hops and retries included",
        metavar="S",
    ),
    Option(
        "retries", non_negative_whole_number, NetPolicy.retries, "retries on 429/5xx/timeouts",
        metavar="N",
    ),
    Option(
        "concurrency", whole_number, NetPolicy.concurrency, "requests at once",
        metavar="N",
    ),
    Option(
        "host_concurrency", whole_number, NetPolicy.host_concurrency, "requests at once per host",
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
    Option("cache", text, None, "result cache file", group="cache", metavar="PATH"),
    Option(
        "max_age", duration, 86400.0, 'reuse results younger than this, e.g. "12h"',
        group="cache", metavar="AGE",
    ),
    Option(
        "reuse_inconclusive", duration, 0.0,
        "reuse inconclusive results younger than this (0: always re-check)",
        group="cache", metavar="AGE",
    ),
    Option(
        "confirm_dead", whole_number, 1,
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
        "wayback_api", text, None, "Wayback availability API endpoint", group="cache",
        metavar="URL", in_file=False,
    ),
    Option(
        "cdx_api", text, None, "Wayback CDX API endpoint", group="cache", metavar="URL",
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
        if default not in (None, False, (), frozenset()):
            help_text += f" (default {_shown(default)})"
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
