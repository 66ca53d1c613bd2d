"""GitHub Actions workflow commands: each finding becomes an annotation on its file and line.

    ::error file=docs/a.md,line=12,title=citecheck%3A dead link::note 3: https://… is dead …

Dead links and note errors are errors, moved links and note warnings are warnings, an
inconclusive link is a notice. Values are escaped as the Actions runner reads them (the
rules of `@actions/core`): `%`, CR and LF in the message; those and also `:` and `,` in a
property, where they would end the value; other controls are written visibly first (see
`citecheck.reports.escape`). The summary line closes the output.
"""

from __future__ import annotations

from citecheck.model import Report
from citecheck.reports import escape
from citecheck.reports.common import findings, relative_path, summary_line

COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def render(report: Report) -> str:
    lines = []
    for finding in findings(report):
        properties = [f"file={escape.github_property(relative_path(finding.path))}"]
        if finding.line is not None:
            properties.append(f"line={finding.line}")
        properties.append(f"title={escape.github_property('citecheck: ' + finding.title)}")
        command = COMMANDS[finding.level]
        message = escape.github_data(finding.message)
        lines.append(f"::{command} {','.join(properties)}::{message}")
    lines.append(f"citecheck: {summary_line(report)}")
    return "\n".join(lines) + "\n"
