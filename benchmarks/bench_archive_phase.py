"""The archive phase of a check: how long 10 links take against a slow, rate-limited
archive, and how long the user is left without a sign of progress.

    python benchmarks/bench_archive_phase.py --label after        # this checkout
    PYTHONPATH=OLD python benchmarks/bench_archive_phase.py --label before --checkout OLD
    python benchmarks/bench_archive_phase.py --write              # RESULTS.md section

A loopback web serves 10 cited links (3 dead, 1 moved, 6 live, two of them slow) and
a loopback Wayback Machine (the availability and CDX shapes of the test fake) answers
every request after 1 s, as a busy archive does. citecheck runs with its default
archive settings (20 requests a minute, burst 3, its default scope unless `--scope`) on a cold cache
through the library API with a progress callback; "silent" is the longest stretch
without a progress call, the start and the end included. Each run's figures are kept
in a JSON file so that runs of two checkouts end up in one table.
"""

from __future__ import annotations

import argparse
import inspect
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import REPO, machine_line, write_section

FIGURES = Path(tempfile.gettempdir()) / "citecheck-archive-phase.json"
ARCHIVE_LATENCY = 1.0


def measure(label: str, scope: str | None) -> dict:
    import citecheck
    from citecheck.archives.settings import ArchiveSettings
    from tests.archives.fake_wayback import Wayback, _Handler
    from tests.servers import ScenarioWeb

    class SlowArchive(_Handler):
        def do_GET(self) -> None:
            time.sleep(ARCHIVE_LATENCY)
            super().do_GET()

    paths = ["/missing/d1", "/missing/d2", "/gone/d3", "/moved-permanent/m1"]
    paths += [f"/ok/l{n}" for n in range(1, 5)] + ["/slow/s1?ms=3000", "/slow/s2?ms=3000"]
    calls: list[float] = []

    def progress(done: int, total: int, url: str = "", **_: object) -> None:
        calls.append(time.monotonic())

    with ScenarioWeb(hosts=2) as web, tempfile.TemporaryDirectory() as work:
        urls = [web.url(path, host=n % 2) for n, path in enumerate(paths)]
        captures = {url: [("20231201000000", 200)] for url in (urls[0], urls[1], urls[4], urls[5])}
        notes = "".join(
            f"[^{n}]: Source {n}, accessed 2024-02-15. <{url}>\n" for n, url in enumerate(urls, 1)
        )
        body = "".join(f"Claim {n}.[^{n}]\n" for n in range(1, len(urls) + 1))
        book = Path(work) / "book.md"
        book.write_text(f"# Book\n\n{body}\n{notes}", encoding="utf-8")
        wayback = Wayback(captures=captures)
        handler = type("Handler", (SlowArchive,), {"wayback": wayback})
        from tests.servers import serve_loopback

        with serve_loopback(handler) as base:
            wayback.base = base
            defaults = ArchiveSettings()
            settings = ArchiveSettings(
                availability_api=f"{base}/wayback/available",
                cdx_api=f"{base}/cdx/search/cdx",
                replay_base=f"{base}/web/",
                rate_per_minute=defaults.rate_per_minute,
                burst=defaults.burst,
                scope=scope or defaults.scope,
            )
            config = citecheck.Config(
                allow_private=True, cache=str(Path(work) / "cache.sqlite"), archive=settings
            )
            start = time.monotonic()
            # A checkout from before archive progress has no `archive_progress`.
            stages = {"progress": progress}
            if "archive_progress" in inspect.signature(citecheck.check).parameters:
                stages["archive_progress"] = progress
            report = citecheck.check([str(book)], config, **stages)
            end = time.monotonic()
    moments = [start, *calls, end]
    silent = max(later - earlier for earlier, later in itertools.pairwise(moments))
    return {
        "label": label,
        "wall_s": round(end - start, 2),
        "silent_s": round(silent, 2),
        "archive_requests": len(wayback.requests),
        "snapshots": sum(verdict.archive is not None for verdict in report.verdicts),
        "dead_with_snapshot": sum(
            verdict.archive is not None for verdict in report.verdicts if verdict.state == "dead"
        ),
        "scope": settings.scope,
        "commit": subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, check=False,
        ).stdout.strip(),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label", help="measure, and keep the figures under this name")
    parser.add_argument("--checkout", help="the citecheck checkout measured (default: this one)")
    parser.add_argument("--commit", help="the commit --checkout holds, for the table")
    parser.add_argument("--scope", choices=["all", "dead"], help="archive scope (default: its own)")
    parser.add_argument("--write", action="store_true", help="write the RESULTS.md section")
    args = parser.parse_args()
    figures = json.loads(FIGURES.read_text()) if FIGURES.exists() else {}
    if args.label:
        sys.path.insert(0, args.checkout or str(REPO))
        figures[args.label] = measure(args.label, args.scope)
        if args.checkout:
            figures[args.label]["commit"] = args.commit or Path(args.checkout).name
        FIGURES.write_text(json.dumps(figures, indent=1))
        print(figures[args.label])
    if args.write:
        rows = "\n".join(
            f"| {row['label']} | `{row['commit']}` | {row['scope']} | {row['wall_s']:.1f} "
            f"| {row['silent_s']:.1f} "
            f"| {row['archive_requests']} | {row['dead_with_snapshot']} of 3 "
            f"| {row['snapshots']} |"
            for row in figures.values()
        )
        write_section(
            "archive-phase",
            "## The archive phase (`benchmarks/bench_archive_phase.py`)\n\n"
            "10 cited links (3 dead, 2 of them archived; 1 moved; 6 live, 2 of them archived "
            "and 2 taking 3 s) checked on a cold cache against a loopback Wayback Machine that "
            f"answers each request after {ARCHIVE_LATENCY:g} s, with the default archive "
            'settings (20 requests a minute, burst 3). "silent" is the longest time without '
            'a progress report, start and end included. "before" is main before archive '
            "lookups ran beside the checks (every link looked up, after all were checked, "
            "without progress). With `--archive-scope all` a run is bound by the archive's "
            "pace (22 requests, 3 s apart once the burst is spent): running beside the checks "
            "hides only the slow links' time, and the longest silence is one three-request "
            f"lookup while three workers share the pace. {machine_line()}\n\n"
            "| run | citecheck | archive scope | wall s | silent s | archive requests | dead "
            "links with a snapshot | links with a snapshot |\n|---|---|---|---|---|---|---|---|\n"
            + rows,
        )


if __name__ == "__main__":
    main()
