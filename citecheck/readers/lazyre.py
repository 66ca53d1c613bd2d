"""Regular expressions compiled when first used.

Compiling a pattern with a large character class (the CJK or Hangul ranges, `[^\\W\\d_]`)
takes a millisecond or more, paid at import by every run; a pattern only some files
need (the rules of a reference list, hand-made note markers) is better compiled when
one of them first asks for it.
"""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """`re.compile(pattern, flags)`, done on the first call of one of its methods."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        """An attribute of the compiled pattern, then kept: later look-ups find it
        directly (`re.compile` keeps the compiled pattern for the other names)."""
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(re.compile(*self._source), name)
        setattr(self, name, value)
        return value
