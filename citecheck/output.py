"""Writing results: to standard output, or to a file that never replaces a user's file silently."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from citecheck.errors import UsageError


def write_text(text: str, path: str | None, *, force: bool = False) -> None:
    """Write `text` to `path` (or standard output when `path` is None or "-").

    An existing file is only replaced with `force`; the write goes to a temporary
    file first and is renamed into place, so a failed write leaves the old file whole.
    """
    if path is None or path == "-":
        sys.stdout.write(text)
        if text and not text.endswith("\n"):
            sys.stdout.write("\n")
        sys.stdout.flush()
        return
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{path} is a directory")
    if target.exists() and not force:
        raise UsageError(f"{path} exists; pass --force to overwrite it")
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"cannot write {path}: directory {directory} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, _file_mode(target))
        os.replace(tmp, target)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def _file_mode(target: Path) -> int:
    """The mode the written file should have: the replaced file's, else 0666 less the umask.

    (mkstemp creates its file 0600, which would make a report unreadable to others.)
    """
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
