"""Exports of the cited works, one module per format family, registered in EXPORTERS.

Each exporter is a function `(ParsedDocument, key format) -> str` holding one entry per distinct
work (back-references add none) under a stable ASCII citation key.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from citecheck.errors import UsageError
from citecheck.exports.keys import DEFAULT_FORMAT, parse_format

if TYPE_CHECKING:
    from citecheck.model import ParsedDocument

Exporter = Callable[["ParsedDocument", str], str]


def _on_first_use(module: str, name: str) -> Exporter:
    """The exporter `module.name`, imported when first called: the command line lists
    the formats at start-up, and BibTeX's libraries are only needed to write BibTeX."""

    def exporter(parsed: ParsedDocument, key_format: str) -> str:
        return getattr(importlib.import_module(module), name)(parsed, key_format)

    exporter.__name__ = name
    return exporter


EXPORTERS: dict[str, Exporter] = {
    "biblatex": _on_first_use("citecheck.exports.bibfile", "biblatex"),
    "bibtex": _on_first_use("citecheck.exports.bibfile", "bibtex"),
    "csl-json": _on_first_use("citecheck.exports.csl_json", "csl_json"),
}


def export(parsed: ParsedDocument, fmt: str, key_format: str = DEFAULT_FORMAT) -> str:
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise UsageError(f"unknown export format {fmt!r} (known: {', '.join(sorted(EXPORTERS))})")
    parse_format(key_format)  # a bad pattern is a usage error before any work is done
    return exporter(parsed, key_format)
