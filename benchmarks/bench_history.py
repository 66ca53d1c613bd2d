"""A cache with a long history: how long a warm run's bulk reads take as history grows.

    python benchmarks/bench_history.py [--links 2000] [--days 150] [--scratch DIR]

Fills a fresh result cache with one verdict and one observation a day for every link
(a daily link audit kept for `--days` days), then times what a warm check asks of it:
opening it (with its integrity check), the reusable verdicts of every link and the
last durations (median of 5 each). No network: the cache is written directly.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from common import DEFAULT_SCRATCH, REPO, machine_line, median, write_section

sys.path.insert(0, str(REPO))

from citecheck.model import Check, Verdict
from citecheck.store import ResultCache

DAY = 86400.0


def fill(path: Path, urls: list[str], days: int) -> None:
    with ResultCache(path) as cache:
        for day in range(days):
            cache.record_verdicts(
                [
                    (
                        Verdict(url, "resolvable", "ok", status=200, elapsed=0.1),
                        [Check(url, "HEAD", 200, url, elapsed=0.1, checked_at=day * DAY)],
                    )
                    for url in urls
                ],
                checked_at=day * DAY,
            )


def timed(action, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--links", type=int, default=2000)
    parser.add_argument("--days", type=int, default=150)
    parser.add_argument("--scratch", type=Path, default=DEFAULT_SCRATCH)
    args = parser.parse_args()
    path = args.scratch / "history" / "cache.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob("cache.sqlite*"):
        stale.unlink()
    urls = [f"https://site{n % 50}.example/page/{n}" for n in range(args.links)]
    fill(path, urls, args.days)
    size_mb = sum(p.stat().st_size for p in path.parent.glob("cache.sqlite*")) / 1e6
    opening = timed(lambda: ResultCache(path).close())
    with ResultCache(path) as cache:
        wanted = dict.fromkeys(urls, "")  # every URL under the one policy it was judged by
        fresh = timed(lambda: cache.fresh_verdicts(wanted, 365 * DAY, now=args.days * DAY))
        durations = timed(lambda: cache.last_durations(urls))
    row = (
        f"| {args.links:,} × {args.days} days | {args.links * args.days:,} | {size_mb:.0f} "
        f"| {opening:.3f} | {fresh:.3f} | {durations:.3f} |"
    )
    print(row)
    write_section(
        "history",
        "## A cache with a long history\n\n"
        f"`benchmarks/bench_history.py --links {args.links} --days {args.days}`: a result "
        "cache holding one verdict and one observation a day for every link, and what a "
        "warm check asks of it (median of 5). "
        f"{machine_line()}\n\n"
        "| history | verdicts | cache MB | open s | fresh verdicts s | last durations s |\n"
        "|---|---|---|---|---|---|\n" + row + "\n",
    )


if __name__ == "__main__":
    main()
