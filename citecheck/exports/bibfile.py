"""BibLaTeX and BibTeX files, written with bibtexparser's v2 API."""

from __future__ import annotations

import bibtexparser
from bibtexparser.model import Entry, Field

from citecheck.exports import fields, latex
from citecheck.exports.keys import DEFAULT_FORMAT
from citecheck.exports.works import Work, distinct_works
from citecheck.model import ParsedDocument


def _enclosed(name: str, value: str) -> str:
    """Every value in braces but a month macro (`month = jun`), which must stay bare."""
    if name == "month" and value.lower() in fields.MONTH_MACROS:
        return value.lower()
    return "{" + value + "}"


def _library(works: list[Work], make: fields.EntryMaker, encode: fields.Encoder) -> str:
    library = bibtexparser.Library()
    for work in works:
        entry_type, values = make(work, encode)
        entry_fields = [Field(k, _enclosed(k, v)) for k, v in values.items()]
        library.add(Entry(entry_type, work.key, entry_fields))
    return bibtexparser.write_string(library, unparse_stack=[])


def biblatex(parsed: ParsedDocument, key_format: str = DEFAULT_FORMAT) -> str:
    """BibLaTeX: Unicode kept, only LaTeX's special characters escaped."""
    return _library(distinct_works(parsed, key_format), fields.biblatex, latex.escape_specials)


def bibtex(parsed: ParsedDocument, key_format: str = DEFAULT_FORMAT) -> str:
    """Classic BibTeX: fallback types, text LaTeX-encoded (URLs and DOIs verbatim)."""
    return _library(distinct_works(parsed, key_format), fields.bibtex, latex.encode)
