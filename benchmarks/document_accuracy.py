"""Field accuracy of citecheck's reader + parser on one manuscript in several file formats.

    python benchmarks/document_accuracy.py [--locale en-US] [--keep DIR] [--no-write]

The hand-written catalogue entries in `benchmarks/data/document_items.json` (ten languages,
eight item types, none from the synthetic generator's vocabulary) are rendered as Chicago
full notes with citeproc-py (italics as `*…*`), written into a Markdown manuscript with
`[^n]` footnotes, and converted by pandoc to DOCX, ODT, HTML and EPUB. Each file is read by
`citecheck.readers.read_document` and parsed by `citecheck.citations.parse_document`; the
first full citation of note n is scored against entry n with `benchmarks/softmatch.py`
(GROBID-style soft match), over the fields the note actually prints (a Chicago note prints
the cited page, not an article's page range; as in the project's annotations, that page is
then the gold `page` as well as the locator). One row per format; the product's goal is
every format scoring what Markdown scores.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.softmatch import Tally  # noqa: E402
from citecheck.citations import parse_document  # noqa: E402
from citecheck.readers import read_document  # noqa: E402

ITEMS = ROOT / "benchmarks" / "data" / "document_items.json"
STYLE = "chicago-notes-bibliography-17th-edition"
PANDOC_FORMATS: dict[str, str] = {"docx": "docx", "odt": "odt", "html": "html", "epub": "epub"}
FORMATS: tuple[str, ...] = ("markdown", *PANDOC_FORMATS)


class BenchmarkError(Exception):
    """Something the benchmark needs is missing (pandoc, citeproc-py, the CSL styles)."""


@dataclass(frozen=True)
class GoldNote:
    number: int
    language: str
    text: str
    fields: dict[str, Any]


@dataclass
class FormatScore:
    name: str
    notes_read: int = 0
    citations_found: int = 0
    tally: Tally = field(default_factory=Tally)
    by_language: dict[str, Tally] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    error: str | None = None


def load_entries(path: Path = ITEMS) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))["entries"]


def render_notes(entries: Sequence[dict[str, Any]], locale: str = "en-US") -> list[GoldNote]:
    """Chicago full notes for `entries`, each with the gold fields it prints."""
    try:
        from training.render import STYLES_DIR, RenderError, render
    except ImportError as error:
        raise BenchmarkError(f"citeproc-py is needed to render the notes ({error})") from error
    if not STYLES_DIR.is_dir():
        raise BenchmarkError(f"CSL styles not found at {STYLES_DIR}")
    notes = []
    for number, entry in enumerate(entries, start=1):
        item, locator = entry["item"], entry.get("locator")
        try:
            rendered = render(STYLE, locale, item, "note", locator)
        except RenderError as error:
            raise BenchmarkError(f"entry {item['id']} does not render: {error}") from error
        printed = {label for label, _text in rendered.segments if label}
        gold = {name: value for name, value in item.items() if name in printed}
        if locator is not None and "locator" in printed:
            gold["locator"] = locator
            # The project's annotations (tests/data/annotations) give the cited page as the
            # citation's `page` too when the note prints no page range.
            gold.setdefault("page", locator)
        notes.append(GoldNote(number, item.get("language", "?"), rendered.text, gold))
    return notes


def manuscript(notes: Sequence[GoldNote]) -> str:
    """A Markdown manuscript citing every note once, in order."""
    body = [f"Paragraph {note.number} of the argument rests on a source.[^{note.number}]"
            for note in notes]
    definitions = [f"[^{note.number}]: {note.text}" for note in notes]
    return "\n\n".join(["# Notes in every format", *body, *definitions]) + "\n"


def convert(markdown: Path, fmt: str, directory: Path) -> Path:
    """`markdown` converted by pandoc to `fmt`, written in `directory`."""
    if shutil.which("pandoc") is None:
        raise BenchmarkError("pandoc is not installed (Debian: apt-get install -y pandoc)")
    target = directory / f"{markdown.stem}.{fmt}"
    command = ["pandoc", "--from", "markdown", "--to", PANDOC_FORMATS[fmt], "--standalone",
               "--metadata", "title=Notes in every format", "--output", str(target),
               str(markdown)]
    subprocess.run(command, check=True, capture_output=True)
    return target


def _predicted(citation) -> dict[str, Any]:
    fields = dict(citation.csl)
    if citation.locator is not None:
        fields["locator"] = citation.locator
    return fields


def score_document(path: Path, notes: Sequence[GoldNote], name: str) -> FormatScore:
    """Read and parse `path`; score note n's first full citation against gold note n."""
    score = FormatScore(name)
    try:
        parsed = parse_document(read_document(str(path), quiet=True))
    except Exception as error:  # a reader or parser failure is a result to report
        score.error = f"{type(error).__name__}: {error}"
        parsed = None
    found: dict[int, dict[str, Any]] = {}
    for position, parsed_note in enumerate(parsed.notes if parsed else (), start=1):
        score.notes_read += 1
        number = parsed_note.note.number or position
        full = [c for c in parsed_note.citations if c.backref is None]
        if full and number not in found:
            found[number] = _predicted(full[0])
    score.citations_found = sum(1 for note in notes if note.number in found)
    for note in notes:
        tally = score.by_language.setdefault(note.language, Tally())
        wrong = tally.add(note.fields, found.get(note.number))
        if wrong:
            got = found.get(note.number, {})
            score.misses.append(f"{name} note {note.number}: " + "; ".join(
                f"{w} = {got.get(w)!r}, gold {note.fields.get(w)!r}" for w in wrong))
    for tally in score.by_language.values():
        score.tally.merge(tally)
    return score


