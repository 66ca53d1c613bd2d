"""DOCX: footnote and endnote references in the body, notes from their own parts.

Parts are found through the package relationships (falling back to the usual
`word/document.xml`, `word/footnotes.xml`, `word/endnotes.xml`). Separator notes are
skipped by their `w:type` (separator, continuationSeparator, continuationNotice),
whatever their ids. Word numbers notes by the order of their references, so the n-th
footnote reference in the body has mark "n" (footnotes and endnotes counted apart,
each its own section); a reference with `w:customMarkFollows` shows the text after
it ("*") instead. A note no reference points at keeps its id as mark ("#7").

Hyperlinks in notes (relationship targets and HYPERLINK fields) are spelled out in
the note text. Italic runs (`w:i`, or `w:iCs` in a complex script such as Arabic; set
on the run or by its character or paragraph style in styles.xml) are written `*…*`,
the mark the citation parser reads as a title; see `markup.emphasized`.

Positions: a marker's line is the 1-based index of its paragraph in document.xml and
its column the character offset in that paragraph; a note's line is its `w:id`.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass, field

from lxml import etree

from citecheck.errors import InputError
from citecheck.model import Document, Marker, Note, Section
from citecheck.readers.markup import (
    emphasized,
    escape_emphasis,
    inherited,
    shows_url,
    squash_spaces,
)
from citecheck.readers.numbering import DEFAULT_FORMATS, format_number
from citecheck.readers.reflist import Block, first_heading, reference_sections
from citecheck.readers.source import Source
from citecheck.readers.xmlparts import parse_xml
from citecheck.readers.zipparts import ZipParts, peek

MAIN_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
REL_NAMESPACES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
SEPARATOR_TYPES = {"separator", "continuationSeparator", "continuationNotice"}
HYPERLINK_FIELD = re.compile(r'^\s*HYPERLINK\s+"([^"]+)"', re.I)
#: The run property that makes text italic: `w:i`, or `w:iCs` for a run in a complex
#: script (Arabic, Hebrew, …), which Word sets apart.
ITALIC, COMPLEX_ITALIC = "i", "iCs"
FALSE_VALUES = {"0", "false", "off"}
HEADING_STYLE = re.compile(r"^(?:heading\s*([1-9])|title)$", re.I)


@dataclass(frozen=True)
class NoteKind:
    reference: str  # footnoteReference
    element: str  # footnote
    relationship: str  # …/footnotes
    default_part: str
    section: str


KINDS = (
    NoteKind("footnoteReference", "footnote", "footnotes", "word/footnotes.xml", "Footnotes"),
    NoteKind("endnoteReference", "endnote", "endnotes", "word/endnotes.xml", "Endnotes"),
)


@dataclass
class _Ref:
    kind: NoteKind
    note_id: str
    paragraph: int
    column: int
    custom: bool
    mark: str = ""
    number: int | None = None


#: A part's relationships: id → (type, target, target mode).
Rels = dict[str, tuple[str, str, str]]


def _rels(parts: ZipParts, part: str) -> Rels:
    """Relationships of `part`."""
    directory, name = posixpath.split(part)
    rels_name = posixpath.join(directory, "_rels", f"{name}.rels")
    if not parts.has(rels_name):
        return {}
    root = parse_xml(parts.read(rels_name), f"{parts.path}: {rels_name}")
    return {
        str(rel.get("Id")): (
            str(rel.get("Type", "")),
            str(rel.get("Target", "")),
            str(rel.get("TargetMode", "")),
        )
        for rel in root.iter(PACKAGE_RELS)
    }


def _resolve(base_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


def _related(rels: Rels, base_part: str, kind: str, default: str) -> str:
    """The part `base_part` relates to by a relationship of type …/`kind`, else `default`."""
    for rel_type, target, _ in rels.values():
        if rel_type.endswith("/" + kind):
            return _resolve(base_part, target)
    return default


def _main_part(parts: ZipParts) -> str:
    return _related(_rels(parts, ""), "", "officeDocument", "word/document.xml")


def _note_parts(parts: ZipParts, main: str, rels: Rels) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for kind in KINDS:
        part = _related(rels, main, kind.relationship, kind.default_part)
        found[kind.element] = part if parts.has(part) else None
    return found


def _word_xml(parts: ZipParts, part: str) -> etree._Element:
    """A WordprocessingML part, without the `mc:Fallback` copies of its `mc:Choice`
    content (text boxes are written twice; their references must count once)."""
    root = parse_xml(parts.read(part), f"{parts.path}: {part}")
    for fallback in list(root.iter(f"{{{MARKUP_COMPATIBILITY}}}Fallback")):
        fallback.getparent().remove(fallback)
    return root


def _namespaces(root: etree._Element) -> tuple[str, str]:
    main = etree.QName(root).namespace or MAIN_NAMESPACES[0]
    rel = REL_NAMESPACES[MAIN_NAMESPACES.index(main)] if main in MAIN_NAMESPACES else ""
    return main, rel


def _references(root: etree._Element) -> list[_Ref]:
    w, _ = _namespaces(root)
    kinds = {f"{{{w}}}{kind.reference}": kind for kind in KINDS}
    refs: list[_Ref] = []
    paragraph, column = 0, 0
    awaiting_mark: _Ref | None = None
    for element in root.iter():
        tag = element.tag
        if tag == f"{{{w}}}p":
            paragraph, column = paragraph + 1, 0
        elif tag == f"{{{w}}}t":
            text = element.text or ""
            if awaiting_mark is not None and text.strip():
                awaiting_mark.mark = text.strip()
                awaiting_mark = None
            column += len(text)
        elif tag in (f"{{{w}}}tab", f"{{{w}}}br", f"{{{w}}}cr"):
            column += 1
        elif tag in kinds:
            custom = element.get(f"{{{w}}}customMarkFollows") in ("1", "true", "on")
            ref = _Ref(kinds[tag], str(element.get(f"{{{w}}}id")), paragraph, column + 1, custom)
            refs.append(ref)
            awaiting_mark = ref if custom else None
    return refs


def _number_marks(refs: list[_Ref], formats: dict[str, tuple[str, int]]) -> None:
    """Word's numbering: each new note of a kind takes the next number, custom marks aside."""
    for kind in KINDS:
        style, start = formats[kind.element]
        seen: dict[str, _Ref] = {}
        count = start - 1
        for ref in refs:
            if ref.kind is not kind:
                continue
            if ref.note_id in seen:
                ref.mark, ref.number = seen[ref.note_id].mark, seen[ref.note_id].number
            elif not (ref.custom and ref.mark):
                count += 1
                ref.mark, ref.number = format_number(count, style), count
            seen.setdefault(ref.note_id, ref)


