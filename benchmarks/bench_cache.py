"""Warm cache: the same N = 2000 check again with the result cache, cold/warm ratio.

    python benchmarks/bench_cache.py [--n 2000] [--repeats 3] [--scratch DIR]

On the shared bench's simulated web (a fresh simweb per profile, 50 ms latency), this
checkout's `citecheck check corpus.md --format json --allow-private --no-archive
--cache DB` runs once on an empty cache (cold), then `--repeats` times more with the
very same command (warm, median). The cache holds the verdicts and the parsed
manuscript. By default inconclusive verdicts younger than an hour are reused too; the
second profile leaves out the never-answering /hang URLs, and the third runs with
`--reuse-inconclusive 0`, where the warm runs ask every uncertain answer again (the 20
/hang URLs cost their 10 s timeout again). Every run
is scored with the bench's score.py (the cache must not change a verdict), and
simweb's request counter tells how much the warm runs fetched. A second table
re-checks every link (`--max-age 0`) on a cache that has seen them, where the links
that took longest last time start first, and sets both runs against the physical
lower bound of the bench's report.py.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import urllib.request
from pathlib import Path

from common import (
    BOUND_MODEL,
    DEFAULT_SCRATCH,
    bench_copy,
    citecheck_argv,
    citecheck_env,
    free_port,
    machine_line,
    make_corpus,
    median,
    run_measured,
    score_report,
    simweb,
    write_section,
)

TARGET_RATIO = 20


def requests_so_far(stats_url: str) -> int:
    return json.loads(urllib.request.urlopen(stats_url, timeout=5).read())["requests"]


def measure_profile(
    bench: Path, n: int, exclude: str, repeats: int, extra: tuple[str, ...] = ()
) -> str:
    port = free_port()
    corpus = make_corpus(bench, n, port, exclude)
    with tempfile.TemporaryDirectory() as work, simweb(bench, port) as stats:
        cache = Path(work) / "cache.sqlite"
        options = (
            "--format", "json", "--allow-private", "--no-archive", "--no-lookup",
            "--cache", str(cache),
        )  # fmt: skip
        argv = citecheck_argv("check", str(corpus / "corpus.md"), *options, *extra)
        cold = run_measured(argv, env=citecheck_env(), cwd=work)
        after_cold = requests_so_far(stats)
        if cold.returncode not in (0, 1):
            return f"| {exclude or 'all'} | **cold run failed** (exit {cold.returncode}): " \
                f"{cold.stderr.strip()[-200:]} | | | | | |"  # fmt: skip
        warms = [run_measured(argv, env=citecheck_env(), cwd=work) for _ in range(repeats)]
        warm_requests = (requests_so_far(stats) - after_cold) / repeats
    cold_score = score_report(bench, corpus, cold.stdout)
    warm_score = score_report(bench, corpus, warms[-1].stdout)
    warm_s = median([w.wall_s for w in warms])
    ratio = cold.wall_s / warm_s
    verdict = "met" if ratio >= TARGET_RATIO else "**missed**"
    label = f"without {exclude}" if exclude else "all scenarios"
    if extra:
        label += f" (`{' '.join(extra)}`)"
    return (
        f"| {label} | {cold.wall_s:.2f} "
        f"| {warm_s:.2f} | **{ratio:.1f}×** ({verdict}) | {after_cold:,} → {warm_requests:,.0f} "
        f"| {cold_score['accuracy']:.3f} / {warm_score['accuracy']:.3f} "
        f"| {cold.peak_rss_mb:.0f} / {median([w.peak_rss_mb for w in warms]):.0f} |"
    )


def measure_recheck(bench: Path, n: int, repeats: int) -> str:
    """A cold check, then re-checks of every link (`--max-age 0`) with the cache's history:
    the links that took longest last time start first. Both against the physical bound."""
    import report  # the bench's report.py: its lower-bound model

    port = free_port()
    corpus = make_corpus(bench, n, port)
    meta = json.loads((corpus / "meta.json").read_text())
    bound = report.lower_bound(meta, BOUND_MODEL)["bound_k_s"]
    with tempfile.TemporaryDirectory() as work, simweb(bench, port):
        cache = Path(work) / "cache.sqlite"
        options = (
            "--format", "json", "--allow-private", "--no-archive", "--no-lookup",
            "--cache", str(cache),
        )  # fmt: skip
        argv = citecheck_argv("check", str(corpus / "corpus.md"), *options)
        cold = run_measured(argv, env=citecheck_env(), cwd=work)
        again = [
            run_measured([*argv, "--max-age", "0"], env=citecheck_env(), cwd=work)
            for _ in range(repeats)
        ]
    again_s = median([run.wall_s for run in again])
    scores = [score_report(bench, corpus, run.stdout) for run in (cold, *again)]
    return (
        f"| {n:,} | {bound:.2f} | {cold.wall_s:.2f} ({cold.wall_s / bound:.2f}×) "
        f"| {again_s:.2f} ({again_s / bound:.2f}×) "
        f"| {min(s['accuracy'] for s in scores):.3f} | {max(s['false_dead'] for s in scores)} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--scratch", type=Path, default=DEFAULT_SCRATCH)
    args = parser.parse_args()
    bench = bench_copy(args.scratch)
    rows = []
    profiles = [("", ()), ("hang", ()), ("", ("--reuse-inconclusive", "0"))]
    for exclude, extra in profiles:
        rows.append(measure_profile(bench, args.n, exclude, args.repeats, extra))
        print(rows[-1])
    recheck = measure_recheck(bench, args.n, args.repeats)
    print(recheck)
    body = (
        "## Warm cache\n\n"
        f"`benchmarks/bench_cache.py --n {args.n}`: one cold run on an empty cache, then "
        f"the median of {args.repeats} warm runs of the same command, on the bench's "
        "simulated web (50 ms latency). The cache holds verdicts and the parsed manuscript; "
        "inconclusive verdicts are reused while younger than `--reuse-inconclusive` (1h by "
        "default). With `--reuse-inconclusive 0` a warm run asks the 20 never-answering "
        "/hang URLs again and waits their 10 s timeout: no such run can be 20× faster than "
        "a cold one. "
        f"Target: warm ≥ {TARGET_RATIO}× faster. {machine_line()}\n\n"
        "| corpus | cold s | warm s | cold/warm | requests cold → warm | accuracy cold / warm "
        "| peak RSS MB cold / warm |\n|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
        "\nRe-checking every link (`--max-age 0`) on a cache that has seen them: the links "
        "that took longest last time (the /hang ones) start first instead of in document "
        f"order. Median of {args.repeats} re-checks against one cold run (no history).\n\n"
        "| links | physical bound s | cold s (× bound) | re-check s (× bound) "
        "| lowest accuracy | most false dead |\n|---|---|---|---|---|---|\n" + recheck + "\n"
    )
    write_section("cache", body)


if __name__ == "__main__":
    main()
