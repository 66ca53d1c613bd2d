"""Archive lookups remembered: the same check again, and how many archive requests it sends.

    python benchmarks/bench_archives.py [--n 500] [--rate 600] [--scratch DIR]

On the shared bench's simulated web, whose 127.0.0.1 also answers the Wayback
availability API (the bench decides which URLs have a capture), this checkout's
`citecheck check corpus.md --format json --allow-private --cache DB
--reuse-inconclusive 1h --archive-scope all --wayback-api …` runs twice on one cache:
every link gets a snapshot lookup. The CDX fallback is switched off (the bench has
none) and the archive pace is raised from 20 to `--rate` a minute in a config file:
the archive is a loopback fake, and at 20 a minute the cold run alone would take
`n` × 2 / 20 minutes. simweb's request counter tells the archive requests apart.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import urllib.request
from pathlib import Path

from common import (
    DEFAULT_SCRATCH,
    bench_copy,
    citecheck_argv,
    citecheck_env,
    free_port,
    machine_line,
    make_corpus,
    run_measured,
    simweb,
    write_section,
)


def archive_requests(stats_url: str) -> int:
    stats = json.loads(urllib.request.urlopen(stats_url, timeout=5).read())
    return stats["by_scenario"].get("wayback", 0)


def snapshots_of(report_json: str) -> dict[str, str | None]:
    links = json.loads(report_json)["links"]
    return {link["url"]: (link["archive"] or {}).get("url") for link in links}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--rate", type=float, default=600, help="archive requests a minute")
    parser.add_argument("--scratch", type=Path, default=DEFAULT_SCRATCH)
    args = parser.parse_args()
    bench = bench_copy(args.scratch)
    port = free_port()
    corpus = make_corpus(bench, args.n, port)
    rows = []
    with tempfile.TemporaryDirectory() as work, simweb(bench, port) as stats:
        config = Path(work) / "citecheck.toml"
        config.write_text(f'[archive]\nrate-per-minute = {args.rate}\ncdx-api = ""\n')
        argv = citecheck_argv(
            "check", str(corpus / "corpus.md"), "--format", "json", "--allow-private",
            "--cache", str(Path(work) / "cache.sqlite"), "--reuse-inconclusive", "1h",
            "--archive-scope", "all", "--no-lookup",
            "--wayback-api", f"http://127.0.0.1:{port}/wayback/available",
        )  # fmt: skip
        runs = []
        for name in ("first", "second"):
            before = archive_requests(stats)
            run = run_measured(argv, env=citecheck_env(), cwd=work)
            if run.returncode not in (0, 1):
                raise SystemExit(f"citecheck failed ({run.returncode}): {run.stderr[-300:]}")
            runs.append(run)
            found = sum(url is not None for url in snapshots_of(run.stdout).values())
            rows.append(
                f"| {name} | {run.wall_s:.2f} | {archive_requests(stats) - before:,} "
                f"| {found:,} of {args.n:,} |"
            )
            print(rows[-1])
    same = snapshots_of(runs[0].stdout) == snapshots_of(runs[1].stdout)
    body = (
        "## Archive lookups remembered\n\n"
        f"`benchmarks/bench_archives.py --n {args.n} --rate {args.rate:g}`: two runs of the same "
        "check on one cache against the bench's fake Wayback availability API, a lookup for "
        f"every link, the archive paced at {args.rate:g} requests a minute (20 by default). "
        f"{machine_line()}\n\n"
        "| run | wall s | archive requests | links with a snapshot |\n|---|---|---|---|\n"
        + "\n".join(rows)
        + f"\n\nSame snapshot for every link in both runs: {'yes' if same else '**no**'}.\n"
    )
    write_section("archives", body)


if __name__ == "__main__":
    main()
