"""The attribute names a CRFsuite model holds, read from its file.

python-crfsuite cannot list them cheaply (`Tagger.info()` parses a text dump of the whole
model: 0.35 s for the shipped one). The file is CRFsuite's `lCRF` format: a header of
little-endian 32-bit fields whose tenth is the offset of the attribute dictionary, a CQDB
chunk whose backward array gives, for each attribute id, the offset of a record
(id, key size, key with its closing NUL).
"""

from __future__ import annotations

import struct
from pathlib import Path

_HEADER = struct.Struct("<4sI4sIIIIIII")
_CQDB = struct.Struct("<4sIIIII")
_RECORD = struct.Struct("<II")


def attribute_names(path: Path) -> frozenset[bytes]:
    """Every attribute of the model at `path` (those with a weight for some label)."""
    data = path.read_bytes()
    try:
        magic, *_, count, _features, _labels, base = _HEADER.unpack_from(data, 0)
        chunk, _size, _flag, _order, size, offset = _CQDB.unpack_from(data, base)
        if magic != b"lCRF" or chunk != b"CQDB" or size != count:
            raise ValueError("not a CRFsuite model")
        names: set[bytes] = set()
        start = base + offset
        for (record,) in struct.iter_unpack("<I", data[start : start + 4 * size]):
            _id, length = _RECORD.unpack_from(data, base + record)
            key = base + record + _RECORD.size
            names.add(data[key : key + length - 1])
    except (struct.error, ValueError) as error:
        raise ValueError(f"citation tagger model unreadable: {path}: {error}") from None
    return frozenset(names)
