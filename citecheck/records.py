"""The model's frozen dataclasses as JSON and back, led by their type hints.

What citecheck keeps on disk (a remembered parse, a verdict's evidence) is data that a
later run reads back: JSON, never pickle, so a damaged or hostile cache file can at
worst fail to decode. Decoding follows each field's declared type (`tuple[Note, ...]`,
`BackRef | None`, `Literal[...]`, `dict[str, Any]`), so no type tags are written; a
field the record lacks takes its default. Decoding is strict, since a record was written
by this model (the cache keys every record on citecheck's code): a value of the wrong
type (`true` for a number), a word outside a `Literal`, a key the model does not have,
NaN, or JSON nested too deep is a RecordError, which readers treat as "not stored".
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from typing import Any, TypeVar, Union

T = TypeVar("T")


class RecordError(ValueError):
    """A stored record that does not fit the type it is read as."""


def dumps(value: Any) -> str:
    """`value` (dataclasses, tuples, dicts, plain values) as compact JSON text."""
    return json.dumps(plain(value), ensure_ascii=False, separators=(",", ":"))


def loads(kind: type[T], text: str | bytes) -> T:
    """The `kind` instance that `dumps` wrote as `text`; RecordError if it does not fit."""
    try:
        return build(kind, json.loads(text, parse_constant=_no_constant))
    except (ValueError, TypeError, KeyError, RecursionError) as exc:
        raise RecordError(f"not a stored {kind.__name__}: {exc}") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a stored value")


def plain(value: Any) -> Any:
    """`value` with every dataclass a dict of its fields and every tuple a list."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def build(kind: Any, data: Any) -> Any:
    """`data` (decoded JSON) as a value of the type `kind`."""
    origin = typing.get_origin(kind)
    if kind is Any:
        return data
    if origin is typing.Literal:
        if data not in typing.get_args(kind) or isinstance(data, bool):
            raise ValueError(f"{data!r} is not one of {typing.get_args(kind)}")
        return data
    if origin in (Union, types.UnionType):
        return _build_union(typing.get_args(kind), data)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(build(args[0], item) for item in _list(data))
        return tuple(build(arg, item) for arg, item in zip(args, _list(data), strict=True))
    if origin is dict:
        if not isinstance(data, dict):
            raise TypeError(f"expected an object, got {type(data).__name__}")
        return data
    if dataclasses.is_dataclass(kind):
        return _build_dataclass(kind, data)
    if isinstance(data, bool) and kind is not bool:  # bool is an int to Python, not to us
        raise TypeError(f"expected {getattr(kind, '__name__', kind)}, got a boolean")
    if kind is float and isinstance(data, int):
        return float(data)
    if isinstance(kind, type) and not isinstance(data, kind):
        raise TypeError(f"expected {kind.__name__}, got {type(data).__name__}")
    return data


def _build_union(options: tuple[Any, ...], data: Any) -> Any:
    """`data` as the first of `options` it fits."""
    if data is None and type(None) in options:
        return None
    failures = []
    for option in options:
        if option is type(None):
            continue
        try:
            return build(option, data)
        except (ValueError, TypeError, KeyError) as exc:
            failures.append(str(exc))
    raise TypeError("; ".join(failures) or "no type fits")


def _build_dataclass(kind: type, data: Any) -> Any:
    if not isinstance(data, dict):
        raise TypeError(f"expected an object for {kind.__name__}")
    hints = _hints(kind)
    known = {f.name for f in dataclasses.fields(kind) if f.init}
    unknown = set(data) - known
    if unknown:
        raise KeyError(f"{kind.__name__} has no {', '.join(sorted(map(str, unknown)))}")
    return kind(**{name: build(hints[name], value) for name, value in data.items()})


def _list(data: Any) -> list[Any]:
    if not isinstance(data, list):
        raise TypeError(f"expected a list, got {type(data).__name__}")
    return data


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)
