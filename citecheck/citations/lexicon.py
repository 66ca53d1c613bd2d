"""The one lexicon of the citation parser: sources, months, eras, names and places.

Every rule that needs to know a word (is `Reuters` an outlet, is `März` a month, is
`van` a name particle, is `増田` a family name) asks here; the learned field tagger
reads the same sets for its features. Long lists live as data in `citecheck/data/`:

- `sources.tsv`: known publishers, outlets, agencies, journals, bodies and platforms,
  one `kind<TAB>language<TAB>name` a line;
- `places.tsv`: places of publication, `language<TAB>place`;
- `surnames-ja.txt`, `surnames-ko.txt`, `surnames-zh.txt`: family names, one a line.

Source names are compared folded (simplified Chinese forms, no spaces or punctuation,
casefolded: see `scripts.fold`), so 人民日報 is 人民日报 and `AP News` is `apnews`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from citecheck.citations.scripts import fold


def _words(text: str) -> tuple[str, ...]:
    """Words written as one space-separated string, easier to read than a list of literals."""
    return tuple(text.split())


def _data_lines(name: str) -> list[str]:
    """The non-comment lines of a data file shipped in `citecheck/data/`."""
    text = resources.files("citecheck").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


# --- sources -------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A known source: `kind` is one of SOURCE_KINDS, `language` a BCP-47 primary tag."""

    kind: str
    language: str
    name: str


SOURCE_KINDS = frozenset(
    [
        "government",
        "institute",
        "newspaper",
        "agency",
        "broadcaster",
        "website",
        "publisher",
        "journal",
        "document",
        "think-tank",
        "platform",
        "organisation",
    ]
)


@cache
def all_sources() -> tuple[Source, ...]:
    rows = [line.split("\t") for line in _data_lines("sources.tsv")]
    return tuple(Source(kind, language, name) for kind, language, name in rows)


def sources(*kinds: str, language: str | None = None) -> tuple[str, ...]:
    """Names of the known sources of `kinds` (every kind when none), in `language` if given."""
    return tuple(
        source.name
        for source in all_sources()
        if (not kinds or source.kind in kinds) and (language is None or source.language == language)
    )


@cache
def _sources_by_key() -> dict[str, Source]:
    by_key: dict[str, Source] = {}
    for source in all_sources():
        by_key.setdefault(fold(source.name), source)
    return by_key


def known_source(text: str) -> Source | None:
    """The known source `text` names as a whole (`The Guardian`, 人民日報), or None."""
    key = fold(text)
    return _sources_by_key().get(key) if key else None


def is_known_source(text: str) -> bool:
    return known_source(text) is not None


#: News outlets and agencies, for telling a newspaper article from a web page.
NEWS_KINDS = ("newspaper", "agency", "broadcaster")
#: Words that make an outlet's name a news outlet's (新聞, 통신, `Times`, `Daily`).
NEWS_WORDS = _words(
    "新聞 新闻 新華 新华 網 网 報 报 通信 通訊 電視 电视 放送 テレビ 뉴스 신문 방송 통신"
    " News Times Gazet Gazette Daily Herald Tribune Telegraph Press Post"
)
#: Words that make an author a news agency or paper (`조선중앙통신「…」`, `JTBC News`).
NEWS_AGENCY_WORDS = _words("통신 뉴스 신문 방송 新聞 通信 News")
PLATFORMS = frozenset(sources("platform"))


# --- dates ---------------------------------------------------------------------------


def _months(*rows: str) -> dict[str, int]:
    """Month names, one row per month, each row the month's names and abbreviations."""
    return {name: number for number, row in enumerate(rows, start=1) for name in row.split()}


