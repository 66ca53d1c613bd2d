"""A progress bar on the terminal while links are checked (rich, on stderr)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def progress_bar(total: int) -> Iterator[Callable[[int, int], None]]:
    """Yields the `progress(done, total)` callback that moves the bar."""
    columns = (
        TextColumn("checking links"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("links", total=total)

        def advance(done: int, _total: int) -> None:
            bar.update(task, completed=done)

        yield advance
