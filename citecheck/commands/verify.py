"""`citecheck verify PATH`: do markers and notes match, and do the notes agree?"""

from __future__ import annotations

import argparse

from citecheck.citations import parse_document
from citecheck.output import write_text
from citecheck.readers import read_document
from citecheck.verify import verify
from citecheck.verify.render import to_json, to_terminal

NAME = "verify"
HELP = "Check note markers against notes, chapter by chapter, and the notes against each other."

RENDERERS = {"terminal": to_terminal, "json": to_json}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="manuscript or notes file")
    parser.add_argument(
        "--format", choices=sorted(RENDERERS), default="terminal", help="report format"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def run(args: argparse.Namespace) -> int:
    result = verify(parse_document(read_document(args.path)))
    write_text(RENDERERS[args.format](result), args.output, force=args.force)
    return 1 if result.errors else 0
