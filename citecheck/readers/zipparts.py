"""Reading parts of a zip container (DOCX, EPUB) without trusting it.

Limits are checked on the central directory before anything is inflated (member
count, each part's and the total declared size, compression ratio, no encrypted part:
one unreadable part would silently lose its notes), and again while reading, since
declared sizes can lie. Every failure is a one-line InputError.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from citecheck.errors import InputError
from citecheck.readers.source import Source

if TYPE_CHECKING:  # zipfile is imported when a zip is opened, not to sniff a text file
    import zipfile

MAX_MEMBERS = 10_000
MAX_PART_BYTES = 32 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
#: Text parts compress about 5-20×; a part inflating beyond this is a zip bomb.
MAX_RATIO = 200
#: Parts smaller than this are never called bombs, whatever their ratio.
RATIO_FLOOR = 1024 * 1024

#: Bit 0 of a zip entry's general-purpose flags: its data is encrypted.
ENCRYPTED_FLAG = 0x1

#: The start of a zip file: DOCX, ODT and EPUB are zips.
ZIP_MAGIC = b"PK\x03\x04"
#: The start of an OLE compound file: old .doc files and encrypted Office documents.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: What zipfile raises on truncated, corrupt, encrypted or oddly compressed parts,
#: besides its own BadZipFile (`read_errors`).
OTHER_READ_ERRORS = (
    zlib.error,
    EOFError,
    ValueError,
    OSError,
    RuntimeError,
    NotImplementedError,
)


def read_errors() -> tuple[type[BaseException], ...]:
    import zipfile

    return (zipfile.BadZipFile, *OTHER_READ_ERRORS)


class ZipParts:
    """The parts of one zip file, by name, read with size limits."""

    def __init__(self, path: str | Path, kind: str, data: bytes) -> None:
        """`data` is the content of the file at `path`; `kind` names it in errors."""
        self.path = str(path)
        self.kind = kind
        if data.startswith(OLE_MAGIC):
            raise InputError(
                f"{self.path}: an OLE compound file (a Word 97-2003 .doc or a password-protected "
                f"document), not a {kind} file"
            )
        import zipfile

        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except read_errors() as exc:
            raise InputError(f"{self.path}: not a readable {kind} file (bad zip: {exc})") from None
        self._check_limits(infos)
        self.names = {info.filename for info in infos}

    def _check_limits(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > MAX_MEMBERS:
            raise InputError(f"{self.path}: {len(infos)} zip members, more than {MAX_MEMBERS}")
        total = 0
        for info in infos:
            if info.flag_bits & ENCRYPTED_FLAG:
                raise InputError(
                    f"{self.path}: part {info.filename} is encrypted (a password-protected "
                    f"zip); save the {self.kind} document without a password"
                )
            if info.file_size > MAX_PART_BYTES:
                raise InputError(
                    f"{self.path}: part {info.filename} is {info.file_size} bytes "
                    f"uncompressed, over the {MAX_PART_BYTES} byte limit"
                )
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                raise InputError(
                    f"{self.path}: part {info.filename} inflates {ratio:.0f}× "
                    f"(zip bomb?); refusing to read it"
                )
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise InputError(
                f"{self.path}: {total} bytes uncompressed, over the {MAX_TOTAL_BYTES} byte limit"
            )

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        """The bytes of part `name`; a missing, corrupt or oversized part is an InputError."""
        if name not in self.names:
            raise InputError(f"{self.path}: {self.kind} part {name} is missing")
        try:
            with self._zip.open(name) as part:
                data = part.read(MAX_PART_BYTES + 1)
        except read_errors() as exc:
            raise InputError(f"{self.path}: cannot read {self.kind} part {name} ({exc})") from None
        if len(data) > MAX_PART_BYTES:
            raise InputError(f"{self.path}: part {name} is over the {MAX_PART_BYTES} byte limit")
        return data


def peek(source: Source) -> ZipParts | None:
    """The parts of `source` when it is a readable zip, else None: what a container
    format's `claims` looks into."""
    if not source.data.startswith(ZIP_MAGIC):
        return None
    try:
        return ZipParts(source.path, "zip", source.data)
    except InputError:
        return None


def small_part(parts: ZipParts, name: str) -> bytes:
    """A short part such as `mimetype`, stripped; empty when missing or unreadable."""
    try:
        return parts.read(name).strip() if parts.has(name) else b""
    except InputError:
        return b""
