"""OpenDocument text (.odt, and flat .fodt): notes sit inline where they are cited.

Each `text:note` is both the marker (its `text:note-citation`) and the note (its
`text:note-body`). Footnotes and endnotes are numbered apart in citation order, in
the style of `text:notes-configuration` (1, i, a, …), each kind its own section; a
citation with a `text:label` ("*") is a custom mark without a number. Hyperlinks
(`text:a`) are spelled out in the note text; text whose automatic or named style
(through `style:parent-style-name`) has `fo:font-style="italic"` is written `*…*`,
the mark the citation parser reads as a title (see `markup.emphasized`).

Positions: the 1-based index of the body paragraph (`text:p` or `text:h`) holding the
citation, and the character offset in it; a note's line is its citation's paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from citecheck.errors import InputError
from citecheck.model import Document, Marker, Note, Section
from citecheck.readers.markup import emphasized, inherited, shows_url, squash_spaces
from citecheck.readers.numbering import DEFAULT_FORMATS, ODF_STYLES, format_number
from citecheck.readers.reflist import Block, first_heading, reference_sections
from citecheck.readers.source import Source
from citecheck.readers.xmlparts import parse_xml
from citecheck.readers.zipparts import ZipParts, peek, small_part

if TYPE_CHECKING:
    from lxml import etree

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
XLINK = "http://www.w3.org/1999/xlink"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
SECTIONS = {"footnote": "Footnotes", "endnote": "Endnotes"}
PARAGRAPHS = {f"{{{TEXT}}}p", f"{{{TEXT}}}h"}
HEADING, LIST_ITEM = f"{{{TEXT}}}h", f"{{{TEXT}}}list-item"
NOTE, CITATION, LINK = f"{{{TEXT}}}note", f"{{{TEXT}}}note-citation", f"{{{TEXT}}}a"
STYLE_NAME = f"{{{TEXT}}}style-name"
MIMETYPE = b"application/vnd.oasis.opendocument.text"

#: Style name → whether its text is italic, for the styles that say (or inherit) so.
Italics = dict[str, bool]


def italic_styles(roots: list[etree._Element]) -> Italics:
    """Italics of every named and automatic style, parent styles followed.

    `roots` is content first, then styles: a name automatic in both parts means the
    content's style in a note.
    """
    own: dict[str, bool | None] = {}
    parents: dict[str, str] = {}
    for root in reversed(roots):
        for style in root.iter(f"{{{STYLE}}}style"):
            name = str(style.get(f"{{{STYLE}}}name", ""))
            properties = style.find(f"{{{STYLE}}}text-properties")
            value = properties.get(f"{{{FO}}}font-style") if properties is not None else None
            own[name] = None if value is None else value in ("italic", "oblique")
            parent = style.get(f"{{{STYLE}}}parent-style-name")
            if parent:
                parents[name] = parent
    return inherited(own, parents)


@dataclass
class _Walk:
    """Body paragraphs in order, with the notes cited in each and where."""

    formats: dict[str, tuple[str, int]]
    italics: Italics
    notes: list[Note] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    paragraph: int = 0
    #: (paragraph, its number, whether it is in a list item), for `reference_blocks`.
    paragraphs: list[tuple[etree._Element, int, bool]] = field(default_factory=list)

    def body(self, element: etree._Element, in_list: bool = False) -> None:
        for child in element:
            if child.tag in PARAGRAPHS:
                self.paragraph += 1
                self._paragraph(child)
                self.paragraphs.append((child, self.paragraph, in_list))
            elif isinstance(child.tag, str):
                self.body(child, in_list or child.tag == LIST_ITEM)

    def reference_blocks(self) -> list[Block]:
        """The body paragraphs as blocks for `reflist`, from the first one that may
        head a reference list (none when no paragraph does)."""
        first = first_heading(["".join(_shown(paragraph)) for paragraph, _, _ in self.paragraphs])
        if first is None:
            return []
        blocks = []
        for paragraph, number, in_list in self.paragraphs[first:]:
            italic = self.italics.get(str(paragraph.get(STYLE_NAME, "")), False)
            pieces = [(paragraph.text or "", italic)]
            _collect(paragraph, pieces, self.italics, italic)
            heading = None
            if paragraph.tag == HEADING:
                level = paragraph.get(f"{{{TEXT}}}outline-level", "1")
                heading = int(level) if level.isdigit() else 1
            text = squash_spaces(emphasized(pieces))
            whole = not in_list and heading is None
            blocks.append(Block(text, number, heading, list_item=in_list, paragraph=whole))
        return blocks

    def _paragraph(self, paragraph: etree._Element) -> None:
        self._inline(paragraph, len(paragraph.text or ""))

    def _inline(self, element: etree._Element, column: int) -> int:
        """Walk a paragraph's content, counting shown characters; returns the column."""
        for child in element:
            if child.tag == NOTE:
                self._note(child, column + 1)
            elif isinstance(child.tag, str):
                column = self._inline(child, column + len(_own_text(child)))
            column += len(child.tail or "")
        return column

    def _note(self, note: etree._Element, column: int) -> None:
        kind = note.get(f"{{{TEXT}}}note-class", "footnote")
        section = SECTIONS.get(kind, "Footnotes")
        citation = note.find(CITATION)
        label = citation.get(f"{{{TEXT}}}label") if citation is not None else None
        if label:
            mark, number = label, None
        else:
            style, start = self.formats.get(kind, ("decimal", 1))
            self.counts[kind] = self.counts.get(kind, start - 1) + 1
            number = self.counts[kind]
            mark = format_number(number, style)
        body = note.find(f"{{{TEXT}}}note-body")
        text = note_text(body, self.italics) if body is not None else ""
        self.markers.append(Marker(section, mark, number, self.paragraph, column))
        self.notes.append(Note(section, mark, number, text, self.paragraph))


