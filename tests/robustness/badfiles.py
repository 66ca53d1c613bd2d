"""Builders of bad input files: each writes one file (or directory) and returns its path."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

VALID_NOTES = (
    "注\n[序章]\n- 1 山田太郎『安全保障の研究』東京出版、2020年、12頁。\n- 2 同上、15頁。\n"
)

DOCX_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"/>',
    "word/document.xml": '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats'
    '.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>本文</w:t></w:r></w:p></w:body>'
    "</w:document>",
    "word/endnotes.xml": '<?xml version="1.0"?><w:endnotes xmlns:w="http://schemas.openxmlformats'
    '.org/wordprocessingml/2006/main"><w:endnote w:id="1"><w:p><w:r><w:t>'
    + "山田太郎『安全保障の研究』2020年。" * 50
    + "</w:t></w:r></w:p></w:endnote></w:endnotes>",
}

EPUB_PARTS = {
    "mimetype": "application/epub+zip",
    "META-INF/container.xml": '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:'
    'names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" '
    'media-type="application/oebps-package+xml"/></rootfiles></container>',
    "OEBPS/content.opf": '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" '
    'version="3.0"><manifest><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/>'
    '</manifest><spine><itemref idref="c"/></spine></package>',
    "OEBPS/c.xhtml": '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" '
    'xmlns:epub="http://www.idpf.org/2007/ops"><body><p>本文<a epub:type="noteref" href="#n1">1'
    '</a></p><aside epub:type="endnote" id="n1"><p>'
    + "山田太郎『安全保障の研究』2020年。" * 50
    + "</p></aside></body></html>",
}


def zip_bytes(parts: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def write(directory: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = directory / name
    path.write_bytes(content.encode(encoding) if isinstance(content, str) else content)
    return path


def zip_bomb(directory: Path, name: str, inflated_mb: int = 100) -> Path:
    """A DOCX-looking zip whose document part inflates to `inflated_mb` MB of zeros."""
    path = directory / name
    block = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_PARTS["[Content_Types].xml"])
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(inflated_mb):
                part.write(block)
    return path


def many_members(directory: Path, name: str, count: int = 20_000) -> Path:
    """A zip with more members than any document needs."""
    path = directory / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_PARTS["[Content_Types].xml"])
        archive.writestr("word/document.xml", DOCX_PARTS["word/document.xml"])
        for index in range(count):
            archive.writestr(f"word/media/{index}.xml", b"")
    return path


def truncated(directory: Path, name: str, data: bytes) -> Path:
    return write(directory, name, data[: len(data) // 2])


def sparse_file(directory: Path, name: str, size: int) -> Path:
    """A file that claims `size` bytes without using the disk."""
    path = directory / name
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def fifo(directory: Path, name: str) -> Path:
    path = directory / name
    os.mkfifo(path)
    return path
