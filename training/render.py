"""Render CSL-JSON items through CSL styles with citeproc-py into labelled segments.

Every CSL variable a style prints is wrapped, inside citeproc-py, in a pair of private-use
sentinel characters: an opening character that names the label and one closing character.
The wrapping happens after text-case and period stripping (so a sentinel never stops a word
from being capitalised) and before quotes, italics and affixes (so "“", "*", "pp." and "In "
stay outside the span, as in GROBID's gold, where 668 of 675 "pp." and 448 of 449 "In" sit
outside the field). The sentinels are then read back into `[label, text]` segments.

citeproc-py joins pieces with a seam rule (no doubled "." or space where two pieces meet);
the rule is replaced by one that looks through sentinels, so a labelled rendering and a clean
one agree. Each example is still checked: the segments' text must equal the clean rendering.
Where citeproc-py departs from CSL itself, `training.citeproc_fixes` corrects it.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import citeproc.frontend
import citeproc.model
import citeproc.string
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    Locator,
)
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, String

from training import citeproc_fixes


def _csl_dir() -> Path:
    """The shared CSL styles and locales: $CITECHECK_CSL_DIR, else `shared/training/csl`
    beside the checkout (or beside the folder of worktrees it sits in)."""
    if os.environ.get("CITECHECK_CSL_DIR"):
        return Path(os.environ["CITECHECK_CSL_DIR"])
    root = Path(__file__).resolve().parents[1]
    candidates = [parent / "shared" / "training" / "csl" for parent in root.parents[:2]]
    return next((path for path in candidates if path.is_dir()), candidates[0])


CSL_DIR = _csl_dir()
STYLES_DIR = CSL_DIR / "styles"
LOCALES_DIR = CSL_DIR / "locales"

LABELS: tuple[str, ...] = (
    "author", "editor", "translator", "title", "container-title", "collection-title",
    "publisher", "publisher-place", "issued", "accessed", "volume", "issue", "page",
    "number", "genre", "DOI", "URL", "locator",
)
"""The labels an example may carry; connective text is labelled None."""

# CSL variables that print as one of LABELS; any other variable a style prints is
# connective text as far as the labels go (the generator avoids setting them).
_VARIABLE_LABEL = {label: label for label in LABELS} | {
    "title-short": "title",
    "container-title-short": "container-title",
    "page-first": "page",
}

_OPEN_BASE = 0xE000
CLOSE = "\ue0ff"
_OPEN = {label: chr(_OPEN_BASE + i) for i, label in enumerate(LABELS)}
_LABEL_OF_OPEN = {char: label for label, char in _OPEN.items()}
SENTINELS = frozenset(_OPEN.values()) | {CLOSE}
_STRIP_TABLE = {ord(char): None for char in SENTINELS}


def strip_sentinels(text: str) -> str:
    return text.translate(_STRIP_TABLE)


class _State(threading.local):
    """Whether sentinels are being written, and which date variable is being rendered."""

    def __init__(self) -> None:
        self.labelling = False
        self.dates: list[str] = []


_state = _State()


def _wrapped(text, variable: str | None):
    """`text` between the sentinels of `variable`'s label, or unchanged."""
    if text is None or isinstance(text, int) or not str(text):
        return text
    citeproc_fixes.note_printed(variable)
    label = _VARIABLE_LABEL.get(variable or "")
    if not _state.labelling or label is None:
        return text
    return String(_OPEN[label]) + text + String(CLOSE)


# --- patches of citeproc-py -------------------------------------------------------------

_original_seam = citeproc.string.normalize_seam
_original_strip_first = citeproc.string._strip_first_char
_original_date_process = citeproc.model.Date.process
_original_single_date = citeproc.model.Date.render_single_date
_original_date_range = citeproc.model.Date.render_date_range
_original_name_process = citeproc.model.Name.process


def _drop_char(other, index: int):
    """`other` without its character at `index`, keeping its (Mixed)String pieces."""
    if index == 0:
        return _original_strip_first(other)
    if isinstance(other, MixedString):
        pieces, start = list(other), 0
        for n, piece in enumerate(pieces):
            size = len(str(piece))
            if start <= index < start + size:
                pieces[n] = _drop_char(piece, index - start)
                break
            start += size
        return MixedString([piece for piece in pieces if str(piece) != ""])
    text = str(other)
    return type(other)(text[:index] + text[index + 1:])


def _seam(left, other):
    """citeproc-py's seam rule (no ".." or double space where pieces join), sentinel-blind."""
    left_text = strip_sentinels(str(left))
    other_text = str(other)
    if not left_text or not other_text:
        return other
    index = next((i for i, char in enumerate(other_text) if char not in SENTINELS), None)
    if index is None:
        return other
    last, first = left_text[-1], other_text[index]
    if (last == first == " ") or (last == first and first in citeproc.string.SEAM_PUNCTUATION):
        return _drop_char(other, index)
    return other


