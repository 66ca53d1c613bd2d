"""Writing a fixed manuscript in place: a backup first, and never over a change made
since the file was read."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from citecheck.errors import InputError, UsageError

BACKUP_SUFFIX = ".orig"


def backup_path(path: str) -> Path:
    return Path(path + BACKUP_SUFFIX)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_in_place(path: str, read: bytes, new: bytes) -> Path:
    """Replace the file at `path`, whose content was `read`, with `new`; returns the
    backup (`PATH.orig`, the old bytes). Refused when the backup exists already (an
    earlier one is the user's: not overwritten) or when the file no longer holds what
    was read (it was edited meanwhile: fixing it would undo that edit)."""
    target = Path(path).resolve()  # through a symlink, to the file it names
    backup = backup_path(path)
    if backup.exists() or backup.is_symlink():
        raise UsageError(f"{backup} exists: move it away to keep a new backup, then run again")
    try:
        current = target.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if digest(current) != digest(read):
        raise InputError(f"{path}: changed while it was being fixed; nothing written")
    mode = target.stat().st_mode & 0o777
    try:
        with open(backup, "xb") as handle:
            handle.write(read)
        os.chmod(backup, mode)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(new)
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    return backup