def _number_formats(
    parts: ZipParts, main: str, rels: Rels, root: etree._Element
) -> dict[str, tuple[str, int]]:
    """(numFmt, numStart) per note kind: the body's section properties, else settings."""
    w, _ = _namespaces(root)
    formats = dict(DEFAULT_FORMATS)
    places = []
    settings = _related(rels, main, "settings", "word/settings.xml")
    if parts.has(settings):
        places.append(parse_xml(parts.read(settings), f"{parts.path}: {settings}"))
    body_section = root.find(f"{{{w}}}body/{{{w}}}sectPr")
    if body_section is not None:
        places.append(body_section)
    for place in places:
        for kind in formats:
            properties = place.find(f"{{{w}}}{kind}Pr")
            if properties is None:
                continue
            style, start = formats[kind]
            fmt = properties.find(f"{{{w}}}numFmt")
            begin = properties.find(f"{{{w}}}numStart")
            if fmt is not None and fmt.get(f"{{{w}}}val"):
                style = str(fmt.get(f"{{{w}}}val"))
            if begin is not None and str(begin.get(f"{{{w}}}val", "")).isdigit():
                start = int(str(begin.get(f"{{{w}}}val")))
            formats[kind] = (style, start)
    return formats


def _toggle(properties: etree._Element | None, w: str, name: str) -> bool | None:
    """Whether run properties (`w:rPr`) turn `name` on (True), off (False) or not at all."""
    element = properties.find(f"{{{w}}}{name}") if properties is not None else None
    if element is None:
        return None
    return str(element.get(f"{{{w}}}val", "true")).lower() not in FALSE_VALUES


