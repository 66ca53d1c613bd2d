"""Opening the cache file: only citecheck's own database is ever changed or moved aside.

A cache path is whatever the user typed, so it may name a manuscript (`--cache
notes.txt`) or another application's SQLite file. citecheck marks its databases with
`PRAGMA application_id` = APPLICATION_ID (bytes 68-71 of the SQLite header), and reads
the header itself before SQLite touches the file:

- no file, or an empty one: a new cache, created with the marker;
- an SQLite file with the marker: ours — opened, and moved aside as
  `<name>.corrupt-<time>` (never deleted) if it fails SQLite's integrity check;
- an SQLite file without any application id whose tables are all citecheck's (a cache
  written before the marker, or an empty database): marked and used;
- anything else — not SQLite, a torn header, another application id, foreign tables,
  not a regular file: refused with CacheRefused, the file left byte for byte as it was.

SQLite waits at most `wait` seconds for a lock another process holds, then fails:
the caller carries on without the cache rather than hang.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from pathlib import Path

from citecheck.errors import UsageError

#: "CiTc": the marker in the header of every cache citecheck writes.
APPLICATION_ID = 0x43695463
SQLITE_HEADER = b"SQLite format 3\x00"
TABLES = frozenset({"observations", "verdicts", "memos", "archive_lookups"})

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
    evidence TEXT NOT NULL,
    policy TEXT NOT NULL DEFAULT ''
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

#: Caches written before verdicts carried their policy get the column (old rows get ""
#: and match no policy: they are never reused, only kept as history).
POLICY_INDEX = "CREATE INDEX IF NOT EXISTS verdicts_by_policy ON verdicts (url, policy, checked_at)"


class CacheRefused(UsageError):
    """The cache path names a file that is not citecheck's: it is not touched."""


class Corrupt(sqlite3.DatabaseError):
    """Our file opened but failed SQLite's integrity check."""


# SQLite's primary result codes for a damaged file: SQLITE_CORRUPT, SQLITE_NOTADB.
_CORRUPTION_CODES = frozenset({11, 26})


def is_corruption(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, Corrupt) or (code is not None and code & 0xFF in _CORRUPTION_CODES)


def check_ownership(path: Path, wait: float) -> bool:
    """True when `path` is a new or empty file (to create), False when it is our cache;
    CacheRefused when it is anything else."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return True
    if not stat.S_ISREG(info.st_mode):
        raise CacheRefused(f"--cache {path}: not a regular file; name a cache file")
    if info.st_size == 0:
        return True
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise _refuse(path, "not a citecheck cache (not an SQLite database)")
    application_id = int.from_bytes(header[68:72], "big")
    if application_id == APPLICATION_ID:
        return False
    if application_id != 0:
        raise _refuse(path, f"another application's SQLite database (id {application_id:#x})")
    foreign = _foreign_tables(path, wait)
    if foreign:
        raise _refuse(path, f"an SQLite database with other tables ({', '.join(foreign)})")
    return False


def _foreign_tables(path: Path, wait: float) -> list[str]:
    """The tables of an unmarked SQLite file that are not citecheck's, read without
    changing it; a file that cannot be read is refused (whose it is cannot be told)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True, timeout=wait)
        try:
            query = "SELECT name FROM sqlite_master WHERE type = 'table'"
            names = [row[0] for row in db.execute(query)]
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        if not is_corruption(exc):
            raise  # locked, say: the caller does without the cache this time
        what = f"an unreadable SQLite file without citecheck's marker ({exc})"
        raise _refuse(path, what) from None
    # Names starting "sqlite_" are SQLite's own (no application may create one).
    return sorted(name for name in names if name not in TABLES and not name.startswith("sqlite_"))


def _refuse(path: Path, what: str) -> CacheRefused:
    return CacheRefused(
        f"--cache {path}: {what}; it is left as it is (name another file, or remove it)"
    )


def connect(path: Path, wait: float, *, new: bool) -> sqlite3.Connection:
    """Our database at `path`, marked, in WAL mode, checked, with the current schema."""
    db = sqlite3.connect(path, timeout=wait, check_same_thread=False, isolation_level="DEFERRED")
    try:
        db.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        # Views and triggers in a crafted file may call no function with side effects.
        db.execute("PRAGMA trusted_schema = OFF")
        if new or db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            # Before WAL: in rollback mode the marker lands in the file's header at once.
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.commit()
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        verdict = db.execute("PRAGMA quick_check").fetchone()
        if verdict is None or verdict[0] != "ok":
            raise Corrupt(f"integrity check failed: {verdict}")
        query = "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')"
        crafted = db.execute(query).fetchall()
        if crafted:
            names = ", ".join(f"{kind} {name}" for kind, name in crafted)
            raise _refuse(path, f"a cache holding what citecheck never writes ({names})")
        with db:
            db.executescript(SCHEMA)
            present = {row[1] for row in db.execute("PRAGMA table_info(verdicts)")}
            if "policy" not in present:
                db.execute("ALTER TABLE verdicts ADD COLUMN policy TEXT NOT NULL DEFAULT ''")
            db.execute(POLICY_INDEX)
    except (sqlite3.DatabaseError, CacheRefused):
        db.close()
        raise
    return db


def move_aside(path: Path) -> Path:
    """Rename our damaged database (and its WAL files) to `<name>.corrupt-<time>`."""
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


def default_cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "citecheck" / "cache.sqlite"
