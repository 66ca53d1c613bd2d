"""How well a record fits a citation: a score per field, then one decision.

    title      similarity of the normalised titles (`normalise.fold`), the best over the
               record's titles; a subtitle left out counts as the same title; None when
               the two are written in different scripts (a romanised or translated title)
    authors    the share of the cited family names the record holds
    year       1 within `YEAR_SLACK`, else 0
    container  similarity of the journal or book titles, abbreviations allowed

A record is the same work when its title is close enough on its own, or close and the
authors or the year agree, or (titles not comparable) the authors and the year agree.
Of the same work, the fields that disagree are the citation's errors. All thresholds
are in `citecheck.lookup.thresholds`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from citecheck.lookup import thresholds as T
from citecheck.lookup.normalise import family_key, fold, script
from citecheck.lookup.record import Query, Record
from citecheck.model import FieldScore

_SUBTITLE_MARK = re.compile(r"[\s　]*[:：;；\-‐–—―~〜(（\[［「『|｜/／.。!?！？]|[\s　]+")


@dataclass(frozen=True)
class Match:
    record: Record
    scores: tuple[FieldScore, ...]
    same_work: bool
    differences: tuple[FieldScore, ...]

    def score(self, field: str) -> float | None:
        return next((s.score for s in self.scores if s.field == field), None)

    @property
    def agrees(self) -> bool:
        return self.same_work and not self.differences

    @property
    def strength(self) -> float:
        """For ranking candidates: the mean of the scores there are."""
        values = [s.score for s in self.scores if s.score is not None]
        return sum(values) / len(values) if values else 0.0


def title_score(cited: str | None, found: tuple[str, ...]) -> float | None:
    """The best similarity of `cited` to any of `found`; None when none is comparable."""
    if not cited:
        return None
    scores = [s for s in (_one_title(cited, title) for title in found) if s is not None]
    return max(scores) if scores else None


def _one_title(cited: str, found: str) -> float | None:
    if script(cited) != script(found):
        return None
    a, b = fold(cited), fold(found)
    if not a or not b:
        return None
    if a == b:
        return 1.0
    shorter, longer_text = (b, cited) if len(a) >= len(b) else (a, found)
    if len(shorter) >= 0.3 * max(len(a), len(b)) and shorter in _main_titles(longer_text):
        return 1.0  # "Title" against "Title: Subtitle"
    # Any difference normalisation does not explain keeps the score below EXACT_TITLE.
    return min(SequenceMatcher(None, a, b, autojunk=False).ratio(), T.DIFFERENT_TITLE_CAP)


def _main_titles(title: str) -> set[str]:
    """The keys of `title` cut before each subtitle mark (a colon, a dash, a bracket, a
    space between words): what is left when a subtitle is left out."""
    return {fold(title[: m.start()]) for m in _SUBTITLE_MARK.finditer(title) if m.start()}


def authors_score(cited: tuple[str, ...], found: tuple[str, ...]) -> float | None:
    if not cited or not found:
        return None
    keys = [family_key(name) for name in found]
    last_words = {key.split()[-1] for key in keys if key}
    wanted = cited[:5]
    hits = 0
    for name in wanted:
        key = family_key(name) if "," in name else fold(name)
        if not key:
            continue
        if (
            key in keys
            or key.split()[-1] in last_words
            or any(
                k and (k.startswith(key) or key.startswith(k)) and min(len(k), len(key)) >= 2
                for k in keys
                if " " not in k
            )
        ):
            hits += 1
    return hits / len(wanted)


def year_score(cited: int | None, found: int | None) -> float | None:
    if cited is None or found is None:
        return None
    return 1.0 if abs(cited - found) <= T.YEAR_SLACK else 0.0


def container_score(cited: str | None, found: str | None) -> float | None:
    if not cited or not found or script(cited) != script(found):
        return None
    a, b = fold(cited), fold(found)
    if not a or not b:
        return None
    if a == b or _abbreviates(a, b) or _abbreviates(b, a):
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _abbreviates(short: str, full: str) -> bool:
    """ "j biol chem" abbreviates "journal of biological chemistry": each word a prefix of
    the next full word it can match, in order (small words of the full title skipped)."""
    words = full.split()
    at = 0
    for part in short.split():
        while at < len(words) and not words[at].startswith(part):
            at += 1
        if at == len(words):
            return False
        at += 1
    return bool(short.split())


def match(query: Query, record: Record) -> Match:
    title = title_score(query.title, record.titles)
    authors = authors_score(query.authors, record.authors)
    year = year_score(query.year, record.year)
    container = container_score(query.container, record.container)
    scores = (
        FieldScore("title", _rounded(title), query.title, record.title),
        FieldScore("authors", _rounded(authors), _names(query.authors), _names(record.authors)),
        FieldScore("year", year, _str(query.year), _str(record.year)),
        FieldScore("container", _rounded(container), query.container, record.container),
    )
    same = _same_work(title, authors, year)
    differences = tuple(s for s in scores if same and _differs(s)) if same else ()
    return Match(record, scores, same, differences)


def _same_work(title: float | None, authors: float | None, year: float | None) -> bool:
    agree = (authors is not None and authors >= T.AUTHORS_AGREE) or year == 1.0
    if title is None:
        return authors is not None and authors >= T.AUTHORS_AGREE and year == 1.0
    return title >= T.SAME_TITLE or (title >= T.RELATED_TITLE and agree)


def _differs(score: FieldScore) -> bool:
    if score.score is None:
        return False
    limits = {
        "title": T.EXACT_TITLE,
        "authors": T.AUTHORS_AGREE,
        "year": 1.0,
        "container": T.CONTAINER_AGREES,
    }
    return score.score < limits[score.field]


def mismatching(query: Query, record: Record) -> tuple[FieldScore, ...]:
    """The fields in which `record`, the work an identifier or a page names, is not the work
    cited: every field that disagrees; nothing when it is the work and agrees."""
    found = match(query, record)
    if found.same_work:
        return found.differences
    return tuple(s for s in found.scores if _differs(s)) or found.scores[:1]


def best(query: Query, records: tuple[Record, ...]) -> Match | None:
    """The candidate that is the work cited, agreeing ones first, then the strongest."""
    matches = [m for m in (match(query, record) for record in records) if m.same_work]
    if not matches:
        return None
    return max(matches, key=lambda m: (m.agrees, m.strength))


def page_title_score(cited: str | None, record: Record) -> float | None:
    """How well the page's best label holds the cited title: its whole or one of its
    parts ("Title | Site", "Site - Title"), or the cited title inside it."""
    if not cited:
        return None
    pieces: list[str] = []
    for label in record.titles:
        pieces.append(label)
        for mark in (" | ", " - ", " – ", " — ", "｜", " : ", "：", " · "):
            pieces += [part for part in label.split(mark) if part.strip()]
    scores = []
    key = fold(cited)
    for piece in pieces:
        if script(piece) != script(cited):
            continue
        piece_key = fold(piece)
        if key and piece_key and (key in piece_key or piece_key == key):
            scores.append(1.0)
        elif key and piece_key:
            scores.append(SequenceMatcher(None, key, piece_key, autojunk=False).ratio())
    return round(max(scores), 3) if scores else None


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _names(names: tuple[str, ...]) -> str | None:
    return "; ".join(names) if names else None


def _str(value: int | None) -> str | None:
    return None if value is None else str(value)
