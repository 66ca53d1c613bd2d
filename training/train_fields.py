"""Train the citation-field tagger and write the model shipped in the package.

    python -m training.train_fields [--out PATH] [--iterations N] [--limit N] [--corpora …]

Deterministic: the corpora are read in a fixed order, the held-back split is a hash of
each string (never trained on), and L-BFGS has no randomness. The default run builds
`citecheck/data/fields.crfsuite` from AnyStyle core+bad, GROBID's citation corpus, the
seed's annotated notes and, when present, the synthetic CSL-rendered notes.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import pycrfsuite

from citecheck.citations.tagger.features import sequence_features
from training.examples import Example, token_labels
from training.sources import CORPORA, load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "citecheck" / "data" / "fields.crfsuite"
DEFAULT_CORPORA = ("anystyle-core", "anystyle-bad", "grobid", "seed", "synthetic")
PARAMS = {
    "c1": 0.1,  # L1 keeps the model small
    "c2": 0.01,
    "feature.possible_transitions": True,
}


def train(
    examples: Iterable[Example], out: Path, iterations: int = 150, verbose: bool = False
) -> int:
    """Train on `examples` (held-back ones skipped) and write the model to `out`.
    Returns how many sequences it trained on."""
    trainer = pycrfsuite.Trainer(verbose=verbose)
    count = 0
    for example in examples:
        if example.held_back:
            continue
        tokens, labels = token_labels(example)
        if not tokens:
            continue
        trainer.append(sequence_features(tokens), labels)
        count += 1
    trainer.set_params({**PARAMS, "max_iterations": iterations})
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial")
    trainer.train(str(partial))
    partial.replace(out)
    return count


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--limit", type=int, default=0, help="at most N strings per corpus")
    parser.add_argument("--corpora", nargs="+", default=list(DEFAULT_CORPORA), choices=CORPORA)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    examples = [e for name in args.corpora for e in load(name, limit=args.limit)]
    count = train(examples, args.out, args.iterations, args.verbose)
    size = args.out.stat().st_size
    print(
        f"trained on {count} strings ({', '.join(args.corpora)}) in "
        f"{time.perf_counter() - start:.0f} s; {args.out} is {size / 1e6:.2f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