def _complex_script(run: etree._Element, properties: etree._Element | None, w: str) -> bool:
    """A run Word shows with its complex-script properties: marked so, or right-to-left
    letters."""
    if _toggle(properties, w, "cs") or _toggle(properties, w, "rtl"):
        return True
    text = "".join(t.text or "" for t in run.iter(f"{{{w}}}t"))
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


@dataclass(frozen=True)
class _Styles:
    """Italics set by the styles part: per property (`i`, `iCs`) and style id (through
    `w:basedOn`), and the document defaults."""

    italic: dict[str, dict[str, bool]] = field(default_factory=dict)
    default: dict[str, bool] = field(default_factory=dict)

    def of(self, name: str, style_id: str | None) -> bool | None:
        return self.italic.get(name, {}).get(style_id) if style_id else None

    def paragraph(self, name: str, style_id: str | None) -> bool:
        """What a run in a paragraph of `style_id` shows when neither it nor its
        character style says."""
        setting = self.of(name, style_id)
        return self.default.get(name, False) if setting is None else setting


def _styles(parts: ZipParts, main: str, rels: Rels, w: str) -> _Styles:
    part = _related(rels, main, "styles", "word/styles.xml")
    if not parts.has(part):
        return _Styles()
    root = parse_xml(parts.read(part), f"{parts.path}: {part}")
    properties: dict[str, etree._Element | None] = {}
    parents: dict[str, str] = {}
    for style in root.iter(f"{{{w}}}style"):
        style_id = str(style.get(f"{{{w}}}styleId", ""))
        properties[style_id] = style.find(f"{{{w}}}rPr")
        based_on = style.find(f"{{{w}}}basedOn")
        if based_on is not None:
            parents[style_id] = str(based_on.get(f"{{{w}}}val", ""))
    defaults = root.find(f"{{{w}}}docDefaults/{{{w}}}rPrDefault/{{{w}}}rPr")
    italic, default = {}, {}
    for name in (ITALIC, COMPLEX_ITALIC):
        own = {style_id: _toggle(rpr, w, name) for style_id, rpr in properties.items()}
        italic[name] = inherited(own, parents)
        default[name] = bool(_toggle(defaults, w, name))
    return _Styles(italic, default)


@dataclass
class _Field:
    """A complex field being read: its instruction, and where its shown text starts."""

    instruction: list[str] = field(default_factory=list)
    result_start: int | None = None


@dataclass
class _TextWalk:
    """Collects a note paragraph's shown text and its italics, spelling out hyperlink
    targets."""

    w: str
    r: str
    links: dict[str, str]
    styles: _Styles
    paragraph_style: str | None = None
    out: list[tuple[str, bool]] = field(default_factory=list)
    fields: list[_Field] = field(default_factory=list)
    italic: bool = False

    def text(self) -> str:
        return "".join(text for text, _ in self.out)

    def marked_text(self) -> str:
        return emphasized(self.out)

    def walk(self, element: etree._Element) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue
            tag = etree.QName(child).localname
            if tag == "t":
                self.out.append((child.text or "", self.italic))
            elif tag in ("tab", "br", "cr"):
                self.out.append((" ", self.italic))
            elif tag == "noBreakHyphen":
                self.out.append(("-", self.italic))
            elif tag == "r":
                self._run(child)
            elif tag == "instrText":
                if self.fields and self.fields[-1].result_start is None:
                    self.fields[-1].instruction.append(child.text or "")
            elif tag == "fldChar":
                self._field_char(child.get(f"{{{self.w}}}fldCharType"))
            elif tag in ("hyperlink", "fldSimple"):
                self._link(child)
            elif tag not in ("delText", "rPr"):
                self.walk(child)

    def _run(self, run: etree._Element) -> None:
        properties = run.find(f"{{{self.w}}}rPr")
        style = properties.find(f"{{{self.w}}}rStyle") if properties is not None else None
        character_style = str(style.get(f"{{{self.w}}}val", "")) if style is not None else None
        name = COMPLEX_ITALIC if _complex_script(run, properties, self.w) else ITALIC
        for setting in (
            _toggle(properties, self.w, name),
            self.styles.of(name, character_style),
            self.styles.paragraph(name, self.paragraph_style),
        ):
            if setting is not None:
                self.italic = setting
                break
        self.walk(run)
        self.italic = False

    def _field_char(self, state: str | None) -> None:
        if state == "begin":
            self.fields.append(_Field())
        elif state == "separate" and self.fields:
            self.fields[-1].result_start = len(self.text())
        elif state == "end" and self.fields:
            done = self.fields.pop()
            match = HYPERLINK_FIELD.match("".join(done.instruction))
            if match:
                shown = self.text()[done.result_start or 0 :]
                self.out.append((_spelled(match.group(1), shown), False))

    def _link(self, element: etree._Element) -> None:
        start = len(self.text())
        self.walk(element)
        url = self.links.get(element.get(f"{{{self.r}}}id", ""), "")
        match = HYPERLINK_FIELD.match(element.get(f"{{{self.w}}}instr", ""))
        url = url or (match.group(1) if match else "")
        if url:
            self.out.append((_spelled(url, self.text()[start:]), False))


