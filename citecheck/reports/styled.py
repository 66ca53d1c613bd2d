"""Styled lines for the terminal report, printed through rich only when rich is needed.

Without colour and with no line that could wrap, rich prints each line as its plain
text and a newline, so the report is written that way without importing rich (a
report piped to a file or read by CI: start-up time). Colour, a line printed without
`soft_wrap` that might be wider than the page, or a control character sends the whole
report through rich as before.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

#: No character takes more than two cells: a line of at most width / 2 characters
#: never wraps, whatever its script.
MAX_CELLS_PER_CHARACTER = 2


@dataclass
class Line:
    """Text in pieces, each with a rich style ("" for none)."""

    pieces: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def of(cls, text: str = "", style: str = "") -> Line:
        return cls([(text, style)] if text else [])

    def append(self, text: str, style: str = "") -> Line:
        if text:
            self.pieces.append((text, style))
        return self

    def __add__(self, other: Line) -> Line:
        return Line([*self.pieces, *other.pieces])

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.pieces)


@dataclass
class Page:
    """The lines of a report as `Console.print` would get them, rendered at the end."""

    color: bool
    width: int
    _printed: list[tuple[Line | None, bool]] = field(default_factory=list)

    def print(self, line: Line | None = None, *, soft_wrap: bool = False) -> None:
        self._printed.append((line, soft_wrap))

    def render(self) -> str:
        if self.color or any(self._may_wrap(line, soft) for line, soft in self._printed):
            return self._through_rich()
        return "".join(f"{line.plain if line else ''}\n" for line, _ in self._printed)

    def _may_wrap(self, line: Line | None, soft_wrap: bool) -> bool:
        """True for a line rich might print otherwise than as its text: one that could
        be wider than the page and may wrap, or one holding a control character (rich
        drops some and expands tabs; the report's writers escape them all anyway)."""
        if line is None:
            return False
        text = line.plain
        if any(ord(char) < 32 or char == "\x7f" for char in text):
            return True
        return not soft_wrap and len(text) * MAX_CELLS_PER_CHARACTER > self.width

    def _through_rich(self) -> str:
        from rich.console import Console

        buffer = io.StringIO()
        console = Console(
            file=buffer,
            force_terminal=self.color,
            no_color=not self.color,
            color_system="standard" if self.color else None,
            width=self.width,
            highlight=False,
            emoji=False,
        )
        for line, soft_wrap in self._printed:
            if line is None:
                console.print()
            else:
                console.print(_rich_text(line), soft_wrap=soft_wrap)
        return buffer.getvalue()


def _rich_text(line: Line) -> Any:
    from rich.text import Text

    text = Text()
    for piece, style in line.pieces:
        text.append(piece, style=style or None)
    return text
