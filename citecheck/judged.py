"""The citation verdicts of a check, remembered per file while what they follow from holds.

A file's citation verdicts and citation problems follow from its parse, its link
verdicts, the look-up settings and whether the network was reachable, and from the
look-up answers, when look-ups are made. They are kept in the result cache's memo
table under a key made of the first four: the key of the parse memo (the file's bytes,
the link filters and citecheck's code, `citecheck.prepared`), the link verdicts as
judged (less the fields that are no part of a verdict's identity: when it was
observed, whether it came from the cache), the settings and the network state.

With look-ups, a judgement is remembered only when every answer it used came from the
look-up memo (`citecheck.lookup.memo`: nothing was asked of a service), with those
answers (memo key and a digest of the stored value) and the time the first of them
would stop being reused; it is recalled only while each answer is still stored as it
was and that time has not come. A warm check of an unchanged file then neither judges
its citations again nor imports the look-up stage and the network stack behind it.

Citation problems are kept before `--select` / `--ignore`, which apply on the way out.
A stored record that does not decode counts as not stored.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from citecheck import records
from citecheck.model import CitationVerdict, FileResult, Problem, Verdict

KIND = "judged"
#: As many as parses are kept (`citecheck.prepared.KEEP`): one per manuscript version.
KEEP = 8
#: The memo kind of look-up answers (`citecheck.lookup.memo.KIND`, not imported here:
#: that module imports the look-up stage's records and the citation parser).
LOOKUP_KIND = "lookup"


class MemoStore(Protocol):
    def recall(self, kind: str, key: str) -> bytes | None: ...

    def remember(self, kind: str, key: str, value: bytes, *, keep: int) -> None: ...


@dataclass(frozen=True)
class Basis:
    """The look-up answers a judgement read from the memo, as (memo key, sha256 of the
    stored value), and until when all of them are reused (None: no answer was read)."""

    answers: tuple[tuple[str, str], ...] = ()
    valid_until: float | None = None


#: Judges files (`judge_files` with every citation problem reported): the files, and
#: the basis of the judgement, None when it cannot be remembered (a service was asked).
Judge = Callable[[list[FileResult]], tuple[list[FileResult], Basis | None]]


@dataclass(frozen=True)
class Judged:
    """One file's citation verdicts, the citation problems they raise (all kinds), and
    the look-up answers they rest on."""

    citation_verdicts: tuple[CitationVerdict, ...]
    problems: tuple[Problem, ...]
    basis: Basis = Basis()


def judged_key(
    parse_key: str, verdicts: Sequence[Verdict], *, lookups: str, offline: bool
) -> str:
    """The key of a file's judgement: its parse memo key, its link verdicts as judged,
    the look-up settings (`lookups`: their repr, "" when none are made) and whether
    the network was unreachable."""
    digest = hashlib.sha256(f"{parse_key}\0{lookups}\0{int(offline)}".encode())
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
    recalled under `keys` (one per file; None: not to be remembered) where stored and
    still founded, else from `judge` (called once, on the others) and remembered when
    it can be. A file that could not be read is returned as it is."""
    readable = [index for index, result in enumerate(files) if result.parsed is not None]
    found: dict[int, Judged] = {}
    for index in readable:
        key = keys[index]
        known = _recall(store, key) if key is not None else None
        if known is not None:
            found[index] = known
    missing = [index for index in readable if index not in found]
    if missing:
        judged, basis = judge([files[i] for i in missing])
        for index, result in zip(missing, judged, strict=True):
            added = result.problems[len(files[index].problems) :]
            found[index] = Judged(result.citation_verdicts, added, basis or Basis())
            key = keys[index]
            if key is not None and basis is not None:
                store.remember(KIND, key, records.dumps(found[index]).encode("utf-8"), keep=KEEP)
    out = list(files)
    for index, judged_one in found.items():
        wanted = tuple(problem for problem in judged_one.problems if reports(problem.kind))
        out[index] = replace(
            files[index],
            problems=files[index].problems + wanted,
            citation_verdicts=judged_one.citation_verdicts,
        )
    return out


def _recall(store: MemoStore, key: str) -> Judged | None:
    value = store.recall(KIND, key)
    if value is None:
        return None
    try:
        judged = records.loads(Judged, value)
    except records.RecordError:
        return None
    return judged if _holds(store, judged.basis) else None


def _holds(store: MemoStore, basis: Basis) -> bool:
    """Every answer of `basis` still stored as it was, and still reused."""
    if basis.valid_until is not None and not time.time() < basis.valid_until:
        return False
    for key, digest in basis.answers:
        value = store.recall(LOOKUP_KIND, key)
        if value is None or hashlib.sha256(value).hexdigest() != digest:
            return False
    return True


class NotingStore:
    """The result cache as the look-up stage uses it, noting every look-up answer it
    reads (None: not stored) and whether it stores one (then a service was asked)."""

    def __init__(self, store: MemoStore) -> None:
        self.store = store
        self.read: dict[str, bytes | None] = {}
        self.wrote = False
        self._lock = threading.Lock()

    def recall(self, kind: str, key: str) -> bytes | None:
        value = self.store.recall(kind, key)
        if kind == LOOKUP_KIND:
            with self._lock:
                self.read[key] = value
        return value

    def remember(self, kind: str, key: str, value: bytes, *, keep: int) -> None:
        if kind == LOOKUP_KIND:
            self.wrote = True
        self.store.remember(kind, key, value, keep=keep)

    def basis(self, settings: Any, started: float, ended: float) -> Basis | None:
        """The basis of a judgement made between `started` and `ended` under the look-up
        `settings`, or None when it may have asked a service: an answer read was missing,
        undecodable, or not reused throughout (too old, or dated after `started`), or an
        answer was stored. Every request goes through the memo first, so a judgement whose
        answers all came from it sent none."""
        from citecheck.lookup import memo

        if self.wrote:
            return None
        until = math.inf
        answers = []
        for key, value in sorted(self.read.items()):
            if value is None:
                return None
            try:
                kept = records.loads(memo.Remembered, value)
            except records.RecordError:
                return None
            limit = settings.found_max_age if kept.lookup.records else settings.empty_max_age
            if kept.stored_at > started or kept.stored_at + limit <= ended:
                return None
            until = min(until, kept.stored_at + limit)
            answers.append((key, hashlib.sha256(value).hexdigest()))
        return Basis(tuple(answers), None if math.isinf(until) else until)
