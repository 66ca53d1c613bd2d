"""Made-up CSL-JSON items in the languages citecheck's users cite, from `training/vocab/`.

Each language's vocabulary (names, title templates, journals, publishers with their places,
newspapers, web sites, universities, …) is a JSON data file; this module only combines them.
Everything is drawn from one `random.Random`, so a seed gives the same items every time.
"""

from __future__ import annotations

import json
import random
import string
from functools import cache
from pathlib import Path

VOCAB_DIR = Path(__file__).with_name("vocab")

LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "ru", "uk", "ja", "ko", "zh-CN", "zh-TW")
ITEM_TYPES: tuple[str, ...] = (
    "article-journal", "book", "chapter", "article-newspaper", "webpage", "report", "thesis",
    "paper-conference",
)

Vocab = dict[str, list]


@cache
def vocabulary(language: str) -> Vocab:
    with (VOCAB_DIR / f"{language}.json").open(encoding="utf-8") as handle:
        return json.load(handle)


# --- names ------------------------------------------------------------------------------

def _person(rng: random.Random, vocab: Vocab) -> dict:
    style = vocab["names"]
    family, given = rng.choice(vocab["family"]), rng.choice(vocab["given"])
    if style == "cjk":
        # Written family-then-given with no space; CSL has no rule for it, so the whole
        # name is the family part and every style prints it as written.
        return {"family": family + given}
    if style == "cyrillic":
        return _cyrillic_person(rng, vocab, family)
    if style == "spanish" and rng.random() < 0.6:
        family = f"{family} {rng.choice(vocab['family'])}"
    person = {"family": family, "given": given}
    particles = vocab.get("particles", [])
    if particles and rng.random() < 0.12:
        particle, kind = rng.choice(particles)
        person[kind] = particle
    return person


def _cyrillic_person(rng: random.Random, vocab: Vocab, family: str) -> dict:
    """A Russian or Ukrainian name whose given name, patronymic and surname agree in gender."""
    female = rng.random() < 0.4
    given = rng.choice(vocab["given_female" if female else "given"])
    if rng.random() < 0.7:
        given = f"{given} {rng.choice(vocab['patronymics_female' if female else 'patronymics'])}"
    if female:
        for male_ending, female_ending in vocab["female_family_endings"]:
            if family.endswith(male_ending):
                family = family[: -len(male_ending)] + female_ending
                break
    return {"family": family, "given": given}


def _people(rng: random.Random, vocab: Vocab, most: int = 3) -> list[dict]:
    count = rng.choices(range(1, most + 1), weights=[6, 3, 1][:most] + [1] * (most - 3))[0]
    if rng.random() < 0.04:
        count = rng.randint(5, 9)  # long lists, so styles print "et al." and its kin
    return [_person(rng, vocab) for _ in range(count)]


def _organisation(rng: random.Random, vocab: Vocab) -> dict:
    return {"family": rng.choice(vocab["orgs"])}


# --- titles and numbers -----------------------------------------------------------------

def _title(rng: random.Random, vocab: Vocab) -> str:
    topics = rng.sample(vocab["topics"], 3)
    if vocab.get("lowercase_inner_topics"):  # Russian and Ukrainian: "Рабочее движение и пресса"
        topics[1:] = [topic[0].lower() + topic[1:] for topic in topics[1:]]
    template = rng.choice(vocab["title_templates"])
    title = template.format(
        topic=topics[0], topic2=topics[1], topic3=topics[2], place=rng.choice(vocab["places"]),
        period=rng.choice(vocab["periods"]), year=rng.randint(1850, 2000),
    )
    return title[0].upper() + title[1:]


def _year(rng: random.Random) -> int:
    return rng.choices([rng.randint(1950, 1999), rng.randint(2000, 2025)], weights=[1, 2])[0]


def _date(rng: random.Random, year: int, precision: str) -> dict:
    parts = [year]
    if precision in ("month", "day"):
        parts.append(rng.randint(1, 12))
    if precision == "day":
        parts.append(rng.randint(1, 28))
    return {"date-parts": [parts]}


def _pages(rng: random.Random) -> str:
    first = rng.randint(1, 600)
    if rng.random() < 0.08:
        return str(first)
    return f"{first}-{first + rng.randint(1, 40)}"


def _doi(rng: random.Random, year: int) -> str:
    registrant = rng.randint(1000, 99999)
    if rng.random() < 0.1:  # an old SICI-style suffix with brackets and a semicolon
        issn = f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
        return (f"10.{registrant}/(SICI){issn}({year}{rng.randint(1, 12):02d})"
                f"{rng.randint(1, 60)}:{rng.randint(1, 12)}<{rng.randint(1, 999)}::AID-"
                f"{rng.choice(string.ascii_uppercase)}{rng.randint(1, 9)}>3.0.CO;2-"
                f"{rng.randint(0, 9)}")
    journal = "".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 5)))
    return f"10.{registrant}/{journal}.{year}.{rng.randint(1, 99999):05d}"