#: Month names and abbreviations (lower case, without the abbreviation's full stop) in
#: English, Spanish, German, French, Russian and Ukrainian (nominative and genitive:
#: `5 марта 2024 г.`, `22 березня 2024 р.`).
MONTHS = _months(
    "january jan enero ene januar jän jänner janvier janv январь января янв січень січня січ",
    "february feb febrero februar feber février févr fevrier февраль февраля фев лютий лютого",
    "march mar marzo märz mär mrz maerz mars март марта мар березень березня",
    "april apr abril avril avr апрель апреля апр квітень квітня",
    "may mayo mai май мая травень травня",
    "june jun junio juni juin июнь июня червень червня",
    "july jul julio juli juillet juil июль июля липень липня",
    "august aug agosto août aout август августа авг серпень серпня",
    "september sep sept septiembre setiembre septembre сентябрь сентября сен вересень вересня",
    "october oct octubre oktober okt octobre октябрь октября окт жовтень жовтня",
    "november nov noviembre novembre ноябрь ноября ноя листопад листопада",
    "december dec diciembre dezember dez décembre déc decembre декабрь декабря дек грудень грудня",
)
#: Seasons as CSL numbers them (1 spring … 4 winter).
SEASONS = {
    "spring": 1, "summer": 2, "fall": 3, "autumn": 3, "winter": 4,
    "primavera": 1, "verano": 2, "otoño": 3, "invierno": 4,
    "frühjahr": 1, "frühling": 1, "sommer": 2, "herbst": 3,
    "printemps": 1, "été": 2, "automne": 3, "hiver": 4,
}  # fmt: skip
#: Japanese era names and the Gregorian year of each one's first year (元年).
ERAS = {"令和": 2019, "平成": 1989, "昭和": 1926, "大正": 1912, "明治": 1868}
#: What a reference writes for "no date".
UNDATED = ("n.d.", "n. d.", "o.J.", "o. J.", "s.f.", "s. f.", "s.d.", "б.г.", "б. г.", "без даты")


def month_number(word: str) -> int | None:
    """`März` → 3, `марта` → 3, `Sept.` → 9; None for a word that is no month."""
    return MONTHS.get(word.lower().rstrip("."))


# --- names ---------------------------------------------------------------------------

#: `St.` (Saint) before a family name: `Ruth St. Denis`. Kept apart from the particles
#: for the tagger, whose tokens split `21st` into `21` `st`.
SAINT_WORDS = frozenset(_words("st st."))
#: Lower-case words inside Western family names: `Ludwig van Beethoven`, `de la Cruz`.
NAME_PARTICLES = (
    frozenset(
        _words(
            "van von de der den del della delle di da das dos du des la le ten ter zu bin ibn"
            " al el y"
        )
    )
    | SAINT_WORDS
)
#: Gaelic patronymic prefixes when written apart (`Mac Donald`, `Mc Carthy`): part of the
#: family name to the tagger, never a particle to drop.
NAME_PREFIXES = frozenset(_words("mac mc"))
#: Generational suffixes: `King, Martin Luther, Jr.` has one author with suffix `Jr.`.
NAME_SUFFIXES = frozenset(_words("Jr Jr. Sr Sr. II III IV Jun. Sen."))
#: Words that make a name an organisation's (`World Health Organization`, `Google
#: Developers Blog`, `U.S. Department of Defense`).
ORGANISATION_WORDS = frozenset(
    _words(
        "Commission Ministry Department Institute Council Committee Center Centre Mission"
        " Office Agency Government Union Organisation Organization News University Club"
        " Summit Team Forum Press Association Nations Assembly Declaration Federation"
        " Research Service Group Bank Parliament Congress House Times Post Foundation"
        " Program Programme Secretariat Staff Corporation Company Inc Ltd LLC Institution"
        " Academy Society Bureau Administration Authority Party Embassy Network Media Blog"
        " Developers Project Initiative Coalition Alliance Board Laboratory Library Museum"
        " Archives Trust Fund Court Navy Army Force Forces Command Agency Associates"
        " Partners Consortium School College Hospital Observatory Monitor Watch Magazine"
        " Journal Review Daily Weekly Broadcasting Radio Television Channel Wikipedia"
        " Google Microsoft Amazon Apple Meta OpenAI Reuters Ministerium Bundesamt Verlag"
        " Stiftung Institut Gesellschaft Universität Ministère Organisation Comité"
        " Institución Ministerio Gobierno"
    )
)
#: A whole word (a run of word characters) that is an acronym of three or more capitals
#: (`[A-Z]{3,}`) names a body too, unless it is a Roman numeral; so do `U.S.`, `U.K.`, `E.U.`.
ROMAN_ACRONYMS = frozenset(("III", "VII", "VIII", "XII"))
#: (The lookahead names a match's first letter: a pattern opening with `\b` is otherwise
#: tried whole at every character.)
INITIALS_BODY = re.compile(r"(?=[UE])\b(?:U\.\s?S|U\.\s?K|E\.\s?U)\.")
WORD = re.compile(r"\w+")
#: Han-script endings of a body's name: 防衛省, 国防部, 新華社, 研究所, 委員会.
CJK_ORGANISATION_MARKS = re.compile(
    r"(?:省|部|庁|厅|廳|局|院|会|會|社|所|館|馆|団|团|党|黨|府|軍|军|大学|大學|協会|委員会"
    r"|委员会|政府|新聞|新闻|日報|日报|通信|센터|부|청|원|회|당|대학교?|연구소|신문|방송)$"
)
#: Words for "and others" that stand for no person: CSL has no "others" name.
ET_AL_WORDS = (
    "et al.",
    "et al",
    "and others",
    "u. a.",
    "u.a.",
    "и др.",
    "та ін.",
    "ほか",
    "他",
    "外",
    "等",
    "외",
)
#: Words before a citation that belong to neither name nor title: `Cf.`, `See`, `Vgl.`.
SIGNALS = ("Cf.", "cf.", "See also", "See", "see also", "see", "Vgl. dazu", "Vgl.", "vgl.",
           "Siehe auch", "Siehe", "S.a.", "Voir aussi", "Voir", "Véase también", "Véase",
           "См. также", "См.", "Ср.", "Див. також", "Див.", "Пор.", "参照", "参看", "参见",
           "參見", "详见", "詳見", "たとえば", "例えば", "詳しくは", "참조", "예컨대",
           "자세한 내용은")  # fmt: skip


