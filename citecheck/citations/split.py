"""Split a note into citations and commentary.

A note is cut at `；` / `;` (not between the names of one author list) and into
sentences (`。`, or `. ` before Japanese prose, after a year, a `<URL>` or a bare URL),
never inside brackets. A sentence is commentary when
it reads as prose: kana particles outside its titles, or English function words outside
its quotations and emphasis with no link, date or page. A prose sentence can still carry
a citation (`…については、増田雅之「…」『東亜』第696号…頁を参照。`, or a citation in
parentheses); that citation is cut out and the sentence kept whole as commentary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from typing import Literal

from citecheck.citations.backrefs import find_reference
from citecheck.citations.brackets import (
    MARKS,
    depth_map,
    outside_titles,
    split_top_level,
    top_level_spans,
)
from citecheck.citations.dates import DIGIT, find_dates, is_undated
from citecheck.citations.guarded import Guarded
from citecheck.citations.imprints import parse_imprint, unmarked_book_title
from citecheck.citations.locators import find_pages, find_un_symbol
from citecheck.citations.names import short_form, split_names
from citecheck.citations.scripts import EAST_ASIAN, HIRAGANA
from citecheck.citations.text import strip_markup
from citecheck.citations.urls import doi_spans, find_doi, find_urls

DOI_SEMICOLON = "\ue000"  # a private-use character no note contains
#: Kana that are no prose: `ほか` (et al.), a `と` set off by spaces between names (`A と B`).
NOT_PROSE_KANA = re.compile(r"ほか|(?<=\s)と(?=\s)")
AUTHOR_STOP = set("、，,。;；:：(（)）「」『』“”«»") | {"\t"}
#: `. ` inside a citation, before these, does not end it (`…1–18. doi:10…`, `Retrieved …`).
SENTENCE_PERIOD = re.compile(
    r"\.\s+(?!(?:Retrieved|Accessed|Archived|Last accessed|Viewed|doi|DOI|ISBN|ISSN|pp?\.)"
    r"(?:\b|:)|https?://)"
)
#: English function words: many of them outside quotations and emphasis make prose.
ENGLISH_FUNCTION_WORDS = (
    "the", "a", "an", "of", "and", "to", "in", "is", "was", "were", "are", "by", "that",
    "this", "for", "with", "on", "as", "it", "its", "not", "but", "which", "has", "have",
    "had", "be", "been", "see", "also",
)  # fmt: skip
ENGLISH_PROSE_WORDS = re.compile(r"\b(?:" + "|".join(ENGLISH_FUNCTION_WORDS) + r")\b", re.I)
_FUNCTION_WORD_SET = frozenset(ENGLISH_FUNCTION_WORDS)
_LONGEST_FUNCTION_WORD = max(map(len, ENGLISH_FUNCTION_WORDS))
WORD_RUN = re.compile(r"\w+")


#: A list label alone (`1.`, `12)`, `(3)`, `[4]`): opening a note, the note's number typed
#: again, not commentary (the tagger reads a label joined to a citation as `other`).
LIST_LABEL = re.compile(r"\s*(?:\[\d{1,4}\]|\(\d{1,4}\)|\d{1,3}[.)])\s*")


@dataclass(frozen=True)
class Segment:
    kind: Literal["citation", "commentary"]
    text: str


def split_note(text: str) -> list[Segment]:
    """The note's citations and commentary sentences, in reading order, without the
    Markdown escapes and pandoc spans of the note (`text.strip_markup`)."""
    segments: list[Segment] = []
    for piece in citation_pieces(strip_markup(text)):
        body = clean_citation(piece)
        if (reference_head(body) or east_asian_head(body)) and looks_cited(body):
            # A reference-list entry: its `. ` parts (title, journal, `Retrieved …`) are
            # fields, and its title's words are no prose.
            segments.append(Segment("citation", body))
            continue
        opened = len(segments)
        for sentence in sentences(piece):
            for segment in classify(sentence):
                if len(segments) > opened and _closes_citation(segments[-1], segment):
                    segments[-1] = Segment("citation", f"{segments[-1].text}. {segment.text}")
                else:
                    segments.append(segment)
    if segments and segments[0].kind == "commentary" and LIST_LABEL.fullmatch(segments[0].text):
        del segments[0]
    return segments


def _closes_citation(before: Segment, segment: Segment) -> bool:
    """`…, edited by 许婷婷, 208–19. 北京: 社会科学文献出版社, 2019`: a bare imprint (no
    bracket, quote or emphasis) after a citation, the sentence cut after its pages, is
    that citation's, not a work of its own."""
    if before.kind != "citation" or segment.kind != "citation" or MARKS.search(segment.text):
        return False
    imprint = parse_imprint(segment.text)
    return imprint is not None and imprint[0] is not None


