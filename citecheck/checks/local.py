"""Local links → verdicts: does the file exist on disk, does the fragment name an anchor.

A target is resolved relative to the directory of the file that cites it; a target
starting with `/` relative to the root of the tree (the repository root), and a
`file:` URL as the absolute path it names. Verdicts use the same four states as web
links, always with the evidence:

- the file (or directory) exists, and the fragment, when checked, names an anchor of
  it: resolvable;
- no such file, or (with fragments checked) no such anchor in a Markdown or HTML
  file that could be read: dead;
- the file exists but cannot be read to look for the anchor: inconclusive, never dead.

Fragments are checked only in Markdown and HTML targets; in other files (`main.py#L10`)
they are left alone. Anchors are read once per target file per run.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from citecheck.config import search_directories
from citecheck.errors import InputError
from citecheck.links.local import LocalLink, local_links
from citecheck.model import Verdict, VerdictState
from citecheck.readers import EXTENSIONS
from citecheck.readers.source import Source, decode_text

#: The formats whose anchors are read (`citecheck.links.anchors`, imported when one is).
ANCHOR_FORMATS = frozenset({"markdown", "html"})
HTML_SUFFIXES = frozenset({".htm", ".xhtml"})


def tree_root(start: str | Path) -> Path:
    """Where a target starting with `/` is looked up: the repository root holding
    `start`, else the directory of `start`."""
    folders = search_directories(start)
    return folders[-1] if (folders[-1] / ".git").exists() else folders[0]


def resolve_target(link: LocalLink, citing_file: Path, root: Path) -> Path:
    """The path on disk that `link`, written in `citing_file`, points at."""
    if urlsplit(link.target).scheme.lower() == "file":
        from urllib.request import url2pathname  # urllib.request imports http.client

        return Path(url2pathname(urlsplit(link.target).path))
    written = unquote(link.path)
    if not written:
        return citing_file
    if written.startswith("/"):
        return root / written.lstrip("/")
    return citing_file.parent / written


def anchor_format(path: Path) -> str | None:
    """"markdown" or "html" for the files whose anchors can be read, else None."""
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    fmt = EXTENSIONS.get(suffix)
    return fmt if fmt in ANCHOR_FORMATS else None


@dataclass
class LocalChecker:
    """Checks local links against the disk; anchors of each target file read once."""

    root: Path
    check_fragments: bool = False
    _anchors: dict[Path, frozenset[str] | str] = field(default_factory=dict)

    def check_source(self, source: Source, fmt: str) -> tuple[Verdict, ...]:
        """The verdicts of the local links written in the loaded file `source` (of format
        `fmt`); none for a format without links of its own (a binary one: no text)."""
        try:
            text = source.text
        except InputError:
            return ()
        return self.check(local_links(text, fmt), source.path)

    def check(self, links: Sequence[LocalLink], citing_file: str | Path) -> tuple[Verdict, ...]:
        """One verdict per link written in `citing_file`, in order."""
        citing = Path(citing_file)
        return tuple(self.verdict(link, citing) for link in links)

    def verdict(self, link: LocalLink, citing_file: Path) -> Verdict:
        target = resolve_target(link, citing_file, self.root)
        where = (f"{citing_file}:{link.line}:{link.column}: {link.target}",)
        shown = _shown(target, link.fragment)

        def said(state: VerdictState, reason: str, *more: str) -> Verdict:
            return Verdict(shown, state, reason, details=(*where, *more), lines=(link.line,))

        try:
            exists, is_dir = target.exists(), target.is_dir()
        except OSError as exc:
            return said("inconclusive", f"cannot look at the file ({exc.strerror or exc})")
        if not exists:
            return said("dead", "no such file")
        fragment = link.fragment
        if not self.check_fragments or fragment is None or is_dir:
            return said("resolvable", "directory exists" if is_dir else "file exists")
        fmt = anchor_format(target)
        if fmt is None:
            return said("resolvable", "file exists", f"fragments not checked in {target.name}")
        anchors = self._anchors_of(target, fmt)
        if isinstance(anchors, str):
            return said("inconclusive", f"cannot read the file for its anchors ({anchors})")
        from citecheck.links.anchors import has_anchor

        if has_anchor(anchors, fragment):
            return said("resolvable", "anchor exists")
        return said("dead", "no such anchor", f"#{fragment} is not a heading or id of {target}")

    def _anchors_of(self, target: Path, fmt: str) -> frozenset[str] | str:
        """The anchors of `target`, or why it could not be read."""
        from citecheck.links.anchors import html_anchors, markdown_anchors

        readers = {"markdown": markdown_anchors, "html": html_anchors}
        key = target.resolve()
        if key not in self._anchors:
            try:
                data = target.read_bytes()
                text = decode_text(data, target.name) if data.strip() else ""
                self._anchors[key] = readers[fmt](text)
            except OSError as exc:
                self._anchors[key] = exc.strerror or type(exc).__name__
            except InputError as exc:  # binary or undecodable
                self._anchors[key] = str(exc)
        return self._anchors[key]


def _shown(target: Path, fragment: str | None) -> str:
    """The target as reported: relative to the working directory when under it, so that
    one file linked from several folders is one verdict; its fragment kept."""
    absolute = os.path.normpath(os.path.abspath(target))
    relative = os.path.relpath(absolute)
    shown = absolute if relative.startswith("..") else relative
    return shown if fragment is None else f"{shown}#{fragment}"
