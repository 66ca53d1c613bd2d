"""Braces that keep an English title's proper nouns and acronyms as written.

BibTeX styles and citeproc lower-case or sentence-case titles; a brace pair tells them
to leave a word alone. The rule is Better BibTeX's: in an English title, protect each
word with a capital after its first letter (EU-China, iPhone, McMahon), each word in
capitals (NATO, US), and each word after the first that starts with a capital
(… in Russia and India): a sentence-case style then lower-cases only what was written
in lower case, and a title written in Title Case keeps its capitals rather than lose
those of its names. The first word of the title and the first word after a colon are
capitals by position and are left alone unless they are acronyms or have inner
capitals.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[^\s{}]+")


def protect(title: str, language: str | None) -> str:
    """`title` with its proper nouns and acronyms braced, when the title is English."""
    if not (language or "").startswith("en") or "{" in title:
        return title
    words = list(WORD.finditer(title))
    pieces, last = [], 0
    for index, match in enumerate(words):
        word = match.group(0)
        sentence_start = index == 0 or _after_colon(title[: match.start()])
        if _protected(word, sentence_start=sentence_start):
            core = word.strip(".,;:!?\"'()[]“”‘’")
            if core:
                at = match.start() + word.index(core)
                pieces += [title[last:at], "{", core, "}"]
                last = at + len(core)
    pieces.append(title[last:])
    return "".join(pieces)


def _protected(word: str, *, sentence_start: bool) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    if not letters:
        return False
    acronym = len(letters) > 1 and all(ch.isupper() for ch in letters)
    inner = any(ch.isupper() for ch in letters[1:]) and not acronym
    if acronym or inner:
        return True
    starts_upper = letters[0].isupper()
    return starts_upper and not sentence_start


def _after_colon(before: str) -> bool:
    """A colon, question or exclamation mark starts a new sentence; a full stop mostly
    ends an abbreviation (U.S. Security), so it does not."""
    return bool(re.search(r"[:?!]\s*$", before))
