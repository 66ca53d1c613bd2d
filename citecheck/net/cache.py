"""A persistent result cache in SQLite: every observation and verdict, kept as history.

Default location: `$XDG_CACHE_HOME/citecheck/cache.sqlite` (else
`~/.cache/citecheck/cache.sqlite`) — one cache per user, shared by every
manuscript, so checking a second book reuses what the first one learned, and no
stray database lands next to the manuscript.

Web-archive lookups are kept here too (`archive_lookups`, latest answer per question);
which of them a run may reuse is decided in `citecheck.archives.memory`.

Every write is one transaction in WAL mode: a run killed half-way (even with
kill -9) leaves the database as of its last committed write. A file that is not
a usable database any more is moved aside (never deleted) as
`<name>.corrupt-<timestamp>` and a fresh cache is started, with a warning.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from citecheck import records
from citecheck.errors import CitecheckError
from citecheck.model import ArchiveSnapshot, Check, Verdict

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS observations (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    checked_at REAL NOT NULL,
    method TEXT,
    status INTEGER,
    final_url TEXT,
    error TEXT,
    attempts INTEGER,
    elapsed REAL,
    evidence TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS observations_by_url ON observations (url, checked_at);
CREATE TABLE IF NOT EXISTS verdicts (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    checked_at REAL NOT NULL,
    state TEXT NOT NULL,
    reason TEXT NOT NULL,
    status INTEGER,
    final_url TEXT,
    new_url TEXT,
    evidence TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS verdicts_by_url ON verdicts (url, checked_at);
CREATE TABLE IF NOT EXISTS memos (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    stored_at REAL NOT NULL,
    value BLOB NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE TABLE IF NOT EXISTS archive_lookups (
    url TEXT NOT NULL,
    wanted TEXT NOT NULL,
    asked TEXT NOT NULL,
    looked_up_at REAL NOT NULL,
    reason TEXT NOT NULL,
    snapshot_url TEXT,
    snapshot_timestamp TEXT,
    snapshot_status INTEGER,
    source TEXT,
    PRIMARY KEY (url, wanted, asked)
);
"""


def _json_list(urls: Iterable[str]) -> str:
    """`urls` (each once) as one JSON parameter for `json_each`: no limit on their number."""
    return json.dumps(list(dict.fromkeys(urls)))


def default_cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "citecheck" / "cache.sqlite"


@dataclass(frozen=True)
class VerdictRecord:
    """One verdict as it was recorded: what confirmation rules look back on."""

    url: str
    checked_at: float
    state: str
    reason: str
    status: int | None
    final_url: str | None


@dataclass(frozen=True)
class ObservationRecord:
    """One HTTP observation as it was recorded (the body is not kept)."""

    url: str
    checked_at: float
    method: str
    status: int | None
    final_url: str | None
    error: str | None
    attempts: int
    elapsed: float


@dataclass(frozen=True)
class ArchiveRecord:
    """The answer of one web-archive lookup, under the question it answers.

    `wanted` is the Wayback timestamp the snapshot should be closest to ("" for
    the latest), `asked` what was asked (endpoints and search options, see
    `ArchiveSettings.lookup_key`); only one answer per (url, wanted, asked) is kept.
    """

    url: str
    wanted: str
    asked: str
    looked_up_at: float
    reason: str
    snapshot: ArchiveSnapshot | None
    source: str | None


