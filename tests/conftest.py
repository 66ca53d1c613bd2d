"""Shared fixtures: the sample notes in references/ and the seed manuscript when present."""

from __future__ import annotations

from pathlib import Path

import pytest

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
