"""The input files of a run: paths, directories walked, globs, and standard input.

A directory is walked for the files whose extension a reader knows (plus .txt, .htm
and .xhtml, whose format the content decides), skipping `.git`, `node_modules`,
`__pycache__`, virtual environments (a directory holding `pyvenv.cfg`) and whatever the
`.gitignore` files from the repository root down ignore (inside a git repository only,
as in git and ripgrep). Gitignore matching is
`pathspec`'s GitIgnoreSpec, which follows git's own rules (negation, anchoring, `**`,
directory-only patterns, a deeper file overriding a shallower one) rather than an
approximation of them. A glob ("docs/**/*.md", quoted so the shell leaves it alone) is
expanded with the same skips. A file named outright is always read. `--exclude-path`
patterns (gitignore syntax, relative to the working directory) apply to all of them.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from citecheck.readers import EXTENSIONS

if TYPE_CHECKING:
    import pathspec

STDIN = "-"
#: How standard input is named in reports.
STDIN_NAME = "<stdin>"
SUFFIXES = frozenset(EXTENSIONS) | {".txt", ".htm", ".xhtml"}
SKIPPED_DIRECTORIES = frozenset({".git", "node_modules", "__pycache__"})
_GLOB_CHARACTERS = frozenset("*?[")


@dataclass(frozen=True)
class Input:
    """One input: a path to read (or "-"), or, with `error`, a pattern that named nothing."""

    path: str
    error: str | None = None


def expand(paths: Sequence[str], exclude: Sequence[str] = ()) -> tuple[Input, ...]:
    """The files `paths` name, each once, in the order given (a directory's files sorted)."""
    excluded = None
    if exclude:
        import pathspec  # with its matching backends: only when there is a pattern

        excluded = pathspec.PathSpec.from_lines("gitignore", exclude)
    tree = _Tree()
    seen: set[str] = set()
    found: list[Input] = []
    for given in paths:
        for item in tree.expand(given):
            if item.error is None and item.path != STDIN:
                if excluded is not None and excluded.match_file(_relative(item.path)):
                    continue
                key = os.path.realpath(item.path)
                if key in seen:
                    continue
                seen.add(key)
            found.append(item)
    return tuple(found)


class _Tree:
    """The skip rules, with each `.gitignore` read once per expansion."""

    def __init__(self) -> None:
        self._specs: dict[Path, pathspec.GitIgnoreSpec | None] = {}

    def expand(self, given: str) -> Iterator[Input]:
        if given == STDIN:
            yield Input(STDIN)
        elif os.path.isdir(given):
            yield from (Input(path) for path in self.walk(given))
        elif os.path.lexists(given) or not _GLOB_CHARACTERS & set(given):
            yield Input(given)  # read as named; a missing file is that file's error
        else:
            matches = [
                path
                for path in sorted(glob.glob(given, recursive=True))
                if os.path.isfile(path) and not self._skipped(Path(path))
            ]
            if not matches:
                yield Input(given, error=f"{given}: no file matches this pattern")
            yield from (Input(os.path.normpath(path)) for path in matches)

    def walk(self, directory: str) -> Iterator[str]:
        """The readable files under `directory`, in sorted order, skips applied."""
        for root, dirs, files in os.walk(directory):
            here = Path(root)
            dirs[:] = sorted(d for d in dirs if not self._skipped_directory(here / d))
            for name in sorted(files):
                path = here / name
                if path.suffix.lower() in SUFFIXES and not self._ignored(path, is_dir=False):
                    yield os.path.normpath(path)

    def _skipped(self, path: Path) -> bool:
        """A glob match under a skipped directory, or ignored by git."""
        for parent in Path(os.path.abspath(path)).parents:
            if parent.name in SKIPPED_DIRECTORIES or (parent / "pyvenv.cfg").is_file():
                return True
        return self._ignored(path, is_dir=False)

    def _skipped_directory(self, path: Path) -> bool:
        if path.name in SKIPPED_DIRECTORIES or (path / "pyvenv.cfg").is_file():
            return True
        return self._ignored(path, is_dir=True)

    def _ignored(self, path: Path, *, is_dir: bool) -> bool:
        """What the `.gitignore` files between the repository root and `path` say, the
        deepest one that has an opinion winning, as in git."""
        absolute = Path(os.path.abspath(path))
        for folder in _repository_folders(absolute.parent):
            spec = self._gitignore(folder)
            if spec is None:
                continue
            relative = absolute.relative_to(folder).as_posix() + ("/" if is_dir else "")
            verdict = spec.check_file(relative).include
            if verdict is not None:
                return verdict
        return False

    def _gitignore(self, folder: Path) -> pathspec.GitIgnoreSpec | None:
        if folder not in self._specs:
            try:
                lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
                import pathspec

                self._specs[folder] = pathspec.GitIgnoreSpec.from_lines(lines.splitlines())
            except OSError:
                self._specs[folder] = None
        return self._specs[folder]


def _repository_folders(directory: Path) -> list[Path]:
    """`directory` and its parents up to the repository root, deepest first; none
    outside a repository."""
    folders = []
    for folder in (directory, *directory.parents):
        folders.append(folder)
        if (folder / ".git").exists():
            return folders
    return []


def _relative(path: str) -> str:
    """`path` relative to the working directory when it is under it, for --exclude-path."""
    absolute = os.path.abspath(path)
    try:
        return Path(absolute).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return Path(path).as_posix()
