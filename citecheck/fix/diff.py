"""The unified diff `citecheck fix` prints: `patch -p1` applies it to a text file."""

from __future__ import annotations

import difflib
import re

from citecheck.fix.plan import Rewrite

_AFTER_TAG = re.compile(r"(?<=>)")


def unified_diff(path: str, rewrite: Rewrite) -> str:
    """One diff per changed part. A whole file's diff is by lines (`patch` applies it);
    the XML parts of a DOCX or ODT, often one line, are cut after each tag so that the
    diff shows the changed elements."""
    chunks = []
    for part, (old, new) in rewrite.parts.items():
        name = path if not part else f"{path}:{part}"
        if part:
            old_lines, new_lines = _tag_lines(old), _tag_lines(new)
        else:
            old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
        lines = difflib.unified_diff(old_lines, new_lines, f"a/{name}", f"b/{name}")
        chunks.append("".join(_ended(line) for line in lines))
    return "".join(chunks)


def _tag_lines(xml: str) -> list[str]:
    return [line + "\n" for line in _AFTER_TAG.split(xml) if line]


def _ended(line: str) -> str:
    """A diff line; one without a line end (the file's last) gets patch's marker."""
    if line.endswith(("\n", "\r")):
        return line
    return line + "\n\\ No newline at end of file\n"
