"""Writing results: to standard output, or to a file that never replaces a user's file silently."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from citecheck.errors import UsageError


def write_text(text: str, path: str | None, *, force: bool = False) -> None:
    """Write `text` to `path` (or standard output when `path` is None or "-"); see
    `write_chunks`."""
    write_chunks((text,), path, force=force)


def write_chunks(chunks: Iterable[str], path: str | None, *, force: bool = False) -> None:
    """Write the text `chunks` make up, one after the other, to `path` (or standard
    output when `path` is None or "-", ending with a newline): a big output is never
    held whole in memory.

    An existing file is only replaced with `force`; the write goes to a temporary
    file first and is renamed into place, so a failed write leaves the old file whole
    and no temporary file behind. Only a regular file is ever replaced: a symbolic
    link, a FIFO, a socket or a device is refused even with `force`, since the rename
    would replace the link or the device node itself (as root, `-o /dev/stdout --force`
    would replace /dev/stdout), and writing through it is not what `--force` promises.
    `-o -` writes to standard output, which a shell can send anywhere.
    """
    if path is None or path == "-":
        last = _write_all(chunks, sys.stdout)
        if last and not last.endswith("\n"):
            sys.stdout.write("\n")
        sys.stdout.flush()
        return
    target = Path(path)
    _refuse_unless_replaceable(target, path, force)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"cannot write {path}: directory {directory} does not exist")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            _write_all(chunks, handle)
        os.chmod(tmp, _file_mode(target))
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:  # the write failed or was interrupted: leave nothing behind
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _write_all(chunks: Iterable[str], stream: TextIO) -> str:
    """Write the chunks; the last one that was not empty."""
    last = ""
    for chunk in chunks:
        if chunk:
            stream.write(chunk)
            last = chunk
    return last


def _refuse_unless_replaceable(target: Path, path: str, force: bool) -> None:
    """An error unless `target` is absent, or a regular file and `force` is given."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise UsageError(f"{path} is a directory")
    if stat.S_ISLNK(mode):
        raise UsageError(
            f"{path} is a symbolic link; name the file itself ({os.path.realpath(target)}), "
            "or use -o - to write to standard output"
        )
    if not stat.S_ISREG(mode):
        raise UsageError(
            f"{path} is not a regular file (a FIFO, socket or device); use -o - and "
            "redirect standard output to write to it"
        )
    if not force:
        raise UsageError(f"{path} exists; pass --force to overwrite it")


def _file_mode(target: Path) -> int:
    """The mode the written file should have: the replaced file's, else 0666 less the umask.

    (mkstemp creates its file 0600, which would make a report unreadable to others.)
    """
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