def _spelled(url: str, shown: str) -> str:
    return "" if shows_url(shown, url) else f" {url}"


def _paragraph_style(paragraph: etree._Element, w: str) -> str | None:
    style = paragraph.find(f"{{{w}}}pPr/{{{w}}}pStyle")
    return str(style.get(f"{{{w}}}val", "")) if style is not None else None


def _read_notes(
    parts: ZipParts, part: str, kind: NoteKind, styles: _Styles
) -> dict[str, tuple[int, str]]:
    """Note id → (position in the part, text), separators left out."""
    root = _word_xml(parts, part)
    w, r = _namespaces(root)
    links = {
        rel_id: target
        for rel_id, (rel_type, target, mode) in _rels(parts, part).items()
        if rel_type.endswith("/hyperlink") or mode == "External"
    }
    notes: dict[str, tuple[int, str]] = {}
    for position, element in enumerate(root.iter(f"{{{w}}}{kind.element}")):
        if element.get(f"{{{w}}}type") in SEPARATOR_TYPES:
            continue
        paragraphs = []
        for paragraph in element.iter(f"{{{w}}}p"):
            walk = _TextWalk(w, r, links, styles, _paragraph_style(paragraph, w))
            walk.walk(paragraph)
            paragraphs.append(walk.marked_text())
        notes[str(element.get(f"{{{w}}}id"))] = (position, squash_spaces("\n".join(paragraphs)))
    return notes


def _heading_levels(parts: ZipParts, main: str, rels: Rels, w: str) -> dict[str, int]:
    """Paragraph style id → heading level, for the styles named "heading 1" … "heading 9"
    (the names are English whatever the style ids are) or giving an outline level."""
    part = _related(rels, main, "styles", "word/styles.xml")
    if not parts.has(part):
        return {}
    levels: dict[str, int] = {}
    for style in parse_xml(parts.read(part), f"{parts.path}: {part}").iter(f"{{{w}}}style"):
        name = style.find(f"{{{w}}}name")
        match = HEADING_STYLE.match(str(name.get(f"{{{w}}}val", ""))) if name is not None else None
        outline = style.find(f"{{{w}}}pPr/{{{w}}}outlineLvl")
        style_id = str(style.get(f"{{{w}}}styleId", ""))
        if match:
            levels[style_id] = int(match.group(1) or 1)
        elif outline is not None and str(outline.get(f"{{{w}}}val", "")).isdigit():
            levels[style_id] = int(str(outline.get(f"{{{w}}}val"))) + 1
    return levels


