"""BibTeX / BibLaTeX: every entry a note whose citation is already structured.

Each entry becomes a `Note` with a readable reference string as its text and the exact
CSL-JSON item in `Note.csl` (built by `entry_to_csl`), so the citations stage need not
re-parse the string. Marks are the entry keys; lines are where the entries start.

LaTeX in field values is decoded ({\\"u} → ü, \\& → &); `url`, `doi` and `eprint` are
kept verbatim, since `~` and `_` there are part of the address. Entries that do not
parse, and repeated keys, are reported in `Document.warnings`; the rest are kept.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

from citecheck.errors import InputError
from citecheck.model import Document, Note, Section
from citecheck.readers.reference import CJK, reference_text
from citecheck.readers.source import Source

if TYPE_CHECKING:  # bibtexparser and pylatexenc are imported when a .bib file is read
    from bibtexparser.model import Entry
    from pylatexenc.latex2text import LatexNodes2Text

SECTION = "Bibliography"
VERBATIM_FIELDS = {"url", "doi", "eprint", "file", "urldate", "date", "langid"}
NAME_FIELDS = {"author": "author", "editor": "editor", "translator": "translator"}

CSL_TYPES = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "booklet": "pamphlet",
    "collection": "book",
    "proceedings": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "bookinbook": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "techreport": "report",
    "report": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "webpage": "webpage",
    "manual": "book",
    "unpublished": "manuscript",
    "patent": "patent",
    "dataset": "dataset",
    "software": "software",
    "standard": "standard",
    "legislation": "legislation",
    "jurisdiction": "legal_case",
    "newsarticle": "article-newspaper",
}
ARTICLE_SUBTYPES = {"newspaper": "article-newspaper", "magazine": "article-magazine"}

#: BibTeX field → CSL variable, for fields copied as text.
TEXT_FIELDS = (
    ("title", "title"),
    ("journaltitle", "container-title"),
    ("journal", "container-title"),
    ("booktitle", "container-title"),
    ("series", "collection-title"),
    ("volume", "volume"),
    ("edition", "edition"),
    ("pages", "page"),
    ("publisher", "publisher"),
    ("institution", "publisher"),
    ("school", "publisher"),
    ("organization", "publisher"),
    ("location", "publisher-place"),
    ("address", "publisher-place"),
    ("isbn", "ISBN"),
    ("issn", "ISSN"),
    ("langid", "language"),
    ("language", "language"),
    ("note", "note"),
    ("type", "genre"),
    ("abstract", "abstract"),
)
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
#: babel/polyglossia language names (langid) → the BCP 47 tags CSL expects.
LANGUAGES = {
    "chinese": "zh",
    "japanese": "ja",
    "korean": "ko",
    "russian": "ru",
    "ukrainian": "uk",
    "english": "en",
    "american": "en-US",
    "british": "en-GB",
    "spanish": "es",
    "french": "fr",
    "german": "de",
    "ngerman": "de",
}
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
URL_IN_TEXT = re.compile(r"\\url\{([^}\s]+)\}|(?<![\w{])(https?://[^\s{}]+)")
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


@cache
def _decoder() -> LatexNodes2Text:
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    context = get_default_latex_context_db()
    context.add_context_category(
        "citecheck-bibtex", prepend=True, macros=[MacroTextSpec("url", simplify_repl="%s")]
    )
    return LatexNodes2Text(latex_context=context, math_mode="verbatim")


def decode_latex(value: str) -> str:
    try:
        text = _decoder().latex_to_text(value)
    except Exception:  # pylatexenc raises assorted errors on odd input; keep the raw value
        text = value.replace("{", "").replace("}", "")
    return " ".join(text.split())


def _split_top_level(value: str) -> list[str]:
    """Split a name list on " and " outside braces."""
    names, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|\s+and\s+", value, re.I):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            names.append(value[start : match.start()])
            start = match.end()
    names.append(value[start:])
    return [name.strip() for name in names if name.strip()]


def csl_name(raw: str) -> dict[str, str]:
    """One BibTeX name as a CSL name: {"family", "given"} or {"literal"}."""
    if raw.startswith("{") and raw.endswith("}") and _balanced(raw[1:-1]):
        return {"literal": decode_latex(raw[1:-1])}
    parts = [part.strip() for part in _split_top_level_commas(raw)]
    if len(parts) >= 2:
        family, given = decode_latex(parts[0]), decode_latex(parts[-1])
        return {"family": family, "given": given} if given else {"family": family}
    name = decode_latex(raw)
    if CJK.search(name) or name.lower() in ("others", "et al."):
        return {"literal": name}
    words = name.split()
    if len(words) == 1:
        return {"family": words[0]}
    return {"family": words[-1], "given": " ".join(words[:-1])}


def _split_top_level_commas(value: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(value[start:index])
            start = index + 1
    parts.append(value[start:])
    return parts


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _date(fields: dict[str, str], name: str) -> dict[str, Any] | None:
    """A CSL date from an ISO `date`/`urldate` field or from year, month and day."""
    iso = fields.get(name)
    if iso:
        match = ISO_DATE.match(iso.strip())
        if match:
            parts = [int(group) for group in match.groups() if group]
            return {"date-parts": [parts]}
        return {"literal": iso}
    if name != "date":
        return None
    year = fields.get("year", "").strip()
    if not year.isdigit():
        return {"literal": year} if year else None
    parts = [int(year)]
    month = fields.get("month", "").strip().lower().rstrip(".")
    month_number = int(month) if month.isdigit() else MONTHS.get(month)
    if month_number and 1 <= month_number <= 12:
        parts.append(month_number)
        day = fields.get("day", "").strip()
        if day.isdigit():
            parts.append(int(day))
    return {"date-parts": [parts]}


def _csl_type(entry_type: str, fields: dict[str, str]) -> str:
    if entry_type == "article":
        subtype = fields.get("entrysubtype", "").lower()
        return ARTICLE_SUBTYPES.get(subtype, "article-journal")
    if entry_type == "misc":
        return "webpage" if fields.get("url") else "document"
    return CSL_TYPES.get(entry_type, "document")


def entry_to_csl(entry: Entry) -> dict[str, Any]:
    """The CSL-JSON item for one bibtexparser v2 entry (raw, undecoded field values)."""
    raw = {field.key.lower(): str(field.value) for field in entry.fields}
    entry_type = entry.entry_type.lower()
    item: dict[str, Any] = {"id": entry.key, "type": _csl_type(entry_type, raw)}
    for bib_name, csl_name_key in NAME_FIELDS.items():
        if raw.get(bib_name):
            item[csl_name_key] = [csl_name(name) for name in _split_top_level(raw[bib_name])]
    for bib_name, variable in TEXT_FIELDS:
        value = raw.get(bib_name)
        if value and variable not in item:
            item[variable] = decode_latex(value) if bib_name not in VERBATIM_FIELDS else value
    if "number" in raw:
        number = decode_latex(raw["number"])
        item["issue" if item["type"].startswith("article") else "number"] = number
    if "page" in item:
        item["page"] = re.sub(r"\s*[-‐‑–—]+\s*", "-", item["page"])
    if "language" in item:
        item["language"] = LANGUAGES.get(item["language"].lower(), item["language"])
    issued = _date(raw, "date")
    if issued:
        item["issued"] = issued
    accessed = _date(raw, "urldate")
    if accessed:
        item["accessed"] = accessed
    if raw.get("doi"):
        item["DOI"] = DOI_PREFIX.sub("", raw["doi"].strip())
    url = raw.get("url", "").strip() or _url_in(raw.get("howpublished", "") + raw.get("note", ""))
    if url:
        item["URL"] = url
    return item


def _url_in(text: str) -> str:
    """The address in `howpublished = {\\url{…}}` (older BibTeX has no url field)."""
    match = URL_IN_TEXT.search(text)
    return (match.group(1) or match.group(2)) if match else ""


@contextmanager
def _quiet_parser() -> Iterator[None]:
    """bibtexparser logs each broken block; we report them as warnings instead."""
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def read_text(text: str, path: str = "<bibtex>") -> Document:
    import bibtexparser

    with _quiet_parser():
        try:
            library = bibtexparser.parse_string(text)
        except Exception as exc:  # the splitter raises on some malformed input
            raise InputError(f"{path}: cannot parse the BibTeX ({exc})") from None
    warnings = [_failure(block, path) for block in library.failed_blocks]
    notes = []
    for entry in library.entries:
        item = entry_to_csl(entry)
        line = (entry.start_line or 0) + 1
        notes.append(Note(SECTION, entry.key, None, reference_text(item), line, csl=item))
    if not notes:
        detail = f" ({warnings[0]})" if warnings else ""
        raise InputError(f"{path}: no BibTeX entries could be read{detail}")
    return Document(
        path=path,
        format="bibtex",
        sections=(Section(SECTION, tuple(notes), notes[0].line),),
        warnings=tuple(warnings),
    )


def _failure(block: Any, path: str) -> str:
    from bibtexparser.model import DuplicateBlockKeyBlock

    line = (block.start_line or 0) + 1
    if isinstance(block, DuplicateBlockKeyBlock):
        return f"{path}:{line}: duplicate key {block.key!r}; this entry was skipped"
    head = block.raw.strip().splitlines()[0][:60] if block.raw.strip() else ""
    return f"{path}:{line}: cannot parse the entry starting {head!r}; it was skipped"


BIBTEX_ENTRY = re.compile(r"^\s*@[A-Za-z]+\s*[{(]\s*[^\s,]+\s*,", re.M)


def claims(source: Source) -> bool:
    """Text with an `@type{key,` entry."""
    return BIBTEX_ENTRY.search(source.text) is not None


def read(source: Source) -> Document:
    return read_text(source.text, source.path)
