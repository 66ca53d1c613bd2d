"""Exit codes of the commands, and how one run's outcomes combine into one code.

    0  nothing to report that fails the run
    1  problems found: a dead link or a `--fail-on` verdict (check), an error in the
       notes (verify); `--exit-zero` turns this into 0
    2  bad usage or configuration, or an input that could not be read (the other
       files are still checked and reported)
    3  the network was unreachable, so no link could be checked (check; `--offline-ok`
       turns this into 0/1 as if online)

When several apply the highest-priority one wins: 2, then 3, then 1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from citecheck.model import Report

EXIT_OK, EXIT_FOUND, EXIT_USAGE, EXIT_OFFLINE = 0, 1, 2, 3
_PRIORITY = (EXIT_USAGE, EXIT_OFFLINE, EXIT_FOUND, EXIT_OK)


def worst(*codes: int) -> int:
    return min(codes, key=_PRIORITY.index)


def input_failed(report: Report) -> int:
    return EXIT_USAGE if report.unreadable else EXIT_OK
