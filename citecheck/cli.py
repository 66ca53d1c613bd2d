"""The `citecheck` command line: argument parsing and exit codes only.

Exit codes: 0 no problem, 1 problems found, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import gc
import signal
import sys
import threading

from citecheck import __version__
from citecheck.errors import CitecheckError

EXIT_OK, EXIT_USAGE = 0, 2


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with `only` (a command's name), the parser of that
    command alone, whose modules are then the only ones imported (start-up time)."""
    from citecheck import commands

    parser = argparse.ArgumentParser(
        prog="citecheck",
        description="Verify the notes of a manuscript: citations, note markers and cited links.",
    )
    parser.add_argument("--version", action="version", version=f"citecheck {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in (only,) if only in commands.NAMES else commands.NAMES:
        command = commands.load(name)
        sub = subparsers.add_parser(command.NAME, help=command.HELP, description=command.HELP)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def exit_on_terminate() -> None:
    """Make SIGTERM (what `kill`, CI timeouts and service managers send) end the run as
    an exception does, so that cleanups run: a half-written `-o` file's temporary copy
    is removed. Only the main thread can set a handler; elsewhere nothing changes."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    exit_on_terminate()
    arguments = sys.argv[1:] if argv is None else argv
    if arguments == ["--version"]:  # answered before the commands and their options load
        print(f"citecheck {__version__}")
        return EXIT_OK
    parser = build_parser(arguments[0] if arguments else None)
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.run(args)
    except CitecheckError as exc:
        from citecheck.reports import escape  # only an error needs it: not at start-up

        print(f"citecheck: error: {escape.terminal(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("citecheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


#: The collector's thresholds for a command run in a process of its own (see `command`).
COMMAND_GC_THRESHOLDS = (100_000, 10, 10)


def command() -> int:
    """The `citecheck` program: `main` in a process of its own.

    A run keeps nearly all it allocates (notes, citations, verdicts) until its report is
    written and makes little cyclic garbage, yet at the default threshold of 700 the
    collector walked it all some 300 times in a check of 2,000 links (0.1 s, every thread
    stopped meanwhile). So the program collects far less often (mypy's command does the
    same), and what is left at exit is not walked once more. A program that calls `main`
    itself keeps its own collector settings."""
    gc.set_threshold(*COMMAND_GC_THRESHOLDS)
    try:
        return main()
    finally:
        gc.freeze()
