"""A progress bar for the checking stage: drawn on a terminal, silent anywhere else.

The checks stage only sees a callback `(done, total, url)` (`url` optional), so it stays free of any
display code; `ProgressBar` is one such callback.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress


class ProgressBar:
    """Use as `with ProgressBar() as progress: check_all(links, on_progress=progress)`."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        stream = stream if stream is not None else sys.stderr
        is_tty = bool(getattr(stream, "isatty", None) and stream.isatty())
        self.enabled = is_tty if enabled is None else enabled
        self._progress: Progress | None = None
        self._task = None
        if self.enabled:  # rich is imported only when a bar is drawn
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            from citecheck.reports.terminal import use_color

            console = Console(file=stream, force_terminal=True, no_color=not use_color(stream))
            self._progress = Progress(
                TextColumn("checking"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.fields[url]}", style="dim"),
                console=console,
                transient=True,
            )

    def __enter__(self) -> ProgressBar:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def __call__(self, done: int, total: int, url: str = "") -> None:
        if self._progress is None:
            return
        shown = url if len(url) <= 60 else url[:57] + "..."
        if self._task is None:
            self._task = self._progress.add_task("links", total=total, url=shown)
        self._progress.update(self._task, completed=done, total=total, url=shown)
