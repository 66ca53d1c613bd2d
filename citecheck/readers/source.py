"""Loading a file's text: the checks every reader needs before it parses anything."""

from __future__ import annotations

from pathlib import Path

from citecheck.errors import InputError

MAX_INPUT_BYTES = 64 * 1024 * 1024


def load_bytes(path: str | Path) -> bytes:
    """Read a whole input file, turning every OS failure into a one-line InputError."""
    file = Path(path)
    if not file.exists():
        raise InputError(f"{path}: no such file")
    if file.is_dir():
        raise InputError(f"{path}: is a directory, not a file")
    try:
        size = file.stat().st_size
        if size > MAX_INPUT_BYTES:
            limit = MAX_INPUT_BYTES
            raise InputError(f"{path}: {size} bytes is larger than the {limit} byte limit")
        return file.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def decode_text(data: bytes, path: str | Path) -> str:
    """Decode a text file; binary data is refused with a clear message."""
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: cannot decode the text as UTF-8") from None


def load_text(path: str | Path) -> str:
    return decode_text(load_bytes(path), path)
