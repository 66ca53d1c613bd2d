"""One small manuscript per format, citing a moved, a dead and a live link."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"'
)


def markdown(urls: dict[str, str]) -> str:
    return (
        "# Book\n\nMoved claim.[^1] Dead claim.[^2] Live claim.[^3]\n\n"
        f"[^1]: Report one, accessed 2024-02-15. <{urls['moved']}>\n"
        f"[^2]: Report two, accessed 2024-02-15, [the report]({urls['dead']}).\n"
        f"[^3]: Report three, accessed 2024-02-15. {urls['live']}\n"
    )


def plain_text(urls: dict[str, str]) -> str:
    return (
        "本文¹、本文²、本文³。\n\n注\n\n"
        f"- 1 Report one, accessed 2024-02-15, {urls['moved']}.\n"
        f"- 2 Report two, accessed 2024-02-15, {urls['dead']}.\n"
        f"- 3 Report three, accessed 2024-02-15, {urls['live']}.\n"
    )


def bibtex(urls: dict[str, str]) -> str:
    return (
        "% A comment that must stay.\n"
        "@online{smith2024one,\n  author = {Smith, Ann},\n  title = {Report {One}},\n"
        f"  url = {{{urls['moved']}}},\n  urldate = {{2024-02-15}},\n  year = 2024\n}}\n\n"
        "@report{jones2024two,\n  author = {Jones, Bo},\n  title = {Report Two},\n"
        "  institution = {Ministry},\n  note = {In Japanese},\n"
        f"  url = {{{urls['dead']}}},\n  urldate = {{2024-02-15}},\n  keywords = {{x}},\n}}\n\n"
        "@online{lee2024three,\n  author = {Lee, Cy},\n  title = {Report Three},\n"
        f"  url = {{{urls['live']}}},\n  urldate = {{2024-02-15}},\n}}\n"
    )


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def docx(path: Path, urls: dict[str, str]) -> None:
    """Footnote 1 writes the moved URL split over two runs; 2 links the dead one under a
    label (a hyperlink relationship); 3 writes the live one."""
    moved = urls["moved"]
    half = len(moved) // 2
    notes = [
        _run("Report one, accessed 2024-02-15, ") + _run(moved[:half]) + _run(moved[half:]),
        _run("Report two, accessed 2024-02-15, ")
        + f'<w:hyperlink r:id="rId7">{_run("the report")}</w:hyperlink>',
        _run("Report three, accessed 2024-02-15, " + urls["live"]),
    ]
    footnotes = "".join(
        f'<w:footnote w:id="{n}"><w:p><w:r><w:footnoteRef/></w:r>{body}</w:p></w:footnote>'
        for n, body in enumerate(notes, 1)
    )
    body = "".join(
        f'<w:p>{_run(f"Claim {n}.")}<w:r><w:footnoteReference w:id="{n}"/></w:r></w:p>'
        for n in range(1, 4)
    )
    ns = f'xmlns:w="{W}" xmlns:r="{R}"'
    rels_ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    rels = (
        f'{HEAD}<Relationships xmlns="{rels_ns}"><Relationship Id="rId7" Type="{R}/hyperlink"'
        f' Target="{escape(urls["dead"])}" TargetMode="External"/></Relationships>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "word/document.xml", f"{HEAD}<w:document {ns}><w:body>{body}</w:body></w:document>"
        )
        archive.writestr("word/footnotes.xml", f"{HEAD}<w:footnotes {ns}>{footnotes}</w:footnotes>")
        archive.writestr("word/_rels/footnotes.xml.rels", rels)


def odt_content(urls: dict[str, str]) -> str:
    """Note 1 writes the moved URL inside a span; 2 links the dead one (its text is the
    URL); 3 writes the live one."""
    moved = urls["moved"]
    notes = [
        f"Report one, accessed 2024-02-15, <text:span>{moved[:12]}</text:span>{moved[12:]}",
        f'Report two, accessed 2024-02-15, <text:a xlink:href="{urls["dead"]}">'
        f"{urls['dead']}</text:a>",
        f"Report three, accessed 2024-02-15, {urls['live']}",
    ]
    paragraphs = "".join(
        f'<text:p>Claim {n}.<text:note text:id="ftn{n}" text:note-class="footnote">'
        f"<text:note-citation>{n}</text:note-citation><text:note-body><text:p>{note}</text:p>"
        "</text:note-body></text:note></text:p>"
        for n, note in enumerate(notes, 1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {ODF}>'
        f"<office:body><office:text>{paragraphs}</office:text></office:body></office:document>"
    )


def odt(path: Path, urls: dict[str, str]) -> None:
    content = odt_content(urls).replace("office:document ", "office:document-content ", 1)
    content = content.replace("</office:document>", "</office:document-content>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)


def write(folder: Path, kind: str, urls: dict[str, str]) -> Path:
    """The manuscript of format `kind` in `folder`."""
    names = {
        "markdown": "book.md",
        "text": "notes.txt",
        "bibtex": "refs.bib",
        "docx": "book.docx",
        "odt": "book.odt",
        "fodt": "book.fodt",
    }
    path = folder / names[kind]
    if kind == "docx":
        docx(path, urls)
    elif kind == "odt":
        odt(path, urls)
    else:
        writers = {"markdown": markdown, "text": plain_text, "bibtex": bibtex, "fodt": odt_content}
        path.write_text(writers[kind](urls), encoding="utf-8")
    return path
