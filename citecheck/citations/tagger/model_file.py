"""A CRFsuite model read from its file: its labels, attributes and weights.

python-crfsuite cannot list them cheaply (`Tagger.info()` parses a text dump of the whole
model: 0.35 s for the shipped one). The file is CRFsuite's `lCRF` format (crf1d_model.c):

- a header of little-endian 32-bit fields: magic, size, type, version, the number of
  features (unused, 0), of labels and of attributes, then the offsets of the feature table,
  the label dictionary, the attribute dictionary, the label refs and the attribute refs;
- two CQDB chunks (labels, attributes) whose backward array gives, for each id, the offset
  (from the chunk) of a record (id, key size, key with its closing NUL);
- two ref chunks (`LFRF`, `AFRF`: id, size, count, then one file offset per label or
  attribute) pointing at lists (count, feature ids): the transitions out of each label
  (the chunk has two more lists, BOS and EOS, which the tagger does not read) and the
  state features of each attribute, in the order CRFsuite sums them;
- the feature table (`FEAT`: id, size, count, then 20-byte records type, src, dst and a
  64-bit float weight): type 0 is attribute src → label dst, type 1 label src → label dst.
"""

from __future__ import annotations

import struct
from array import array
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CQDB = struct.Struct("<4sIIIII")
_CHUNK = struct.Struct("<4sII")
_RECORD = struct.Struct("<II")
_FEATURE_SIZE = 20
#: where a feature's weight sits in its record (after type, src and dst)
_WEIGHT_AT = 12


@dataclass(frozen=True, slots=True)
class Model:
    """A model's weights in arrays: the state features as compressed rows (those of
    attribute `a` are `state_labels[state_offsets[a]:state_offsets[a + 1]]` with their
    `state_weights`, in the file's order) and the L×L transitions, row = from."""

    labels: tuple[str, ...]
    attributes: dict[bytes, int]
    state_offsets: array
    state_labels: array
    state_weights: array
    transitions: array


class _File:
    def __init__(self, data: bytes) -> None:
        self.data = data
        fields = _HEADER.unpack_from(data, 0)
        magic, _size, kind, _version, _features, self.label_count, self.attribute_count = fields[:7]
        if magic != b"lCRF" or kind != b"FOMC":
            raise ValueError("not a CRFsuite model")
        (self.features_at, self.labels_at, self.attributes_at, self.label_refs_at,
         self.attribute_refs_at) = fields[7:]  # fmt: skip

    def names(self, base: int, count: int) -> dict[bytes, int]:
        """The keys of the CQDB chunk at `base` → their ids."""
        data = self.data
        chunk, _size, _flag, _order, size, offset = _CQDB.unpack_from(data, base)
        if chunk != b"CQDB" or size != count:
            raise ValueError("no dictionary where the header points")
        backward = array("I", data[base + offset : base + offset + 4 * size])
        record = _RECORD.unpack_from
        names: dict[bytes, int] = {}
        for at in backward:
            ident, length = record(data, base + at)
            key = base + at + _RECORD.size
            names[data[key : key + length - 1]] = ident
        if len(names) != count:
            raise ValueError("a dictionary with repeated keys")
        return names

    def refs(self, base: int, name: bytes, count: int) -> tuple[array, array]:
        """The feature ids of each of the first `count` lists of the ref chunk at `base`,
        as compressed rows (offsets, feature ids)."""
        chunk, size, listed = _CHUNK.unpack_from(self.data, base)
        if chunk != name or listed < count or base % 4:
            raise ValueError(f"no {name.decode()} chunk where the header points")
        words = array("I", self.data[base : base + size])
        offsets, fids = array("I", [0]), array("I")
        for at in words[3 : 3 + count]:
            start = (at - base) // 4
            end = start + 1 + words[start]
            fids += words[start + 1 : end]
            offsets.append(len(fids))
        return offsets, fids

    def features(self) -> tuple[array, array, array, array]:
        """The feature table by column: type, src, dst, weight."""
        data, base = self.data, self.features_at
        chunk, _size, count = _CHUNK.unpack_from(data, base)
        start = base + _CHUNK.size
        table = data[start : start + _FEATURE_SIZE * count]
        if chunk != b"FEAT" or len(table) != _FEATURE_SIZE * count or start % 4:
            raise ValueError("no feature table where the header points")
        words = array("I", table)
        weights = bytearray(8 * count)
        for byte in range(8):
            weights[byte::8] = table[_WEIGHT_AT + byte :: _FEATURE_SIZE]
        return words[0::5], words[1::5], words[2::5], array("d", weights)


def _pick(column: array, ids: array) -> array:
    """`column[i]` for each i of `ids` (itemgetter: a C loop, ~10 times a Python one's speed)."""
    picked = itemgetter(*ids)(column) if len(ids) > 1 else [column[i] for i in ids]
    return array(column.typecode, picked)


def _check_little_endian() -> None:
    if array("I", b"\x01\x00\x00\x00")[0] != 1:
        raise ValueError("reading a CRFsuite model needs a little-endian machine")


def read_model(path: Path) -> Model:
    """The labels, attributes and weights of the model at `path`."""
    try:
        _check_little_endian()
        model = _File(path.read_bytes())
        label_ids = model.names(model.labels_at, model.label_count)
        attributes = model.names(model.attributes_at, model.attribute_count)
        kinds, _sources, targets, weights = model.features()
        state_offsets, state_fids = model.refs(
            model.attribute_refs_at, b"AFRF", model.attribute_count
        )
        transition_offsets, transition_fids = model.refs(
            model.label_refs_at, b"LFRF", model.label_count
        )
        if set(_pick(kinds, state_fids)) - {0} or set(_pick(kinds, transition_fids)) - {1}:
            raise ValueError("a feature of the wrong kind in the refs")
        labels = [""] * model.label_count
        for name, ident in label_ids.items():
            labels[ident] = name.decode()
        count = model.label_count
        transitions = array("d", bytes(8 * count * count))
        for source in range(count):
            for fid in transition_fids[transition_offsets[source] : transition_offsets[source + 1]]:
                if targets[fid] >= count:
                    raise ValueError("a transition to a label the model lacks")
                transitions[source * count + targets[fid]] = weights[fid]
        state_labels = _pick(targets, state_fids)
        if max(state_labels, default=0) >= count:
            raise ValueError("a state feature for a label the model lacks")
        return Model(
            tuple(labels),
            attributes,
            state_offsets,
            state_labels,
            _pick(weights, state_fids),
            transitions,
        )
    except (struct.error, ValueError, IndexError, UnicodeDecodeError) as error:
        raise ValueError(f"citation tagger model unreadable: {path}: {error}") from None


def attribute_ids(path: Path) -> dict[bytes, int]:
    """Every attribute of the model at `path` (those with a weight for some label) → its id."""
    try:
        model = _File(path.read_bytes())
        return model.names(model.attributes_at, model.attribute_count)
    except (struct.error, ValueError) as error:
        raise ValueError(f"citation tagger model unreadable: {path}: {error}") from None


def attribute_names(path: Path) -> frozenset[bytes]:
    """Every attribute of the model at `path` (those with a weight for some label)."""
    return frozenset(attribute_ids(path))
