"""Every training corpus by name, so the trainer and the benchmark read the same strings.

The synthetic corpus is rendered in process (`training.synthetic`, seed 1, the same
strings every run) or read from a JSON-lines file it wrote (`SYNTHETIC_FILE`, faster).
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from training import corpora
from training.examples import Example, from_segments
from training.seed import seed

SYNTHETIC_COUNT = 3000
SYNTHETIC_SEED = 1


def synthetic() -> Iterator[Example]:
    """CSL-rendered notes and references; from `$SYNTHETIC_FILE` when it is set."""
    path = os.environ.get("SYNTHETIC_FILE")
    if path:
        with Path(path).open(encoding="utf-8") as lines:
            rows: Iterator[dict] = (json.loads(line) for line in lines if line.strip())
            yield from map(_synthetic_example, rows)
        return
    from training.synthetic import iter_examples  # needs citeproc-py

    yield from map(_synthetic_example, iter_examples(SYNTHETIC_COUNT, SYNTHETIC_SEED))


def _synthetic_example(row: dict) -> Example:
    segments = [(label, text) for label, text in row["segments"]]
    return from_segments(
        f"synthetic-{row['kind']}", segments, style=row["style"], language=row["language"]
    )

LOADERS: dict[str, Callable[[], Iterator[Example]]] = {
    "anystyle-core": lambda: corpora.anystyle("core"),
    "anystyle-bad": lambda: corpora.anystyle("bad"),
    "anystyle-ugly": lambda: corpora.anystyle("ugly"),
    "grobid": corpora.grobid,
    "seed": seed,
    "synthetic": synthetic,
}
CORPORA = tuple(LOADERS)


def load(name: str, limit: int = 0) -> list[Example]:
    """The examples of corpus `name` (all of them, or the first `limit`)."""
    examples = LOADERS[name]()
    return list(itertools.islice(examples, limit) if limit else examples)
