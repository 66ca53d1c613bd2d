"""The citation verdicts of a check, remembered per file when no look-up is made.

With look-ups off (`--no-lookup`, a config without them) or the network unreachable, a
file's citation verdicts and citation problems follow from its parse, its link
verdicts and those two facts alone (`citecheck.lookup.stage.judge_files` asks no
service then). They are kept in the result cache's memo table under a key made of
these: the key of the parse memo (the file's bytes, the link filters and citecheck's
code, `citecheck.prepared`) and the link verdicts as judged (less the fields that are
no part of a verdict's identity: when it was observed, whether it came from the
cache). A warm check of an unchanged file then neither judges its citations again nor
imports the look-up stage and the network stack behind it.

Citation problems are kept before `--select` / `--ignore`, which apply on the way out.
A stored record that does not decode counts as not stored.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from citecheck import records
from citecheck.model import CitationVerdict, FileResult, Problem, Verdict

KIND = "judged"
#: As many as parses are kept (`citecheck.prepared.KEEP`): one per manuscript version.
KEEP = 8

#: Judges files (`judge_files` with every citation problem reported).
Judge = Callable[[list[FileResult]], list[FileResult]]


class MemoStore(Protocol):
    def recall(self, kind: str, key: str) -> bytes | None: ...

    def remember(self, kind: str, key: str, value: bytes, *, keep: int) -> None: ...


@dataclass(frozen=True)
class Judged:
    """One file's citation verdicts, and the citation problems they raise (all kinds)."""

    citation_verdicts: tuple[CitationVerdict, ...]
    problems: tuple[Problem, ...]


def judged_key(parse_key: str, verdicts: Sequence[Verdict], *, lookups: bool, offline: bool) -> str:
    """The key of a file's judgement: its parse memo key, its link verdicts as judged, and
    whether look-ups were enabled and the network unreachable."""
    digest = hashlib.sha256(f"{parse_key}\0{int(lookups)}\0{int(offline)}".encode())
    identity = [
        {f.name: records.plain(getattr(v, f.name)) for f in dataclasses.fields(v) if f.compare}
        for v in verdicts
    ]
    digest.update(b"\0" + json.dumps(identity, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def judge_remembered(
    files: Sequence[FileResult],
    keys: Sequence[str | None],
    store: MemoStore,
    judge: Judge,
    reports: Callable[[str], bool],
) -> list[FileResult]:
    """`files` with their citation verdicts and the citation problems `reports` wants:
    recalled under `keys` (one per file; None: not to be remembered) where stored, else
    from `judge` (called once, on the others) and remembered. A file that could not be
    read is returned as it is."""
    readable = [index for index, result in enumerate(files) if result.parsed is not None]
    found: dict[int, Judged] = {}
    for index in readable:
        key = keys[index]
        known = _recall(store, key) if key is not None else None
        if known is not None:
            found[index] = known
    missing = [index for index in readable if index not in found]
    if missing:
        for index, result in zip(missing, judge([files[i] for i in missing]), strict=True):
            added = result.problems[len(files[index].problems) :]
            found[index] = Judged(result.citation_verdicts, added)
            key = keys[index]
            if key is not None:
                store.remember(KIND, key, records.dumps(found[index]).encode("utf-8"), keep=KEEP)
    out = list(files)
    for index, judged in found.items():
        wanted = tuple(problem for problem in judged.problems if reports(problem.kind))
        out[index] = replace(
            files[index],
            problems=files[index].problems + wanted,
            citation_verdicts=judged.citation_verdicts,
        )
    return out


def _recall(store: MemoStore, key: str) -> Judged | None:
    value = store.recall(KIND, key)
    if value is None:
        return None
    try:
        return records.loads(Judged, value)
    except records.RecordError:
        return None
