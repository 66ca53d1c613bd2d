"""Verification time against the number of notes: it must grow linearly.

    python benchmarks/bench_verify.py [--sizes 10000 20000 40000 100000] [--repeats 3]
                                      [--shapes markdown text]

Two synthetic manuscripts, each note cited once in order:
  markdown   pandoc footnotes `[^n]` (labels, matched by name)
  text       a body with `[n]` markers and a `Notes` block of `n. text` notes
Each shape runs in a fresh subprocess of this checkout, which reads and parses the
largest size once (`citecheck.readers`, `citecheck.citations.parse_document`, timed and
shown beside) and then times `citecheck.verify.verify` (markers against notes, the notes
against each other) on the first n notes and markers of it for every size: verify is a
function of the parsed document only, so the parse is not repeated per size. Times are
CPU seconds of the process (`time.process_time`), steady on a shared machine. The last
column is verify's seconds per 1,000 notes: flat when verify is linear.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from common import PYTHON, REPO, machine_line, median, write_section

if TYPE_CHECKING:
    from citecheck.model import ParsedDocument

SHAPES = ("markdown", "text")


def note_text(number: int) -> str:
    """A realistic note, different for every number (so no two notes repeat)."""
    year, page = 1950 + number % 70, number % 300 + 1
    kinds = (
        f"A. Author{number}, *Book {number}* (London: Press, {year}), {page}.",
        f'B. Writer{number}, "Article {number}," *Journal {number % 40}* 12, no. 3 (2001): 1-9.',
        f"C. Editor{number}, ed., *Collected Papers {number}* (Paris: Maison, 1999), 44.",
        f"Report {number}, https://example.org/report/{number} (accessed 1 May 2016).",
    )
    return kinds[number % len(kinds)]


def manuscript(shape: str, size: int) -> str:
    if shape == "markdown":
        body = [f"Sentence {n} says something.[^{n}]\n" for n in range(1, size + 1)]
        notes = [f"[^{n}]: {note_text(n)}" for n in range(1, size + 1)]
        return "# Chapter\n\n" + "\n".join(body) + "\n" + "\n".join(notes) + "\n"
    body = [f"Sentence {n} says something.[{n}]" for n in range(1, size + 1)]
    notes = [f"{n}. {note_text(n)}" for n in range(1, size + 1)]
    return "\n".join(body) + "\n\nNotes\n\n" + "\n".join(notes) + "\n"


def prefix(parsed: ParsedDocument, size: int) -> ParsedDocument:
    """The parsed document cut to its first `size` notes and first `size` markers."""
    from citecheck.model import ParsedDocument

    kept = {id(note) for note in parsed.document.notes[:size]}
    sections = tuple(
        replace(section, notes=tuple(n for n in section.notes if id(n) in kept))
        for section in parsed.document.sections
    )
    document = replace(parsed.document, sections=sections, markers=parsed.document.markers[:size])
    notes = tuple(item for item in parsed.notes if id(item.note) in kept)
    return ParsedDocument(document, notes)


def child(shape: str, sizes: list[int], repeats: int) -> None:
    """Read and parse the largest manuscript, verify each size; print JSON figures."""
    sys.path.insert(0, str(REPO))
    from citecheck.citations import parse_document
    from citecheck.readers import read_document
    from citecheck.verify import verify

    path = Path("/tmp") / f"citecheck-bench-verify.{'md' if shape == 'markdown' else 'txt'}"
    path.write_text(manuscript(shape, max(sizes)), encoding="utf-8")
    try:
        started = time.process_time()
        document = read_document(str(path), quiet=True)
        read_s = time.process_time() - started
    finally:
        path.unlink()
    started = time.process_time()
    parsed = parse_document(document)
    parse_s = time.process_time() - started
    rows = []
    for size in sizes:
        part = prefix(parsed, size)
        times, result = [], None
        for _ in range(repeats):
            started = time.process_time()
            result = verify(part)
            times.append(time.process_time() - started)
        assert result is not None
        rows.append({"notes": len(part.document.notes), "markers": len(part.document.markers),
                     "seconds": median(times), "errors": result.errors,
                     "warnings": result.warnings})  # fmt: skip
    figures = {"read": read_s, "parse": parse_s, "notes": len(document.notes), "rows": rows}
    print(json.dumps(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 20_000, 40_000, 100_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--shapes", nargs="*", choices=SHAPES, default=list(SHAPES))
    parser.add_argument("--child", choices=SHAPES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.sizes, args.repeats)
        return
    rows, stages = [], []
    for shape in args.shapes:
        command = [PYTHON, __file__, "--child", shape, "--repeats", str(args.repeats), "--sizes"]
        done = subprocess.run(
            [*command, *map(str, args.sizes)], capture_output=True, text=True, check=True
        )
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        stages.append(
            f"{shape}: read {figures['read']:.1f} s, parse {figures['parse']:.1f} s"
            f" for {figures['notes']:,} notes"
        )
        for found in figures["rows"]:
            rows.append(
                f"| {shape} | {found['notes']:,} | {found['markers']:,} | {found['seconds']:.2f} "
                f"| {found['seconds'] / found['notes'] * 1000:.3f} "
                f"| {found['errors']} / {found['warnings']} |"
            )
            print(rows[-1], flush=True)
    body = (
        "## Verification time (`benchmarks/bench_verify.py`)\n\n"
        "Synthetic manuscripts, each note cited once in order (pandoc footnotes; plain text with"
        " `[n]` markers and `n.` notes), read and parsed once at the largest size; `verify` timed"
        f" in CPU seconds on the first n notes and markers, median of {args.repeats} runs."
        f" {machine_line()}"
        f" Beside it: {'; '.join(stages)}.\n\n"
        "| shape | notes | markers | verify s | verify s / 1k notes | errors / warnings |\n"
        "|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )
    write_section("verify", body)


if __name__ == "__main__":
    main()