def _body_blocks(
    root: etree._Element, links: dict[str, str], styles: _Styles, levels: dict[str, int]
) -> list[Block]:
    """The body's paragraphs as blocks for `reflist`, numbered as the markers' lines,
    from the first one that may head a reference list (none when no paragraph does)."""
    w, r = _namespaces(root)
    paragraphs = list(root.iter(f"{{{w}}}p"))
    first = first_heading(["".join(p.itertext(f"{{{w}}}t")) for p in paragraphs])
    if first is None:
        return []
    blocks = []
    for number, paragraph in enumerate(paragraphs[first:], start=first + 1):
        walk = _TextWalk(w, r, links, styles, _paragraph_style(paragraph, w))
        walk.walk(paragraph)
        style = paragraph.find(f"{{{w}}}pPr/{{{w}}}pStyle")
        level = levels.get(str(style.get(f"{{{w}}}val", ""))) if style is not None else None
        numbered = paragraph.find(f"{{{w}}}pPr/{{{w}}}numPr") is not None
        text = squash_spaces(walk.marked_text())
        blocks.append(Block(text, number, level, list_item=numbered, paragraph=not numbered))
    return blocks


def claims(source: Source) -> bool:
    """A zip with a Word document part."""
    parts = peek(source)
    return parts is not None and parts.has("word/document.xml")


def read(source: Source) -> Document:
    path = source.path
    parts = ZipParts(path, "DOCX", source.data)
    main = _main_part(parts)
    if not parts.has(main):
        raise InputError(f"{path}: not a Word document ({main} is missing)")
    root = _word_xml(parts, main)
    main_rels = _rels(parts, main)
    refs = _references(root)
    _number_marks(refs, _number_formats(parts, main, main_rels, root))
    note_parts = _note_parts(parts, main, main_rels)
    styles = _styles(parts, main, main_rels, _namespaces(root)[0])
    sections: list[Section] = []
    warnings: list[str] = []
    markers: list[Marker] = []
    for kind in KINDS:
        kind_refs = [ref for ref in refs if ref.kind is kind]
        part = note_parts[kind.element]
        if part is None:
            if kind_refs:
                warnings.append(
                    f"{path}: {len(kind_refs)} {kind.element} references but no "
                    f"{kind.default_part} part"
                )
            notes_by_id: dict[str, tuple[int, str]] = {}
        else:
            notes_by_id = _read_notes(parts, part, kind, styles)
        markers.extend(
            Marker(kind.section, ref.mark, ref.number, ref.paragraph, ref.column)
            for ref in kind_refs
        )
        notes = _notes_in_reference_order(kind, kind_refs, notes_by_id)
        if notes:
            sections.append(Section(kind.section, tuple(notes), notes[0].line))
    w = _namespaces(root)[0]
    links = {
        rel_id: target
        for rel_id, (rel_type, target, mode) in main_rels.items()
        if rel_type.endswith("/hyperlink") or mode == "External"
    }
    blocks = _body_blocks(root, links, styles, _heading_levels(parts, main, main_rels, w))
    references = reference_sections(blocks)
    if not sections and not markers and not references:
        raise InputError(
            f"{path}: the Word document has no footnotes or endnotes (and no reference list)"
        )
    return Document(
        path=path,
        format="docx",
        sections=tuple(sections) + references,
        markers=tuple(markers),
        has_body=True,
        # The body was searched for both kinds of reference, so every notes section
        # has its place in it: a note nothing refers to is unreferenced, not homeless.
        body_sections=tuple(
            dict.fromkeys([*(s.label for s in sections), *(m.section for m in markers)])
        ),
        warnings=tuple(warnings),
    )


def _notes_in_reference_order(
    kind: NoteKind, refs: list[_Ref], notes_by_id: dict[str, tuple[int, str]]
) -> list[Note]:
    first: dict[str, _Ref] = {}
    for ref in refs:
        first.setdefault(ref.note_id, ref)
    referenced = [note_id for note_id in first if note_id in notes_by_id]
    unreferenced = sorted(
        (note_id for note_id in notes_by_id if note_id not in first),
        key=lambda note_id: notes_by_id[note_id][0],
    )
    notes = []
    for note_id in referenced + unreferenced:
        ref = first.get(note_id)
        mark, number = (ref.mark, ref.number) if ref else (f"#{note_id}", None)
        text = notes_by_id[note_id][1]
        shown_mark = escape_emphasis(mark)
        if ref is not None and ref.custom and text.startswith(shown_mark):
            text = text[len(shown_mark) :].lstrip()
        line = int(note_id) if note_id.lstrip("-").isdigit() else 0
        notes.append(Note(kind.section, mark, number, text, line))
    return notes
