"""`citecheck verify PATH`: do markers and notes match, and do the notes agree?"""

from __future__ import annotations

import argparse

from citecheck.model import Document, ParsedDocument, ParsedNote
from citecheck.output import write_text
from citecheck.readers import read_document
from citecheck.verify import verify
from citecheck.verify.render import to_json, to_terminal

NAME = "verify"
HELP = "Check note markers against notes, chapter by chapter, and the notes against each other."

RENDERERS = {"terminal": to_terminal, "json": to_json}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="manuscript or notes file")
    parser.add_argument("--format", choices=sorted(RENDERERS), default="terminal")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def parse_citations(document: Document) -> tuple[ParsedDocument, tuple[str, ...]]:
    """The document with its citations parsed, and any notice about how it was done."""
    try:
        from citecheck.citations import parse_document
    except ImportError:
        notes = tuple(ParsedNote(note, (), None) for note in document.notes)
        notice = (
            "citations were not parsed (no citation parser installed): back-references"
            " were not checked, and variant forms were looked for in quoted titles only"
        )
        return ParsedDocument(document, notes), (notice,)
    return parse_document(document), ()


def run(args: argparse.Namespace) -> int:
    document = read_document(args.path)
    parsed, notices = parse_citations(document)
    result = verify(parsed, notices)
    write_text(RENDERERS[args.format](result), args.output, force=args.force)
    return 1 if result.errors else 0
