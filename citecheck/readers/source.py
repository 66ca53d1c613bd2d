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
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from citecheck.errors import InputError
from citecheck.readers.utf16 import bomless_utf16

MAX_INPUT_BYTES = 64 * 1024 * 1024
#: Text is parsed into far more than its size: about 19 MB of memory per MB of
#: plain-text notes, plus some 80 MB for the program (benchmarks/bench_input_memory.py),
#: so 40 MB of text stays under 1 GB where 64 MB would not. A zip container (DOCX, ODT,
#: EPUB) may be bigger, its parts having limits of their own (`readers.zipparts`).
MAX_TEXT_BYTES = 40 * 1024 * 1024

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
    return decode_with_warnings(data, path)[0]


def decode_with_warnings(data: bytes, path: str | Path) -> tuple[str, tuple[str, ...]]:
    """The text of a file and what decoding it had to repair: UTF-8 with a few invalid
    bytes is read with U+FFFD in their place and a warning naming their lines, rather
    than guessed to be some legacy encoding or refused."""
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(
            f"{path}: {len(data)} bytes of text, over the {MAX_TEXT_BYTES} byte limit for "
            "text (split it in parts)"
        )
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    if b"\x00" in data[:8192] and unicode_encoding(data) is None:
        raise InputError(f"{path}: looks like a binary file, not text")
    warnings: tuple[str, ...] = ()
    repaired = repaired_utf8(data) if unicode_encoding(data) is None else None
    if repaired is not None:
        text, damaged = repaired
        if damaged:
            lines = _lines_text(damaged)
            warnings = (f"{path}: invalid UTF-8 bytes replaced by U+FFFD on {lines}",)
    else:
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
    return text, warnings


#: Damaged UTF-8 (a stray byte from a copy and paste) is told from text in a legacy
#: encoding, whose non-ASCII bytes are almost all invalid as UTF-8, by the evidence:
#: at least this many valid non-ASCII bytes per invalid one...
MIN_VALID_PER_INVALID = 2
#: ...and at most this many invalid bytes in all (more is no stray damage).
MAX_INVALID_BYTES = 10_000
_NON_ASCII = bytes(range(0x80, 0x100))
_damage = threading.local()


def _mark_invalid(exc: UnicodeError) -> tuple[str, int]:
    """A codec error handler: U+FFFD for an invalid byte, its offset noted; too many end
    the decoding."""
    assert isinstance(exc, UnicodeDecodeError)
    _damage.offsets.append(exc.start)
    _damage.bytes += exc.end - exc.start
    if _damage.bytes > _damage.limit:
        raise exc
    return "\ufffd", exc.end


codecs.register_error("citecheck-mark-invalid", _mark_invalid)


def repaired_utf8(data: bytes) -> tuple[str, list[int]] | None:
    """`data` read as UTF-8 in one pass, with the lines (1-based) where an invalid byte was
    replaced by U+FFFD; None when there are too many of them for UTF-8 (see
    MIN_VALID_PER_INVALID)."""
    non_ascii = len(data) - len(data.translate(None, _NON_ASCII))
    limit = min(non_ascii // (MIN_VALID_PER_INVALID + 1), MAX_INVALID_BYTES)
    _damage.offsets, _damage.bytes, _damage.limit = [], 0, limit
    try:
        text = data.decode("utf-8", errors="citecheck-mark-invalid")
    except UnicodeDecodeError:
        return None
    finally:
        offsets, _damage.offsets = _damage.offsets, []
    lines, line, counted = [], 1, 0
    for offset in offsets:
        line += data.count(b"\n", counted, offset)
        counted = offset
        if not lines or lines[-1] != line:
            lines.append(line)
    return text, lines


def _lines_text(lines: list[int], shown: int = 10) -> str:
    """ "line 3", "lines 3, 7, 9", "lines 3, 7, … (25 lines)"."""
    listed = ", ".join(str(line) for line in lines[:shown])
    if len(lines) > shown:
        listed += f", … ({len(lines)} lines)"
    return ("line " if len(lines) == 1 else "lines ") + listed


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
    def _decoded(self) -> tuple[str, tuple[str, ...]]:
        return decode_with_warnings(self.data, self.path)

    @property
    def text(self) -> str:
        """The decoded text; an InputError when the bytes are not text."""
        return self._decoded[0]

    @property
    def warnings(self) -> tuple[str, ...]:
        """What decoding repaired (invalid UTF-8 bytes), once the text has been decoded."""
        return self._decoded[1] if "_decoded" in self.__dict__ else ()

    @property
    def suffix(self) -> str:
        return Path(self.path).suffix.lower()
