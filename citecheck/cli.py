"""The `citecheck` command line: argument parsing and exit codes only.

Exit codes: 0 no problem, 1 problems found, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import sys

from citecheck import __version__
from citecheck.errors import CitecheckError

EXIT_OK, EXIT_USAGE = 0, 2


def build_parser() -> argparse.ArgumentParser:
    from citecheck.commands import COMMANDS

    parser = argparse.ArgumentParser(
        prog="citecheck",
        description="Verify the notes of a manuscript: citations, note markers and cited links.",
    )
    parser.add_argument("--version", action="version", version=f"citecheck {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        sub = subparsers.add_parser(command.NAME, help=command.HELP, description=command.HELP)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments == ["--version"]:  # answered before the commands and their options load
        print(f"citecheck {__version__}")
        return EXIT_OK
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.run(args)
    except CitecheckError as exc:
        print(f"citecheck: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("citecheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
