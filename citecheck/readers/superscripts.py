"""Note markers written as Unicode superscript digits: `…と指摘した¹⁰¹。`, `決議2270³³`.

A superscript ² or ³ right after a unit of measure (`740km²`, `5 m³`, `m/s²`) is an
exponent, not a note marker.
"""

from __future__ import annotations

import re

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

SUPERSCRIPT_RUN = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")

#: Units that take a square or cube: a whole token of metres (with any SI prefix),
#: feet, inches, miles, yards or seconds, not the end of a longer word ("program²").
UNIT_BEFORE = re.compile(r"(?<![A-Za-z])(?:[kcmdμµn]?m|ft|in|mi|yd|s)\s?$")
EXPONENTS = frozenset("²³")


def superscript_value(run: str) -> int:
    """The integer a run of superscript digits stands for ("¹⁰¹" → 101)."""
    return int(run.translate(_TO_ASCII))


def is_unit_exponent(line: str, start: int, run: str) -> bool:
    """True when the superscript run at `start` is a unit's power, as in km² or m³."""
    return run in EXPONENTS and UNIT_BEFORE.search(line[:start]) is not None


def superscript_markers(line: str) -> list[tuple[str, int, int]]:
    """(mark, number, 1-based column) for every superscript note marker on one line."""
    found = []
    for match in SUPERSCRIPT_RUN.finditer(line):
        run = match.group()
        if is_unit_exponent(line, match.start(), run):
            continue
        number = superscript_value(run)
        found.append((str(number), number, match.start() + 1))
    return found