#: Where the names opening a reference-list entry may end: a full stop (`Devitt, Terry.`,
#: `Doe, J.`, but not `J.` of `J. Smith`), or a year (`Auton, L. (1993)`, `Souza, C. S. 1990.`).
#: (The lookahead names a match's first character: without it the engine tries each
#: branch at every character.)
HEAD_END = re.compile(
    r"(?=[.\s(（])(?:(?P<initial>(?<=\b[A-Z])|(?<=\b[A-Z][a-z]))?\.\s(?![A-Z]\.)"
    r"|\s*[(（]\s*(?:1[5-9]|20)\d\d|\s(?:1[5-9]|20)\d\d[a-z]?[.,])"
)
#: `…, C. S` · `…, N`: names ending in an inverted name's initials.
INVERTED_INITIALS = re.compile(r",\s*(?:[A-Z][a-z]?\.\s*-?\s*)*[A-Z][a-z]?$")


#: `Clem, Ralph S., and Joseph D. Olander, eds.`: the names of editors.
EDITORS_MARK = Guarded(re.compile(r",?\s*[(（]?\s*eds?\s*[)）]?$", re.I), "ed", lower=True)


def reference_head(text: str) -> re.Match[str] | None:
    """Where the names end when `text` opens as an entry of a reference list does: Western
    personal names closed by a full stop or a year (`Crawford, J., & Auton, L. (1993).` ·
    `Scott, D., and de Souza, C. S. 1990.` · `Robert A. Ballance, and Karl J. Ottenstein.
    Title`), not by the comma of a note (`John Smith, *Title*`). None otherwise."""
    if EAST_ASIAN.search(text[:40]):
        return None
    for match in HEAD_END.finditer(text[:200]):
        head = EDITORS_MARK.sub("", text[: match.start()].strip())
        if match.group("initial") is not None and not INVERTED_INITIALS.search(head):
            continue  # the initial of a given name written first: `J. Smith`
        if head and not _names_only(head):
            continue
        return match if head else None
    return None


#: A name in CJK script opening an author-date entry: no space, digit or punctuation.
EAST_ASIAN_NAME = r"[^\s\d,，、。.:：;；(（)）「」『』“”*\[\]]{2,20}"
#: `加藤秀樹, 2022. 題名…` · `国立国会図書館 (2021) *題名*…` · `藤田誠、橋本拓也, 2016. …`: the
#: names and the year opening a reference-list entry in CJK script.
EAST_ASIAN_HEAD = re.compile(
    rf"^(?P<names>{EAST_ASIAN_NAME}(?:\s*[、，,・]\s*{EAST_ASIAN_NAME}){{0,9}})\s*"
    r"(?:[,，、.]\s*(?:1[5-9]|20)\d\d[a-z]?[.,，。]|[(（]\s*(?:1[5-9]|20)\d\d[a-z]?\s*[)）][.,，。]?)"
    r"\s*(?P<rest>\S.*)$"
)


def east_asian_head(text: str) -> re.Match[str] | None:
    """Names in CJK script and a year opening an entry of a reference list, the rest of
    which is the work (`加藤秀樹, 2022. *海上交易をめぐる諸問題*. 修士論文. 国立: 一橋大学`),
    not the next citation of a note (`加藤, 2022. 同上, 5`). None otherwise."""
    match = EAST_ASIAN_HEAD.match(text)
    if match is None or not EAST_ASIAN.search(match.group("names")):
        return None
    names, rest = match.group("names"), match.group("rest")
    if find_reference(names) or find_reference(rest) or short_form(rest) or prose_kana(rest) >= 3:
        return None
    return match


def citation_pieces(text: str) -> list[str]:
    """`text` cut at `；` / `;` outside brackets, except where the `;` separates the
    names of one author list (`Lee, H.; Lee, G.; Cho, M. (2020). Title…`)."""
    if ";" not in text and "；" not in text and DOI_SEMICOLON not in text:
        return [text]  # nothing to cut at
    pieces: list[str] = []
    # A `;` inside a DOI (`…3.0.CO;2-P`) cuts nothing: hide it while the note is cut.
    masked = list(text)
    for start, end in doi_spans(text):
        for index in range(start, end):
            if masked[index] == ";":
                masked[index] = DOI_SEMICOLON
    for piece in split_top_level("".join(masked), "；;"):
        piece = piece.replace(DOI_SEMICOLON, ";")
        if pieces and (_names_only(pieces[-1]) or _name_list_runs_on(pieces[-1], piece)):
            pieces[-1] += ";" + piece
        else:
            pieces.append(piece)
    return pieces


