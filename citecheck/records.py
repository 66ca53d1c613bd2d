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
from collections.abc import Callable
from functools import cache, partial
from typing import Any, TypeVar, Union

T = TypeVar("T")


class RecordError(ValueError):
    """A stored record that does not fit the type it is read as."""


def dumps(value: Any) -> str:
    """`value` (dataclasses, tuples, dicts, plain values) as compact JSON text."""
    return json.dumps(plain(value), ensure_ascii=False, separators=(",", ":"))


def loads(kind: type[T], text: str | bytes, **fields: Any) -> T:
    """The `kind` instance that `dumps` wrote as `text`, with `fields` laid over what it
    holds; RecordError if it does not fit."""
    try:
        data = json.loads(text, parse_constant=_no_constant)
        if fields and isinstance(data, dict):
            data.update(fields)
        return build(kind, data)
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
    return builder(kind)(data)


Builder = Callable[[Any], Any]


@cache
def builder(kind: Any) -> Builder:
    """The function that turns decoded JSON into a `kind`, worked out once per type (a
    warm check decodes thousands of verdicts: asking `typing` about each field each time
    cost more than the JSON itself)."""
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if kind is Any:
        return _same
    if origin is typing.Literal:
        return partial(_literal, args)
    if origin in (Union, types.UnionType):
        options = tuple(builder(arg) for arg in args if arg is not type(None))
        return partial(_union, type(None) in args, options)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return partial(_homogeneous, builder(args[0]))
        return partial(_fixed, tuple(builder(arg) for arg in args))
    if origin is dict:
        return _object
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        names = [f.name for f in dataclasses.fields(kind) if f.init]
        return partial(_dataclass, kind, {name: builder(hints[name]) for name in names})
    if kind is float:
        return _float
    if isinstance(kind, type):
        return partial(_instance, kind)
    return _same


def _same(data: Any) -> Any:
    return data


def _literal(words: tuple[Any, ...], data: Any) -> Any:
    if isinstance(data, bool) or data not in words:
        raise ValueError(f"{data!r} is not one of {words}")
    return data


def _union(nullable: bool, options: tuple[Builder, ...], data: Any) -> Any:
    """`data` as the first of `options` it fits."""
    if data is None and nullable:
        return None
    failures = []
    for option in options:
        try:
            return option(data)
        except (ValueError, TypeError, KeyError) as exc:
            failures.append(str(exc))
    raise TypeError("; ".join(failures) or "no type fits")


def _homogeneous(item: Builder, data: Any) -> tuple[Any, ...]:
    return tuple(item(value) for value in _list(data))


def _fixed(items: tuple[Builder, ...], data: Any) -> tuple[Any, ...]:
    return tuple(item(value) for item, value in zip(items, _list(data), strict=True))


def _object(data: Any) -> Any:
    if not isinstance(data, dict):
        raise TypeError(f"expected an object, got {type(data).__name__}")
    return data


def _dataclass(kind: type, fields: dict[str, Builder], data: Any) -> Any:
    if not isinstance(data, dict):
        raise TypeError(f"expected an object for {kind.__name__}")
    unknown = [name for name in data if name not in fields]
    if unknown:
        raise KeyError(f"{kind.__name__} has no {', '.join(sorted(map(str, unknown)))}")
    return kind(**{name: fields[name](value) for name, value in data.items()})


def _float(data: Any) -> float:
    if isinstance(data, bool) or not isinstance(data, int | float):
        raise TypeError(f"expected a number, got {type(data).__name__}")
    return float(data)


def _instance(kind: type, data: Any) -> Any:
    if isinstance(data, bool) and kind is not bool:  # bool is an int to Python, not to us
        raise TypeError(f"expected {kind.__name__}, got a boolean")
    if not isinstance(data, kind):
        raise TypeError(f"expected {kind.__name__}, got {type(data).__name__}")
    return data


def _list(data: Any) -> list[Any]:
    if not isinstance(data, list):
        raise TypeError(f"expected a list, got {type(data).__name__}")
    return data
