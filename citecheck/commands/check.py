"""`citecheck check PATH`: check every cited URL and DOI and report the verdicts.

Exit 0 when no link is dead, 1 when one is (or a `--fail-on` class occurs),
2 on bad input or usage. Without network every link is inconclusive ("offline").
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from citecheck import config as settings
from citecheck.archives.settings import ARCHIVE_SCOPES
from citecheck.checks import CheckOptions, check_links
from citecheck.checks.overlap import check_while_parsing
from citecheck.checks.snapshots import with_snapshots
from citecheck.citations import parse_document
from citecheck.config import Config
from citecheck.errors import UsageError
from citecheck.model import Document, Link, ParsedDocument, Problem, Report, Verdict
from citecheck.net import HttpClient
from citecheck.net.cache import ResultCache
from citecheck.output import write_text
from citecheck.platforms import handler_for
from citecheck.prepared import Prepared, content_key, recall, remember
from citecheck.readers import print_warnings, read_document
from citecheck.reports import render, write_html
from citecheck.reports.progress import ProgressBar
from citecheck.reports.terminal import use_color
from citecheck.verdicts.offline import offline_verdict
from citecheck.verify import citation_problems, document_problems

NAME = "check"
HELP = "Check every cited URL and DOI: resolvable, moved, dead or inconclusive."
FORMATS = ("terminal", "json", "markdown", "junit")


def _arg(convert: Callable[[str], object], what: str) -> Callable[[str], object]:
    """An argparse type from a config converter, so both reject the same values."""

    def parse(text: str) -> object:
        try:
            return convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}") from None

    return parse


_seconds = _arg(lambda text: settings.positive_number(float(text)), "a positive number")
_count = _arg(lambda text: settings.whole_number(int(text)), "a whole number ≥ 1")
_retries = _arg(lambda text: settings.non_negative_whole_number(int(text)), "a whole number ≥ 0")
_regex = _arg(settings.pattern, "a regular expression")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="the manuscript or notes file")
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="settings file (default: ./citecheck.toml or ./pyproject.toml)",
    )
    net = parser.add_argument_group("network")
    net.add_argument(
        "--allow-private",
        action="store_true",
        default=None,
        help="allow loopback and private addresses",
    )
    net.add_argument(
        "--timeout", type=_seconds, metavar="S", help="seconds to wait for an answer (default 10)"
    )
    net.add_argument(
        "--connect-timeout", type=_seconds, metavar="S", help="seconds to connect (default 5)"
    )
    net.add_argument(
        "--deadline", type=_seconds, metavar="S", help="seconds per URL, hops and retries included"
    )
    net.add_argument(
        "--retries", type=_retries, metavar="N", help="retries on 429/5xx/timeouts (default 2)"
    )
    net.add_argument(
        "--concurrency", type=_count, metavar="N", help="requests at once (default 128)"
    )
    net.add_argument(
        "--host-concurrency", type=_count, metavar="N", help="requests at once per host (default 4)"
    )
    net.add_argument("--user-agent", metavar="TEXT")
    net.add_argument(
        "--exclude",
        action="append",
        type=_regex,
        metavar="REGEX",
        help="skip URLs matching (repeatable)",
    )
    net.add_argument(
        "--include",
        action="append",
        type=_regex,
        metavar="REGEX",
        help="check URLs matching even if excluded",
    )
    cache = parser.add_argument_group("cache and archives")
    cache.add_argument(
        "--no-cache", action="store_true", help="neither read nor write the result cache"
    )
    cache.add_argument("--cache", metavar="PATH", help="result cache file")
    cache.add_argument(
        "--max-age",
        type=_arg(settings.duration, 'a duration like 3600, "12h", "1d"'),
        metavar="AGE",
        help='reuse results younger than this (default "1d")',
    )
    cache.add_argument(
        "--reuse-inconclusive",
        type=_arg(settings.duration, 'a duration like 600, "1h"'),
        metavar="AGE",
        help="reuse inconclusive results younger than this (default 0: always re-check)",
    )
    cache.add_argument(
        "--confirm-dead",
        type=_count,
        metavar="N",
        help="report dead only after N dead checks at least 3 days apart (uses the cache)",
    )
    cache.add_argument(
        "--no-archive", action="store_true", help="do not look up web-archive snapshots"
    )
    cache.add_argument(
        "--archive-scope",
        choices=ARCHIVE_SCOPES,
        help='which links get a snapshot lookup (default "all": live links too)',
    )
    cache.add_argument("--wayback-api", metavar="URL", help="Wayback availability API endpoint")
    cache.add_argument("--cdx-api", metavar="URL", help="Wayback CDX API endpoint")
    out = parser.add_argument_group("output")
    out.add_argument("--format", choices=FORMATS, default="terminal")
    out.add_argument("--report", metavar="FILE.html", help="also write the HTML report")
    out.add_argument("-o", "--output", metavar="FILE", help="write the report here, not to stdout")
    out.add_argument("--force", action="store_true", help="overwrite existing output files")
    out.add_argument(
        "--quiet",
        action="store_true",
        help="no progress bar; the terminal report is the summary line alone",
    )
    out.add_argument(
        "--fail-on",
        type=_arg(settings.verdict_classes, "verdicts like moved,inconclusive"),
        metavar="CLASSES",
        help="exit 1 for these verdicts too (dead always fails)",
    )


def configure(args: argparse.Namespace) -> Config:
    """The file's settings with the command-line options laid over them."""
    overrides = {
        "allow_private": args.allow_private,
        "timeout": args.timeout,
        "connect_timeout": args.connect_timeout,
        "deadline": args.deadline,
        "retries": args.retries,
        "concurrency": args.concurrency,
        "host_concurrency": args.host_concurrency,
        "user_agent": args.user_agent,
        "exclude": tuple(args.exclude) if args.exclude else None,
        "include": tuple(args.include) if args.include else None,
        "cache": args.cache,
        "max_age": args.max_age,
        "reuse_inconclusive": args.reuse_inconclusive,
        "fail_on": args.fail_on,
        "confirm_dead": args.confirm_dead,
    }
    config = settings.with_overrides(settings.load_config(args.config), overrides)
    archive = {
        "scope": args.archive_scope,
        "availability_api": args.wayback_api,
        "cdx_api": args.cdx_api,
    }
    chosen = {key: value for key, value in archive.items() if value is not None}
    return replace(config, archive=replace(config.archive, **chosen)) if chosen else config