def run(notes: Sequence[GoldNote], directory: Path,
        formats: Sequence[str] = FORMATS) -> list[FormatScore]:
    markdown = directory / "manuscript.md"
    markdown.write_text(manuscript(notes), encoding="utf-8")
    scores = []
    for fmt in formats:
        path = markdown if fmt == "markdown" else convert(markdown, fmt, directory)
        scores.append(score_document(path, notes, fmt))
    return scores


def table(scores: Sequence[FormatScore], total: int) -> list[str]:
    lines = ["| format | notes read | with a citation | precision | recall | F1 |",
             "|---|---|---|---|---|---|"]
    for score in scores:
        t = score.tally
        lines.append(f"| {score.name} | {score.notes_read} | {score.citations_found}/{total} | "
                     f"{t.precision():.3f} | {t.recall():.3f} | {t.f1():.3f} |"
                     + (f" {score.error}" if score.error else ""))
    return lines


def field_table(scores: Sequence[FormatScore]) -> list[str]:
    names = [name for name in scores[0].tally.fields()] if scores else []
    lines = ["| field F1 | " + " | ".join(s.name for s in scores) + " |",
             "|---|" + "---|" * len(scores)]
    for name in names:
        lines.append(f"| {name} | " + " | ".join(f"{s.tally.f1(name):.2f}" for s in scores) + " |")
    return lines


def language_table(scores: Sequence[FormatScore]) -> list[str]:
    languages = list(scores[0].by_language) if scores else []
    lines = ["| language F1 | " + " | ".join(s.name for s in scores) + " |",
             "|---|" + "---|" * len(scores)]
    for language in languages:
        lines.append(f"| {language} | " + " | ".join(
            f"{s.by_language[language].f1():.2f}" for s in scores) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--locale", default="en-US", help="locale of the notes (default en-US)")
    parser.add_argument("--keep", type=Path, help="write the manuscript and conversions here")
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    parser.add_argument("--misses", action="store_true", help="list every field missed")
    arguments = parser.parse_args(argv)
    try:
        entries = load_entries()
        notes = render_notes(entries, arguments.locale)
        if arguments.keep:
            arguments.keep.mkdir(parents=True, exist_ok=True)
            scores = run(notes, arguments.keep)
        else:
            with tempfile.TemporaryDirectory(prefix="citecheck-documents-") as scratch:
                scores = run(notes, Path(scratch))
    except (BenchmarkError, subprocess.CalledProcessError, OSError) as error:
        print(f"document_accuracy: {error}", file=sys.stderr)
        return 2
    lines = [*table(scores, len(notes)), "", *field_table(scores), "", *language_table(scores)]
    print("\n".join(lines))
    if arguments.misses:
        print("\n".join(miss for score in scores for miss in score.misses))
    if not arguments.no_write:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from common import machine_line, write_section

        write_section(
            "document-accuracy",
            "## Notes read from every format\n\n`benchmarks/document_accuracy.py`: "
            f"{len(notes)} hand-written catalogue entries in ten languages rendered as Chicago "
            f"full notes ({arguments.locale}) into one Markdown manuscript, converted by pandoc; "
            "fields soft-matched (`benchmarks/softmatch.py`) over what each note prints. "
            f"Goal: every format = Markdown. {machine_line()}\n\n" + "\n".join(lines) + "\n",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
