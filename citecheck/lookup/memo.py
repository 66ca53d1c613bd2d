"""Look-up answers kept in the result cache, as link verdicts are.

Through the cache's narrowest interface (`recall` / `remember` of a memo kind), as
JSON read back by type (`citecheck.records`). A found record is reused for
`found_max_age` (30 days), an empty answer for `empty_max_age`; rate-limited, offline
and failed look-ups are never kept.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from typing import Protocol

from citecheck import records
from citecheck.lookup.record import Lookup
from citecheck.lookup.settings import LookupSettings

KIND = "lookup"
KEEP = 50_000


class MemoStore(Protocol):
    def recall(self, kind: str, key: str) -> bytes | None: ...

    def remember(self, kind: str, key: str, value: bytes, *, keep: int) -> None: ...


@dataclass(frozen=True)
class Remembered:
    stored_at: float
    lookup: Lookup


def _key(settings: LookupSettings, asked: str) -> str:
    return hashlib.sha256(f"{settings.memo_prefix}\0{asked}".encode()).hexdigest()


def recall(store: MemoStore | None, settings: LookupSettings, asked: str) -> Lookup | None:
    if store is None:
        return None
    value = store.recall(KIND, _key(settings, asked))
    if value is None:
        return None
    try:
        kept = records.loads(Remembered, value)
    except records.RecordError:
        return None
    age = time.time() - kept.stored_at
    limit = settings.found_max_age if kept.lookup.records else settings.empty_max_age
    return kept.lookup if 0 <= age <= limit else None


def remember(store: MemoStore | None, settings: LookupSettings, lookup: Lookup) -> None:
    if store is None or lookup.outcome != "answered":
        return
    value = records.dumps(Remembered(time.time(), lookup)).encode("utf-8")
    store.remember(KIND, _key(settings, lookup.asked), value, keep=KEEP)
