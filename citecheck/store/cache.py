"""A persistent result cache in SQLite: every observation and verdict, kept as history.

Default location: `$XDG_CACHE_HOME/citecheck/cache.sqlite` (else
`~/.cache/citecheck/cache.sqlite`) — one cache per user, shared by every
manuscript, so checking a second book reuses what the first one learned, and no
stray database lands next to the manuscript.

Four tables, one row format each (`rows.py`): verdicts (keyed on the URL and the digest
of the policy that judged it), observations, web-archive answers (which of them a run
may reuse is decided in `citecheck.archives.memory`) and the parse memo
(`citecheck.prepared`). A row read back that does not fit its format is a miss.

Every write is one transaction in WAL mode: a run killed half-way (even with
kill -9) leaves the database as of its last committed write. Which files may be opened,
changed or moved aside is `database.py`'s business. A cache that fails while in use
(a full disk, a lock another process keeps, a read-only file) is not a reason to
stop a check: the first failure closes it with one warning in `warnings`, and from
then on every read is a miss and every write is dropped.
"""

from __future__ import annotations

import contextlib
import json
import math
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from citecheck.model import Check, Verdict
from citecheck.store import database
from citecheck.store.rows import (
    ArchiveRecord,
    ArchiveRow,
    MemoRow,
    ObservationRow,
    VerdictRow,
    columns,
    placeholders,
    read,
    values,
)

T = TypeVar("T")

#: Seconds to wait for a lock another process holds before doing without the cache.
WAIT = 2.0


def _json_list(items: Iterable[object]) -> str:
    """`items` (each once) as one JSON parameter for `json_each`: no limit on their number."""
    return json.dumps(list(dict.fromkeys(items)))


def _selected(kind: type, table: str) -> str:
    return ", ".join(f"{table}.{name}" for name in columns(kind).split(", "))


