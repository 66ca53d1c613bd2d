"""Regenerate `reports/example.*` from the sample notes in `references/`.

    PYTHONPATH=. python tools/make_examples.py            # every example
    PYTHONPATH=. python tools/make_examples.py --exports  # only the export examples

The export examples (`example.bib`, `example.csl.json`) depend on nothing but the code
and the sample, and `tests/exports/test_examples.py` checks that the checked-in ones are
what a fresh run writes. The check reports depend on the network the machine has (the
checked-in ones were made offline: every link inconclusive) and on timings, so they are
regenerated here but not compared.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Relative to ROOT, where the commands run: reports name the file as given.
NOTES = Path("references") / "china-security-report-2026-notes.txt"
REPORTS = Path("reports")

#: example file → the `citecheck` arguments after the notes path.
EXPORTS = {
    "example.bib": ["export", "--to", "biblatex"],
    "example.csl.json": ["export", "--to", "csl-json"],
}
CHECKS = {
    "example.json": ["check", "--format", "json", "--report", str(REPORTS / "example.html")],
    "example.md": ["check", "--format", "markdown"],
    "example.junit.xml": ["check", "--format", "junit"],
    "example.txt": ["check", "--format", "terminal"],
}


def commands(exports_only: bool) -> list[list[str]]:
    """The `citecheck` argument lists that write the examples, one per file."""
    wanted = EXPORTS if exports_only else {**EXPORTS, **CHECKS}
    result = []
    for name, (command, *options) in wanted.items():
        extra = ["--no-cache"] if command == "check" else []
        result.append([command, str(NOTES), *options, *extra, "-o", str(REPORTS / name), "--force"])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exports", action="store_true", help="only the export examples")
    args = parser.parse_args(argv)
    from citecheck.cli import main as citecheck

    os.chdir(ROOT)
    worst = 0
    for arguments in commands(args.exports):
        code = citecheck(arguments)
        # `check` exits 1 for problems found and 3 when offline: the report is written.
        if arguments[0] == "export" and code != 0:
            return code
        worst = max(worst, code if code == 2 else 0)
    return worst


if __name__ == "__main__":
    sys.exit(main())
