"""One typed row format per table of the result cache, checked on the way out.

SQLite keeps any value in any column, and a cache file may come from anywhere (CI
restores it between jobs, across branches and forks). So every row read back is built
into its row class by the column types declared here (`citecheck.records.build`:
`float` is a number, `bytes` a blob, a `Literal` one of its words), and a row that does
not fit — or whose JSON evidence does not decode to the model's type — is skipped as
if it were not stored: a miss, never an error, and never code run (JSON only, no pickle).

The SQL column names are the field names, in field order, so a row class is its table's
column list.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from citecheck import records
from citecheck.model import ArchiveSnapshot, Check, Verdict, VerdictState

Row = TypeVar("Row")


def columns(kind: type) -> str:
    """The SQL column list of `kind`'s table, in field order."""
    return ", ".join(field.name for field in dataclasses.fields(kind))


def placeholders(kind: type) -> str:
    return ", ".join("?" for _ in dataclasses.fields(kind))


def values(row: Any) -> tuple[Any, ...]:
    """`row`'s values in column order, for an INSERT."""
    return tuple(getattr(row, field.name) for field in dataclasses.fields(row))


def read(kind: type[Row], sql_row: tuple[Any, ...]) -> Row | None:
    """`sql_row` as a `kind`, or None when it does not fit the declared column types."""
    checks = _column_checks(kind)
    if len(sql_row) != len(checks):
        return None
    try:
        return kind(*[check(value) for check, value in zip(checks, sql_row, strict=True)])
    except (ValueError, TypeError, KeyError):
        return None


@cache
def _column_checks(kind: type) -> tuple[records.Builder, ...]:
    """One checker per column of `kind`, from its field types (`records.builder`)."""
    hints = typing.get_type_hints(kind)
    return tuple(records.builder(hints[field.name]) for field in dataclasses.fields(kind))


@dataclass(frozen=True)
class VerdictRow:
    """Table `verdicts`: one judgement of a URL, under the digest of the policy that
    judged it (`citecheck.checks.policy`); `evidence` is the whole Verdict as JSON."""

    url: str
    checked_at: float
    policy: str
    state: VerdictState
    reason: str
    status: int | None
    final_url: str | None
    new_url: str | None
    evidence: str

    @classmethod
    def of(cls, verdict: Verdict, checked_at: float, policy: str) -> VerdictRow:
        return cls(
            verdict.url,
            checked_at,
            policy,
            verdict.state,
            verdict.reason,
            verdict.status,
            verdict.final_url,
            verdict.new_url,
            records.dumps(dataclasses.replace(verdict, checked_at=None, cached=False)),
        )

    def verdict(self) -> Verdict | None:
        """The stored Verdict, marked as cached, or None when the evidence does not decode
        or disagrees with the row's own columns."""
        try:
            verdict = records.loads(Verdict, self.evidence, checked_at=self.checked_at, cached=True)
        except records.RecordError:
            return None
        agrees = (verdict.url, verdict.state, verdict.reason) == (self.url, self.state, self.reason)
        return verdict if agrees else None


@dataclass(frozen=True)
class ObservationRow:
    """Table `observations`: one HTTP observation (the body is not kept)."""

    url: str
    checked_at: float
    method: str
    status: int | None
    final_url: str | None
    error: str | None
    attempts: int
    elapsed: float
    evidence: str

    @classmethod
    def of(cls, check: Check) -> ObservationRow:
        evidence = {
            "hops": [[hop.url, hop.status] for hop in check.hops],
            "headers": [list(pair) for pair in check.headers],
            "content_type": check.content_type,
        }
        return cls(
            check.url,
            check.checked_at,
            check.method,
            check.status,
            check.final_url,
            check.error,
            check.attempts,
            check.elapsed,
            records.dumps(evidence),
        )


@dataclass(frozen=True)
class MemoRow:
    """Table `memos`: work derived from the user's files (a parse), under a key."""

    kind: str
    key: str
    stored_at: float
    value: bytes


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


@dataclass(frozen=True)
class ArchiveRow:
    """Table `archive_lookups`: an ArchiveRecord with its snapshot in three columns."""

    url: str
    wanted: str
    asked: str
    looked_up_at: float
    reason: str
    snapshot_url: str | None
    snapshot_timestamp: str | None
    snapshot_status: int | None
    source: str | None

    @classmethod
    def of(cls, record: ArchiveRecord) -> ArchiveRow:
        snapshot = record.snapshot
        return cls(
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

    def record(self) -> ArchiveRecord | None:
        """The ArchiveRecord, or None when a snapshot URL comes without its timestamp."""
        snapshot = None
        if self.snapshot_url is not None:
            if self.snapshot_timestamp is None:
                return None
            snapshot = ArchiveSnapshot(
                self.snapshot_url, self.snapshot_timestamp, self.snapshot_status
            )
        return ArchiveRecord(
            self.url, self.wanted, self.asked, self.looked_up_at, self.reason, snapshot, self.source
        )
