"""Report writers, one module per format, registered in WRITERS.

Each writer is a pure function `Report -> str`; the command that built the report
decides where the text goes. `render(report, fmt)` is the one entry point commands use.
"""

from __future__ import annotations

from collections.abc import Callable

from citecheck.errors import UsageError
from citecheck.model import Report
from citecheck.reports import json_report

Writer = Callable[[Report], str]

WRITERS: dict[str, Writer] = {
    "json": json_report.render,
}


def render(report: Report, fmt: str) -> str:
    """The report as text in format `fmt` (a key of WRITERS)."""
    writer = WRITERS.get(fmt)
    if writer is None:
        raise UsageError(f"unknown report format {fmt!r} (known: {', '.join(sorted(WRITERS))})")
    return writer(report)
