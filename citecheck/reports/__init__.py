"""Report writers, one module per format, registered in WRITERS.

Each writer is a pure function `Report -> str`; the command that built the report
decides where the text goes. `render(report, fmt)` is the entry point commands use;
the terminal writer also takes `color` and `quiet` (see `terminal.use_color`).
`render_chunks` gives the same text in pieces, for output that need not be held
whole: a writer module with a `chunks` function of its own (JSON) yields item by item.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from citecheck.errors import UsageError
from citecheck.output import write_text

if TYPE_CHECKING:  # the model is not needed to escape a string (reports.escape at start-up)
    from citecheck.model import Report

Writer = Callable[..., str]


def _writer_module(module: str) -> Any:
    return importlib.import_module(f"citecheck.reports.{module}")


def _on_first_use(module: str) -> Writer:
    """The `render` of `citecheck.reports.<module>`, imported when first called: a JSON
    report needs neither rich (the terminal writer) nor the HTML page's assets."""

    def writer(report: Report, **options: Any) -> str:
        return _writer_module(module).render(report, **options)

    writer.__name__ = f"{module}.render"
    return writer


WRITER_MODULES = {
    "json": "json_report",
    "terminal": "terminal",
    "markdown": "markdown",
    "junit": "junit",
    "html": "html_report",
    "github": "github",
    "sarif": "sarif",
}
WRITERS: dict[str, Writer] = {
    name: _on_first_use(module) for name, module in WRITER_MODULES.items()
}


def render(report: Report, fmt: str, *, color: bool = False, quiet: bool = False) -> str:
    """The report as text in format `fmt` (a key of WRITERS).

    `color` and `quiet` only concern the terminal format (`quiet`: the summary line alone).
    """
    writer = WRITERS.get(fmt)
    if writer is None:
        raise UsageError(f"unknown report format {fmt!r} (known: {', '.join(sorted(WRITERS))})")
    if fmt == "terminal":
        return writer(report, color=color, quiet=quiet)
    return writer(report)


def render_chunks(
    report: Report, fmt: str, *, color: bool = False, quiet: bool = False
) -> Iterator[str]:
    """`render`'s text in pieces that join to it; see the module's docstring."""
    module = WRITER_MODULES.get(fmt)
    if module is not None:
        chunks = getattr(_writer_module(module), "chunks", None)
        if chunks is not None:
            return chunks(report)
    return iter((render(report, fmt, color=color, quiet=quiet),))


def write_html(report: Report, path: str | None = None, *, force: bool = False) -> str:
    """The self-contained HTML report; also written to `path` when given (never over an
    existing file without `force`)."""
    page = WRITERS["html"](report)
    if path is not None:
        write_text(page, path, force=force)
    return page
