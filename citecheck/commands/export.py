"""`citecheck export PATH --to bibtex|biblatex|csl-json [-o FILE] [--force]`."""

from __future__ import annotations

import argparse

from citecheck.commands.common import add_inputs, parse_one
from citecheck.exports import EXPORTERS, export
from citecheck.output import write_text

NAME = "export"
HELP = "Export the cited works as BibTeX, BibLaTeX or CSL-JSON (one entry per distinct work)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser, NAME, many=False)
    parser.add_argument("--to", required=True, choices=sorted(EXPORTERS), help="export format")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing FILE")


def run(args: argparse.Namespace) -> int:
    parsed = parse_one(args, NAME)
    write_text(export(parsed, args.to), args.output, force=args.force)
    return 0