def _own_text(element: etree._Element) -> str:
    """The text an element shows itself (not its children's): spaces, tabs, breaks."""
    if element.tag == f"{{{TEXT}}}s":
        return " " * int(element.get(f"{{{TEXT}}}c", "1") or 1)
    if element.tag in (f"{{{TEXT}}}tab", f"{{{TEXT}}}line-break"):
        return " "
    return element.text or ""


def _shown(element: etree._Element) -> list[str]:
    """The text of a paragraph without its notes, unstyled (for a quick look)."""
    texts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag != NOTE:
            texts.extend(_shown(child))
        texts.append(child.tail or "")
    return texts


def note_text(body: etree._Element, italics: Italics) -> str:
    """A note body's paragraphs as one line, with link targets spelled out and
    italics marked."""
    paragraphs = []
    for paragraph in body.iter(*PARAGRAPHS):
        italic = italics.get(str(paragraph.get(STYLE_NAME, "")), False)
        pieces = [(paragraph.text or "", italic)]
        _collect(paragraph, pieces, italics, italic)
        paragraphs.append(emphasized(pieces))
    return squash_spaces("\n".join(paragraphs))


def _collect(
    element: etree._Element, pieces: list[tuple[str, bool]], italics: Italics, italic: bool
) -> None:
    """Append the shown text under `element` as (text, italic) pieces."""
    for child in element:
        if isinstance(child.tag, str) and child.tag not in (NOTE, CITATION):
            start = len(pieces)
            inner = italics.get(str(child.get(STYLE_NAME, "")), italic)
            pieces.append((_own_text(child), inner))
            _collect(child, pieces, italics, inner)
            href = child.get(f"{{{XLINK}}}href") if child.tag == LINK else None
            shown = "".join(text for text, _ in pieces[start:])
            if href and not href.startswith("#") and not shows_url(shown, href):
                pieces.append((f" {href}", False))
        pieces.append((child.tail or "", italic))


def claims(source: Source) -> bool:
    """A zip with the ODF text mimetype, or a flat ODF text document."""
    parts = peek(source)
    if parts is not None:
        return small_part(parts, "mimetype") == MIMETYPE
    head = source.text[:4096]
    return "<office:document" in head and OFFICE in head


def _parts(source: Source) -> list[etree._Element]:
    """The XML holding the text and the styles: one flat .fodt, or an .odt's parts."""
    path, data = source.path, source.data
    if data.lstrip().startswith(b"<"):
        return [parse_xml(data, path)]
    parts = ZipParts(path, "ODT", data)
    roots = [parse_xml(parts.read("content.xml"), f"{path}: content.xml")]
    if parts.has("styles.xml"):
        roots.append(parse_xml(parts.read("styles.xml"), f"{path}: styles.xml"))
    return roots


def _number_formats(roots: list[etree._Element]) -> dict[str, tuple[str, int]]:
    """(style, first number) per note class from `text:notes-configuration`, else the
    defaults."""
    formats = dict(DEFAULT_FORMATS)
    for root in roots:
        for config in root.iter(f"{{{TEXT}}}notes-configuration"):
            kind = config.get(f"{{{TEXT}}}note-class", "footnote")
            if kind not in formats:  # ODF knows footnotes and endnotes only
                continue
            style = ODF_STYLES.get(config.get(f"{{{STYLE}}}num-format", ""), formats[kind][0])
            offset = config.get(f"{{{TEXT}}}start-value", "0")
            formats[kind] = (style, int(offset) + 1 if offset.isdigit() else 1)
    return formats


def read(source: Source) -> Document:
    path = source.path
    roots = _parts(source)
    text = roots[0].find(f".//{{{OFFICE}}}body/{{{OFFICE}}}text")
    if text is None:
        raise InputError(f"{path}: not an OpenDocument text (no office:text body)")
    walk = _Walk(_number_formats(roots), italic_styles(roots))
    walk.body(text)
    references = reference_sections(walk.reference_blocks())
    if not walk.notes and not references:
        raise InputError(f"{path}: the document has no footnotes or endnotes (nor references)")
    sections = [
        Section(label, notes, notes[0].line)
        for label in SECTIONS.values()
        if (notes := tuple(n for n in walk.notes if n.section == label))
    ]
    return Document(
        path=path,
        format="odt",
        sections=tuple(sections) + references,
        markers=tuple(walk.markers),
        has_body=True,
        body_sections=tuple(section.label for section in sections),
    )
