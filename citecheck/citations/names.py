"""Authors, editors and translators as CSL names.

CJK, Korean and katakana names and every organisation are `{"literal": …}`; Western
personal names are `{"family", "given"}`. A trailing 編 / 主編 / 編著 makes the names
editors; `（X、Y訳）` / `（X監訳）` names translators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citecheck.citations.scripts import EAST_ASIAN

EDITOR_SUFFIX = re.compile(r"\s*(?:編著|主編|主编|編|编|監修)\s*$")
TRANSLATORS = re.compile(r"[（(]\s*(?P<names>[^（()）]+?)\s*(?:監訳|共訳|訳|譯)\s*[)）]")
ET_AL = re.compile(r"\s*(?:ほか|他|외|等|et al\.?|и др\.)\s*$", re.I)
TOPIC_PARTICLE = re.compile(r"(?<=[\u3400-\u9fff])\s*(?:は|が)\s*$")
NAME_SEPARATORS = re.compile(r"\s*(?:、|，|;|,\s*and\s+|\s+and\s+|,)\s*")
ORGANISATION_WORDS = re.compile(
    r"\b(?:Commission|Ministry|Department|Institute|Council|Committee|Cent(?:er|re)|Mission|"
    r"Office|Agency|Government|Union|Organi[sz]ation|News|University|Club|Summit|Team|Forum|"
    r"Press|Association|Nations|Assembly|Declaration|Federation|Research|Service|Group|Bank|"
    r"Parliament|Congress|House|Times|Post|Foundation|Program(?:me)?|Secretariat|Staff|"
    r"Corporation|Company|Inc|Ltd|LLC|Institution|Academy|Society|Bureau|Administration|"
    r"Authority|Party|Embassy|Network|Media)\b"
    r"|\b(?!(?:II|III|IV|VI|VII|VIII|IX|XI|XII)\b)[A-Z]{3,}\b"
)


@dataclass
class Names:
    author: list[dict[str, str]] = field(default_factory=list)
    editor: list[dict[str, str]] = field(default_factory=list)
    translator: list[dict[str, str]] = field(default_factory=list)


def parse_names(text: str) -> Names:
    """Names written before a title: `増田雅之` · `川島真、森聡編` · `A, B, and C`."""
    names = Names()
    text = text.strip().strip(",、，").strip()
    match = TRANSLATORS.search(text)
    if match:
        names.translator = split_names(match.group("names"))
        text = (text[: match.start()] + text[match.end() :]).strip()
    text = TOPIC_PARTICLE.sub("", text)
    if EDITOR_SUFFIX.search(text):
        names.editor = split_names(EDITOR_SUFFIX.sub("", text))
    else:
        names.author = split_names(text)
    return names


INVERTED = re.compile(
    r"^(?P<family>[A-Z][\w'’-]+),\s*(?P<given>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)$"
)


def split_names(text: str) -> list[dict[str, str]]:
    """`A、B` · `A, B, and C` · `Smith, John` (one inverted name) · `Smith, J.; Doe, A.`"""
    text = ET_AL.sub("", text.strip().strip(",、，").strip())
    parts = text.split(";") if ";" in text else [text]
    names: list[dict[str, str]] = []
    for part in parts:
        inverted = INVERTED.match(part.strip())
        if inverted and not ORGANISATION_WORDS.search(part):
            names.append({"family": inverted.group("family"), "given": inverted.group("given")})
            continue
        names.extend(name_item(name) for name in NAME_SEPARATORS.split(part) if name.strip(" ."))
    return names


def name_item(name: str) -> dict[str, str]:
    """One CSL name: family/given for a Western personal name, else literal."""
    name = ET_AL.sub("", name.strip())
    words = name.split()
    personal = (
        2 <= len(words) <= 5
        and not EAST_ASIAN.search(name)
        and not ORGANISATION_WORDS.search(name)
        and all(word[0].isupper() for word in words)
        and not any(char.isdigit() or char in "@()" for char in name)
    )
    if not personal:
        return {"literal": name}
    return {"family": words[-1], "given": " ".join(words[:-1])}
