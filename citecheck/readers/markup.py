"""Text helpers shared by the readers: notes headings, marks, emphasis, spacing, URLs,
positions."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable

from citecheck.model import Marker
from citecheck.readers.lazyre import LazyPattern

#: Words that head a block of notes, in the languages of our manuscripts.
NOTES_HEADINGS = re.compile(
    r"^(notes?|footnotes?|endnotes?|references?|注|註|注释|註釋|注釈|注解|註解|脚注|脚註|後注|尾注"
    r"|译注|譯註|原注|附注|参考文献|參考文獻|각주|미주|주석|примечания|примітки|notas)$",
    re.IGNORECASE,
)

#: Back-links from a note to its marker: they are navigation, not citation text.
BACKLINK_CHARS = "↩↑^\ufe0e\ufe0f"

#: `km<sup>2</sup>`, `m<sup>3</sup>`: a superscript 2 or 3 right after a unit is its
#: power, not a note mark.
UNIT_BEFORE = re.compile(r"(?<![A-Za-z])(?:[kcmdµn]?m|ft|yd|mi)$")

WHITESPACE = re.compile(r"\s+")
HANGUL = LazyPattern(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


#: Headings of a reference list (a bibliography), which may follow the notes or stand
#: instead of them, in the languages of our manuscripts.
BIBLIOGRAPHY_HEADINGS = re.compile(
    r"^(references?|reference list|list of references|bibliography|select bibliography"
    r"|selected bibliography|works cited|works consulted|literature cited|literature|sources"
    r"|literatur|literaturverzeichnis|quellen|quellen und literatur|bibliographie"
    r"|références|références bibliographiques|bibliografía|bibliografia|referencias"
    r"|referencias bibliográficas|referências|obras citadas"
    r"|参考文献|參考文獻|参考资料|參考資料|参考資料|引用文献|主要参考文献|引用・参考文献"
    r"|参考・引用文献|引用文獻|참고문헌|참고 문헌|인용문헌"
    r"|литература|список литературы|список использованной литературы|библиография"
    r"|использованная литература|список використаних джерел|використана література"
    r"|список літератури|література|бібліографія)$",
    re.IGNORECASE,
)


#: The mark around italic text in a note, as Markdown writes it: the citation parser
#: reads `*…*` as a title (in Chicago, APA and MLA italics are a book's or a
#: journal's only mark). A literal asterisk is written `\*`, as pandoc's Markdown
#: writer escapes it.
EMPHASIS = "*"
ESCAPED_EMPHASIS = "\\*"
#: What stays outside the closing mark: spaces, and punctuation that never ends a
#: title (a title may end in ".", "?" or "!": `*Phys. Rev.*`, `*What Is to Be Done?*`).
OUTSIDE_EMPHASIS = re.compile(r"[\s,;:、，；：]*$")


#: A URL in note text: its asterisks (`web.archive.org/web/*/…`) are part of it.
URL_IN_TEXT = re.compile(r"(?:https?|ftp)://\S+|www\.\S+", re.IGNORECASE)


def escape_emphasis(text: str) -> str:
    """`text` with every literal asterisk escaped, so it cannot pass for a mark; URLs
    keep theirs, as in a Markdown autolink."""
    if EMPHASIS not in text:  # most text: nothing to escape, no URL to look for
        return text
    pieces, last = [], 0
    for url in URL_IN_TEXT.finditer(text):
        pieces += [text[last : url.start()].replace(EMPHASIS, ESCAPED_EMPHASIS), url.group()]
        last = url.end()
    pieces.append(text[last:].replace(EMPHASIS, ESCAPED_EMPHASIS))
    return "".join(pieces)


def unescape_emphasis(text: str) -> str:
    return text.replace(ESCAPED_EMPHASIS, EMPHASIS)


def emphasized(pieces: Iterable[tuple[str, bool]], *, escape: bool = True) -> str:
    """Join (text, italic) pieces, italic runs between `*` marks.

    Word and LibreOffice split a run wherever its formatting history changes, so
    adjacent italic pieces are merged (`Jour` + `nal` → `*Journal*`), also across a
    plain space between them. As pandoc's Markdown writer does, the marks go around
    the words: leading and trailing spaces (and a trailing comma, semicolon or colon)
    stay outside. Literal asterisks are escaped, unless `escape` is False (text that
    is Markdown already).
    """
    shown = escape_emphasis if escape else str
    runs: list[tuple[str, bool]] = []
    for text, italic in pieces:
        if not text:
            continue
        if runs and runs[-1][1] and not text.strip():
            italic = True  # a space after italics: `_marked` puts it outside again
        if runs and runs[-1][1] == italic:
            runs[-1] = (runs[-1][0] + text, italic)
        else:
            runs.append((text, italic))
    return "".join(_marked(shown(text)) if italic else shown(text) for text, italic in runs)


def _marked(text: str) -> str:
    core = text.lstrip()
    lead = text[: len(text) - len(core)]
    trail = OUTSIDE_EMPHASIS.search(core)
    tail = trail.group(0) if trail else ""
    core = core[: len(core) - len(tail)]
    if not core:
        return text
    return f"{lead}{EMPHASIS}{core}{EMPHASIS}{tail}"


def inherited(own: dict[str, bool | None], parents: dict[str, str]) -> dict[str, bool]:
    """Each style's setting, its own or else the nearest parent's that has one.

    For the style sheets of DOCX (`w:basedOn`) and ODF (`style:parent-style-name`);
    a loop of parents is followed once round.
    """
    settled: dict[str, bool] = {}
    for name in own:
        chain, current = [], name
        while current in own and current not in chain:
            chain.append(current)
            current = parents.get(current, "")
        value = next((own[style] for style in chain if own[style] is not None), None)
        if value is not None:
            settled[name] = value
    return settled


def is_bibliography_heading(text: str) -> bool:
    words = " ".join(text.strip().strip(":：").split())
    return BIBLIOGRAPHY_HEADINGS.match(words) is not None


def is_notes_heading(text: str) -> bool:
    """Whether a heading names notes: "Notes", "注释", or bilingual "注释 / Notes"."""
    words = [w for w in re.split(r"[\s/|｜・:：()（）]+", text) if w]
    return bool(words) and all(NOTES_HEADINGS.match(word) for word in words)


def parse_mark(mark: str) -> int | None:
    """A note's number from its printed mark: "12" → 12, "*" or "fn-a" → None."""
    return int(mark) if mark.isdigit() else None


