"""Verdicts: the pure judgement of what was observed about a link (DESIGN.md §2)."""

from citecheck.verdicts.judge import Observations, judge

__all__ = ["Observations", "judge"]
