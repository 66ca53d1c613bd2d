"""SARIF 2.1.0, for code-scanning dashboards: one run, one result per finding.

The driver lists one rule per kind of finding that occurs (`dead-link`, `moved-link`,
`inconclusive-link`, each note-problem kind, `unreadable-file`); a result names its rule,
its level ("error", "warning" or "note"), its message and where it is: the file as a
URI relative to the working directory (`uriBaseId` "%SRCROOT%", declared in
`originalUriBaseIds`), and the line. Standard input has no location.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from citecheck import __version__
from citecheck.inputs import STDIN_NAME
from citecheck.model import Report
from citecheck.net.policy import PROJECT_URL
from citecheck.reports import escape
from citecheck.reports.common import Finding, findings, relative_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT = "%SRCROOT%"
RULE_TEXT = {
    "dead-link": "A cited link is dead: it no longer leads to the cited page.",
    "moved-link": "A cited link has moved permanently: cite the new address.",
    "inconclusive-link": "A cited link could not be judged (no answer, a bot wall, a timeout).",
    "unreadable-file": "An input file could not be read.",
}


def render(report: Report) -> str:
    found = list(findings(report))
    rules: dict[str, dict[str, Any]] = {}
    for finding in found:
        rules.setdefault(finding.rule, _rule(finding))
    index = {rule: position for position, rule in enumerate(rules)}
    run = {
        "tool": {
            "driver": {
                "name": "citecheck",
                "version": __version__,
                "informationUri": PROJECT_URL,
                "rules": list(rules.values()),
            }
        },
        "originalUriBaseIds": {ROOT: {"uri": Path.cwd().as_uri() + "/"}},
        "results": [_result(finding, index[finding.rule]) for finding in found],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return escape.json_text(log, indent=2) + "\n"


def _rule(finding: Finding) -> dict[str, Any]:
    text = RULE_TEXT.get(finding.rule, f"Note problem: {finding.rule}.")
    return {
        "id": finding.rule,
        "name": "".join(part.capitalize() for part in finding.rule.split("-")),
        "shortDescription": {"text": text},
        "defaultConfiguration": {"level": finding.level},
    }


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": finding.level,
        "message": {"text": finding.message},
    }
    if finding.path != STDIN_NAME:
        physical: dict[str, Any] = {
            "artifactLocation": {"uri": quote(relative_path(finding.path)), "uriBaseId": ROOT}
        }
        if finding.line is not None and finding.line >= 1:
            physical["region"] = {"startLine": finding.line}
        result["locations"] = [{"physicalLocation": physical}]
    return result