def squash_spaces(text: str) -> str:
    """Collapse runs of whitespace to one space.

    A line break between two Chinese or Japanese characters is dropped instead: those
    scripts do not separate words, so a wrapped line must join without a space.
    Korean separates words with spaces and keeps them.
    """

    def replace(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        tight = (
            "\n" in match.group(0)
            and start > 0
            and end < len(text)
            and _joins_tight(text[start - 1])
            and _joins_tight(text[end])
        )
        return "" if tight else " "

    if "\n" not in text:  # no line break, no run to drop: every run is one space
        return " ".join(text.split())  # str.split's whitespace is the pattern's `\s`
    return WHITESPACE.sub(replace, text).strip()


def _joins_tight(char: str) -> bool:
    wide = unicodedata.east_asian_width(char) in ("W", "F")
    return wide and not HANGUL.match(char)


_SCHEME = re.compile(r"^[a-z]+://", re.I)


def shows_url(shown: str, url: str) -> bool:
    """Whether the text `shown` already spells `url` (scheme and trailing slash aside)."""

    def bare(text: str) -> str:
        return _SCHEME.sub("", text.strip()).rstrip("/").casefold()

    wanted = bare(url)
    return bool(wanted) and (shown == url or wanted in bare(shown))


def split_repeats(markers: list[Marker]) -> tuple[tuple[Marker, ...], tuple[Marker, ...]]:
    """(first reference to each note, later references to the same note), by section and mark."""
    seen: set[tuple[str, str]] = set()
    firsts, repeats = [], []
    for marker in markers:
        key = (marker.section, marker.mark)
        (repeats if key in seen else firsts).append(marker)
        seen.add(key)
    return tuple(firsts), tuple(repeats)


class LineIndex:
    """Turns offsets in a text into 1-based (line, column) pairs."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        self.starts.extend(m.end() for m in re.finditer(r"\n", text))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1
