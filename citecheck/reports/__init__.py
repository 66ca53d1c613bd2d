"""Report writers, one module per format, registered in WRITERS.

Each writer is a pure function `Report -> str`; the command that built the report
decides where the text goes. `render(report, fmt)` is the entry point commands use;
the terminal writer also takes `color` and `quiet` (see `terminal.use_color`).
"""

from __future__ import annotations

from collections.abc import Callable

from citecheck.errors import UsageError
from citecheck.model import Report
from citecheck.output import write_text
from citecheck.reports import github, html_report, json_report, junit, markdown, sarif, terminal

Writer = Callable[[Report], str]

WRITERS: dict[str, Writer] = {
    "json": json_report.render,
    "terminal": terminal.render,
    "markdown": markdown.render,
    "junit": junit.render,
    "html": html_report.render,
    "github": github.render,
    "sarif": sarif.render,
}


def render(report: Report, fmt: str, *, color: bool = False, quiet: bool = False) -> str:
    """The report as text in format `fmt` (a key of WRITERS).

    `color` and `quiet` only concern the terminal format (`quiet`: the summary line alone).
    """
    writer = WRITERS.get(fmt)
    if writer is None:
        raise UsageError(f"unknown report format {fmt!r} (known: {', '.join(sorted(WRITERS))})")
    if fmt == "terminal":
        return terminal.render(report, color=color, quiet=quiet)
    return writer(report)


def write_html(report: Report, path: str | None = None, *, force: bool = False) -> str:
    """The self-contained HTML report; also written to `path` when given (never over an
    existing file without `force`)."""
    page = html_report.render(report)
    if path is not None:
        write_text(page, path, force=force)
    return page