def _text_markup(self, text, language):
    if not text:
        return None
    cased = self.case(self.strip_periods(text), language)
    cased = _wrapped(cased, self.get("variable"))
    return self.wrap(self.quote(self.format(cased)))


def _number_markup(self, text):
    if not text:
        return None
    cased = _wrapped(self.case(self.strip_periods(text)), self.get("variable"))
    return self.wrap(self.format(cased))


def _date_process(self, item, variable=None, *args, **kwargs):
    _state.dates.append(variable or self.get("variable"))
    try:
        return _original_date_process(self, item, variable, *args, **kwargs)
    finally:
        _state.dates.pop()


def _current_date(text):
    return _wrapped(text, _state.dates[-1] if _state.dates else None)


def _single_date(self, *args, **kwargs):
    return _current_date(_original_single_date(self, *args, **kwargs))


def _date_range(self, *args, **kwargs):
    return _current_date(_original_date_range(self, *args, **kwargs))


def _name_process(self, item, variable, *args, **kwargs):
    return _wrapped(_original_name_process(self, item, variable, *args, **kwargs), variable)


def _install_patches() -> None:
    citeproc.string.normalize_seam = _seam
    citeproc.model.normalize_seam = _seam
    citeproc.model.Text.markup = _text_markup
    citeproc.model.Number.markup = _number_markup
    citeproc.model.Date.process = _date_process
    citeproc.model.Date.render_single_date = _single_date
    citeproc.model.Date.render_date_range = _date_range
    citeproc.model.Name.process = _name_process
    citeproc_fixes.install()
    citeproc.frontend.LOCALES_PATH = str(LOCALES_DIR)


_install_patches()


# --- output formatter: italics as Markdown emphasis ------------------------------------

def _italic(text):
    return String("*") + text + String("*")


def _plain(text):
    return text


MARKDOWN_FORMATTER = SimpleNamespace(
    preformat=lambda text: text,
    Italic=_italic, Oblique=_italic,
    Bold=_plain, Light=_plain, Underline=_plain,
    Superscript=_plain, Subscript=_plain, SmallCaps=_plain,
)


# --- rendering --------------------------------------------------------------------------

Segment = tuple[str | None, str]


@dataclass(frozen=True)
class Rendered:
    text: str
    segments: list[Segment]


class RenderError(Exception):
    """A style could not render an item, or the labelled rendering did not round-trip."""


@cache
def load_style(style_name: str, locale: str) -> CitationStylesStyle:
    return CitationStylesStyle(str(STYLES_DIR / f"{style_name}.csl"), locale=locale,
                               validate=False)


def style_names() -> list[str]:
    return sorted(path.stem for path in STYLES_DIR.glob("*.csl"))


def locale_names() -> list[str]:
    return sorted(path.stem.removeprefix("locales-") for path in LOCALES_DIR.glob("*.xml"))


def is_note_style(style_name: str) -> bool:
    return load_style(style_name, "en-US").root.get("class") == "note"


def has_bibliography(style_name: str) -> bool:
    return load_style(style_name, "en-US").has_bibliography()


def style_default_locale(style_name: str) -> str | None:
    return load_style(style_name, "en-US").root.get("default-locale")


@contextmanager
def _labelling(on: bool) -> Iterator[None]:
    previous, _state.labelling = _state.labelling, on
    try:
        yield
    finally:
        _state.labelling = previous


POSITIONS: tuple[str, ...] = ("first", "subsequent", "ibid")
"""Where a note stands: the first citation of a work, a later one (the style's short form),
or one right after a citation of the same work (Ibid., 同上, where the style has it)."""

_OTHER_WORK = {"id": "another-work", "type": "book", "title": "Another Work",
               "author": [{"family": "Another", "given": "A."}],
               "issued": {"date-parts": [[2000]]}}


def _cite(item_id: str, locator: str | None, prefix: str | None = None) -> Citation:
    extra: dict = {"locator": Locator("page", locator)} if locator else {}
    if prefix:
        extra["prefix"] = prefix
    return Citation([CitationItem(item_id, **extra)])


