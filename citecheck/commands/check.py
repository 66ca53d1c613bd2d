"""`citecheck check PATH`: check every cited URL and DOI and report the verdicts.

Exit 0 when no link is dead, 1 when one is (or a `--fail-on` class occurs),
2 on bad input or usage. Without network every link is inconclusive ("offline").
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from citecheck import config as settings
from citecheck.checks import CheckOptions, check_links
from citecheck.checks.snapshots import with_snapshots
from citecheck.config import Config
from citecheck.links import extract_links
from citecheck.links.extract import notes_as_commentary
from citecheck.model import Document, ParsedDocument, Report, Verdict
from citecheck.net import HttpClient
from citecheck.net.cache import ResultCache
from citecheck.output import write_text
from citecheck.platforms import handler_for
from citecheck.readers import read_document
from citecheck.reports import render, write_html
from citecheck.reports.progress import ProgressBar
from citecheck.reports.terminal import use_color
from citecheck.verdicts.offline import offline_verdict

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


_seconds = _arg(lambda text: settings.KEYS["timeout"][1](float(text)), "a positive number")
_count = _arg(lambda text: settings.KEYS["concurrency"][1](int(text)), "a whole number ≥ 1")
_regex = _arg(settings.pattern, "a regular expression")
_retries = _arg(lambda text: settings.KEYS["retries"][1](int(text)), "a whole number ≥ 0")


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
        "--no-archive", action="store_true", help="do not look up web-archive snapshots"
    )
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
        "fail_on": args.fail_on,
    }
    return settings.with_overrides(settings.load_config(args.config), overrides)


def parse(document: Document) -> ParsedDocument:
    """Citations of the document; without the citation parser, each note's text as is."""
    try:
        from citecheck.citations import parse_document
    except ImportError:
        return notes_as_commentary(document)
    return parse_document(document)


def build_report(args: argparse.Namespace, config: Config) -> Report:
    parsed = parse(read_document(args.path))
    links = tuple(link for link in extract_links(parsed) if config.wants(link.url))
    options = CheckOptions(
        accepted_for=config.accepted_for,
        max_age=config.max_age,
        host_concurrency=config.host_concurrency,
        concurrency=config.concurrency,
        handler_for=handler_for,
    )
    policy = config.net_policy()
    store = None if args.no_cache else ResultCache(config.cache)
    bar = ProgressBar(enabled=False if args.quiet else None)
    try:
        with HttpClient(policy) as client, bar:
            verdicts = check_links(links, client, options, store=store, progress=bar)
            offline = client.network_status() == "offline"
    finally:
        if store is not None:
            store.close()
    if offline:
        verdicts = tuple(offline_verdict(verdict) for verdict in verdicts)
    elif not args.no_archive:
        verdicts = with_snapshots(verdicts, links, config.archive, policy)
    return Report(parsed=parsed, verdicts=verdicts, offline=offline, links_checked=True)


def exit_code(verdicts: tuple[Verdict, ...], fail_on: frozenset[str]) -> int:
    """1 when a link is dead or in a `--fail-on` class, else 0."""
    failing = {"dead"} | set(fail_on)
    return 1 if any(verdict.state in failing for verdict in verdicts) else 0


def run(args: argparse.Namespace) -> int:
    config = configure(args)
    report = build_report(args, config)
    to_terminal = args.output is None or args.output == "-"
    color = args.format == "terminal" and to_terminal and use_color(sys.stdout)
    text = render(report, args.format, color=color, quiet=args.quiet)
    write_text(text, args.output, force=args.force)
    if args.report:
        write_text(write_html(report), args.report, force=args.force)
    return exit_code(report.verdicts, config.fail_on)
