"""Parsing throughput: the sample notes repeated to 100,000 notes.

    python benchmarks/bench_parse.py [--notes 100000] [--repeats 3]
                                     [--parse-ladder 1000 2000 4000 8000 16000]

The sample (`references/…-notes.txt`, 301 notes in 4 chapters) is repeated, every
copy's chapters renamed as new chapters (第5章, 第6章, …) so each keeps its own
numbering 1…k. Each stage runs in a fresh subprocess of this checkout, which reports
its wall time and peak RSS (VmHWM) and the RSS before the stage started:
  read   `citecheck.readers.plaintext.read_text` (text → notes)
  parse  read + `citecheck.citations.parse_document` (→ CSL-JSON citations), when present,
         on a ladder of sizes first (one run each): when the time per note grows with the
         size, the full size is only attempted within `--parse-limit` seconds.
Medians over the repeats.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from common import PYTHON, REPO, machine_line, median, write_section

SAMPLE = REPO / "references" / "china-security-report-2026-notes.txt"


def synthetic_notes(target: int) -> str:
    """The sample's notes section repeated until it holds `target` numbered notes."""
    sys.path.insert(0, str(REPO))
    from citecheck.readers.plaintext import read_text

    sections = read_text(SAMPLE.read_text(encoding="utf-8")).sections
    lines, count, chapter = ["注"], 0, 0
    while count < target:
        for section in sections:
            chapter += 1
            lines.append(f"[第{chapter}章]")
            for note in section.notes:
                if note.number is None:
                    continue
                lines.append(f"- {note.number} {note.text}")
                count += 1
                if count == target:
                    return "\n".join(lines) + "\n"
    return "\n".join(lines) + "\n"


def vm_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def child(stage: str, path: str) -> None:
    """Run one stage in this process and print its figures as JSON."""
    sys.path.insert(0, str(REPO))
    from citecheck.readers.plaintext import read_text

    parse_document = None
    if stage == "parse":
        from citecheck.citations import parse_document
    text = Path(path).read_text(encoding="utf-8")
    before = vm_kb("VmRSS")
    started = time.perf_counter()
    document = read_text(text)
    citations = None
    if parse_document is not None:
        citations = len(parse_document(document).citations)
    seconds = time.perf_counter() - started
    figures = {"notes": len(document.notes), "citations": citations, "seconds": seconds,
               "rss_before_mb": before / 1024, "peak_rss_mb": vm_kb("VmHWM") / 1024}  # fmt: skip
    print(json.dumps(figures))


def measure(stage: str, path: Path, repeats: int, limit: float = 1800) -> dict | None:
    """Median figures of `repeats` runs of `stage`; None when it failed or ran out of time."""
    runs = []
    for _ in range(repeats):
        try:
            done = subprocess.run(
                [PYTHON, __file__, "--child", stage, str(path)],
                capture_output=True, text=True, timeout=limit, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            print(f"{stage}: over {limit:.0f} s", file=sys.stderr)
            return None
        if done.returncode != 0:
            print(f"{stage}: failed\n{done.stderr[-2000:]}", file=sys.stderr)
            return None
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    seconds = median([r["seconds"] for r in runs])
    return {**runs[0], "seconds": seconds, "notes_per_s": runs[0]["notes"] / seconds,
            "peak_rss_mb": median([r["peak_rss_mb"] for r in runs])}  # fmt: skip


def has_citations() -> bool:
    return (REPO / "citecheck" / "citations" / "__init__.py").exists()


def row(stage: str, figures: dict | None, limit: float) -> str:
    if figures is None:
        return f"| {stage} | **did not finish within {limit:.0f} s** (or failed) | | | | |"
    return (
        f"| {stage} | {figures['notes']:,} | {figures['citations'] or '-'} "
        f"| {figures['seconds']:.2f} | {figures['notes_per_s']:,.0f} "
        f"| {figures['peak_rss_mb']:.0f} (before: {figures['rss_before_mb']:.0f}) |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--parse-ladder", type=int, nargs="*", default=[1000, 2000, 4000, 8000, 16000]
    )
    parser.add_argument("--parse-limit", type=float, default=300, help="seconds for the full parse")
    parser.add_argument("--child", nargs=2, metavar=("STAGE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    work = Path("/tmp") / "citecheck-bench-parse.txt"
    rows = []
    work.write_text(synthetic_notes(args.notes), encoding="utf-8")
    size_mb = work.stat().st_size / 1e6
    rows.append(row("read", measure("read", work, args.repeats), 1800))
    print(rows[-1], flush=True)
    if has_citations():
        for size in [*args.parse_ladder, args.notes]:
            full = size == args.notes
            work.write_text(synthetic_notes(size), encoding="utf-8")
            limit = args.parse_limit if full else 1800
            figures = measure("parse", work, args.repeats if full else 1, limit)
            rows.append(row("read + parse" + ("" if full else " (ladder)"), figures, limit))
            print(rows[-1], flush=True)
    else:
        rows.append("| read + parse | not measured: `citecheck.citations` is not in this checkout "
                    "| | | | |")  # fmt: skip
    work.unlink()
    body = (
        "## Parsing throughput\n\n"
        f"`benchmarks/bench_parse.py --notes {args.notes}`: the sample notes repeated to "
        f"{args.notes:,} notes ({size_mb:.1f} MB of text; every copy's chapters renamed, "
        "numbering 1…k per chapter), each stage in a fresh process; median of "
        f"{args.repeats} runs at the full size, one run per ladder size. {machine_line()}\n\n"
        "| stage | notes | citations | seconds | notes/s | peak RSS MB (process) |\n"
        "|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )
    write_section("parse", body)


if __name__ == "__main__":
    main()
