"""Authors, editors and translators as CSL names.

Western personal names are `{"family", "given"}` (and `suffix` for `Jr.`, `III`), in
either order: `John Smith`, `Smith, John`, `Smith, J.`, `Smith J` (Vancouver),
`Иванов И. И.`. A list is cut at `;`, `,`, `and`, `&`, `、`; inverted names are paired
back (`Holroyd, C.B., and Yeung, N.` is two people). `et al.`, `and others`, `ほか`,
`等`, `外` stand for no person and are dropped (CSL has no "others" name), as are the
dashes that mean "the same author as above" (`———.`) and a leading `Cf.` / `See` /
`Vgl.`. Organisations (`World Health Organization`, `Google Developers Blog`: see
`lexicon.is_organisation`) are `{"literal": …}`.

CJK, Korean and katakana names are `{"literal": …}` too, the convention of the seed
annotations, exports and 前掲 matching (a 前掲 names a person by the whole written
name); `cjk_name` splits one into family and given where the family name is listed,
for callers that want the parts (`parse_names(…, split_cjk=True)`).

A trailing 編 / 主編 / 編著 / `(ed.)` / `(Hrsg.)` makes the names editors;
`（X、Y訳）` / `（X監訳）` names translators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citecheck.citations import lexicon
from citecheck.citations.guarded import Guarded
from citecheck.citations.scripts import EAST_ASIAN, HAN, HANGUL, KANA

#: (The lookahead names a match's first character, which the engine cannot tell itself.)
EDITOR_SUFFIX = re.compile(
    r"(?=[\s編主编監(（,])"
    r"\s*(?:編著|主編|主编|編|编|監修|[(（]\s*(?:eds?|Hrsg|Hg|dir|coord|comp|red|ред)\.?\s*[)）]"
    r"|,\s*eds?\.)\s*$",
    re.I,
)
#: `ed. Jane Doe`, `edited by`, `hrsg. von`, `éd. par`, `под ред.`, `编`: editors after a title.
EDITOR_PREFIX = re.compile(
    r"(?:^|[,，、]\s*)(?:eds?\.?|edited by|hrsg\.(?:\s+v(?:on|\.))?|hg\.(?:\s+v(?:on|\.))?"
    r"|éds?\.(?:\s+par)?|ed\.\s+por|под\s+ред\.|за\s+ред\.|зе\s+ред\.|主?[编編][:：]?|엮음)"
    r"\s*(?P<names>[^,，(（]+?(?:,\s*(?:and|et|y|und|и|і)\s+[^,，(（]+?)?)\s*$",
    re.I,
)
#: `trans. Jane Doe`, `übers. von`, `пер.`: translators named after a title.
TRANSLATOR_PREFIX = re.compile(
    r"(?:^|[,，、]\s*)(?:trans\.?|translated by|übers\.(?:\s+v(?:on|\.))?|trad\.(?:\s+(?:par|de))?"
    r"|пер\.(?:\s+с\s+\S+)?|译|譯|옮김)\s+(?P<names>[^,，(（]+?)\s*$",
    re.I,
)
TRANSLATORS = re.compile(r"[（(]\s*(?P<names>[^（()）]+?)\s*(?:監訳|共訳|訳|譯)\s*[)）]")
ET_AL = re.compile(
    r"[\s,]*(?:"
    + "|".join(re.escape(word) for word in sorted(lexicon.ET_AL_WORDS, key=len, reverse=True))
    + r")\s*$",
    re.I,
)
#: How each of those words ends: a text whose last three characters (spaces stripped)
#: match none of these has no `et al.`, and this test is cheaper than `ET_AL`'s search,
#: which is tried at every character.
_ET_AL_END = re.compile(
    "(?:" + "|".join(re.escape(word[-3:]) for word in lexicon.ET_AL_WORDS) + r")\Z", re.I
)


def drop_et_al(text: str) -> str:
    """`text` without a closing `et al.`, `and others`, `ほか` (see `ET_AL`)."""
    if _ET_AL_END.search(text.rstrip()[-3:]) is None:
        return text
    return ET_AL.sub("", text)


TOPIC_PARTICLE = Guarded(re.compile(r"(?<=[\u3400-\u9fff])\s*(?:は|が)\s*$"), "は", "が")
#: (The lookahead names each separator's first character: without it the engine tries the
#: whole pattern, `\s*` first, at every character of the text.)
NAME_SEPARATORS = re.compile(
    r"(?=[\s、，;,&])"
    r"(\s*(?:、|，|;|,?\s*&\s*|,\s*(?:and|und|et|и)\s+|\s+(?:and|und|et|и|と)\s+|,)\s*)"
)
SIGNAL = re.compile(
    r"^\s*(?:"
    + "|".join(re.escape(word) for word in sorted(lexicon.SIGNALS, key=len, reverse=True))
    + r")(?:(?=[\s,:、，：]|$)|(?<=[\u3040-\u9fff\uac00-\ud7af]))[\s,:、，：]*"
)
#: `———`, `---`, `__`: "the same author as the entry above".
SAME_AUTHOR = re.compile(r"^[\s\-‐‑–—―_.,]+$")
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁІЇЄҐ"
#: `C.B.`, `K. L.`, `J.-P.`, `KL`, `И. И.`: given names written as initials.
INITIALS = re.compile(
    rf"^(?:(?:[{_UPPER}](?:[a-zа-я]{{0,2}}\.|\b)\s*-?\s*){{1,4}}|[{_UPPER}]{{2,3}})$"
)
#: One capitalised word of a name: `Smith`, `O'Brien`, `Smith-Jones`, `Müller`, `Yu.`
NAME_WORD = re.compile(rf"^[{_UPPER}][\w'’.-]*$")


@dataclass
class Names:
    author: list[dict[str, str]] = field(default_factory=list)
    editor: list[dict[str, str]] = field(default_factory=list)
    translator: list[dict[str, str]] = field(default_factory=list)


def parse_names(text: str, *, split_cjk: bool = False) -> Names:
    """Names written before a title: `増田雅之` · `川島真、森聡編` · `A, B, and C`."""
    names = Names()
    text = SIGNAL.sub("", text.strip()).strip().strip(",、，").strip()
    match = TRANSLATORS.search(text)
    if match:
        names.translator = split_names(match.group("names"), split_cjk=split_cjk)
        text = (text[: match.start()] + text[match.end() :]).strip()
    text = TOPIC_PARTICLE.sub("", text)
    if EDITOR_SUFFIX.search(text):
        names.editor = split_names(EDITOR_SUFFIX.sub("", text), split_cjk=split_cjk)
    else:
        names.author = split_names(text, split_cjk=split_cjk)
    return names


def split_names(text: str, *, split_cjk: bool = False) -> list[dict[str, str]]:
    """`A、B` · `A, B, and C` · `Smith, John` · `Smith, J., Jones, K. L., & Brown, A.` ·
    `Lee, H.; Lee, G.` · `King, Martin Luther, Jr.`"""
    text = SIGNAL.sub("", text.strip())
    text = drop_et_al(text.strip().strip(",、，").strip())
    if not text or SAME_AUTHOR.match(text):
        return []
    if not LIST_MARK.search(text) and _is_body(text):
        return [{"literal": text.strip(" .")}]
    split = NAME_SEPARATORS.split(text)  # parts, each followed by the separator after it
    parts: list[str] = []
    by_comma: list[bool] = []  # `Smith, John` may be one name; `Smith and John`, two
    for position in range(0, len(split), 2):
        part = split[position].strip()
        if part.strip(" .") and not SAME_AUTHOR.match(part) and not ET_AL.fullmatch(part):
            after = split[position + 1] if position + 1 < len(split) else ""
            parts.append(part)
            by_comma.append(after.strip() in (",", "，"))
    names: list[dict[str, str]] = []
    index = 0
    while index < len(parts):
        part = parts[index]
        following = parts[index + 1] if index + 1 < len(parts) else None
        if part in lexicon.NAME_SUFFIXES and names and "family" in names[-1]:
            names[-1]["suffix"] = part
        elif (
            following is not None
            and (by_comma[index] or INITIALS.match(following))
            and _inverted_pair(part, following, first=not names)
        ):
            names.append({"family": part, "given": following})
            index += 1
        else:
            names.append(name_item(part, split_cjk=split_cjk))
        index += 1
    return names


#: What makes an organisation's name a list of names: `;`, `、`, ` and `, ` & `.
LIST_MARK = re.compile(r"[;、，]|\s(?:and|&)\s")
DOTTED_INITIALS = re.compile(rf"^(?:[{_UPPER}]\.-?)+$")


def _is_body(name: str) -> bool:
    """An organisation, unless the name is initials and words in capitals
    (`J. P. COLLMAN`): a family name in capitals is no acronym beside initials."""
    if not lexicon.is_organisation(name):
        return False
    words = name.replace(",", " ").split()
    person_shaped = any(DOTTED_INITIALS.match(word) for word in words) and all(
        DOTTED_INITIALS.match(word)
        or (NAME_WORD.match(word) and word not in lexicon.ORGANISATION_WORDS)
        for word in words
    )
    return not person_shaped or lexicon.is_known_source(name)


def _inverted_pair(family: str, given: str, *, first: bool) -> bool:
    """Whether `family, given` is one inverted name: `Smith, J.` · `Holroyd, C.B.` ·
    (first in a list, as Chicago writes it) `Smith, John`."""
    if not _family_like(family):
        return False
    words = given.split()
    shaped = INITIALS.match(given) is not None or (
        first
        and 1 <= len(words) <= 3
        and all(NAME_WORD.match(word) or word in lexicon.NAME_PARTICLES for word in words)
        and given not in lexicon.NAME_SUFFIXES
    )
    return shaped and not _is_body(f"{family} {given}")  # the costly test last


def _family_like(text: str) -> bool:
    """One capitalised word, after any particles: `Smith`, `van Dijk`, `de la Cruz`."""
    words = text.split()
    return (
        bool(words)
        and not EAST_ASIAN.search(text)
        and NAME_WORD.match(words[-1]) is not None
        and not INITIALS.match(words[-1])
        and all(word in lexicon.NAME_PARTICLES for word in words[:-1])
    )


def name_item(name: str, *, split_cjk: bool = False) -> dict[str, str]:
    """One CSL name: family/given for a personal name, else literal."""
    name = drop_et_al(SIGNAL.sub("", name.strip())).strip()
    if EAST_ASIAN.search(name):
        parts = cjk_name(name) if split_cjk else None
        return parts or {"literal": name}
    words = name.split()
    suffix = words.pop() if len(words) > 2 and words[-1] in lexicon.NAME_SUFFIXES else None
    personal = (  # the lexicon's test last: it costs most
        2 <= len(words) <= 5
        and all(word[0].isupper() or word in lexicon.NAME_PARTICLES for word in words)
        and "@" not in name
        and "(" not in name
        and ")" not in name
        and not any(map(str.isdigit, name))
        and not _is_body(name)
    )
    if not personal:
        return {"literal": name}
    item = _western(words)
    if suffix:
        item["suffix"] = suffix
    return item


def _western(words: list[str]) -> dict[str, str]:
    """`John Smith` · `J. Smith` · `Ludwig van Beethoven` · `Smith J` · `Иванов И. И.`"""
    trailing = len(words)
    while trailing > 1 and INITIALS.match(words[trailing - 1]) and words[trailing - 1].isupper():
        trailing -= 1
    if trailing < len(words) and not INITIALS.match(words[0]):
        return {"family": " ".join(words[:trailing]), "given": " ".join(words[trailing:])}
    start = len(words) - 1
    while start > 1 and words[start - 1] in lexicon.NAME_PARTICLES:
        start -= 1
    return {"family": " ".join(words[start:]), "given": " ".join(words[:start])}


def cjk_name(name: str) -> dict[str, str] | None:
    """`増田雅之` → 増田 / 雅之 · `남궁민` → 남궁 / 민 · `習近平` → 習 / 近平: family and given
    where the family name is listed (`lexicon` surnames); None for an organisation, a
    katakana name or a family name nobody listed."""
    name = name.strip()
    if KANA.search(name) or lexicon.is_organisation(name):
        return None
    spaced = re.split(r"[ 　]+", name)
    if len(spaced) == 2:  # 増田 雅之: the writer marked where the family name ends
        return {"family": spaced[0], "given": spaced[1]}
    if not 2 <= len(name) <= 5:
        return None
    if HANGUL.search(name):
        family = lexicon.family_prefix(name, "ko")
    elif HAN.fullmatch(name[0]):
        japanese = lexicon.family_prefix(name, "ja")
        chinese = lexicon.family_prefix(name, "zh") if len(name) <= 4 else None
        # 増田雅之: a two-character Japanese family name beats a one-character Chinese one.
        family = japanese if japanese and len(japanese) >= len(chinese or "") else chinese
    else:
        return None
    return {"family": family, "given": name[len(family) :]} if family else None


#: `Mercier, 341` · `Gauthier et Thomas, 19` · `坂本哲也 と 池田浩, 165`: a later note that
#: names its work by the author alone (Chicago's short form when one work of the author is
#: cited), then the page. No digits, brackets or title marks in the names.
SHORT_FORM = re.compile(
    r"^(?P<names>[^\d,，、()（）「」『』“”«»„‘*:：;]{1,60}?)\s*[,，、]\s*"
    r"(?P<pages>(?:[eERS](?=\d))?\d+(?:\s*(?:--|[-–—~])\s*\d+)?|[ivxlc]{1,7})$"
)


def short_form(text: str) -> tuple[list[dict[str, str]], str] | None:
    """The names and page of a short form `NAMES, PAGE` (see `SHORT_FORM`), or None."""
    match = SHORT_FORM.match(SIGNAL.sub("", text.strip()).rstrip(" ."))
    if match is None:
        return None
    names = split_names(match.group("names"))
    if not names or any(len(_name_text(name).split()) > 4 for name in names):
        return None
    return names, match.group("pages")


def _name_text(name: dict[str, str]) -> str:
    return " ".join(value for value in name.values() if value)