class ResultCache:
    """Thread-safe: one connection, serialised by a lock.

    Raises `database.CacheRefused` (a usage error) when `path` is not citecheck's file;
    any other trouble opening or using it ends in `warnings`, not in an exception.
    """

    def __init__(self, path: str | Path | None = None, *, wait: float = WAIT) -> None:
        self.path = Path(path) if path is not None else database.default_cache_path()
        self.moved_aside: Path | None = None
        self.warnings: list[str] = []
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        try:
            new = database.check_ownership(self.path, wait)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open(new, wait)
        except (OSError, sqlite3.Error) as exc:
            self._give_up(exc)

    @property
    def available(self) -> bool:
        """False once the cache failed and the run does without it."""
        return self._db is not None

    # --- writing ----------------------------------------------------------------------

    def record_verdict(
        self,
        verdict: Verdict,
        checks: Sequence[Check] = (),
        *,
        policy: str = "",
        checked_at: float | None = None,
    ) -> None:
        self.record_verdicts([(verdict, checks)], policy=policy, checked_at=checked_at)

    def record_verdicts(
        self,
        items: Iterable[tuple[Verdict, Sequence[Check]]],
        *,
        policy: str = "",
        checked_at: float | None = None,
    ) -> None:
        """Append verdicts judged under `policy` with the observations behind them, all in
        one transaction. A verdict is dated `checked_at`, else its own `checked_at`, else now."""
        verdict_rows, check_rows = [], []
        for verdict, checks in items:
            when = checked_at if checked_at is not None else verdict.checked_at
            row = VerdictRow.of(verdict, time.time() if when is None else when, policy)
            verdict_rows.append(values(row))
            check_rows.extend(values(ObservationRow.of(check)) for check in checks)

        def write(db: sqlite3.Connection) -> None:
            db.executemany(_insert("verdicts", VerdictRow), verdict_rows)
            db.executemany(_insert("observations", ObservationRow), check_rows)

        self._write(write)

    def remember(self, kind: str, key: str, value: bytes, *, keep: int) -> None:
        """Store `value` under (`kind`, `key`), keeping only the `keep` newest of `kind`.

        For work derived from the user's files rather than from the web (a parsed
        manuscript): `recall` gives it back as long as the same key is asked for.
        """
        row = MemoRow(kind, key, time.time(), value)

        def write(db: sqlite3.Connection) -> None:
            db.execute(_insert("memos", MemoRow, "INSERT OR REPLACE"), values(row))
            db.execute(
                "DELETE FROM memos WHERE kind = ? AND key NOT IN (SELECT key FROM memos"
                " WHERE kind = ? ORDER BY rowid DESC LIMIT ?)",
                (kind, kind, keep),
            )

        self._write(write)

    def record_archive_lookups(self, records: Iterable[ArchiveRecord]) -> None:
        """Store archive answers in one transaction, each replacing any older answer
        to the same question."""
        rows = [values(ArchiveRow.of(record)) for record in records]

        def write(db: sqlite3.Connection) -> None:
            db.executemany(_insert("archive_lookups", ArchiveRow, "INSERT OR REPLACE"), rows)

        self._write(write)

    # --- reading ----------------------------------------------------------------------

    def archive_lookups(self, asked: str, urls: Iterable[str]) -> list[ArchiveRecord]:
        """Every valid stored answer to `asked` about one of `urls`, whatever its age."""
        query = (
            f"SELECT {columns(ArchiveRow)} FROM archive_lookups"
            " WHERE asked = ? AND url IN (SELECT value FROM json_each(?))"
        )
        found = self._rows(ArchiveRow, query, (asked, _json_list(urls)))
        return [record for row in found if (record := row.record()) is not None]

    def recall(self, kind: str, key: str) -> bytes | None:
        """What `remember` stored under (`kind`, `key`), if it is still kept and a blob."""
        query = f"SELECT {columns(MemoRow)} FROM memos WHERE kind = ? AND key = ?"
        found = self._rows(MemoRow, query, (kind, key))
        return found[0].value if found else None

    def fresh_verdicts(
        self,
        wanted: Mapping[str, str],
        max_age: float,
        *,
        now: float | None = None,
        inconclusive_max_age: float = 0.0,
    ) -> dict[str, Verdict]:
        """The latest verdict on each URL of `wanted` judged under the policy it maps to
        (see `citecheck.checks.policy`), if younger than `max_age` seconds.

        An inconclusive verdict is not reused (the link is checked again) unless
        it is younger than `inconclusive_max_age` — a caller may accept, say, an
        hour-old timeout rather than wait for the same timeout again. One query for
        all the URLs, one index seek each: a warm run over thousands of links spends
        its time here. The verdicts come back with `cached` and their `checked_at`.
        """
        moment = time.time() if now is None else now
        query = (
            f"SELECT {_selected(VerdictRow, 'verdicts')} FROM json_each(?) AS asked"
            " JOIN verdicts ON verdicts.id = (SELECT id FROM verdicts AS newest"
            " WHERE newest.url = json_extract(asked.value, '$[0]')"
            " AND newest.policy = json_extract(asked.value, '$[1]')"
            " AND typeof(newest.checked_at) = 'real'"
            " ORDER BY newest.checked_at DESC, newest.id DESC LIMIT 1)"
        )
        pairs = _json_list((url, policy) for url, policy in wanted.items())
        fresh = {}
        for row in self._rows(VerdictRow, query, (pairs,)):
            verdict = row.verdict()
            if verdict is None or row.checked_at < moment - max_age:
                continue
            if row.state == "inconclusive" and row.checked_at < moment - inconclusive_max_age:
                continue
            fresh[row.url] = verdict
        return fresh

    def history(self, url: str, policy: str | None = None) -> list[VerdictRow]:
        """Every verdict recorded for `url` (under `policy`, if given), oldest first; a row
        whose columns or evidence do not fit is left out."""
        query = f"SELECT {columns(VerdictRow)} FROM verdicts WHERE url = ?"
        parameters: tuple[str, ...] = (url,)
        if policy is not None:
            query, parameters = query + " AND policy = ?", (url, policy)
        found = self._rows(VerdictRow, query + " ORDER BY checked_at, id", parameters)
        return [row for row in found if row.verdict() is not None]

    def last_durations(self, urls: Iterable[str]) -> dict[str, float]:
        """How long the latest check of each of `urls` took (seconds), however old and
        under whatever policy: the slowest links are started first next time."""
        query = (
            "SELECT asked.value, CASE WHEN json_valid(verdicts.evidence)"
            " THEN json_extract(verdicts.evidence, '$.elapsed') END"
            " FROM json_each(?) AS asked JOIN verdicts ON verdicts.id = (SELECT id FROM"
            " verdicts AS newest WHERE newest.url = asked.value"
            " ORDER BY newest.checked_at DESC, newest.id DESC LIMIT 1)"
        )
        rows = self._read(lambda db: db.execute(query, (_json_list(urls),)).fetchall(), [])
        return {
            url: float(took)
            for url, took in rows
            if isinstance(url, str) and type(took) in (int, float) and math.isfinite(took)
        }

    def observations(self, url: str) -> list[ObservationRow]:
        """Every valid HTTP observation recorded for `url`, oldest first."""
        query = (
            f"SELECT {columns(ObservationRow)} FROM observations WHERE url = ?"
            " ORDER BY checked_at, id"
        )
        return self._rows(ObservationRow, query, (url,))

    # --- the connection ---------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _open(self, new: bool, wait: float) -> sqlite3.Connection:
        try:
            return database.connect(self.path, wait, new=new)
        except sqlite3.DatabaseError as exc:
            if new or not database.is_corruption(exc):
                raise  # e.g. locked by another run: not ours to move
            self.moved_aside = database.move_aside(self.path)
            self.warnings.append(
                f"the cache {self.path} was unreadable ({exc}); moved it to"
                f" {self.moved_aside} and started a new one"
            )
            return database.connect(self.path, wait, new=True)

    def _rows(self, kind: type[T], query: str, parameters: tuple[object, ...]) -> list[T]:
        """The rows `query` selects that fit `kind`; the others are left out."""
        found = self._read(lambda db: db.execute(query, parameters).fetchall(), [])
        return [row for sql_row in found if (row := read(kind, sql_row)) is not None]

    def _read(self, work: Callable[[sqlite3.Connection], T], default: T) -> T:
        with self._lock:
            if self._db is None:
                return default
            try:
                return work(self._db)
            except sqlite3.Error as exc:
                self._give_up(exc)
                return default

    def _write(self, work: Callable[[sqlite3.Connection], None]) -> None:
        def transaction(db: sqlite3.Connection) -> None:
            with db:
                work(db)

        self._read(transaction, None)

    def _give_up(self, exc: BaseException) -> None:
        """Close the cache for the rest of the run, with one warning saying why."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
        if not any(warning.startswith("cannot use the cache") for warning in self.warnings):
            reason = getattr(exc, "strerror", None) or exc
            self.warnings.append(
                f"cannot use the cache at {self.path} ({reason}); carrying on without it"
            )


def _insert(table: str, kind: type, verb: str = "INSERT") -> str:
    return f"{verb} INTO {table} ({columns(kind)}) VALUES ({placeholders(kind)})"