def parse_and_verify(document: Document) -> tuple[ParsedDocument, tuple[Problem, ...]]:
    """The citations of `document` and the note problems `verify` finds in it."""
    parsed = parse_document(document)
    return parsed, tuple(document_problems(document) + citation_problems(parsed))


def build_report(args: argparse.Namespace, config: Config) -> Report:
    options = CheckOptions(
        accepted_for=config.accepted_for,
        max_age=config.max_age,
        reuse_inconclusive=config.reuse_inconclusive,
        host_concurrency=config.host_concurrency,
        concurrency=config.concurrency,
        handler_for=handler_for,
        confirm_dead=config.confirm_dead,
    )
    policy = config.net_policy()
    if args.no_cache and config.confirm_dead > 1:
        raise UsageError("--confirm-dead needs the result cache's history: drop --no-cache")
    store = None if args.no_cache else ResultCache(config.cache)
    try:
        # The parse of this very file, filters and citecheck, if a run kept it.
        key = ready = None
        if store is not None:
            key = content_key(args.path, repr(config.include), repr(config.exclude))
            ready = recall(store, key) if key is not None else None
        if ready is not None:
            print_warnings(ready.parsed.document)
        else:
            document = read_document(args.path)
        bar = ProgressBar(enabled=False if args.quiet else None)
        with HttpClient(policy) as client, bar:

            def check(links: Sequence[Link]) -> tuple[Verdict, ...]:
                return check_links(links, client, options, store=store, progress=bar)

            if ready is not None:
                parsed, problems, links = ready.parsed, ready.problems, ready.links
                verdicts = check(links)
            else:
                (parsed, problems), links, verdicts = check_while_parsing(
                    document, parse_and_verify, lambda result: result[0], check, config.wants
                )
                if store is not None and key is not None:
                    remember(store, key, Prepared(parsed, problems, links))
            offline = client.network_status() == "offline"
        if offline:
            verdicts = tuple(offline_verdict(verdict) for verdict in verdicts)
        elif not args.no_archive:
            verdicts = with_snapshots(
                verdicts, links, config.archive, policy, store=store, max_age=config.max_age
            )
    finally:
        if store is not None:
            store.close()
    return Report(parsed, problems, verdicts, offline=offline, links_checked=True)


def exit_code(verdicts: tuple[Verdict, ...], fail_on: frozenset[str]) -> int:
    """1 when a link is dead or in a `--fail-on` class, else 0 (note problems are
    shown in the report; `citecheck verify` is the command that fails on them)."""
    failing = {"dead"} | set(fail_on)
    return 1 if any(verdict.state in failing for verdict in verdicts) else 0


def run(args: argparse.Namespace) -> int:
    config = configure(args)
    for path in (args.output, args.report):
        if path not in (None, "-") and Path(path).exists() and not args.force:
            raise UsageError(f"{path} exists; pass --force to overwrite it")
    report = build_report(args, config)
    to_terminal = args.output is None or args.output == "-"
    color = args.format == "terminal" and to_terminal and use_color(sys.stdout)
    text = render(report, args.format, color=color, quiet=args.quiet)
    write_text(text, args.output, force=args.force)
    if args.report:
        write_text(write_html(report), args.report, force=args.force)
    return exit_code(report.verdicts, config.fail_on)
