"""`citecheck fix PATH [--write] [--archived append|replace]`: apply what `check` found.

Every moved link gets its new URL, every dead link its archived copy, from the verdicts
and archive answers in the result cache: nothing is fetched. Without `--write` the
changes are printed as a unified diff; with it the file is changed in place after a
backup (`PATH.orig`). A file that changed since it was checked is not touched.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from citecheck.commands.common import add_inputs, configure
from citecheck.errors import UsageError
from citecheck.fix.modes import ARCHIVED_MODES
from citecheck.reports import escape

if TYPE_CHECKING:
    from citecheck.fix.plan import Fixes
    from citecheck.fix.recorded import Recorded

NAME = "fix"
HELP = "Replace moved links by their new URL and give dead ones their archived copy."
#: `fix` reads what `check` stored, so it takes check's settings: the same cache,
#: link filters, freshness and archive endpoints find the same answers.
SETTINGS_OF = "check"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_inputs(parser, SETTINGS_OF, many=False)
    out = parser.add_argument_group("fixing")
    out.add_argument(
        "--write",
        action="store_true",
        help="change the file in place, keeping the old one as PATH.orig (default: print a diff)",
    )
    out.add_argument(
        "--archived",
        choices=ARCHIVED_MODES,
        default="append",
        help="in Markdown and plain text, write a dead link's copy after it as \"(archived "
        "URL)\" or put it in the link's place (default append; DOCX and ODT links are "
        "replaced, BibTeX gets a note)",
    )


def run(args: argparse.Namespace) -> int:
    # Imported here, not at start-up: the fixers and the pipeline are for this command only.
    from citecheck.fix.diff import unified_diff
    from citecheck.fix.files import write_in_place
    from citecheck.fix.fixers import FIXERS
    from citecheck.fix.plan import planned_fixes
    from citecheck.fix.recorded import recorded
    from citecheck.inputs import STDIN
    from citecheck.readers.source import Source

    if args.path == STDIN:
        raise UsageError("fix edits a file: name it (standard input cannot be fixed in place)")
    config = configure(args, SETTINGS_OF)
    source = Source.load(args.path)
    record = recorded(source, config)
    fixer = FIXERS.get(record.format)
    if fixer is None:
        raise UsageError(f"{args.path}: fix cannot edit {record.format} files yet")
    fixes = planned_fixes(record.verdicts, record.lookups)
    rewrite = fixer(source, fixes, args.archived)
    _tell(record, fixes)
    if not args.write:
        sys.stdout.write(unified_diff(args.path, rewrite))
        return 0
    if rewrite.data != source.data:
        backup = write_in_place(args.path, source.data, rewrite.data)
        print(f"citecheck: {args.path} fixed; the old file is {backup}", file=sys.stderr)
    return 0


def _tell(record: Recorded, fixes: Fixes) -> None:
    """On standard error: what could not be fixed from the cache, and why."""
    if record.unchecked:
        print(
            f"citecheck: {len(record.unchecked)} link(s) have no verdict younger than "
            "--max-age: run check again to fix them",
            file=sys.stderr,
        )
    fixed = {fix.url for fix in fixes.all}
    for verdict in record.verdicts:
        if verdict.state == "dead" and verdict.url not in fixed:
            url = escape.terminal(verdict.url)
            print(f"citecheck: no archived copy known for {url}", file=sys.stderr)
