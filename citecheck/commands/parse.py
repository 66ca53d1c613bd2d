"""`citecheck parse PATH`: the notes of a manuscript as structured citations.

`--format json` (default): {"document", "sections": [{"label", "notes": [{"number",
"mark", "line", "text", "citations": [{"id", "csl", "backref", "locator"}],
"commentary", "unnumbered"}]}]}; `backref` is null or {"kind", "target", "problem"}.
`--format csl-json`: a CSL-JSON array of the distinct works (full citations only).
"""

from __future__ import annotations

import argparse
import itertools
from typing import TYPE_CHECKING, Any

from citecheck.commands.common import add_inputs, parse_one
from citecheck.output import write_chunks
from citecheck.reports import escape

if TYPE_CHECKING:
    from citecheck.model import Citation, ParsedDocument

NAME = "parse"
HELP = "Parse the notes of a manuscript into structured citations (CSL-JSON)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser, NAME, many=False)
    parser.add_argument(
        "--format",
        choices=("json", "csl-json"),
        default="json",
        help="json: notes with their citations (default); csl-json: the distinct works",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def run(args: argparse.Namespace) -> int:
    from citecheck.citations.works import distinct_works

    parsed = parse_one(args, NAME)
    data: Any = distinct_works(parsed) if args.format == "csl-json" else to_json(parsed)
    # Streamed: the JSON of a big manuscript is several times its size.
    chunks = itertools.chain(escape.json_chunks(data, indent=2), ["\n"])
    write_chunks(chunks, args.output, force=args.force)
    return 0


def to_json(parsed: ParsedDocument) -> dict[str, Any]:
    """The JSON shape of `citecheck parse --format json`."""
    sections: list[dict[str, Any]] = []
    by_label: dict[str, dict[str, Any]] = {}
    for note in parsed.notes:
        label = note.note.section
        if label not in by_label:
            by_label[label] = {"label": label, "notes": []}
            sections.append(by_label[label])
        by_label[label]["notes"].append(
            {
                "number": note.note.number,
                "mark": note.note.mark,
                "line": note.note.line,
                "text": note.note.text,
                "citations": [citation_json(citation) for citation in note.citations],
                "commentary": note.commentary,
                "unnumbered": note.note.unnumbered,
            }
        )
    return {"document": parsed.document.path, "sections": sections}


def citation_json(citation: Citation) -> dict[str, Any]:
    backref = citation.backref
    return {
        "id": citation.id,
        "csl": citation.csl,
        "backref": None
        if backref is None
        else {"kind": backref.kind, "target": backref.target, "problem": backref.problem},
        "locator": citation.locator,
    }
