"""Choosing the matching thresholds on the tuning set only (AnyStyle's core.xml).

    python benchmarks/tune_lookup.py

Runs `bench_lookup`'s drawn sets of the tuning corpus (seeds 1-5) under each candidate
pair of title thresholds and prints the lowest precision and recall of
`citation-mismatch` and `citation-not-found` over the seeds. The pair written in
`citecheck/lookup/thresholds.py` is the one with the best worst case here; GROBID's
corpus, which the benchmark scores, is never read.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import bench_lookup  # noqa: E402

from citecheck.lookup import thresholds  # noqa: E402
from citecheck.store import ResultCache  # noqa: E402

SEEDS = (1, 2, 3, 4, 5)
SAME = (0.85, 0.90, 0.95)
RELATED = (0.60, 0.70, 0.75, 0.80, 0.85)


def main() -> int:
    references = bench_lookup.anystyle_references()
    print("| same-title | related-title | worst precision | worst recall |")
    print("|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder, ResultCache(Path(folder) / "c.sqlite") as store:
        for same in SAME:
            for related in (r for r in RELATED if r < same):
                thresholds.SAME_TITLE, thresholds.RELATED_TITLE = same, related
                worst_p, worst_r = 1.0, 1.0
                for seed in SEEDS:
                    figures = bench_lookup.run(references, seed, store)
                    for kind in ("citation-mismatch", "citation-not-found"):
                        worst_p = min(worst_p, figures[kind]["precision"])
                        worst_r = min(worst_r, figures[kind]["recall"])
                print(f"| {same:.2f} | {related:.2f} | {worst_p:.3f} | {worst_r:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
