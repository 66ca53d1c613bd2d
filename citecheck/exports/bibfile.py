"""BibLaTeX and BibTeX files, written with bibtexparser's v2 API."""

from __future__ import annotations

import bibtexparser
from bibtexparser.model import Entry, Field

from citecheck.exports import fields, latex
from citecheck.exports.works import Work, distinct_works
from citecheck.model import ParsedDocument


def _library(works: list[Work], make: fields.EntryMaker, encode: fields.Encoder) -> str:
    library = bibtexparser.Library()
    for work in works:
        entry_type, values = make(work, encode)
        library.add(Entry(entry_type, work.key, [Field(k, v) for k, v in values.items()]))
    return bibtexparser.write_string(library)


def biblatex(parsed: ParsedDocument) -> str:
    """BibLaTeX: Unicode kept, only LaTeX's special characters escaped."""
    return _library(distinct_works(parsed), fields.biblatex, latex.escape_specials)


def bibtex(parsed: ParsedDocument) -> str:
    """Classic BibTeX: fallback types, text LaTeX-encoded (URLs and DOIs verbatim)."""
    return _library(distinct_works(parsed), fields.bibtex, latex.encode)