def _url(rng: random.Random, domain: str) -> str:
    slug = "-".join("".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 8)))
                    for _ in range(rng.randint(1, 4)))
    shape = rng.random()
    if shape < 0.5:
        return f"https://www.{domain}/{slug}"
    if shape < 0.8:
        return f"https://{domain}/articles/{rng.randint(1000, 999999)}/{slug}.html"
    return f"https://{domain}/view?id={rng.randint(1, 99999)}&lang={rng.choice('abcdef')}"


def _access(rng: random.Random, year: int) -> dict:
    """A day on which a web page was read: after it appeared, and in the web's lifetime."""
    return _date(rng, rng.randint(max(year, 2005), 2025), "day")


# --- one item per type ------------------------------------------------------------------

def make_item(rng: random.Random, language: str, item_type: str, item_id: str) -> dict:
    """A plausible CSL-JSON item of `item_type` in `language`."""
    vocab = vocabulary(language)
    year = _year(rng)
    item: dict = {"id": item_id, "type": item_type, "language": language,
                  "title": _title(rng, vocab), "issued": _date(rng, year, "year")}
    build = _BUILDERS[item_type]
    build(rng, vocab, item, year)
    return item


def _journal_article(rng, vocab, item, year):
    item["author"] = _people(rng, vocab)
    item["container-title"] = rng.choice(vocab["journals"])
    item["volume"] = str(rng.randint(1, 120))
    if rng.random() < 0.7:
        item["issue"] = str(rng.randint(1, 12))
    item["page"] = _pages(rng)
    if rng.random() < 0.2:
        item["issued"] = _date(rng, year, "month")
    if rng.random() < 0.5:
        item["DOI"] = _doi(rng, year)


def _book(rng, vocab, item, year):
    role = "editor" if rng.random() < 0.2 else "author"
    item[role] = _people(rng, vocab)
    _imprint(rng, vocab, item)
    if rng.random() < 0.1:
        item["translator"] = _people(rng, vocabulary(rng.choice(LANGUAGES)), most=2)
    if rng.random() < 0.15:
        item["collection-title"] = rng.choice(vocab["series"])
    if rng.random() < 0.1:
        item["volume"] = str(rng.randint(1, 12))


def _chapter(rng, vocab, item, year):
    item["author"] = _people(rng, vocab, most=2)
    item["container-title"] = _title(rng, vocab)
    item["editor"] = _people(rng, vocab, most=3)
    item["page"] = _pages(rng)
    _imprint(rng, vocab, item)


def _newspaper(rng, vocab, item, year):
    if rng.random() < 0.7:
        item["author"] = _people(rng, vocab, most=2)
    item["container-title"] = rng.choice(vocab["newspapers"])
    item["issued"] = _date(rng, year, "day")
    if rng.random() < 0.4:
        item["page"] = str(rng.randint(1, 40))
    if rng.random() < 0.4:
        item["URL"] = _url(rng, rng.choice(vocab["sites"])[1])
        item["accessed"] = _access(rng, year)


def _webpage(rng, vocab, item, year):
    if rng.random() < 0.5:
        item["author"] = _people(rng, vocab, most=2)
    site, domain = rng.choice(vocab["sites"])
    item["container-title"] = site
    item["URL"] = _url(rng, domain)
    item["accessed"] = _access(rng, year)
    if rng.random() < 0.4:
        del item["issued"]
    else:
        item["issued"] = _date(rng, year, rng.choice(["year", "day"]))


def _report(rng, vocab, item, year):
    item["author"] = [_organisation(rng, vocab)] if rng.random() < 0.3 else _people(rng, vocab)
    publisher, place = rng.choice(vocab["report_publishers"])
    item["publisher"], item["publisher-place"] = publisher, place
    item["genre"] = rng.choice(vocab["report_genres"])
    item["number"] = str(rng.randint(1, 900))
    if rng.random() < 0.3:
        item["URL"] = _url(rng, rng.choice(vocab["sites"])[1])
        item["accessed"] = _access(rng, year)


def _thesis(rng, vocab, item, year):
    item["author"] = [_person(rng, vocab)]
    university, place = rng.choice(vocab["institutions"])
    item["publisher"], item["publisher-place"] = university, place
    item["genre"] = rng.choice(vocab["thesis_genres"])


def _conference_paper(rng, vocab, item, year):
    item["author"] = _people(rng, vocab)
    item["container-title"] = rng.choice(vocab["proceedings"])
    if rng.random() < 0.3:
        item["editor"] = _people(rng, vocab, most=2)
    item["page"] = _pages(rng)
    _imprint(rng, vocab, item)
    if rng.random() < 0.4:
        item["DOI"] = _doi(rng, year)


def _imprint(rng, vocab, item):
    publisher, place = rng.choice(vocab["publishers"])
    item["publisher"] = publisher
    if rng.random() < 0.9:
        item["publisher-place"] = place


_BUILDERS = {
    "article-journal": _journal_article,
    "book": _book,
    "chapter": _chapter,
    "article-newspaper": _newspaper,
    "webpage": _webpage,
    "report": _report,
    "thesis": _thesis,
    "paper-conference": _conference_paper,
}
