"""Plain-text and Markdown manuscripts: each URL rewritten where it is written."""

from __future__ import annotations

from citecheck.fix.edits import ArchivedMode, applied, url_edits
from citecheck.fix.plan import Fixes, Rewrite
from citecheck.fix.textfile import decoded, rewritten
from citecheck.readers.source import Source


def fixed_plain_text(source: Source, fixes: Fixes, mode: ArchivedMode) -> Rewrite:
    text, encoding = decoded(source)
    return rewritten(source, text, applied(text, url_edits(text, fixes, mode)), encoding)


def fixed_markdown(source: Source, fixes: Fixes, mode: ArchivedMode) -> Rewrite:
    text, encoding = decoded(source)
    edits = url_edits(text, fixes, mode, markdown=True)
    return rewritten(source, text, applied(text, edits), encoding)
