"""A longer fuzz run of the note reader, the marker extractor and the citation parser.

    python benchmarks/fuzz_parse.py [--examples 5000]

The same properties as `tests/robustness/test_properties.py`, with many more hypothesis
examples each: random text and bytes must only ever end in `InputError`; generated
manuscripts must give back every note and marker exactly once; `parse_document` (when
present) must not crash and must give each citation a CSL type and a unique id.
Every failure is printed with hypothesis's minimal example and counted in RESULTS.md.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable

from common import REPO, machine_line, write_section

sys.path.insert(0, str(REPO))

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.errors import InputError
from citecheck.readers.plaintext import read_text
from citecheck.readers.superscripts import superscript_markers
from tests.robustness.strategies import manuscripts, marker_lines, note_like_texts


def reader_never_crashes(text: str) -> None:
    with contextlib.suppress(InputError):
        read_text(text)


def notes_found_once(manuscript) -> None:
    document = read_text(manuscript.text)
    assert Counter((n.section, n.number) for n in document.notes) == Counter(
        manuscript.notes.keys()
    )
    for note in document.notes:
        assert note.text == manuscript.notes[(note.section, note.number)], note
    found = Counter((m.section, m.number) for m in document.markers)
    assert found == Counter(manuscript.markers), found


def markers_found(line_and_numbers) -> None:
    line, numbers = line_and_numbers
    assert [number for _, number, _ in superscript_markers(line)] == numbers


def citations_well_formed(manuscript) -> None:
    from citecheck.citations import parse_document

    parsed = parse_document(read_text(manuscript.text))
    ids = [c.id for c in parsed.citations]
    assert len(ids) == len(set(ids)), "duplicate citation ids"
    for citation in parsed.citations:
        assert isinstance(citation.csl.get("type"), str) and citation.csl.get("id"), citation


PROPERTIES: list[tuple[str, Callable, st.SearchStrategy]] = [
    ("read_text: any text", reader_never_crashes, st.text(max_size=5000)),
    ("read_text: any bytes, decoded", reader_never_crashes,
     st.binary(max_size=5000).map(lambda b: b.decode("utf-8", "replace"))),
    ("read_text: manuscript-like lines", reader_never_crashes, note_like_texts()),
    ("read_text: notes section", notes_found_once, manuscripts(with_body=False)),
    ("read_text: whole manuscript", notes_found_once, manuscripts(with_body=True)),
    ("superscript_markers", markers_found, marker_lines()),
    ("parse_document", citations_well_formed, manuscripts(with_body=False)),
]  # fmt: skip


def run_property(name: str, check: Callable, strategy, examples: int) -> tuple[str, float]:
    """('ok' or the failure, seconds) of one property over `examples` examples."""
    if name == "parse_document" and not (REPO / "citecheck" / "citations").is_dir():
        return "not run: citecheck.citations is not in this checkout", 0.0
    test = settings(max_examples=examples, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))(given(strategy)(check))  # fmt: skip
    started = time.perf_counter()
    try:
        test()
        outcome = "ok"
    except Exception as exc:
        traceback.print_exc()
        outcome = f"**FAILED**: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    return outcome, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=5000)
    args = parser.parse_args()
    rows, failures = [], 0
    for name, check, strategy in PROPERTIES:
        outcome, seconds = run_property(name, check, strategy, args.examples)
        failures += outcome.startswith("**FAILED")
        rows.append(f"| {name} | {args.examples:,} | {seconds:.1f} | {outcome} |")
        print(rows[-1], flush=True)
    body = (
        "## Fuzzing the parsers\n\n"
        f"`benchmarks/fuzz_parse.py --examples {args.examples}`: hypothesis, "
        f"{args.examples:,} examples per property; {failures} failing. {machine_line()}\n\n"
        "| property | examples | seconds | outcome |\n|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )
    write_section("fuzz", body)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
