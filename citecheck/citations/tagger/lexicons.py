"""Word lists the tagger's features look tokens up in (lower-cased).

Months, seasons, eras and name particles come from the one lexicon
(`citecheck.citations.lexicon`); the rest are one-token cue words of the tagger's own (a
place's words `new`, `york`, a publisher's `wiley`), which the lexicon's whole names do not
give. Each list is a class name → set of words; a token gets one feature per class it is in.
"""

from __future__ import annotations

from citecheck.citations.lexicon import (
    ERAS,
    MONTHS,
    NAME_PARTICLES,
    NAME_PREFIXES,
    SAINT_WORDS,
    SEASONS,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.lower().split())


LEXICONS: dict[str, frozenset[str]] = {
    "month": frozenset(MONTHS),
    "era": frozenset(ERAS) | frozenset("令平昭大明"),
    "date_unit": frozenset(["年", "月", "日", "년", "월", "일", "г", "р"]),
    "season": frozenset(SEASONS),
    "particle": (NAME_PARTICLES - SAINT_WORDS) | NAME_PREFIXES,
    "and": _words("and & und et y e и і та ve och og"),
    "etal": _words("al others ほか 他 외 等 др"),
    "editor": _words(
        "ed eds ed. eds. editor editors edited hrsg hrsg. herausgegeben coord coords dir dirs"
        " éd éds ред редактор под 編 主編 主编 编 編著 監修 엮음 편"
    ),
    "translator": _words(
        "trans transl translated translator übers übersetzt trad traduit пер 訳 譯 译 옮김"
    ),
    "in": _words("in in: dans en в у"),
    "page": _words("p pp s ss pages page pag с сс стр 頁 页 쪽 면"),
    "volume": _words("vol vols volume bd band t tome т том 巻 卷 권"),
    "issue": _words("no nos nr num number issue heft н вып 号 期 호"),
    "edition": _words("edn ed edition aufl auflage éd изд 版 판"),
    "access": _words(
        "retrieved accessed available viewed consulted abgerufen consulté consultado"
        " 閲覧 アクセス 검색"
    ),
    "from_at": _words("from at on online url doi"),
    "thesis": _words(
        "thesis dissertation phd ph.d master's masters diss doctoral tesis thèse диссертация"
        " 博士 修士"
    ),
    "report": _words("report technical tech working paper memo memorandum preprint"),
    "conference": _words(
        "proceedings proc conference conf symposium workshop congress meeting annual"
    ),
    "journal_word": _words(
        "journal review letters bulletin annals quarterly transactions magazine studies research"
        " phys rev lett chem soc am j int acta sci nat natl acad"
    ),
    "publisher_word": _words(
        "press university verlag publishers publishing publisher books editions éditions editorial"
        " inc ltd co company wiley springer elsevier routledge sage mit oxford cambridge"
        " 出版社 出版 書店 書房 社 出版会 출판사 издательство"
    ),
    "place": _words(
        "new york london paris berlin boston cambridge oxford chicago washington amsterdam tokyo"
        " beijing shanghai seoul moscow kyiv madrid barcelona frankfurt münchen munich leipzig"
        " wien vienna zürich geneva princeton berkeley philadelphia toronto sydney singapore"
        " heidelberg stuttgart hamburg lyon rome milano milan dordrecht hoboken thousand oaks"
        " 東京 北京 上海 京都 大阪 서울 москва киев київ ny ma ca uk usa"
    ),
    "backref": _words("ibid ibid. ibidem id op cit 同上 同前 同右 前掲 上掲 там же"),
    "quote_word": _words("see cf vgl compare also"),
}


def _classes_by_word() -> dict[str, tuple[str, ...]]:
    by_word: dict[str, list[str]] = {}
    for name, words in LEXICONS.items():
        for word in words:
            by_word.setdefault(word, []).append(name)
    return {word: tuple(names) for word, names in by_word.items()}


#: Each word of the lists → its classes, in the order of `LEXICONS` (one lookup a token).
_CLASSES = _classes_by_word()


def classes_of(lower: str) -> tuple[str, ...]:
    """The lexicon classes a lower-cased token belongs to, in the order of `LEXICONS`."""
    return _CLASSES.get(lower, ())


#: First words of abbreviated journal titles (ISO 4 forms: `Am.`, `Helv.`, `Eur.`), for
#: telling a journal's opening from the last author's name (`abbreviations.py`); more
#: than the `journal_word` features know, and not a feature class of the model's.
JOURNAL_ABBREVIATIONS = LEXICONS["journal_word"] | _words(
    "acc adv ann appl astron astrophys biochem biol br can clin commun comput curr ecol eur"
    " exp geophys helv ieee ind inorg jpn math mater mech med mol neurosci nucl opt org"
    " phil physiol polym proc psychol q rep res theor trans z"
)
