"""Precision and recall of `citation-mismatch` and `citation-not-found` on labelled citations.

    python benchmarks/bench_lookup.py                   # GROBID's corpus: the figures that count
    python benchmarks/bench_lookup.py --corpus anystyle # AnyStyle's core.xml: the tuning set

Real references from a labelled corpus (`../shared/training`) become both the works of
a loopback catalogue (every one with a DOI, served by the fake DOI resolver, Crossref,
OpenAlex, CiNii and NDL of `tests/lookup/fake_services.py`) and the citations judged.
200 citations are drawn (seeded): half cited as they are (half of those with their DOI,
half without, so the search finds them), half with a planted error: a wrong year (3-9
years off), another work's DOI, a title typo (two letters of a word swapped), or a work
that does not exist (a reference of the corpus left out of the catalogue, with the
corpus's own near-duplicates of it: same first author, titles ≥ 0.9 alike). The other
references of the corpus stay in the catalogue as the competing records a search returns.
A planted error is caught when the citation gets the problem it calls for: mismatch for
the first three, not-found for the last. The citations are the labelled fields (not
parsed text), so this measures the look-up and the matching, not the parser.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from dataclasses import replace
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citecheck.citations.language import item_language  # noqa: E402
from citecheck.lookup.stage import judge_files  # noqa: E402
from citecheck.model import (  # noqa: E402
    Citation,
    Document,
    FileResult,
    Note,
    ParsedDocument,
    ParsedNote,
    Section,
)
from citecheck.net import NetPolicy  # noqa: E402
from tests.lookup.fake_services import Catalogue, Work, serve_catalogue  # noqa: E402

TRAINING = ROOT.parent / "shared" / "training"
if not TRAINING.is_dir():
    TRAINING = Path("/work/shared/training")
KINDS = ("wrong-year", "wrong-doi", "title-typo", "non-existent")
EXPECTED = {
    "wrong-year": "citation-mismatch",
    "wrong-doi": "citation-mismatch",
    "title-typo": "citation-mismatch",
    "non-existent": "citation-not-found",
}
_YEAR = re.compile(r"(1[89]\d\d|20[0-2]\d)")
_NAME_SPLIT = re.compile(r"\s*(?:,\s*(?:and|&)\s+|\band\b|&|\bet\b|;|,)\s*")


def _clean(text: str) -> str:
    text = " ".join(text.split()).strip(" .,;:\"“”'()[]")
    return re.sub(r"[.,;:]+$", "", text)


def _families(authors: str) -> list[str]:
    """Family names from an author string, the same way for citation and record."""
    families = []
    for piece in _NAME_SPLIT.split(authors):
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]+", piece) if not w.isupper() or len(w) > 2]
        if words and len(words[-1]) > 1:
            families.append(words[-1].capitalize() if words[-1].isupper() else words[-1])
    return list(dict.fromkeys(families))[:6]


def _reference(
    title: str, authors: str, date: str, container: str, kind: str
) -> dict[str, Any] | None:
    title, container = _clean(title), _clean(container)
    year = _YEAR.search(date or "")
    families = _families(authors or "")
    if len(title.split()) < 4 or not year or not families:
        return None
    return {
        "title": title,
        "authors": families,
        "year": int(year.group(1)),
        "container": container or None,
        "type": kind,
    }


def grobid_references() -> list[dict[str, Any]]:
    from lxml import etree

    found = []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    for path in sorted((TRAINING / "grobid" / "corpus").glob("*.xml")):
        root = etree.parse(str(path), parser).getroot()
        if root is None:
            continue
        for bibl in root.iter("{*}bibl"):

            def first(xpath: str, bibl: Any = bibl) -> str:
                hits = bibl.xpath(xpath)
                return " ".join("".join(hits[0].itertext()).split()) if hits else ""

            article = first("./*[local-name()='title'][@level='a']")
            book = first("./*[local-name()='title'][@level='m']")
            journal = first("./*[local-name()='title'][@level='j']")
            authors = " ; ".join(
                "".join(a.itertext()) for a in bibl.xpath("./*[local-name()='author']")
            )
            date = first("./*[local-name()='date']")
            kind = "article-journal" if article else "book"
            ref = _reference(article or book, authors, date, journal if article else "", kind)
            if ref:
                found.append(ref)
    return found


def anystyle_references() -> list[dict[str, Any]]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.parse(str(TRAINING / "anystyle" / "core.xml"), parser).getroot()
    found = []
    for sequence in root.iter("sequence"):

        def all_of(tag: str, sequence: Any = sequence) -> str:
            return " ".join("".join(e.itertext()) for e in sequence.iter(tag))

        container = all_of("container-title") or all_of("journal")
        kind = "article-journal" if container else "book"
        ref = _reference(all_of("title"), all_of("author"), all_of("date"), container, kind)
        if ref:
            found.append(ref)
    return found


def _distinct(references: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out = []
    for ref in references:
        key = ref["title"].casefold()
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out


def _same(one: Work, other: Work) -> bool:
    """The corpus's own duplicates (one reference in two files, spelt a little apart): a
    work left out as non-existent must not stay in the catalogue under another spelling."""
    if not one.authors or not other.authors or one.authors[0] != other.authors[0]:
        return False
    a, b = one.title.casefold(), other.title.casefold()
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9


def _typo(title: str, rng: random.Random) -> str:
    words = title.split()
    candidates = [
        i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha() and len(set(w[1:-1])) > 1
    ]
    if not candidates:
        return title + "s"
    i = rng.choice(candidates)
    word = words[i]
    j = rng.randrange(1, len(word) - 2)
    while word[j] == word[j + 1]:
        j = rng.randrange(1, len(word) - 2)
    words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(words)


def build(references: list[dict[str, Any]], seed: int = 17, size: int = 200):
    """(catalogue works, [(csl item, planted kind or None)])."""
    rng = random.Random(seed)
    references = _distinct(references)
    rng.shuffle(references)
    works = [
        Work(
            r["title"],
            tuple(f"{f}, A." for f in r["authors"]),
            r["year"],
            r["container"],
            f"10.5555/bench.{i}",
            r["type"],
            item_language({"title": r["title"]}) or "en",
        )
        for i, r in enumerate(references)
    ]
    absent = set(range(size - size // 8, size))  # the non-existent works: left out
    cases = []
    for i in range(size):
        ref, work = references[i], works[i]
        kind = None if i < size // 2 else KINDS[(i - size // 2) * len(KINDS) // (size // 2)]
        with_doi = i % 2 == 0 and kind != "non-existent"
        item: dict[str, Any] = {
            "type": ref["type"],
            "title": ref["title"],
            "author": [{"family": f, "given": "A."} for f in ref["authors"]],
            "issued": {"date-parts": [[ref["year"]]]},
        }
        if ref["container"]:
            item["container-title"] = ref["container"]
        if with_doi:
            item["DOI"] = work.doi
        if kind == "wrong-year":
            item["issued"] = {
                "date-parts": [[ref["year"] + rng.choice((-1, 1)) * rng.randint(3, 9)]]
            }
        elif kind == "wrong-doi":
            item["DOI"] = works[size + rng.randrange(len(works) - size)].doi
        elif kind == "title-typo":
            item["title"] = _typo(ref["title"], rng)
        cases.append((item, kind))
    gone = [works[i] for i in absent]
    catalogue = [
        w for i, w in enumerate(works) if i not in absent and not any(_same(w, g) for g in gone)
    ]
    return catalogue, cases


def _document(cases) -> FileResult:
    notes = []
    for n, (item, _) in enumerate(cases, 1):
        citation = Citation(f"s1-n{n}-c1", "References", str(n), n, item["title"], item)
        notes.append(ParsedNote(Note("References", str(n), n, item["title"], n), (citation,), None))
    document = Document("bench", "bench", (Section("References", tuple(p.note for p in notes)),))
    return FileResult("bench", "bench", ParsedDocument(document, tuple(notes)))


def score(cases, result: FileResult) -> dict[str, Any]:
    found = {p.note: p.kind for p in result.problems}
    figures: dict[str, Any] = {}
    for kind in ("citation-mismatch", "citation-not-found"):
        truth = {
            n for n, (_, planted) in enumerate(cases, 1) if planted and EXPECTED[planted] == kind
        }
        said = {n for n, problem in found.items() if problem == kind}
        hits = len(truth & said)
        figures[kind] = {
            "precision": hits / len(said) if said else 1.0,
            "recall": hits / len(truth) if truth else 1.0,
            "flagged": len(said),
            "planted": len(truth),
        }
    caught = Counter(
        planted
        for n, (_, planted) in enumerate(cases, 1)
        if planted and found.get(n) == EXPECTED[planted]
    )
    figures["caught"] = {kind: caught.get(kind, 0) for kind in KINDS}
    figures["false_alarms"] = [
        (n, found[n], cases[n - 1][1], cases[n - 1][0]["title"])
        for n in found
        if not cases[n - 1][1] or found[n] != EXPECTED[cases[n - 1][1]]
    ]
    verdicts = {v.citation_id: v for v in result.citation_verdicts}
    figures["missed"] = [
        (n, planted, verdicts[f"s1-n{n}-c1"].reason, item["title"])
        for n, (item, planted) in enumerate(cases, 1)
        if planted and found.get(n) != EXPECTED[planted]
    ]
    figures["verdicts"] = Counter(f"{v.state}/{v.reason}" for v in result.citation_verdicts)
    return figures


def run(references: list[dict[str, Any]], seed: int, store: Any = None) -> dict[str, Any]:
    """The figures of one drawn set (look-ups kept in `store` when given)."""
    works, cases = build(references, seed)
    policy = NetPolicy(connect_timeout=2.0, read_timeout=5.0, deadline=10.0, allow_private=True)
    fast = {name: 1000.0 for name in ("doi", "crossref", "openalex", "cinii", "ndl", "page")}
    with serve_catalogue(Catalogue(works)) as catalogue:
        settings = replace(catalogue.settings(), rates=fast, rows=5)
        # one fake per seed: the remembered answers are kept apart by the seed
        settings = replace(settings, base_urls={**settings.base_urls, "seed": str(seed)})
        started = time.perf_counter()
        (result,) = judge_files([_document(cases)], settings, policy, offline=False, store=store)
        elapsed = time.perf_counter() - started
    figures = score(cases, result)
    figures.update(works=len(works), citations=len(cases), elapsed=elapsed)
    figures["planted"] = sum(1 for _, kind in cases if kind)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("grobid", "anystyle"), default="grobid")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    references = grobid_references() if args.corpus == "grobid" else anystyle_references()
    figures = run(references, args.seed)
    print(
        f"corpus {args.corpus}: {len(references)} references, catalogue {figures['works']} works, "
        f"{figures['citations']} citations ({figures['planted']} with planted errors), "
        f"{figures['elapsed']:.1f} s"
    )
    print("| problem | precision | recall | flagged | planted |")
    print("|---|---:|---:|---:|---:|")
    for kind in ("citation-mismatch", "citation-not-found"):
        f = figures[kind]
        cells = (kind, f"{f['precision']:.3f}", f"{f['recall']:.3f}", f["flagged"], f["planted"])
        print("| " + " | ".join(map(str, cells)) + " |")
    print("caught per planted error:", figures["caught"])
    print("verdicts:", dict(figures["verdicts"]))
    for alarm in figures["false_alarms"]:
        print("false alarm:", alarm)
    for miss in figures["missed"]:
        print("missed:", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
