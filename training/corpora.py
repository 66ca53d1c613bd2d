"""Loaders for the open gold corpora in `../shared/training`, mapped to the tagger's labels.

`LABEL_MAP` is the one table from each corpus's labels to ours (CSL variables).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from training.examples import Example, from_segments


def _shared_training() -> Path:
    """`../shared/training` beside the checkout (a worktree sits one level deeper)."""
    repo = Path(__file__).resolve().parent.parent
    candidates = [parent / "shared" / "training" for parent in repo.parents]
    return next((path for path in candidates if path.is_dir()), candidates[0])


SHARED = _shared_training()

#: corpus label → tagger label; None drops the label (the text stays, as `other`).
LABEL_MAP: dict[str, dict[str, str | None]] = {
    "anystyle": {
        "author": "author",
        "editor": "editor",
        "translator": "translator",
        "title": "title",
        "container-title": "container-title",
        "journal": "container-title",
        "collection-title": "collection-title",
        "source": "container-title",
        "publisher": "publisher",
        "location": "publisher-place",
        "date": "issued",
        "volume": "volume",
        "pages": "page",
        "doi": "DOI",
        "url": "URL",
        "edition": "edition",
        "genre": "genre",
        "medium": "genre",
        "note": "note",
        "isbn": "number",
        "citation-number": None,
        "director": "author",
        "producer": "note",
        "dataset": "genre",
    },
    # GROBID TEI elements, keyed by element or element@attribute value
    "grobid": {
        "author": "author",
        "editor": "editor",
        "orgName": "author",
        "persName": "author",
        "title@a": "title",
        "title@j": "container-title",
        "title@m": "title",
        "title@m+a": "container-title",
        "title@s": "collection-title",
        "title@u": "title",
        "date": "issued",
        "publisher": "publisher",
        "pubPlace": "publisher-place",
        "biblScope@vol": "volume",
        "biblScope@volume": "volume",
        "biblScope@issue": "issue",
        "biblScope@pp": "page",
        "biblScope@page": "page",
        "idno@DOI": "DOI",
        "idno": "number",
        "ptr@web": "URL",
        "ptr": "URL",
        "note@report": "genre",
        "note": "note",
        "label": None,
    },
}


def anystyle(name: str, root: Path = SHARED) -> Iterator[Example]:
    """AnyStyle's `<sequence><author>…</author>…</sequence>` files (core, bad, ugly)."""
    table = LABEL_MAP["anystyle"]
    tree = ET.parse(root / "anystyle" / f"{name}.xml")
    for sequence in tree.getroot().iter("sequence"):
        segments = [
            (table.get(child.tag, "note"), " ".join((child.text or "").split()))
            for child in sequence
        ]
        yield from_segments(f"anystyle-{name}", segments, separator=" ")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _grobid_label(element: ET.Element, has_analytic: bool) -> str | None:
    table = LABEL_MAP["grobid"]
    tag = _local(element.tag)
    qualifier = element.get("level") or element.get("unit") or element.get("type")
    if tag == "title" and qualifier == "m" and has_analytic:
        return table["title@m+a"]
    if qualifier and f"{tag}@{qualifier}" in table:
        return table[f"{tag}@{qualifier}"]
    return table.get(tag, "note")


def _grobid_segments(bibl: ET.Element) -> list[tuple[str | None, str]]:
    has_analytic = any(
        _local(t.tag) == "title" and t.get("level") in ("a", "j") for t in bibl.iter()
    )
    segments: list[tuple[str | None, str]] = [(None, bibl.text or "")]
    for child in bibl:
        if _local(child.tag) == "lb":
            segments.append((None, " "))
        else:
            text = " ".join("".join(child.itertext()).split())
            segments.append((_grobid_label(child, has_analytic), text))
        segments.append((None, child.tail or ""))
    return segments


def grobid(root: Path = SHARED) -> Iterator[Example]:
    """GROBID's TEI citation corpus: every `<bibl>` of every file, in file-name order."""
    for path in sorted((root / "grobid" / "corpus").glob("*.xml")):
        try:
            tree = ET.parse(path)
        except ET.ParseError:
            continue
        for bibl in tree.getroot().iter():
            if _local(bibl.tag) != "bibl":
                continue
            segments = _grobid_segments(bibl)
            text = "".join(part for _, part in segments)
            if not text.strip():
                continue
            # whitespace folded, labels kept: rebuild with single spaces
            example = from_segments("grobid", segments)
            yield _fold_spaces(example)


def _fold_spaces(example: Example) -> Example:
    """Fold runs of whitespace (TEI line breaks, indentation) to one space, spans kept."""
    kept: list[int] = []  # new offset of each old offset
    out: list[str] = []
    previous_space = True
    for char in example.text:
        kept.append(len(out))
        if char.isspace():
            if not previous_space:
                out.append(" ")
            previous_space = True
        else:
            out.append(char)
            previous_space = False
    kept.append(len(out))
    text = "".join(out).rstrip()
    spans = tuple(
        (kept[start], min(kept[end], len(text)), label)
        for start, end, label in example.spans
        if kept[start] < min(kept[end], len(text))
    )
    return Example(example.corpus, text, spans, example.style, example.language)
