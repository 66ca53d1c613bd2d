"""XML parts and zip containers rewritten with only the edited parts changed."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from typing import Any

from citecheck.fix.plan import Rewrite
from citecheck.readers.source import Source
from citecheck.readers.xmlparts import parse_xml
from citecheck.readers.zipparts import ZipParts

#: Edits the parsed XML root of a part in place; True when it changed anything.
EditPart = Callable[[Any], bool]


def edited_xml(data: bytes, where: str, edit: EditPart) -> bytes | None:
    """The part `data` after `edit`, or None when nothing in it changed (its bytes are
    then kept as they are)."""
    from lxml import etree

    root = parse_xml(data, where)
    if not edit(root):
        return None
    tree = root.getroottree()
    body = etree.tostring(tree, encoding=tree.docinfo.encoding or "UTF-8", xml_declaration=False)
    return _prolog(data) + body


def _prolog(data: bytes) -> bytes:
    """The XML declaration as the part wrote it, with the white space after it (lxml
    would write its own, with other quotes)."""
    if not data.startswith(b"<?xml"):
        return b""
    end = data.index(b"?>") + 2
    return data[:end] + data[end : len(data) - len(data[end:].lstrip())]


def edited_zip(source: Source, kind: str, edits: Mapping[str, EditPart]) -> Rewrite:
    """`source` with the parts named in `edits` edited.

    Every other part is copied with its own name, order, date and compression, so the
    container stays what the word processor wrote (ODT's uncompressed `mimetype` first).
    """
    parts = ZipParts(source.path, kind, source.data)
    changed = {}
    for name, edit in edits.items():
        if parts.has(name):
            old = parts.read(name)
            new = edited_xml(old, f"{source.path}: {name}", edit)
            if new is not None:
                changed[name] = (old, new)
    if not changed:
        return Rewrite(source.data, {})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source.data)) as original, zipfile.ZipFile(out, "w") as copy:
        for info in original.infolist():
            data = (
                changed[info.filename][1] if info.filename in changed else parts.read(info.filename)
            )
            copy.writestr(info, data)
    return Rewrite(out.getvalue(), {name: _texts(*pair) for name, pair in changed.items()})


def edited_flat_xml(source: Source, edit: EditPart) -> Rewrite:
    """A file that is one XML document (flat ODT), edited."""
    new = edited_xml(source.data, source.path, edit)
    return Rewrite(source.data, {}) if new is None else Rewrite(new, {"": _texts(source.data, new)})


def _texts(old: bytes, new: bytes) -> tuple[str, str]:
    return old.decode("utf-8", "replace"), new.decode("utf-8", "replace")
