"""FIXERS: one fixer per reader format name (see the package's docstring)."""

from __future__ import annotations

from collections.abc import Callable

from citecheck.fix.bib import fixed_bibtex
from citecheck.fix.docx import fixed_docx
from citecheck.fix.modes import ArchivedMode
from citecheck.fix.odt import fixed_odt
from citecheck.fix.plan import Fixes, Rewrite
from citecheck.fix.text import fixed_markdown, fixed_plain_text
from citecheck.readers.source import Source

Fixer = Callable[[Source, Fixes, ArchivedMode], Rewrite]

FIXERS: dict[str, Fixer] = {
    "text": fixed_plain_text,
    "urls": fixed_plain_text,
    "markdown": fixed_markdown,
    "bibtex": fixed_bibtex,
    "docx": fixed_docx,
    "odt": fixed_odt,
}
