"""`citecheck check PATH…`: check every cited URL and DOI and report the verdicts.

Exit codes (`citecheck.commands.outcome`): 0 nothing failing, 1 a dead link (or a
`--fail-on` verdict), 2 bad usage or an input that could not be read, 3 the network was
unreachable so nothing could be checked (unless `--offline-ok`; every link is then
inconclusive, never dead).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citecheck.commands.common import add_inputs, configure, print_input_notes
from citecheck.commands.outcome import EXIT_OFFLINE, EXIT_OK, input_failed, worst
from citecheck.errors import UsageError
from citecheck.output import write_chunks, write_text

if TYPE_CHECKING:
    from citecheck.model import Report

NAME = "check"
HELP = "Check every cited URL and DOI: resolvable, moved, dead or inconclusive."
FORMATS = ("terminal", "json", "markdown", "junit", "github", "sarif")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser, NAME)
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


def exit_code(report: Report, config: Any) -> int:
    """2 when an input could not be read, 3 when the network was unreachable (unless
    `offline_ok`), 1 when a link is dead or in a `fail_on` class, or a citation problem
    of a `fail_on` kind was found (`citation-mismatch`, 0 with `exit_zero`),
    else 0. Note problems are shown; `citecheck verify` is the command failing on them."""
    failing = {"dead"} | set(config.fail_on)
    found = any(verdict.state in failing for verdict in report.verdicts) or any(
        problem.kind in failing for problem in report.problems
    )
    offline = report.offline and not config.offline_ok
    return worst(
        input_failed(report),
        EXIT_OFFLINE if offline else EXIT_OK,
        1 if found and not config.exit_zero else EXIT_OK,
    )


def run(args: argparse.Namespace) -> int:
    # Imported here, not at start-up: `citecheck --version` and `--help` need none of it.
    from citecheck import pipeline
    from citecheck.reports import render_chunks, write_html
    from citecheck.reports.progress import ProgressBar

    config = configure(args, NAME)
    for path in (args.output, args.report):
        if path not in (None, "-") and Path(path).exists() and not args.force:
            raise UsageError(f"{path} exists; pass --force to overwrite it")
    with ProgressBar(enabled=False if args.quiet else None) as bar:
        report = pipeline.check(
            args.paths, config, progress=bar, archive_progress=bar.stage("archiving")
        )
    print_input_notes(report)
    to_terminal = args.output is None or args.output == "-"
    color = False
    if args.format == "terminal" and to_terminal:
        from citecheck.reports.terminal import use_color

        color = use_color(sys.stdout)
    text = render_chunks(report, args.format, color=color, quiet=args.quiet)
    write_chunks(text, args.output, force=args.force)
    if args.report:
        write_text(write_html(report), args.report, force=args.force)
    return exit_code(report, config)
