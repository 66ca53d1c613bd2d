"""How the rule half of the parser reads reference strings it was not built on.

    python benchmarks/rule_patterns.py

Over the labelled reference strings in ../shared/training/ (AnyStyle's core.xml and
bad.xml, GROBID's TEI citation corpus; none of them was used to write the rules), each
string one reference:
- split: the share that `split.split_note` reads as exactly one citation (not commentary,
  not cut in several at a `;` or `. `);
- year: of the strings with a labelled date that holds a year, the share whose first date
  `dates.find_dates` reads has that year (and the share where some date read has it);
- DOI: of the strings with a labelled DOI, the share `urls.find_doi` reads exactly
  (compared without `doi:` / `https://doi.org/`, trailing punctuation and case).
Writes its section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citecheck.citations.dates import find_dates  # noqa: E402
from citecheck.citations.split import split_note  # noqa: E402
from citecheck.citations.urls import find_doi  # noqa: E402

TRAINING = ROOT.parent / "shared" / "training"
if not TRAINING.is_dir():
    TRAINING = Path("/work/shared/training")
TEI = "{http://www.tei-c.org/ns/1.0}"
YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class Reference:
    text: str
    date: str | None
    doi: str | None


def anystyle(path: Path) -> Iterator[Reference]:
    for sequence in ET.parse(path).getroot().iter("sequence"):
        parts = [(child.tag, " ".join((child.text or "").split())) for child in sequence]
        labels = dict(reversed(parts))  # the first of each label
        yield Reference(" ".join(text for _, text in parts), labels.get("date"), labels.get("doi"))


def grobid(folder: Path) -> Iterator[Reference]:
    for path in sorted(folder.glob("*.xml")):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            continue
        for bibl in root.iter(f"{TEI}bibl"):
            text = " ".join("".join(bibl.itertext()).split())
            date = next((" ".join(d.itertext()) for d in bibl.iter(f"{TEI}date")), None)
            doi = next(
                (
                    "".join(i.itertext())
                    for i in bibl.iter(f"{TEI}idno")
                    if (i.get("type") or "").upper() == "DOI"
                ),
                None,
            )
            yield Reference(text, date, doi)


def bare_doi(value: str) -> str:
    value = re.sub(r"^\s*(?:doi:?\s*|https?://(?:dx\.)?doi\.org/)", "", value.strip(), flags=re.I)
    return value.rstrip(".,;:) ").lower()


def score(references: list[Reference]) -> dict[str, tuple[int, int]]:
    one = first_year = any_year = dated = doi_right = with_doi = 0
    for reference in references:
        kinds = [segment.kind for segment in split_note(reference.text)]
        one += kinds == ["citation"]
        gold_year = YEAR.search(reference.date or "")
        if gold_year:
            dated += 1
            years = [str(date.parts[0][0]) for date in find_dates(reference.text)]
            first_year += bool(years) and years[0] == gold_year.group(1)
            any_year += gold_year.group(1) in years
        if reference.doi and bare_doi(reference.doi).startswith("10."):
            with_doi += 1
            found = find_doi(reference.text)
            doi_right += bool(found) and bare_doi(found) == bare_doi(reference.doi)
    return {
        "one citation": (one, len(references)),
        "first date has the year": (first_year, dated),
        "some date has the year": (any_year, dated),
        "DOI exact": (doi_right, with_doi),
    }


def main() -> None:
    sets = {
        "AnyStyle core.xml": list(anystyle(TRAINING / "anystyle" / "core.xml")),
        "AnyStyle bad.xml": list(anystyle(TRAINING / "anystyle" / "bad.xml")),
        "GROBID corpus": list(grobid(TRAINING / "grobid" / "corpus")),
    }
    rows = ["| set | strings | one citation | first date has the year | some date | DOI exact |"]
    rows.append("|---|---|---|---|---|---|")
    for name, references in sets.items():
        figures = score(references)

        def cell(key: str, figures: dict[str, tuple[int, int]] = figures) -> str:
            right, total = figures[key]
            return f"{right / total:.3f} ({right}/{total})" if total else "–"

        rows.append(
            f"| {name} | {len(references)} | {cell('one citation')} | "
            f"{cell('first date has the year')} | {cell('some date has the year')} | "
            f"{cell('DOI exact')} |"
        )
    table = "\n".join(rows)
    print(table)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from common import machine_line, write_section  # beside this script, run as one

    write_section(
        "rule-patterns",
        "## Rule patterns on reference strings (`benchmarks/rule_patterns.py`)\n\n"
        "How the rules (splitting, dates, DOIs) read the labelled reference strings in "
        "`../shared/training/`, which they were not written on.\n\n"
        f"{table}\n\n{machine_line()}\n",
    )


if __name__ == "__main__":
    main()
