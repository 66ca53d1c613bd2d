"""What the commands share: the input arguments, the settings, and the notes on inputs."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from citecheck.errors import InputError
from citecheck.options import add_options, command_defaults, given_options
from citecheck.reports import escape

if TYPE_CHECKING:
    from citecheck.model import ParsedDocument, Report


def add_inputs(parser: argparse.ArgumentParser, command: str, *, many: bool = True) -> None:
    """The input paths, `--config`, and the command's options from the table."""
    if many:
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help="files, directories (walked), quoted globs such as '**/*.md', or - for stdin",
        )
    else:
        parser.add_argument("path", metavar="PATH", help="the manuscript or its notes (- stdin)")
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="settings file (default: the nearest citecheck.toml, .citecheck.toml or "
        "pyproject.toml [tool.citecheck] from the first input up to the repository root)",
    )
    add_options(parser, command)


def configure(args: argparse.Namespace, command: str) -> Any:
    """The file's settings with the command-line options laid over them."""
    from citecheck import config as settings
    from citecheck.inputs import STDIN

    paths = getattr(args, "paths", None) or [getattr(args, "path", ".")]
    first = paths[0] if paths[0] != STDIN else "."
    found = settings.load_config(args.config, first, command_defaults(command))
    return settings.with_overrides(found, given_options(args, command))


def print_input_notes(report: Report, *, errors: bool = True) -> None:
    """On standard error: what the readers skipped, what went wrong around the run (a
    cache done without), and (with `errors`) each file that could not be read."""
    for warning in report.warnings:
        print(f"citecheck: warning: {warning}", file=sys.stderr)
    for result in report.files:
        if result.error is not None and errors:
            print(f"citecheck: error: {escape.terminal(result.error)}", file=sys.stderr)
        elif result.parsed is not None:
            for warning in result.parsed.document.warnings:
                print(f"citecheck: warning: {escape.terminal(warning)}", file=sys.stderr)


def parse_one(args: argparse.Namespace, command: str) -> ParsedDocument:
    """The parse of the single input of `parse` and `export`; an unreadable one ends the run."""
    from citecheck import pipeline  # the readers and parsers: imported when a command runs

    if os.path.isdir(args.path):
        raise InputError(f"{args.path}: is a directory, not a file")
    report = pipeline.parse([args.path], configure(args, command))
    print_input_notes(report, errors=False)
    for result in report.files:
        if result.error is not None:
            raise InputError(result.error)
    return report.parsed
