"""Exports of the cited works, one module per format family, registered in EXPORTERS.

Each exporter is a function `(ParsedDocument, key format) -> str` holding one entry per distinct
work (back-references add none) under a stable ASCII citation key.
"""

from __future__ import annotations

from collections.abc import Callable

from citecheck.errors import UsageError
from citecheck.exports import bibfile, csl_json
from citecheck.exports.keys import DEFAULT_FORMAT, parse_format
from citecheck.model import ParsedDocument

Exporter = Callable[[ParsedDocument, str], str]

EXPORTERS: dict[str, Exporter] = {
    "biblatex": bibfile.biblatex,
    "bibtex": bibfile.bibtex,
    "csl-json": csl_json.csl_json,
}


def export(parsed: ParsedDocument, fmt: str, key_format: str = DEFAULT_FORMAT) -> str:
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise UsageError(f"unknown export format {fmt!r} (known: {', '.join(sorted(EXPORTERS))})")
    parse_format(key_format)  # a bad pattern is a usage error before any work is done
    return exporter(parsed, key_format)
