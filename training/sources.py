"""Every training corpus by name, so the trainer and the benchmark read the same strings."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

from training import corpora
from training.examples import Example
from training.seed import seed

LOADERS: dict[str, Callable[[], Iterator[Example]]] = {
    "anystyle-core": lambda: corpora.anystyle("core"),
    "anystyle-bad": lambda: corpora.anystyle("bad"),
    "anystyle-ugly": lambda: corpora.anystyle("ugly"),
    "grobid": corpora.grobid,
    "seed": seed,
}
CORPORA = tuple(LOADERS)


def load(name: str, limit: int = 0) -> list[Example]:
    """The examples of corpus `name` (all of them, or the first `limit`)."""
    examples = LOADERS[name]()
    return list(itertools.islice(examples, limit) if limit else examples)
