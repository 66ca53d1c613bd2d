"""JUnit XML for CI dashboards: one test case per link, one per note problem.

A dead link is a failure (the build should go red); an inconclusive link is skipped
(the web gave no answer, which is neither a pass nor the manuscript's fault); a moved
link passes with the new URL in its output. Note problems of severity "error" fail,
warnings pass with the message in their output. Each test case carries `file` and `line`
(the first place citing a link), the attributes CI dashboards use to link to the source.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from citecheck.links.urls import dedup_key
from citecheck.model import Problem, Report, Verdict
from citecheck.reports import citations, escape
from citecheck.reports.common import Place, places_by_link, suggested_fix


def render(report: Report) -> str:
    places = places_by_link(report)
    several = len(report.files) > 1
    links = [
        _link_case(verdict, places.get(dedup_key(verdict.url), []), several)
        for verdict in report.verdicts
    ]
    notes = [
        _problem_case(problem, result.path)
        for result in report.files
        for problem in result.problems
    ]
    works = [_work_case(work) for work in citations.cited_works(report)]
    root = ET.Element("testsuites", name="citecheck")
    suites = [("links", links), ("notes", notes)] + ([("citations", works)] if works else [])
    for name, cases in suites:
        suite = ET.SubElement(root, "testsuite", name=name)
        suite.extend(cases)
        _count(suite, cases)
    _count(root, links + notes + works)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _count(element: ET.Element, cases: list[ET.Element]) -> None:
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(case.find("failure") is not None for case in cases)))
    element.set("errors", "0")
    element.set("skipped", str(sum(case.find("skipped") is not None for case in cases)))
    element.set("time", f"{sum(float(case.get('time', 0)) for case in cases):.3f}")


def _places(places: list[Place], several: bool) -> str:
    """ "第1章/2, 3" (with the file in front, "a.md:第1章/2", when the run read several)."""
    marks: dict[str, list[str]] = {}
    for place in places:
        where = f"{place.file.path}:" if several else ""
        marks.setdefault(where + place.citation.section, []).append(place.citation.note_mark)
    return "; ".join(f"{s}/{', '.join(dict.fromkeys(m))}" for s, m in marks.items())


def _where(case: ET.Element, path: str | None, line: int | None) -> None:
    if path:
        case.set("file", escape.xml(path))
    if line is not None:
        case.set("line", str(line))


def _link_case(verdict: Verdict, places: list[Place], several: bool) -> ET.Element:
    case = ET.Element(
        "testcase",
        classname=escape.xml(_places(places, several) or "links"),
        name=escape.xml(verdict.url),
        time=f"{verdict.elapsed:.3f}",
    )
    if places:
        _where(case, places[0].file.path, places[0].citation.note_line)
    message = escape.xml(f"{verdict.state}: {verdict.reason}")
    fix = suggested_fix(verdict)
    status = "-" if verdict.status is None else str(verdict.status)
    evidence = [f"status: {status}", f"attempts: {verdict.attempts}"]
    evidence += [f"redirect: {hop.status} {hop.url}" for hop in verdict.hops]
    if fix:
        evidence.append(("new URL: " if verdict.state == "moved" else "archived copy: ") + fix)
    evidence += list(verdict.details)
    body = escape.xml("\n".join(evidence))
    if verdict.state == "dead":
        ET.SubElement(case, "failure", message=message, type=escape.xml(verdict.reason)).text = body
    elif verdict.state == "inconclusive":
        ET.SubElement(case, "skipped", message=message)
        ET.SubElement(case, "system-out").text = body
    else:
        ET.SubElement(case, "system-out").text = escape.xml(f"{message}\n{body}")
    return case


def _problem_case(problem: Problem, path: str) -> ET.Element:
    note = "" if problem.note is None else str(problem.note)
    case = ET.Element(
        "testcase",
        classname=escape.xml(f"{problem.section or ''}/{note}".strip("/") or "notes"),
        name=escape.xml(f"{problem.kind}: {problem.message}"),
        time="0.000",
    )
    _where(case, path, problem.line)
    where = f" (line {problem.line})" if problem.line is not None else ""
    message = escape.xml(problem.message + where)
    if problem.severity == "error":
        failure = ET.SubElement(case, "failure", message=message, type=escape.xml(problem.kind))
        failure.text = message
    else:
        ET.SubElement(case, "system-out").text = f"{problem.severity}: {message}"
    return case


def _work_case(work: citations.CitedWork) -> ET.Element:
    """A cited work: dead or cited wrongly fails, inconclusive is skipped, the rest pass."""
    verdict, citation = work.verdict, work.citation
    case = ET.Element(
        "testcase",
        classname=escape.xml(f"{citation.section}/{citation.note_mark}"),
        name=escape.xml(f"{citation.id}: {citation.csl.get('title') or citation.text[:80]}"),
        time="0.000",
    )
    _where(case, work.file.path, citation.note_line)
    message = escape.xml(f"{verdict.state}: {verdict.reason}")
    evidence = [f"{e.service} {e.record_id} {e.record_url}" for e in verdict.evidence]
    evidence += [f"{d.field}: cited {d.cited!r}, found {d.found!r}" for d in verdict.differences]
    if verdict.new_url:
        evidence.append(f"found at: {verdict.new_url}")
    body = escape.xml("\n".join([*evidence, *verdict.details]))
    if verdict.state == "dead" or verdict.differences:
        ET.SubElement(case, "failure", message=message, type=escape.xml(verdict.reason)).text = body
    elif verdict.state == "inconclusive":
        ET.SubElement(case, "skipped", message=message)
        ET.SubElement(case, "system-out").text = body
    else:
        ET.SubElement(case, "system-out").text = escape.xml(f"{message}\n{body}")
    return case
