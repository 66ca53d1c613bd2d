"""Citation keys: ASCII, unique, and the same for the same work in every version.

The scheme is a pattern in Better BibTeX's notation, `[auth][year][veryshorttitle]` by
default: the first author's family name (else the first editor's), the year of issue
and the first significant word of the title, each lower-case ASCII romanised by the
item's language: 増田雅之 2020「対立への岐路…」 → masuda2020tairitsu, 施欣怡 2024
「中国的夥伴關係…」 → shi2024zhongguo, Korolev 2019 "On the Verge…" → korolev2019verge.

- `[auth]`: the family name alone; an organisation by its first two significant words;
  with no author or editor, the container (newspaper, site) or the publisher stands in.
- `[year]`: the year of issue, or nothing.
- `[veryshorttitle]`, `[shorttitle]`, `[title]`: the first one, first three, or all
  significant words of the title (stop words of the languages cited are skipped).
- anything outside brackets is copied (`[auth]_[year]` → `masuda_2020`).

A key that would start with a digit (no author and no stand-in) is the title word
first: `final2024`. Colliding keys get a, b, c… in document order. A work read from a
`.bib` entry keeps that entry's key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from itertools import count
from typing import Any

from citecheck.errors import UsageError

# The romanisers and the name data are imported when a key is made, not here: the command
# line reads DEFAULT_FORMAT and parse_format at start-up.

DEFAULT_FORMAT = "[auth][year][veryshorttitle]"
# Words too common to name a work: English, Spanish, French, German, Japanese particles.
STOPWORDS = frozenset(
    """
    a an the of on in at to for and or with from by about
    el la los las de del y en un una le les des du et der die das und
    no wo ha ga ni to
    """.split()  # noqa: SIM905 (one word list, easier to read than a literal)
)
MAX_PART = 20
TOKEN = re.compile(r"\[([a-z]+)\]|([^\[\]]+)")
KEY_CHARACTERS = re.compile(r"[^A-Za-z0-9_:.-]")

Part = Callable[[dict[str, Any]], str]


def _auth(csl: dict[str, Any]) -> str:
    from citecheck.exports.romanize import item_language, words

    language = item_language(csl)
    who = _first_name_words(csl, language)
    if not who:
        stand_in = str(csl.get("container-title") or csl.get("publisher") or "")
        who = _significant(words(stand_in, language))[:2]
    return "".join(who)[:MAX_PART]


def _title_words(csl: dict[str, Any], limit: int | None) -> str:
    from citecheck.exports.romanize import item_language, words

    found = _significant(words(str(csl.get("title", "")), item_language(csl)))
    return "".join(word[:MAX_PART] for word in found[:limit])


PARTS: dict[str, Part] = {
    "auth": _auth,
    "year": lambda csl: _year(csl),
    "veryshorttitle": partial(_title_words, limit=1),
    "shorttitle": partial(_title_words, limit=3),
    "title": partial(_title_words, limit=None),
}


def parse_format(pattern: str) -> list[Part]:
    """The pattern as parts; an unknown `[field]` or stray bracket is a usage error."""
    parts: list[Part] = []
    position = 0
    for match in TOKEN.finditer(pattern):
        if match.start() != position:
            break
        position = match.end()
        name, literal = match.groups()
        if name is not None:
            if name not in PARTS:
                known = ", ".join(f"[{n}]" for n in PARTS)
                raise UsageError(f"unknown key field [{name}] in {pattern!r} (known: {known})")
            parts.append(PARTS[name])
        else:
            text = KEY_CHARACTERS.sub("", literal)
            parts.append(lambda _csl, text=text: text)
    if position != len(pattern) or not parts:
        raise UsageError(f"cannot read the key format {pattern!r} (e.g. {DEFAULT_FORMAT})")
    return parts


def base_key(csl: dict[str, Any], key_format: str = DEFAULT_FORMAT) -> str:
    key = "".join(part(csl) for part in parse_format(key_format))
    if key[:1].isdigit():
        # A key that starts with a letter reads better and suits every BibTeX tool.
        key = _title_words(csl, 1) + _year(csl) if key_format == DEFAULT_FORMAT else "ref" + key
    return key or "ref"


def _significant(found: list[str]) -> list[str]:
    return [word for word in found if word not in STOPWORDS]


def _first_name_words(csl: dict[str, Any], language: str | None) -> list[str]:
    from citecheck.exports.persons import family_name
    from citecheck.exports.romanize import words

    for role in ("author", "editor"):
        names = [n for n in csl.get(role) or [] if isinstance(n, dict)]
        if names:
            name = names[0]
            family = family_name(name)
            if family:
                return words(family, language)
            # An organisation: its first two words are enough to recognise it.
            return _significant(words(str(name.get("literal", "")), language))[:2]
    return []


def _year(csl: dict[str, Any]) -> str:
    issued = csl.get("issued")
    if isinstance(issued, dict):
        parts = issued.get("date-parts") or [[]]
        if parts and parts[0]:
            year = str(parts[0][0])
            if year.isdigit():
                return year
    return ""


def assign_keys(
    items: list[dict[str, Any]],
    key_format: str = DEFAULT_FORMAT,
    fixed: list[str | None] | None = None,
) -> list[str]:
    """Keys for `items` in order. A `fixed` key (a `.bib` entry's own) is kept as it is;
    of the others, the first of a base key keeps it and later ones get a, b, …"""
    fixed = fixed or [None] * len(items)
    used: set[str] = {key for key in fixed if key}
    keys = []
    for item, own in zip(items, fixed, strict=True):
        if own:
            keys.append(own)
            continue
        base = base_key(item, key_format)
        key = next(candidate for candidate in _candidates(base) if candidate not in used)
        used.add(key)
        keys.append(key)
    return keys


def _candidates(base: str) -> Iterator[str]:
    yield base
    for number in count():
        suffix = ""
        while True:
            number, digit = divmod(number, 26)
            suffix = chr(ord("a") + digit) + suffix
            if number == 0:
                break
            number -= 1
        yield base + suffix
