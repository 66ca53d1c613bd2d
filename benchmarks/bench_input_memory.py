"""Memory at the input limit: peak RSS of `parse` on big plain-text notes and a big .bib.

    python benchmarks/bench_input_memory.py [--mb 1 10 60] [--bib 100000] [--command parse]

Plain-text notes are the sample notes (references/, 301 notes) repeated chapter after
chapter, renumbered, up to each size; the .bib holds N generated entries (article, book,
online in turn). This checkout's `citecheck parse FILE -o OUT` (or `verify`) runs under
GNU time, which reports the peak RSS of the process. The bar: 60 MB of notes under
1 GB, i.e. a small multiple of the input. (`bench_memory.py` measures memory while
checking links; this one measures it while reading.)
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from common import REPO, citecheck_argv, citecheck_env, machine_line, run_measured, write_section

SAMPLE = REPO / "references" / "china-security-report-2026-notes.txt"
LIMIT_MB = 1024


def plain_notes(path: Path, megabytes: float) -> int:
    """Write chapters of the sample's notes until `megabytes`; the number of notes."""
    notes = [line.split(" ", 2)[2] for line in SAMPLE.read_text("utf-8").splitlines()
             if re.match(r"- \d+ ", line)]  # fmt: skip
    target = int(megabytes * 1024 * 1024)
    written, count, chapter = 0, 0, 0
    with path.open("w", encoding="utf-8") as out:
        out.write("注\n")
        while written < target:
            chapter += 1
            block = f"\n[第{chapter}章]\n\n" + "".join(
                f"- {n} {text}\n" for n, text in enumerate(notes, start=1)
            )
            out.write(block)
            written += len(block.encode("utf-8"))
            count += len(notes)
    return count


BIB_KINDS = (
    "@article{{key{n},\n  author = {{Tanaka, Ichiro and Smith, Jane}},\n"
    "  title = {{On the Matter of Case {n}}},\n  journal = {{Journal of Studies}},\n"
    "  year = {{2020}},\n  volume = {{12}},\n  number = {{3}},\n  pages = {{45--67}},\n"
    "  doi = {{10.1000/j.{n}}}\n}}\n\n",
    "@book{{key{n},\n  author = {{増田, 雅之}},\n  title = {{中国の大国外交 第{n}巻}},\n"
    "  publisher = {{東京大学出版会}},\n  address = {{東京}},\n  year = {{2021}}\n}}\n\n",
    "@online{{key{n},\n  author = {{{{Ministry of Defense}}}},\n  title = {{Report {n}}},\n"
    "  url = {{https://example.org/reports/{n}}},\n  urldate = {{2024-05-01}},\n"
    "  year = {{2024}}\n}}\n\n",
)


def bib_entries(path: Path, entries: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for n in range(entries):
            out.write(BIB_KINDS[n % len(BIB_KINDS)].format(n=n))


def measure(command: str, path: Path, scratch: Path) -> tuple[float, float, int, str]:
    """(wall s, peak RSS MB, exit code, first error line) of `citecheck COMMAND path`."""
    out = scratch / f"{path.name}.{command}.out"
    out.unlink(missing_ok=True)
    argv = [command, str(path)] + (["-o", str(out)] if command == "parse" else [])
    if command == "verify":
        argv += ["--format", "json", "-o", str(out)]
    measured = run_measured(citecheck_argv(*argv), env=citecheck_env(), timeout=3600)
    error = next((line for line in measured.stderr.splitlines() if "error" in line), "")
    return measured.wall_s, measured.peak_rss_mb, measured.returncode, error


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="*", default=[1, 10, 60])
    parser.add_argument("--bib", type=int, nargs="*", default=[100_000])
    parser.add_argument("--command", choices=["parse", "verify"], default="parse")
    parser.add_argument("--no-write", action="store_true", help="print, leave RESULTS.md")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        inputs = []
        for megabytes in args.mb:
            path = scratch / f"notes-{megabytes:g}mb.txt"
            notes = plain_notes(path, megabytes)
            inputs.append((path, f"plain-text notes, {notes:,} notes"))
        for entries in args.bib:
            path = scratch / f"refs-{entries}.bib"
            bib_entries(path, entries)
            inputs.append((path, f".bib, {entries:,} entries"))
        for path, what in inputs:
            size = path.stat().st_size / 1024 / 1024
            wall, rss, code, error = measure(args.command, path, scratch)
            rows.append((what, size, wall, rss, code, error))
            print(f"{what}: {size:.1f} MB, {wall:.1f} s, {rss:.0f} MB RSS, exit {code} {error}")
    table = [
        "| input | size MB | wall s | peak RSS MB | RSS / input | exit |",
        "|---|---|---|---|---|---|",
    ]
    for what, size, wall, rss, code, error in rows:
        note = f" ({error})" if code not in (0, 1) and error else ""
        table.append(
            f"| {what} | {size:.1f} | {wall:.1f} | {rss:.0f} | {rss / size:.1f}× | {code}{note} |"
        )
    plain = [row for row in rows if "plain" in row[0]]
    bar = ""
    if plain:
        biggest = max(plain, key=lambda row: row[1])
        verdict = "met" if biggest[3] < LIMIT_MB else "**missed**"
        bar = (f"Bar: {biggest[1]:.0f} MB of notes under {LIMIT_MB} MB RSS: {verdict} "
               f"({biggest[3]:.0f} MB).")  # fmt: skip
    body = "\n".join(
        [
            "## Memory while reading big inputs",
            "",
            f"`benchmarks/bench_input_memory.py --command {args.command}`: "
            f"`citecheck {args.command}` on plain-text notes (the sample's 301 notes repeated "
            "chapter after chapter) and on a generated .bib; GNU time's peak RSS. "
            f"{machine_line()}",
            "",
            *table,
            "",
            bar,
        ]
    )
    if not args.no_write:
        write_section(f"input-memory-{args.command}", body)
    print(body)


if __name__ == "__main__":
    main()
