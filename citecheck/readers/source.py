"""Loading an input file once: its bytes, and its text decoded when a reader asks.

A `Source` is what format detection and the readers share, so a file is read from
disk once and decoded at most once, however many readers are asked about it.

Encodings are detected, not assumed: a byte-order mark decides first (UTF-8, UTF-16,
UTF-32), then UTF-16 without a BOM (see `citecheck.readers.utf16`), then strict UTF-8,
then charset-normalizer among the legacy encodings that manuscripts actually come in
(Japanese, Chinese, Korean, Cyrillic, Western European).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from citecheck.errors import InputError
from citecheck.readers.utf16 import bomless_utf16

MAX_INPUT_BYTES = 64 * 1024 * 1024

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: The legacy encodings charset-normalizer may choose from. Restricting the choice
#: keeps short CJK texts from being read as some unrelated single-byte code page.
LEGACY_ENCODINGS = (
    "cp932",
    "shift_jis",
    "euc_jp",
    "gb18030",
    "big5",
    "euc_kr",
    "cp949",
    "cp1251",
    "koi8_r",
    "cp1252",
)

#: Above this share of control characters (other than tab, newline, carriage return
#: and form feed) the decoded "text" is really binary data.
MAX_CONTROL_SHARE = 0.02


def load_bytes(path: str | Path) -> bytes:
    """Read a whole input file, turning every OS failure into a one-line InputError."""
    file = Path(path)
    if not file.exists():
        raise InputError(f"{path}: no such file")
    if file.is_dir():
        raise InputError(f"{path}: is a directory, not a file")
    if not file.is_file():
        raise InputError(f"{path}: not a regular file (a pipe, socket or device)")
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


def unicode_encoding(data: bytes) -> str | None:
    """The UTF-16 or UTF-32 encoding (or UTF-8 with a BOM) that `data` announces or
    plainly is: the encodings whose text may hold NUL bytes."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    return bomless_utf16(data)


def detect_encoding(data: bytes) -> str | None:
    """The name of the encoding `data` is written in, or None when none fits."""
    unicode = unicode_encoding(data)
    if unicode is not None:
        return unicode
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for text that is not UTF-8

    matches = list(from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)))
    if not matches:
        return None
    # Short CJK texts often decode equally well in several encodings; among the
    # equally plausible ones, the order of LEGACY_ENCODINGS decides.
    best = min((m.chaos, -m.coherence) for m in matches)
    tied = [m.encoding for m in matches if (m.chaos, -m.coherence) == best]
    return min(tied, key=_priority)


def _priority(encoding: str) -> int:
    return (
        LEGACY_ENCODINGS.index(encoding) if encoding in LEGACY_ENCODINGS else len(LEGACY_ENCODINGS)
    )


def decode_text(data: bytes, path: str | Path) -> str:
    """Decode a text file in whatever encoding it uses; binary data is refused."""
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    if b"\x00" in data[:8192] and unicode_encoding(data) is None:
        raise InputError(f"{path}: looks like a binary file, not text")
    encoding = detect_encoding(data)
    if encoding is None:
        raise InputError(f"{path}: cannot decode the text (not UTF-8 or a known encoding)")
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"{path}: cannot decode the text as {encoding}") from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(f"{path}: file is empty")
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise InputError(f"{path}: looks like a binary file, not text")
    return text


def _control_share(text: str) -> float:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / len(sample)


@dataclass(frozen=True)
class Source:
    """An input file's name and bytes; `text` is decoded on first use, then kept."""

    path: str
    data: bytes

    @classmethod
    def load(cls, path: str | Path) -> Source:
        return cls(str(path), load_bytes(path))

    @cached_property
    def text(self) -> str:
        """The decoded text; an InputError when the bytes are not text."""
        return decode_text(self.data, self.path)

    @property
    def suffix(self) -> str:
        return Path(self.path).suffix.lower()
