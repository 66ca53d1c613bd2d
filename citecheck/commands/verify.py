"""`citecheck verify PATH…`: do markers and notes match, and do the notes agree?

Exit 1 when a file has an error in its notes (0 with `--exit-zero`), 2 when an input
could not be read. With several files the terminal report is one block per file and the
JSON is `{"files": [one verification each]}`; the github and sarif formats are those of
`citecheck check`.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from citecheck.commands.common import add_inputs, configure, print_input_notes
from citecheck.commands.outcome import EXIT_FOUND, EXIT_OK, input_failed, worst
from citecheck.output import write_text
from citecheck.reports import escape

if TYPE_CHECKING:
    from citecheck.model import Report
    from citecheck.verify import Verification

NAME = "verify"
HELP = "Check note markers against notes, chapter by chapter, and the notes against each other."

FORMATS = ("terminal", "json", "github", "sarif")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser, NAME)
    parser.add_argument("--format", choices=FORMATS, default="terminal", help="report format")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def run(args: argparse.Namespace) -> int:
    # Imported here, not at start-up: `citecheck --version` and `--help` need none of it.
    from citecheck import pipeline
    from citecheck.verify import verify

    config = configure(args, NAME)
    report = pipeline.parse(args.paths, config)
    print_input_notes(report)
    results = [
        _reported(verify(result.parsed), config)
        for result in report.files
        if result.parsed is not None
    ]
    write_text(_render(args.format, results, report), args.output, force=args.force)
    failed = any(result.errors for result in results) and not config.exit_zero
    return worst(input_failed(report), EXIT_FOUND if failed else EXIT_OK)


def _render(fmt: str, results: list[Verification], report: Report) -> str:
    from citecheck.reports import render
    from citecheck.verify.render import to_json, to_terminal

    if fmt == "terminal":
        return "\n".join(to_terminal(result) for result in results)
    if fmt == "json":
        if len(report.files) == 1 and results:
            return to_json(results[0])
        files = [json.loads(to_json(result)) for result in results]
        files += [{"path": r.path, "error": r.error} for r in report.unreadable]
        return escape.json_text({"files": files}, indent=2) + "\n"
    by_path = {result.path: result.problems for result in results}
    files = tuple(replace(result, problems=by_path.get(result.path, ())) for result in report.files)
    problems = tuple(p for result in files for p in result.problems)
    return render(replace(report, files=files, problems=problems), fmt)


def _reported(result: Verification, config: Any) -> Verification:
    """`result` less the problem kinds `--select`/`--ignore` leave out."""
    sections = tuple(
        replace(section, problems=tuple(p for p in section.problems if config.reports(p.kind)))
        for section in result.sections
    )
    general = tuple(p for p in result.general if config.reports(p.kind))
    return replace(result, sections=sections, general=general)
