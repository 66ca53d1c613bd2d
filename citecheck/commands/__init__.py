"""Subcommands of the `citecheck` command line, one module each, named in NAMES.

Each module has NAME, HELP, `add_arguments(parser)` and `run(args) -> int`
(the exit code). Commands map options onto the stages and hold no logic of their own.
A module is imported when its command is asked for (`load`): a run of `check` does not
import what `fix` or `export` need. `COMMANDS` is every module, for `--help`.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

NAMES: tuple[str, ...] = ("parse", "verify", "check", "export", "fix")


def load(name: str) -> ModuleType:
    """The module of the command `name` (one of NAMES)."""
    return importlib.import_module(f"{__name__}.{name}")


def __getattr__(name: str) -> Any:
    if name == "COMMANDS":
        return tuple(load(command) for command in NAMES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
