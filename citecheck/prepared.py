"""The front half of a check — citations, note problems, links — remembered per file.

Reading and parsing a long manuscript takes longer than answering all its links
from the result cache, so checking an unchanged file again would spend most of its
time parsing what it parsed last time. The parse is kept in the result cache's
database as JSON (`citecheck.records`: data, never code), under a key made of the file's
bytes, its extension, the options that shape the links, and a fingerprint of
citecheck's own code: a changed file, another filter or a new parser never gets an
old parse back. A stored parse that does not decode to `Prepared` exactly (the memo
table's rows are checked in `citecheck.store.rows`, the JSON here), or is larger than
any parse this module keeps, counts as not stored.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

import citecheck
from citecheck import records
from citecheck.model import Link, ParsedDocument, Problem
from citecheck.readers.source import Source

KIND = "prepared"
#: Parses kept: one per manuscript a user checks in turn, a few versions each.
KEEP = 8
#: A parse larger than this is not kept (a 2,000-note manuscript is ~2 MB of JSON):
#: eight of them would make every later run open and check a huge database.
MAX_BYTES = 16 * 1024 * 1024


class MemoStore(Protocol):
    def recall(self, kind: str, key: str) -> bytes | None: ...

    def remember(self, kind: str, key: str, value: bytes, *, keep: int) -> None: ...


@dataclass(frozen=True)
class Prepared:
    """A parsed manuscript with its note problems and the links to check."""

    parsed: ParsedDocument
    problems: tuple[Problem, ...]
    links: tuple[Link, ...]


def content_key(source: Source, *options: str) -> str:
    """The key of the loaded file `source` read with `options` (the same bytes are then
    handed to the reader, so a file is read from disk once)."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in (source.suffix, *options):
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    digest.update(b"\0" + source.data)
    return digest.hexdigest()


def recall(store: MemoStore, key: str) -> Prepared | None:
    value = store.recall(KIND, key)
    if value is None or len(value) > MAX_BYTES:
        return None
    try:
        return records.loads(Prepared, value)
    except records.RecordError:  # damaged, or written by another model: parse again
        return None


def remember(store: MemoStore, key: str, prepared: Prepared) -> None:
    value = records.dumps(prepared).encode("utf-8")
    if len(value) <= MAX_BYTES:
        store.remember(KIND, key, value, keep=KEEP)


@cache
def code_fingerprint() -> str:
    """citecheck's version, Python's, and the size and time of every module file."""
    package = Path(citecheck.__file__).parent
    parts = [citecheck.__version__, sys.version]
    for module in sorted(package.rglob("*.py")):
        stat = module.stat()
        parts.append(f"{module.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)
