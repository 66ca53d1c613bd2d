"""No character the readers or the parser use internally reaches an output.

Every reader's fixtures and the verify corpus are read and parsed; no note text and no
CSL field may hold a private-use code point (U+E000–U+F8FF and the supplementary
planes), the parser's blank (U+2002, what a field cut out of a text is overwritten
with), U+FFFC or U+FFFD, a control character, or be an empty string.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citecheck.citations import parse_document
from citecheck.readers import read_document
from tests.verify.corpus import CASES, build

TESTS = Path(__file__).resolve().parent.parent
SUFFIXES = {".md", ".txt", ".html", ".xhtml", ".epub", ".docx", ".odt", ".fodt", ".bib"}
READ = sorted(
    path
    for folder, pattern in (("fixtures", "**/*"), ("data/plaintext", "*"), ("data", "*.html"))
    for path in (TESTS / folder).glob(pattern)
    if path.is_file() and path.suffix in SUFFIXES and "sources" not in path.parts
)
FILES = [*READ, TESTS.parent / "references" / "china-security-report-2026-notes.txt"]
PLACEHOLDERS = {"\u2002", "\ufffc", "\ufffd"}


def internal(text: str) -> list[str]:
    return [
        f"U+{ord(char):04X}"
        for char in text
        if char in PLACEHOLDERS
        or unicodedata.category(char) in ("Co", "Cs")
        or (unicodedata.category(char) == "Cc" and char not in "\n\t")
    ]


def strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{where}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from strings(item, f"{where}[{index}]")


def assert_clean(path: Path) -> None:
    parsed = parse_document(read_document(str(path), quiet=True))
    found = []
    for item in parsed.notes:
        found += [(f"note {item.note.mark} text", item.note.text)]
        for citation in item.citations:
            found += list(strings(citation.csl, f"note {item.note.mark} {citation.id}"))
    bad = [(where, internal(text)) for where, text in found if internal(text)]
    empty = [where for where, text in found if not text.strip() and not where.endswith(".id")]
    assert not bad and not empty, (bad[:5], empty[:5])


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_no_internal_character_in_any_field(path):
    assert_clean(path)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_no_internal_character_in_the_verify_corpus(case, tmp_path):
    assert_clean(build(case, False, tmp_path))
