"""`citecheck fix`: the manuscript with every moved link replaced by its new URL and
every dead link given its archived copy, from what `check` found (no request is sent).

One module per format, registered in FIXERS by the reader's format name; each takes
the loaded file, the fixes and how a dead link in text gets its copy
("append": "(archived …)" after it, or "replace"), and returns a `Rewrite`:

    record = recorded(source, config)            # the cache: verdicts, archive answers
    fixes = planned_fixes(record.verdicts, record.lookups)
    rewrite = FIXERS[record.format](source, fixes, "append")
    print(unified_diff(source.path, rewrite))
"""

from __future__ import annotations

from collections.abc import Callable

from citecheck.fix.bib import fixed_bibtex
from citecheck.fix.diff import unified_diff
from citecheck.fix.docx import fixed_docx
from citecheck.fix.edits import ARCHIVED_MODES, ArchivedMode
from citecheck.fix.odt import fixed_odt
from citecheck.fix.plan import Fix, Fixes, Rewrite, planned_fixes
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

__all__ = [
    "ARCHIVED_MODES",
    "FIXERS",
    "ArchivedMode",
    "Fix",
    "Fixes",
    "Rewrite",
    "planned_fixes",
    "unified_diff",
]
