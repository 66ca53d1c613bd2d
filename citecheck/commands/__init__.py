"""Subcommands of the `citecheck` command line, registered in COMMANDS.

Each module has NAME, HELP, `add_arguments(parser)` and `run(args) -> int`
(the exit code). Commands map options onto the stages and hold no logic of their own.
"""

from __future__ import annotations

from types import ModuleType

from citecheck.commands import check, export, fix, parse, verify

COMMANDS: tuple[ModuleType, ...] = (
    parse,
    verify,
    check,
    export,
    fix,
)
