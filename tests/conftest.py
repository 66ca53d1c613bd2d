"""Shared fixtures: the sample notes in references/, the seed manuscript when present, and a
real HTTP client allowed onto loopback (short timeouts, no retries)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from citecheck.net import HttpClient, NetPolicy
from tests.fence import Fence

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_NOTES = ROOT / "references" / "china-security-report-2026-notes.txt"
SEED = ROOT.parent / "shared" / "seed" / "china-security-report-2026.txt"


@pytest.fixture
def sample_notes_path() -> Path:
    return SAMPLE_NOTES


@pytest.fixture
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip(f"seed manuscript not present at {SEED}")
    return SEED


@pytest.fixture(autouse=True)
def _no_lookups(monkeypatch) -> None:
    """No test asks the real bibliographic services (Crossref, doi.org, …): a check's
    look-ups are off unless the test serves them itself (tests/lookup overrides this)."""
    from dataclasses import replace

    from citecheck import pipeline

    settings = pipeline.lookup_settings
    monkeypatch.setattr(
        pipeline, "lookup_settings", lambda config: replace(settings(config), enabled=False)
    )


@pytest.fixture
def client() -> Iterator[HttpClient]:
    policy = NetPolicy(
        connect_timeout=1.0, read_timeout=2.0, deadline=4.0, retries=0, allow_private=True
    )
    with HttpClient(policy) as http:
        yield http


@pytest.fixture(autouse=True)
def outside_fence(monkeypatch: pytest.MonkeyPatch) -> Iterator[Fence]:
    """Every test: no connection leaves loopback (see tests/fence.py); one that tried
    fails, unless it asserted on `fence.attempts` and cleared them."""
    fence = Fence().install(monkeypatch)
    yield fence
    if fence.attempts:
        pytest.fail(f"tried to connect outside loopback: {fence.attempts}")
