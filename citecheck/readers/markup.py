"""Text helpers shared by the readers: notes headings, marks, spacing, URLs, positions."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

from citecheck.model import Marker

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
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


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

    return WHITESPACE.sub(replace, text).strip()


def _joins_tight(char: str) -> bool:
    wide = unicodedata.east_asian_width(char) in ("W", "F")
    return wide and not HANGUL.match(char)


def shows_url(shown: str, url: str) -> bool:
    """Whether the text `shown` already spells `url` (scheme and trailing slash aside)."""

    def bare(text: str) -> str:
        return re.sub(r"^[a-z]+://", "", text.strip(), flags=re.I).rstrip("/").casefold()

    return bool(bare(url)) and bare(url) in bare(shown)


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
