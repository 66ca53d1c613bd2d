"""The citation parser: notes → CSL-JSON citations (`citecheck.citations.parse`).

The parser's names are imported on first use: a stage that needs one small part of
it (the language detector, the lexicon, the URL grammar a link checker shares) loads
that part alone, not the field tagger and every rule module.
"""

from __future__ import annotations

from citecheck.lazy import lazy_attributes

_PARSER = "citecheck.citations.parse"
__all__ = ["DraftCitation", "NoteParse", "citation_id", "parse_document", "parse_note_text"]

__getattr__ = lazy_attributes(__name__, dict.fromkeys(__all__, _PARSER))
