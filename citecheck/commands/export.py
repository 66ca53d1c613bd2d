"""`citecheck export PATH --to bibtex|biblatex|csl-json [-o FILE] [--force] [--key-format P]`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from citecheck.commands.common import add_inputs, configure, parse_one
from citecheck.exports import EXPORTERS, export
from citecheck.exports.keys import DEFAULT_FORMAT, parse_format
from citecheck.output import write_text

if TYPE_CHECKING:
    from citecheck.model import ParsedDocument

NAME = "export"
HELP = "Export the cited works as BibTeX, BibLaTeX or CSL-JSON (one entry per distinct work)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser, NAME, many=False)
    parser.add_argument("--to", required=True, choices=sorted(EXPORTERS), help="export format")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing FILE")
    parser.add_argument(
        "--key-format",
        metavar="PATTERN",
        default=DEFAULT_FORMAT,
        help="citation keys, Better BibTeX style: [auth] [year] [veryshorttitle] [shorttitle]"
        f" [title] and literal text (default: {DEFAULT_FORMAT}); keys of a .bib input are kept",
    )


def run(args: argparse.Namespace) -> int:
    parse_format(args.key_format)  # a bad pattern ends the run before the input is parsed
    parsed = _checked(args) if getattr(args, "add_found", None) else parse_one(args, NAME)
    write_text(export(parsed, args.to, args.key_format), args.output, force=args.force)
    return 0


def _checked(args: argparse.Namespace) -> ParsedDocument:
    """The parse with what a check found (DOIs, new URLs) added, marked in each note."""
    from citecheck import pipeline
    from citecheck.exports.found import with_found

    parse_one(args, NAME)  # an unreadable or wrong input ends the run before any request
    report = pipeline.check([args.path], configure(args, NAME))
    result = report.files[0]
    assert result.parsed is not None
    return with_found(result.parsed, result.citation_verdicts)
