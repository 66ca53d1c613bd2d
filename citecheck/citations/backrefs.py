"""Back-references: 同上 / Ibid. (ibid), 前掲書 / op. cit. (op-cit) and short forms.

The marks themselves (同前, 同右, 上掲, Там же …) are listed in `backref_marks`.

Each resolves to the FULL citation it stands for, searched in the same section first:
- ibid: the citation just before (in the same note, else the last citation of the
  nearest earlier note with citations: "ambiguous" when that note has several);
- op-cit: the most recent full citation by the name written before 前掲 (author,
  editor or outlet; the date, when given, picks among several);
- short form: the most recent full citation whose title equals or starts with the
  short title, its leading article aside (or, for `Outlet, Date` without a title, with
  the same outlet and date; for `Author, Page`, with the same authors). `Author, *Short
  Title*, Page` is one even when the italics were read as a journal's name.
Names and titles are compared folded (simplified forms, no spaces or punctuation).
Only found in an earlier section: "other-section"; not found: "missing".
A chain (同上 after a 前掲) is followed to the original full citation, but not past a
citation of a work of its own whose container is the back-reference (`増田「論文」川島編、
前掲書`): a 同上 after it is that chapter. (A 前掲 still names the book: the chapter is no
full citation of its own.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from citecheck.citations.backref_marks import MARK_PATTERNS, may_hold_mark
from citecheck.citations.brackets import Span, top_level_spans
from citecheck.citations.names import EDITOR_SUFFIX
from citecheck.citations.scripts import fold
from citecheck.model import BackRef


@dataclass
class Entry:
    """A citation as seen by the resolver."""

    id: str
    section: int
    note: int
    csl: dict[str, Any]
    backref: BackRef | None = None
    names: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Reference:
    """A 同上 / 前掲 mark in a citation: what is written before and after it."""

    kind: str  # "ibid" | "op-cit"
    mark: str
    name: str  # the author, editor or outlet named just before the mark
    before: str  # the text before the name (a title, when the citation has one)
    after: str


#: An article a short title drops (`Hanse` for *Die Hanse im Mittelalter*).
LEADING_ARTICLE = re.compile(r"^(?:the|an?|der|die|das|le|la|les|l'|el|los|las)\s*", re.I)


def find_reference(text: str) -> Reference | None:
    """The back-reference mark in `text`, or None for a citation that gives its work.

    Marks inside a title are words of that title (「携手共同前进」, 「同上海合作组织」),
    not back-references; a mark that is all its emphasis holds (`*Ibid.*`, `*op. cit.*`,
    as many styles print them) is still the mark.
    """
    if not may_hold_mark(text):
        return None
    titles: list[Span] | None = None  # worked out only once a mark is found
    for kind, pattern in MARK_PATTERNS.items():
        for found in pattern.finditer(text):
            if titles is None:
                titles = [span for span in top_level_spans(text) if span.is_title]
            if any(_in_title(span, found, text) for span in titles):
                continue
            before = text[: found.start()]
            name = re.split(r"[」』”»)）]", before)[-1]
            return Reference(
                kind,
                found.group(0),
                name.strip(" 、,，*_"),
                before[: len(before) - len(name)],
                text[found.end() :],
            )
    return None


def _in_title(span: Span, found: re.Match[str], text: str) -> bool:
    """The mark is a word of the title `span` (not the whole of an emphasised mark)."""
    if not span.start <= found.start() < span.end:
        return False
    return span.opener != "*" or span.inner(text).strip(" .,") != found.group(0).strip(" .,")


def _families(names: list[dict[str, str]]) -> list[str]:
    """Folded family names (or whole names) of a list of CSL names, in order."""
    return [fold(name.get("literal") or name.get("family", "")) for name in names]


def names_of(csl: dict[str, Any]) -> set[str]:
    """Folded names a 前掲 may use for this work: authors, editors, outlet, publisher."""
    keys: set[str] = set()
    for role in ("author", "editor", "container-author"):
        for name in csl.get(role, []):
            keys.add(fold(name.get("literal") or name.get("family", "")))
    for key in ("container-title", "publisher"):
        if csl.get(key):
            keys.add(fold(csl[key]))
    keys.discard("")
    return keys


class Resolver:
    """Resolves back-references in reading order; `add` every citation once resolved."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.by_id: dict[str, Entry] = {}
        # Full citations per section, so a search reads its own chapter first and
        # a long document does not make every search read every earlier citation.
        self._full_in: dict[int, list[Entry]] = {}
        self._per_note: dict[tuple[int, int], int] = {}

    def add(self, entry: Entry) -> None:
        entry.names = names_of(entry.csl)
        self.entries.append(entry)
        self.by_id[entry.id] = entry
        if entry.backref is None:
            self._full_in.setdefault(entry.section, []).append(entry)
        key = (entry.section, entry.note)
        self._per_note[key] = self._per_note.get(key, 0) + 1

    def own_work(self, entry: Entry) -> bool:
        """Whether `entry` cites a work of its own inside the one its 前掲 / 同上 refers to:
        `増田雅之「論文」川島真編、前掲書、235頁` is a chapter of the book cited earlier, with a
        title the book does not have. A short form's title is the full one cut short."""
        backref = entry.backref
        if backref is None or backref.kind == "short-form" or not backref.target:
            return False
        title = fold(entry.csl.get("title", ""))
        return bool(title) and title != fold(self.by_id[backref.target].csl.get("title", ""))

    def full(self, entry: Entry) -> Entry:
        """Follow a chain of back-references to the full citation; a citation of a work of
        its own (a chapter whose book is a 前掲書) is where the chain stops."""
        seen = 0
        while (
            entry.backref
            and entry.backref.target
            and not self.own_work(entry)
            and seen < len(self.entries)
        ):
            entry = self.by_id[entry.backref.target]
            seen += 1
        return entry

    def ibid(self, section: int, note: int) -> BackRef:
        if not self.entries or self.entries[-1].section != section:
            return BackRef("ibid", None, "missing")
        previous = self.entries[-1]
        problem = None
        if previous.note != note and self._per_note[(section, previous.note)] > 1:
            problem = "ambiguous"
        target = self.full(previous)
        if previous.backref and previous.backref.problem and not problem:
            problem = previous.backref.problem
        return BackRef("ibid", target.id, problem)

    def op_cit(self, section: int, name: str, issued: Any) -> BackRef:
        key = fold(EDITOR_SUFFIX.sub("", name))
        if not key:
            return BackRef("op-cit", None, "missing")

        def matches(entry: Entry) -> bool:
            return any(
                key == other or (len(key) >= 2 and other.startswith(key)) for other in entry.names
            )

        return self._search(
            "op-cit", section, matches, lambda e: issued and e.csl.get("issued") == issued
        )

    def short_form(self, section: int, csl: dict[str, Any]) -> BackRef | None:
        """The back-reference for an incomplete citation, or None when nothing earlier fits."""
        title = fold(csl.get("title", ""))
        if title:

            def matches(entry: Entry) -> bool:
                full = entry.csl.get("title", "")
                return any(
                    other and other.startswith(title)
                    for other in (fold(full), fold(LEADING_ARTICLE.sub("", full)))
                )

        elif csl.get("author") and "container-title" not in csl:
            authors = _families(csl["author"])

            def matches(entry: Entry) -> bool:
                return "title" in entry.csl and authors == _families(entry.csl.get("author", []))

        else:
            outlet, issued = fold(csl.get("container-title", "")), csl.get("issued")
            if not outlet or not issued:
                return None

            def matches(entry: Entry) -> bool:
                return (
                    "title" in entry.csl
                    and fold(entry.csl.get("container-title", "")) == outlet
                    and entry.csl.get("issued") == issued
                )

        backref = self._search("short-form", section, matches, lambda e: False)
        return backref if backref.target else None

    def _search(self, kind: str, section: int, matches: Any, preferred: Any) -> BackRef:
        pool = [e for e in reversed(self._full_in.get(section, [])) if matches(e)]
        problem = None
        if not pool:
            earlier = (
                e
                for s in reversed(self._full_in)
                if s != section
                for e in reversed(self._full_in[s])
            )
            pool, problem = [e for e in earlier if matches(e)], "other-section"
        if not pool:
            return BackRef(kind, None, "missing")
        best = next((e for e in pool if preferred(e)), pool[0])
        return BackRef(kind, best.id, problem)