#: `梁佳怡` · `김나래`: a Chinese or Korean personal name (2-4 characters).
CJK_PERSONAL_NAME = r"[\u4e00-\u9fff\uac00-\ud7af]{2,4}"
#: `Dale, R.` · `趙偉`: a name in a list of editors or authors cut at its `;`.
LISTED_NAME = rf"(?:[A-Z][\w'’-]+,\s*(?:[A-Z][a-z]?\.\s*-?\s*)+|{CJK_PERSONAL_NAME})"
ENDS_WITH_NAME = re.compile(rf"(?:^|[.,:;]\s|\b[Ii]n:?\s)\s*{LISTED_NAME}$")
STARTS_WITH_NAME = re.compile(
    rf"^\s*(?:and\s+|&\s*)?{LISTED_NAME}(?:[,;]|\s*$|\s+eds?\.|\s*[(（](?:Hrsg|eds?|编|編))"
)


def _name_list_runs_on(before: str, after: str) -> bool:
    """`…In Dale, R.` ; `Mellish, C.; and Zock, M., eds., …` · `… In: 趙偉 ; 林麗華 (Hrsg.):`:
    a `;` inside a list of editors or authors that follows a title."""
    return bool(ENDS_WITH_NAME.search(before.strip()) and STARTS_WITH_NAME.match(after))


#: `梁佳怡` · `梁佳怡 ; 杨国栋` · `김나래`: Chinese or Korean personal names only.
EAST_ASIAN_NAMES = re.compile(rf"^{CJK_PERSONAL_NAME}(?:\s*[;；、,，]\s*{CJK_PERSONAL_NAME})*$")


def _names_only(text: str) -> bool:
    """Text that is nothing but personal names: `Lee, H.` · `Lee, H.; Lee, G.` · `梁佳怡`"""
    text = text.strip()
    if EAST_ASIAN_NAMES.match(text):
        return find_reference(text) is None  # `同上` is no name
    # Names hold no digit; a date, a page or a URL that would rule them out mostly does.
    if not text or len(text) > 120 or EAST_ASIAN.search(text) or DIGIT.search(text):
        return False
    if find_dates(text) or find_urls(text) or any(s.is_title for s in top_level_spans(text)):
        return False
    names = split_names(text)
    return bool(names) and all("family" in name for name in names)


CJK_FULL_STOP = re.compile("。")


def sentences(text: str) -> list[str]:
    """Sentences of `text`, each with its closing mark, cut only outside brackets."""
    depths = depth_map(text)
    url_ends = {url.end for url in find_urls(text)}
    date_spans = [(date.start, date.end) for date in find_dates(text)]
    stops = (match.start() for match in CJK_FULL_STOP.finditer(text))  # not every character
    cuts = [index + 1 for index in stops if depths[index] == 0]
    for match in SENTENCE_PERIOD.finditer(text):
        index = match.start()
        if depths[index] or index == 0 or any(a < index < b for a, b in date_spans):
            continue  # not inside brackets, nor after the day of `5. März 2024`
        before = text[:index].rstrip()[-1:]
        after = text[match.end() : match.end() + 1]
        ends_url = index in url_ends
        japanese_follows = EAST_ASIAN.match(after) and HIRAGANA.search(text[match.end() :][:40])
        if japanese_follows or (after and (before.isdigit() or before == ">" or ends_url)):
            cuts.append(index + 1)
    pieces, last = [], 0
    for cut in sorted(set(cuts)):
        pieces.append(text[last:cut])
        last = cut
    pieces.append(text[last:])
    return [piece.strip() for piece in pieces if piece.strip(" 　。.")]


def prose_kana(text: str) -> int:
    """Hiragana outside titles: particles and verb endings, the mark of a sentence of prose."""
    if HIRAGANA.search(text) is None:
        return 0
    return len(HIRAGANA.findall(NOT_PROSE_KANA.sub("", outside_titles(text))))