class ResultCache:
    """Thread-safe: one connection, serialised by a lock."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_cache_path()
        self.moved_aside: Path | None = None
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open_or_rebuild()
        except (OSError, sqlite3.Error) as exc:
            raise CitecheckError(f"cannot use the cache at {self.path}: {exc}") from None

    # --- writing ----------------------------------------------------------------------

    def record_verdict(
        self, verdict: Verdict, checks: Sequence[Check] = (), *, checked_at: float | None = None
    ) -> None:
        self.record_verdicts([(verdict, checks)], checked_at=checked_at)

    def record_verdicts(
        self,
        items: Iterable[tuple[Verdict, Sequence[Check]]],
        *,
        checked_at: float | None = None,
    ) -> None:
        """Append verdicts with the observations behind them, all in one transaction."""
        when = time.time() if checked_at is None else checked_at
        verdict_rows, check_rows = [], []
        for verdict, checks in items:
            verdict_rows.append(_verdict_row(verdict, when))
            check_rows.extend(_check_row(check) for check in checks)
        try:
            with self._lock, self._db:
                self._db.executemany(
                    "INSERT INTO verdicts (url, checked_at, state, reason, status, final_url,"
                    " new_url, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    verdict_rows,
                )
                self._db.executemany(
                    "INSERT INTO observations (url, checked_at, method, status, final_url,"
                    " error, attempts, elapsed, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    check_rows,
                )
        except sqlite3.Error as exc:  # disk full, file made read-only meanwhile…
            raise CitecheckError(f"cannot write to the cache at {self.path}: {exc}") from None

    def remember(self, kind: str, key: str, value: bytes, *, keep: int) -> None:
        """Store `value` under (`kind`, `key`), keeping only the `keep` newest of `kind`.

        For work derived from the user's files rather than from the web (a parsed
        manuscript): `recall` gives it back as long as the same key is asked for.
        """
        try:
            with self._lock, self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO memos (kind, key, stored_at, value)"
                    " VALUES (?, ?, ?, ?)",
                    (kind, key, time.time(), value),
                )
                self._db.execute(
                    "DELETE FROM memos WHERE kind = ? AND key NOT IN (SELECT key FROM memos"
                    " WHERE kind = ? ORDER BY rowid DESC LIMIT ?)",
                    (kind, kind, keep),
                )
        except sqlite3.Error as exc:
            raise CitecheckError(f"cannot write to the cache at {self.path}: {exc}") from None

    def record_archive_lookups(self, records: Iterable[ArchiveRecord]) -> None:
        """Store archive answers in one transaction, each replacing any older answer
        to the same question."""
        rows = [_archive_row(record) for record in records]
        try:
            with self._lock, self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO archive_lookups (url, wanted, asked, looked_up_at,"
                    " reason, snapshot_url, snapshot_timestamp, snapshot_status, source)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
        except sqlite3.Error as exc:
            raise CitecheckError(f"cannot write to the cache at {self.path}: {exc}") from None

    # --- reading ----------------------------------------------------------------------

    def archive_lookups(self, asked: str, urls: Iterable[str]) -> list[ArchiveRecord]:
        """Every stored answer to `asked` about one of `urls`, whatever its date or age."""
        query = (
            "SELECT url, wanted, asked, looked_up_at, reason, snapshot_url, snapshot_timestamp,"
            " snapshot_status, source FROM archive_lookups"
            " WHERE asked = ? AND url IN (SELECT value FROM json_each(?))"
        )
        with self._lock:
            rows = self._db.execute(query, (asked, _json_list(urls))).fetchall()
        return [_archive_record(row) for row in rows]

    def recall(self, kind: str, key: str) -> bytes | None:
        """What `remember` stored under (`kind`, `key`), if it is still kept."""
        with self._lock:
            row = self._db.execute(
                "SELECT value FROM memos WHERE kind = ? AND key = ?", (kind, key)
            ).fetchone()
        return None if row is None else bytes(row[0])

    def fresh_verdicts(
        self,
        urls: Iterable[str],
        max_age: float,
        *,
        now: float | None = None,
        inconclusive_max_age: float = 0.0,
    ) -> dict[str, Verdict]:
        """The latest verdict on each of `urls` that is younger than `max_age` seconds.

        An inconclusive verdict is not reused (the link is checked again) unless
        it is younger than `inconclusive_max_age` — a caller may accept, say, an
        hour-old timeout rather than wait for the same timeout again. One query per
        few hundred URLs: a warm run over thousands of links spends its time here.
        """
        moment = time.time() if now is None else now
        rows = self._newest_verdicts(urls, "state, evidence, checked_at")
        return {
            url: records.loads(Verdict, evidence)
            for url, state, evidence, checked_at in rows
            if checked_at >= moment - max_age
            and (state != "inconclusive" or checked_at >= moment - inconclusive_max_age)
        }

    def history(self, url: str) -> list[VerdictRecord]:
        """Every verdict recorded for `url`, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT url, checked_at, state, reason, status, final_url FROM verdicts"
                " WHERE url = ? ORDER BY checked_at, id",
                (url,),
            ).fetchall()
        return [VerdictRecord(*row) for row in rows]

    def last_durations(self, urls: Iterable[str]) -> dict[str, float]:
        """How long the latest check of each of `urls` took (seconds), however old:
        the slowest links are started first next time."""
        rows = self._newest_verdicts(urls, "json_extract(evidence, '$.elapsed')")
        return {url: elapsed for url, elapsed in rows if elapsed is not None}

    def observations(self, url: str) -> list[ObservationRecord]:
        """Every HTTP observation recorded for `url`, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT url, checked_at, method, status, final_url, error, attempts, elapsed"
                " FROM observations WHERE url = ? ORDER BY checked_at, id",
                (url,),
            ).fetchall()
        return [ObservationRecord(*row) for row in rows]

    def _newest_verdicts(self, urls: Iterable[str], columns: str) -> list[tuple]:
        """(url, *columns) of the newest verdict on each of `urls` that has one: one index
        seek a URL, however long its history (reading every row of a cache kept for
        months made a warm run spend most of its time here)."""
        query = (
            f"SELECT asked.value, {columns} FROM json_each(?) AS asked JOIN verdicts"
            " ON verdicts.id = (SELECT id FROM verdicts AS newest WHERE newest.url ="
            " asked.value ORDER BY newest.checked_at DESC, newest.id DESC LIMIT 1)"
        )
        with self._lock:
            return self._db.execute(query, (_json_list(urls),)).fetchall()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- opening ----------------------------------------------------------------------

    def _open_or_rebuild(self) -> sqlite3.Connection:
        try:
            return _open(self.path)
        except sqlite3.DatabaseError as exc:
            if not _is_corruption(exc):
                raise  # e.g. locked by another run: not ours to move
            self.moved_aside = _move_aside(self.path)
            log.warning(
                "the cache %s was unreadable (%s); moved it to %s and started a new one",
                self.path,
                exc,
                self.moved_aside,
            )
            return _open(self.path)


def _open(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=10, check_same_thread=False, isolation_level="DEFERRED")
    try:
        db.execute("PRAGMA busy_timeout = 10000")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        verdict = db.execute("PRAGMA quick_check").fetchone()
        if verdict is None or verdict[0] != "ok":
            raise _Corrupt(f"integrity check failed: {verdict}")
        with db:
            db.executescript(SCHEMA)
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


class _Corrupt(sqlite3.DatabaseError):
    """The file opened but failed SQLite's integrity check."""