def _render_once(style: CitationStylesStyle, item: dict, kind: str, locator: str | None,
                 position: str = "first", prefix: str | None = None) -> str:
    if kind != "note":
        bibliography = CitationStylesBibliography(style, CiteProcJSON([item]),
                                                  MARKDOWN_FORMATTER)
        bibliography.register(_cite(item["id"], None))
        entries = bibliography.bibliography()
        if len(entries) != 1:
            raise RenderError("no bibliography entry")
        return str(entries[0])
    bibliography = CitationStylesBibliography(style, CiteProcJSON([item, _OTHER_WORK]),
                                              MARKDOWN_FORMATTER)
    earlier = {"first": [], "subsequent": [item["id"], _OTHER_WORK["id"]],
               "ibid": [item["id"]]}[position]
    citations = [_cite(item_id, None) for item_id in earlier]
    citations.append(_cite(item["id"], locator, prefix))
    for citation in citations:
        bibliography.register(citation)
    for citation in citations[:-1]:
        bibliography.cite(citation, lambda _item: None)
    return str(bibliography.cite(citations[-1], lambda _item: None))


_PUNCTUATION_AFTER_QUOTE = re.compile("(”)([\ue000-\ue0ff]*)([,.])")
_END_MARK_BEFORE_QUOTE = re.compile("([?!.][\ue000-\ue0ff]*”[\ue000-\ue0ff]*)[,.]")


def _punctuation_into_quotes(text: str) -> str:
    """CSL's `punctuation-in-quote` (American English: “Title,”), which citeproc-py ignores;
    a title ending in "?" or "!" takes no comma or full stop (“Why?” not “Why?,”)."""
    text = _END_MARK_BEFORE_QUOTE.sub(r"\1", text)
    return _PUNCTUATION_AFTER_QUOTE.sub(r"\3\1\2", text)


_STRAY_PUNCTUATION = re.compile(
    r"[.,;:] [.,;:]|\(\s*\)|\[\s*\]|,,|,\.|(?<!\.)\.\.(?!\.)|^[\d.:, –-]+$")
"""Leftovers of citeproc-py's gaps: an empty group between two delimiters ("2018. , 264"),
a doubled stop across italics ("*Ibid.*."), a short note reduced to its page ("90.")."""


def segments_of(marked: str) -> list[Segment]:
    """Read sentinel-marked text back into segments (the innermost label wins)."""
    segments: list[list] = []
    stack: list[str] = []
    for char in marked:
        if char in _LABEL_OF_OPEN:
            stack.append(_LABEL_OF_OPEN[char])
            segments.append([stack[-1], ""])
        elif char == CLOSE:
            if not stack:
                raise RenderError("unbalanced sentinel")
            stack.pop()
            segments.append([stack[-1] if stack else None, ""])
        else:
            if not segments:
                segments.append([None, ""])
            segments[-1][1] += char
    if stack:
        raise RenderError("unbalanced sentinel")
    pieces: list[Segment] = []
    for label, text in segments:
        if label is None:
            pieces.append((None, text))
            continue
        # Spaces at a span's edges (a date part's affix: "\xa01\xa0May\xa02020") are connective.
        core = text.strip()
        start = text.index(core) if core else len(text)
        pieces += [(None, text[:start]), (label, core), (None, text[start + len(core):])]
    merged: list[Segment] = []
    for label, text in pieces:
        if not text:
            continue
        if merged and label is None and merged[-1][0] is None:
            merged[-1] = (None, merged[-1][1] + text)
        else:
            merged.append((label, text))
    return merged


def render(style_name: str, locale: str, item: dict, kind: str = "reference",
           locator: str | None = None, position: str = "first",
           prefix: str | None = None) -> Rendered:
    """Render `item` as a bibliography entry or a note (at `position`, one of POSITIONS, after
    `prefix` such as "See "); raise RenderError if it fails."""
    style = load_style(style_name, locale)
    try:
        with _labelling(False):
            clean = _render_once(style, item, kind, locator, position, prefix)
        with _labelling(True):
            marked = _render_once(style, item, kind, locator, position, prefix)
    except RenderError:
        raise
    except Exception as error:  # citeproc-py raises anything from KeyError to TypeError
        raise RenderError(f"{type(error).__name__}: {error}") from error
    if style.root.get_locale_option("punctuation-in-quote") == "true":
        clean, marked = _punctuation_into_quotes(clean), _punctuation_into_quotes(marked)
    segments = segments_of(marked)
    if "".join(text for _label, text in segments) != clean:
        raise RenderError("labelled rendering differs from the clean one")
    if not clean.strip() or not any(label for label, _text in segments):
        raise RenderError("empty rendering")
    if _STRAY_PUNCTUATION.search(clean.replace("*", "")):
        raise RenderError("stray punctuation")
    labelled = [(label, text) for label, text in segments
                if label and label not in ("issued", "accessed")]
    if len(set(labelled)) < len(labelled):
        # citeproc-py prints the editors standing in for a missing author a second time
        # (a date may legitimately recur: ISO 690 author-date gives the year twice).
        raise RenderError("repeated value")
    return Rendered(clean, segments)