def is_prose(text: str) -> bool:
    """Japanese with kana particles, or English with many function words outside its
    quotations and emphasis and no link, date or page: a phrase quoted or stressed in a
    sentence of commentary is no title."""
    kana = prose_kana(text)
    if kana >= 3 or (kana >= 1 and not looks_cited(text, strict=True)):
        return True
    if find_urls(text) or find_doi(text):
        return False
    words = prose_word_count(outside_titles(text))
    if not any(span.is_title for span in top_level_spans(text)):
        # fewer than 3 cues: the search stops at the third
        return words >= 5 and len(list(islice(CITATION_CUES.finditer(text), 3))) < 3
    return words >= 5 and not find_dates(text) and not find_pages(text)


def prose_word_count(text: str) -> int:
    """How many matches of `ENGLISH_PROSE_WORDS` `text` holds. Each match is a whole word,
    so the words are looked up one by one (an ASCII word in a set, where case-insensitive
    matching is plain lower-casing; any other through the pattern): the pattern's search,
    tried at every character, costs several times more."""
    return sum(
        1
        for word in WORD_RUN.findall(text)
        if len(word) <= _LONGEST_FUNCTION_WORD
        and (
            word.lower() in _FUNCTION_WORD_SET
            if word.isascii()
            else ENGLISH_PROSE_WORDS.fullmatch(word) is not None
        )
    )


#: What a reference string has and a sentence of prose seldom does: initials (`D.`,
#: `Smith JJ,`), years, page ranges, `pp.`, `vol.`, `no.`, `In:`, `et al.`, `eds.`.
CITATION_CUES = re.compile(
    r"\b[A-Z]\.(?=[\s,A-Z-])|\b[A-Z][a-z]+ [A-Z]{1,3}(?=[,.])|(?<!\d)(?:1[5-9]|20)\d\d[a-z]?(?!\d)"
    r"|\b\d+\s*[-–]\s*\d+\b|\b(?:pp?|vol|no|eds?|Proc|Conf|J)\.|\bIn:|\bet al\b"
)


#: A page named in a CJK note (`50頁`, `ページ 190`, `页 332`, `284쪽`).
PAGE_WORDS = re.compile(r"頁|ページ|页|쪽")


def looks_cited(text: str, *, strict: bool = False) -> bool:
    """Has the marks of a citation: a title, a URL, a UN symbol or (not strict) a date."""
    if find_doi(text):
        return True
    urls = find_urls(text)
    if urls or any(span.is_title for span in top_level_spans(text)):
        return not strict or bool(urls or find_dates(text) or PAGE_WORDS.search(text))
    if find_un_symbol(text) or unmarked_book_title(text):
        return True
    return not strict and bool(find_dates(text) or is_undated(text))


def classify(sentence: str) -> list[Segment]:
    body = clean_citation(sentence)
    prose = is_prose(body)
    if not prose and (find_reference(body) or looks_cited(body) or short_form(body)):
        return [Segment("citation", body)]
    if prose:
        cited = embedded_citations(body)
        return [*(Segment("citation", text) for text in cited), Segment("commentary", sentence)]
    return [Segment("commentary", sentence)]


def clean_citation(text: str) -> str:
    return text.strip().rstrip("。.．").strip()


def embedded_citations(sentence: str) -> list[str]:
    """Citations inside a prose sentence: `AUTHOR「TITLE」…` with a tail, or a cited (…)."""
    found: list[str] = []
    resume = 0
    for span in top_level_spans(sentence):
        if span.start < resume:
            continue
        if span.opener in "（(":
            inner = span.inner(sentence).strip()
            if (not is_prose(inner) and looks_cited(inner, strict=True)) or find_un_symbol(inner):
                found.append(clean_citation(inner))
                resume = span.end
            continue
        if not span.is_title:
            continue
        start = _author_start(sentence, span.start)
        author = sentence[start : span.start].strip()
        end = _citation_end(sentence, span.end)
        rest = sentence[span.end : end]
        container_next = re.match(r"\s*[『*]", rest)
        if container_next or (author and looks_cited(rest, strict=False)):
            found.append(clean_citation(sentence[start:end].strip(" 、,")))
            resume = end
    return found


def _author_start(text: str, index: int) -> int:
    while index > 0 and text[index - 1].isspace():
        index -= 1
    while index > 0 and text[index - 1] not in AUTHOR_STOP and not text[index - 1].isspace():
        if HIRAGANA.match(text[index - 1]):
            break
        index -= 1
    return index


def _citation_end(text: str, index: int) -> int:
    """Where a citation that runs on from `index` stops: prose, an unmatched `)`, `。`."""
    depths = depth_map(text)
    while index < len(text):
        char = text[index]
        if depths[index] == 0 and (HIRAGANA.match(char) or char in "。)）;；"):
            break
        index += 1
    return index