def is_organisation(name: str) -> bool:
    """Whether `name` names a body, not a person: a known source, an organisation word,
    an acronym or a Han body ending."""
    name = name.strip()
    return bool(
        is_known_source(name) or _has_organisation_word(name) or CJK_ORGANISATION_MARKS.search(name)
    )


def _has_organisation_word(name: str) -> bool:
    """An organisation word or an acronym as a whole word (`\\bWord\\b`), or `U.S.`: words
    looked up in a set, which one regex alternation of every word is much slower at."""
    for word in WORD.findall(name):
        if word in ORGANISATION_WORDS or _is_acronym(word):
            return True
    return INITIALS_BODY.search(name) is not None


def _is_acronym(word: str) -> bool:
    """`[A-Z]{3,}`, not a Roman numeral."""
    return (
        len(word) >= 3
        and word.isascii()
        and word.isalpha()
        and word.isupper()
        and word not in ROMAN_ACRONYMS
    )


@cache
def _surnames(name: str) -> tuple[str, ...]:
    """Family names from a data file, the longest first (so 欧阳 is tried before 欧)."""
    return tuple(sorted(_data_lines(name), key=len, reverse=True))


def surnames_ja() -> frozenset[str]:
    return frozenset(_surnames("surnames-ja.txt"))


def surnames_ko() -> frozenset[str]:
    return frozenset(_surnames("surnames-ko.txt"))


def surnames_zh() -> frozenset[str]:
    return frozenset(_surnames("surnames-zh.txt"))


def family_prefix(name: str, language: str) -> str | None:
    """The longest listed family name of `language` ("ja", "ko", "zh") `name` starts with,
    leaving at least one character of given name; None when none is listed."""
    files = {"ja": "surnames-ja.txt", "ko": "surnames-ko.txt", "zh": "surnames-zh.txt"}
    return next(
        (
            family
            for family in _surnames(files[language])
            if name.startswith(family) and len(name) > len(family)
        ),
        None,
    )


# --- places and publishers -----------------------------------------------------------


@cache
def _places() -> tuple[tuple[str, str], ...]:
    return tuple(
        (language, place)
        for language, place in (line.split("\t") for line in _data_lines("places.tsv"))
    )


def places(language: str | None = None) -> tuple[str, ...]:
    """Places of publication (`東京`, `北京`, `Berlin`), of `language`'s country if given."""
    return tuple(place for lang, place in _places() if language is None or lang == language)


PLACES = frozenset(places())
#: Words in a publisher's name: `Oxford University Press`, `Springer Verlag`, 人民出版社.
PUBLISHER_WORDS = frozenset(
    _words(
        "Press Verlag Publishing Publishers Publications Books Editions Éditions"
        " Editorial Ediciones Издательство Видавництво"
        " 出版社 出版会 书局 書局 書店 书店 印书馆 出版 출판 출판사"
    )
)