# SQLite's primary result codes for a damaged file: SQLITE_CORRUPT, SQLITE_NOTADB.
_CORRUPTION_CODES = frozenset({11, 26})


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, _Corrupt) or (code is not None and code & 0xFF in _CORRUPTION_CODES)


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    path.replace(target)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(target.with_name(target.name + suffix))
    return target


# --- (de)serialisation --------------------------------------------------------------


def _verdict_row(verdict: Verdict, checked_at: float) -> tuple:
    evidence = records.dumps(verdict)
    return (
        verdict.url,
        checked_at,
        verdict.state,
        verdict.reason,
        verdict.status,
        verdict.final_url,
        verdict.new_url,
        evidence,
    )


def _check_row(check: Check) -> tuple:
    evidence = {
        "hops": [[hop.url, hop.status] for hop in check.hops],
        "headers": [list(pair) for pair in check.headers],
        "content_type": check.content_type,
    }
    return (
        check.url,
        check.checked_at,
        check.method,
        check.status,
        check.final_url,
        check.error,
        check.attempts,
        check.elapsed,
        json.dumps(evidence, ensure_ascii=False),
    )


def _archive_row(record: ArchiveRecord) -> tuple:
    snapshot = record.snapshot
    return (
        record.url,
        record.wanted,
        record.asked,
        record.looked_up_at,
        record.reason,
        snapshot.url if snapshot else None,
        snapshot.timestamp if snapshot else None,
        snapshot.status if snapshot else None,
        record.source,
    )


def _archive_record(row: tuple) -> ArchiveRecord:
    url, wanted, asked, looked_up_at, reason, snapshot_url, timestamp, status, source = row
    snapshot = None if snapshot_url is None else ArchiveSnapshot(snapshot_url, timestamp, status)
    return ArchiveRecord(url, wanted, asked, looked_up_at, reason, snapshot, source)
