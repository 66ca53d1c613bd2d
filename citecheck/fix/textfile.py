"""Shared by the text formats: decode a file as it was read, encode it back unchanged."""

from __future__ import annotations

from citecheck.errors import InputError
from citecheck.fix.plan import Rewrite
from citecheck.readers.source import Source, detect_encoding


def decoded(source: Source) -> tuple[str, str]:
    """(the text of `source`, its encoding), such that encoding the text gives the
    bytes back: a file whose bytes would not survive (invalid sequences, a lossy
    codec) is refused rather than rewritten."""
    encoding = detect_encoding(source.data)
    if encoding is None:
        raise InputError(f"{source.path}: cannot decode the text to rewrite it")
    try:
        text = source.data.decode(encoding)
        same = text.encode(encoding) == source.data
    except (UnicodeError, LookupError):
        same = False
    if not same:
        raise InputError(
            f"{source.path}: its bytes do not survive decoding as {encoding}; not rewriting it"
        )
    return text, encoding


def rewritten(source: Source, old: str, new: str, encoding: str) -> Rewrite:
    """The rewrite of a text file from `old` to `new`, written in its own `encoding`."""
    if new == old:
        return Rewrite(source.data, {})
    try:
        return Rewrite(new.encode(encoding), {"": (old, new)})
    except UnicodeError:
        raise InputError(f"{source.path}: a fix cannot be written in {encoding}") from None
