"""Progress bars for the checking and archive stages: drawn on a terminal, silent
anywhere else.

Each stage only sees a callback `(done, total, url)` (`url` optional), so it stays free
of any display code; `ProgressBar` is the checking stage's, `bar.stage("archiving")`
another stage's (a second bar, with the time still to go).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

from citecheck.reports import escape

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class ProgressBar:
    """Use as `with ProgressBar() as progress: check_all(links, on_progress=progress)`."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        stream = stream if stream is not None else sys.stderr
        is_tty = bool(getattr(stream, "isatty", None) and stream.isatty())
        self.enabled = is_tty if enabled is None else enabled
        self._progress: Progress | None = None
        self._tasks: dict[str, TaskID] = {}
        if self.enabled:  # rich is imported only when a bar is drawn
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            from citecheck.reports.terminal import use_color

            console = Console(file=stream, force_terminal=True, no_color=not use_color(stream))
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                TextColumn("{task.fields[url]}", style="dim", markup=False),
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
        self._update("checking", done, total, url)

    def stage(self, name: str) -> Callable[[int, int, str], None]:
        """The callback of another stage, drawn as its own bar named `name`."""

        def report(done: int, total: int, url: str = "") -> None:
            self._update(name, done, total, url)

        return report

    def _update(self, name: str, done: int, total: int, url: str) -> None:
        if self._progress is None:
            return
        url = escape.terminal(url)
        shown = url if len(url) <= 60 else url[:57] + "..."
        task = self._tasks.get(name)
        if task is None:
            task = self._tasks[name] = self._progress.add_task(name, total=total, url=shown)
        self._progress.update(task, completed=done, total=total, url=shown)
