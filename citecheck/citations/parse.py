"""Notes → citations: split each note, extract CSL-JSON fields, resolve back-references.

Pure functions, no I/O. `parse_document` is the entry point for the other stages;
`parse_note_text` parses one note on its own (no back-reference resolution), for tests.

Citation ids are `s{section index from 1}-n{note mark}-c{citation index from 1}`,
e.g. `s2-n23-c1`; a symbol mark is spelt out (`*` → `star`).

A back-reference's `csl` holds what its own text says (names, page, date; for a 前掲
with its own title, every field it gives), the `type` and `language` of the work it
stands for and, when it has no title of its own, that work's `title`: a valid item
that reads right. Exports use full citations only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from citecheck.citations.backrefs import Entry, Resolver, find_reference
from citecheck.citations.dates import find_dates
from citecheck.citations.fields import extract_fields, rules_split
from citecheck.citations.fields_model import Fields
from citecheck.citations.locators import find_pages
from citecheck.citations.names import parse_names, short_form
from citecheck.citations.split import is_prose, split_note
from citecheck.citations.tagger.fields import tagged_fields
from citecheck.model import BackRef, Citation, Document, Note, ParsedDocument, ParsedNote

__all__ = ["DraftCitation", "NoteParse", "citation_id", "parse_document", "parse_note_text"]

MARK_NAMES = {"*": "star", "＊": "star", "※": "kome", "†": "dagger", "‡": "ddagger"}


@dataclass(frozen=True)
class DraftCitation:
    """A citation before it has an id: its text, fields and back-reference kind."""

    text: str
    fields: Fields
    reference: str | None = None  # "ibid" | "op-cit" (short forms are found on resolution)
    reference_name: str = ""


@dataclass(frozen=True)
class NoteParse:
    citations: tuple[DraftCitation, ...]
    commentary: str | None


def parse_note_text(text: str, *, reference: bool = False) -> NoteParse:
    """Split one note's text into citations (with their fields) and commentary.

    An entry of a reference list (`reference=True`) is one citation, read by the tagger.
    An unmarked note (`rules_split` is false: no CJK or Cyrillic, no quotes, brackets,
    italics or URL) is read by the tagger too, cut at `; ` only where each piece names a
    work; the rules split every other note, and a sentence of prose is commentary,
    whatever the tagger would find in it; each citation's fields come from the rules or
    the tagger as `extract_fields` routes it.
    """
    if reference:
        return NoteParse((_draft(text.strip(), list_entry=True),), None)
    no_work: set[str] = set()  # texts the tagger has read and found no work in
    if (
        not rules_split(text)
        and find_reference(text) is None
        and short_form(text) is None
        and not is_prose(text)
    ):
        tagged = _tagged_note(text, no_work)
        if tagged is not None:
            return tagged
    drafts: list[DraftCitation] = []
    commentary: list[str] = []
    for segment in split_note(text):
        if segment.kind == "commentary":
            commentary.append(segment.text)
        else:
            drafts.append(_draft(segment.text, tagger=segment.text not in no_work))
    return NoteParse(tuple(drafts), _join(commentary) or None)


#: `; ` between two citations of an unmarked note (not `2014;9:1477`, Vancouver's volume).
CITATION_BREAK = re.compile(r";\s+(?=\D)")


def _tagged_note(text: str, no_work: set[str]) -> NoteParse | None:
    """An unmarked note as the tagger reads it, or None when it names no work (the
    texts it read and found no work in are added to `no_work`, not to be read twice)."""
    pieces = [piece.strip().rstrip(".").strip() for piece in CITATION_BREAK.split(text)]
    pieces = [piece for piece in pieces if piece]
    drafts = [DraftCitation(piece, tagged_fields(piece, note=True)) for piece in pieces]
    if len(drafts) > 1 and not all(_names_work(draft.fields) for draft in drafts):
        whole = text.strip().rstrip(".").strip()
        drafts = [DraftCitation(whole, tagged_fields(whole, note=True))]
    if not drafts or not all(_names_work(draft.fields) for draft in drafts):
        no_work.update(draft.text for draft in drafts if not _names_work(draft.fields))
        return None
    return NoteParse(tuple(drafts), None)


def _names_work(fields: Fields) -> bool:
    return "title" in fields.csl or "container-title" in fields.csl


def _draft(text: str, *, list_entry: bool = False, tagger: bool = True) -> DraftCitation:
    reference = find_reference(text)
    if reference is None:
        return DraftCitation(text, extract_fields(text, reference=list_entry, tagger=tagger))
    names = parse_names(reference.name) if reference.name else None
    if re.search(r"[「“«]", reference.before):
        # A work of its own inside the one referred to: 習近平「…」（date）…編、前掲書、235頁
        fields = extract_fields(reference.before + " " + reference.after)
        if names and names.editor:
            fields.csl["editor"] = names.editor
        elif names and names.author:
            fields.csl["container-author"] = names.author
        if reference.mark.endswith("書"):
            fields.csl["type"] = "chapter"
        return DraftCitation(text, fields, reference.kind, reference.name)
    fields = Fields()
    for role in ("author", "editor"):
        if names and getattr(names, role):
            fields.csl[role] = getattr(names, role)
    dates = find_dates(reference.after)
    if dates:
        fields.csl["issued"] = dates[0].csl()
    pages = find_pages(reference.after)
    if pages:
        fields.csl["page"] = pages.value
        fields.locator = pages.value
    return DraftCitation(text, fields, reference.kind, reference.name)


def _join(sentences: list[str]) -> str:
    text = ""
    for sentence in sentences:
        if text and not text.endswith("。"):
            text += " "
        text += sentence
    return text


def citation_id(section_index: int, mark: str, index: int) -> str:
    """`s2-n23-c1`: ASCII, stable, unique within the document."""
    safe = MARK_NAMES.get(mark) or re.sub(r"[^a-z0-9]+", "-", mark.lower()).strip("-")
    if not safe:
        safe = "u" + "-".join(f"{ord(char):x}" for char in mark)
    return f"s{section_index}-n{safe}-c{index}"


def parse_document(document: Document) -> ParsedDocument:
    """Every note of `document` → `ParsedNote(note, citations, commentary)`."""
    resolver = Resolver()
    parsed: list[ParsedNote] = []
    for section_index, section in enumerate(document.sections, start=1):
        for note_index, note in enumerate(section.notes):
            if note.csl is not None:
                parsed.append(ParsedNote(note, (_given(note, section_index),), None))
                continue
            note_parse = parse_note_text(note.text, reference=section.kind == "references")
            citations = [
                _resolve(resolver, draft, note, section_index, note_index, position)
                for position, draft in enumerate(note_parse.citations, start=1)
            ]
            parsed.append(ParsedNote(note, tuple(citations), note_parse.commentary))
    return ParsedDocument(document, tuple(parsed))


def _given(note: Note, section_index: int) -> Citation:
    """The citation of a note whose reader already knows its exact CSL item (a .bib entry)."""
    return _citation(note, citation_id(section_index, note.mark, 1), note.text, note.csl or {})


def _citation(note: Note, identifier: str, text: str, csl: dict[str, Any], **more: Any) -> Citation:
    """The citation `identifier` of `note`, its CSL item led by that id."""
    csl = {"id": identifier, **{key: value for key, value in csl.items() if key != "id"}}
    return Citation(
        id=identifier,
        section=note.section,
        note_mark=note.mark,
        note_line=note.line,
        text=text,
        csl=csl,
        **more,
    )


#: All a Chicago short form holds: the author, a short title, the page.
SHORT_FORM_KEYS = frozenset({"author", "title", "container-title", "page", "type", "language"})


def _short_form_shaped(csl: dict[str, Any]) -> bool:
    """Names, one title and a page, nothing else: `Müller, *Die Hanse*, 20`."""
    return (
        "author" in csl
        and "page" in csl
        and ("title" in csl) != ("container-title" in csl)
        and csl.keys() <= SHORT_FORM_KEYS
    )


def _resolve(
    resolver: Resolver,
    draft: DraftCitation,
    note: Note,
    section_index: int,
    note_index: int,
    position: int,
) -> Citation:
    identifier = citation_id(section_index, note.mark, position)
    csl: dict[str, Any] = dict(draft.fields.csl)
    backref: BackRef | None = None
    if draft.reference == "ibid":
        backref = resolver.ibid(section_index, note_index)
    elif draft.reference == "op-cit":
        backref = resolver.op_cit(section_index, draft.reference_name, csl.get("issued"))
    elif (draft.fields.has_title and not draft.fields.complete) or (
        not draft.fields.has_title
        and "URL" not in csl
        and ("author" not in csl or not draft.fields.complete)
    ):
        backref = resolver.short_form(section_index, csl)
    elif _short_form_shaped(csl):
        # `Müller, *Die Hanse*, 20.`: read alone, the italics may be taken for a journal's
        # name; it is the short title of a work cited before when one has that title.
        titled = {"title": csl.get("title") or csl.get("container-title"), **csl}
        titled.pop("container-title", None)
        backref = resolver.short_form(section_index, titled)
        if backref is not None:
            csl = titled
    if backref and backref.target:
        target = resolver.by_id[backref.target]
        for key in ("type", "title", "language"):
            if key in target.csl and (key != "title" or "title" not in csl):
                csl[key] = target.csl[key]
    csl.setdefault("type", "document")
    citation = _citation(
        note, identifier, draft.text, csl, backref=backref, locator=draft.fields.locator
    )
    resolver.add(Entry(identifier, section_index, note_index, citation.csl, backref))
    return citation
