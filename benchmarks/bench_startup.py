"""Start-up: how long each command takes when it has (almost) nothing to do.

    python benchmarks/bench_startup.py [--runs 20]

Runs each command `--runs` times (after one unmeasured run that writes the bytecode
caches, as an installed package has them) and reports the median wall and CPU time, beside
`python -c pass` (the interpreter alone). The warm `check` is the sample in
`references/` with its links pointed at a loopback server (the sample cites outside
sites; nothing leaves the machine) and every verdict and the parse already in the
cache. `python -X importtime` of each command is summarised: how many modules it
imports, the heaviest imports (cumulative) and which of the heavy libraries it loads,
measured once each.
Targets: `citecheck --version` ≤ 60 ms; warm `check` of the sample ≤ 150 ms.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import PYTHON, REPO, machine_line, median, write_section

sys.path.insert(0, str(REPO))
from tests.servers import TitledPage, serve_loopback

SAMPLE = REPO / "references" / "china-security-report-2026-notes.txt"
TARGETS = {"--version": 0.060, "check (warm, sample)": 0.150}
URL = re.compile(r"https?://[^\s<>()\[\]]+")
#: Libraries a command should import only when it needs them (the network stack, the
#: HTML parser, the terminal library, the romanisers, the citation parser).
HEAVY = ("requests", "bs4", "rich", "pypinyin", "pykakasi", "citecheck.citations")


def environment() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its .pyc files
    return env


def timed(argv: list[str], runs: int, cwd: str) -> tuple[list[float], list[float]]:
    """The wall times and the CPU times (user + system) of `runs` runs of `argv`."""
    env = environment()
    subprocess.run(argv, env=env, cwd=cwd, capture_output=True, timeout=120, check=False)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, timeout=120)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr[-300:]!r}")
    return walls, cpus


def import_summary(argv: list[str], cwd: str) -> tuple[int, str, str]:
    """(modules imported, the five heaviest top-level imports by cumulative time, the
    HEAVY libraries among them)."""
    done = subprocess.run(
        [PYTHON, "-X", "importtime", *argv[1:]],
        env=environment(), cwd=cwd, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    rows = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            rows.append((int(match.group(1)), len(match.group(2)), match.group(3)))
    outer = sorted((r for r in rows if r[1] <= 3 and not r[2].startswith("encodings")),
                   reverse=True)[:5]  # fmt: skip
    heaviest = ", ".join(f"{name} {us / 1000:.0f}" for us, _, name in outer)
    names = {name for _, _, name in rows}
    loaded = ", ".join(library for library in HEAVY if library in names)
    return len(rows), heaviest, loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    citecheck = [PYTHON, "-m", "citecheck"]
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as work, serve_loopback(TitledPage) as site:
        sample = Path(work) / "sample.txt"
        text = SAMPLE.read_text(encoding="utf-8")
        sample.write_text(URL.sub(lambda m: f"{site}/{abs(hash(m.group()))}", text), "utf-8")
        cache = str(Path(work) / "cache.sqlite")
        check = [*citecheck, "check", str(sample), "--allow-private", "--no-archive",
                 "--no-lookup", "--cache", cache, "--format", "json"]  # fmt: skip
        subprocess.run(check, env=environment(), cwd=work, capture_output=True, timeout=300)
        commands = {
            "python -c pass": [PYTHON, "-c", "pass"],
            "--version": [*citecheck, "--version"],
            "--help": [*citecheck, "--help"],
            "check --help": [*citecheck, "check", "--help"],
            "parse (sample)": [*citecheck, "parse", str(SAMPLE)],  # the JSON to a pipe
            "verify (sample)": [*citecheck, "verify", str(SAMPLE), "--format", "json"],
            "export bibtex (sample)": [*citecheck, "export", str(SAMPLE), "--to", "bibtex"],
            "check (warm, sample)": check,
        }
        rows = []
        for name, argv in commands.items():
            walls, cpus = timed(argv, args.runs, work)
            python_only = argv[0:2] == [PYTHON, "-c"]
            count, heaviest, loaded = (0, "", "") if python_only else import_summary(argv, work)
            target = TARGETS.get(name)
            verdict = ""
            if target is not None:
                met = "met" if median(walls) <= target else "**missed**"
                verdict = f" (target ≤ {target * 1000:.0f}: {met})"
            rows.append(
                f"| {name} | {median(walls) * 1000:.0f}{verdict} | {min(walls) * 1000:.0f}–"
                f"{max(walls) * 1000:.0f} | {median(cpus) * 1000:.0f} | {count or '-'} | "
                f"{heaviest or '-'} | "
                f"{loaded or ('-' if python_only else 'none')} |"
            )
            print(rows[-1])
    body = (
        "## Start-up\n\n"
        f"`benchmarks/bench_startup.py --runs {args.runs}`: the median of {args.runs} runs of "
        "each command (bytecode caches written first), beside the interpreter alone; CPU is "
        "user + system time, which another program's load changes less than the wall time "
        "(the targets are wall times). The warm "
        "check is the sample with its links on a loopback server and every verdict and the "
        "parse in the cache. Imports from one `python -X importtime` run per command: how many "
        "modules, the heaviest imports at the outer levels (cumulative ms, which nest), and "
        f"which of {', '.join(HEAVY)} were loaded. "
        f"{machine_line()} Load average (1 min) {load_before:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end (other work on the machine slows every row).\n\n"
        "| command | median ms | range ms | median CPU ms | modules imported | heaviest imports "
        "(ms) | heavy libraries loaded |\n|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )
    write_section("startup", body)


if __name__ == "__main__":
    main()
