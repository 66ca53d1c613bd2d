"""BibLaTeX, BibTeX and CSL-JSON: one entry per work, ASCII keys, read back by two parsers."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from bibcheck import assert_parsers_agree, read_back

from citecheck.errors import UsageError
from citecheck.exports import EXPORTERS, export
from citecheck.exports.keys import assign_keys, base_key
from citecheck.exports.works import distinct_works
from citecheck.model import Citation, ParsedDocument, ParsedNote

SCHEMA = Path(__file__).resolve().parent.parent / "data" / "csl-data.json"
BIB_FORMATS = ("biblatex", "bibtex")


def _with_citation(parsed: ParsedDocument, csl: dict[str, Any], cid: str) -> ParsedDocument:
    """The document plus one more note holding one citation of `csl`."""
    last = parsed.notes[-2].note
    note = dataclasses.replace(last, mark="99", number=99, line=last.line + 50)
    citation = Citation(cid, note.section, "99", note.line, "…", {"id": cid, **csl})
    extra = ParsedNote(note=note, citations=(citation,), commentary=None)
    return ParsedDocument(parsed.document, (*parsed.notes, extra))


def _csl_of(parsed: ParsedDocument, title_start: str) -> dict[str, Any]:
    return next(
        c.csl for c in parsed.citations if str(c.csl.get("title", "")).startswith(title_start)
    )


def test_one_entry_per_distinct_work(parsed_document: ParsedDocument) -> None:
    korolev = dict(_csl_of(parsed_document, "On the Verge"), page="240")
    korolev.pop("id")
    parsed = _with_citation(parsed_document, korolev, "again")
    works = distinct_works(parsed)
    backrefs = [c for c in parsed.citations if c.backref is not None]
    assert len(backrefs) == 1
    assert len(works) == len(parsed.citations) - 1 - 1 == 7  # no entry for 同上, one for the repeat
    korolev_work = next(w for w in works if w.key == "korolev2019verge")
    assert korolev_work.citation_ids == ("c4-0", "again")
    for fmt in BIB_FORMATS:
        raw, _ = read_back(export(parsed, fmt))
        assert len(raw.entries) == 7
    assert len(json.loads(export(parsed, "csl-json"))) == 7


def test_keys_are_romanised_by_language(parsed_document: ParsedDocument) -> None:
    keys = [work.key for work in distinct_works(parsed_document)]
    assert keys == [
        "renminribao2023zhongyang",  # Chinese newspaper, pinyin, no author: the paper names it
        "masuda2020tairitsu",  # Japanese: romaji (増田 = Masuda), not pinyin
        "korolev2019verge",  # English: stop words skipped
        "prezidentrossii2024sovmestnoe",  # Russian
        "gim2024joseonrodongdang",  # Korean, revised romanisation, family name alone
        "ministerstvooborony2023zvit",  # Ukrainian
        "ministeriodefensa2022libro",  # Spanish organisation, "de" skipped
    ]
    assert all(key.isascii() and key.isalnum() for key in keys)


def test_colliding_keys_get_letter_suffixes_in_document_order() -> None:
    item = {"type": "book", "title": "Libro", "author": [{"family": "Pérez"}]}
    item["issued"] = {"date-parts": [[2020]]}
    other = dict(item, publisher="Otra")
    third = dict(item, publisher="Tercera")
    assert assign_keys([item, other, third]) == [
        "perez2020libro",
        "perez2020libroa",
        "perez2020librob",
    ]
    assert assign_keys([item, other, third]) == assign_keys([item, other, third])


def test_export_is_stable_across_runs(parsed_document: ParsedDocument) -> None:
    for fmt in EXPORTERS:
        assert export(parsed_document, fmt) == export(parsed_document, fmt)


def test_biblatex_types_fields_and_langid(parsed_document: ParsedDocument) -> None:
    raw, _ = read_back(export(parsed_document, "biblatex"))
    entries = {entry.key: entry for entry in raw.entries}

    def fields(key: str) -> dict[str, str]:
        return {name: field.value for name, field in entries[key].fields_dict.items()}

    # Unsigned: an @article needs an author, so the page is an @online with its address.
    assert entries["renminribao2023zhongyang"].entry_type == "online"
    assert fields("renminribao2023zhongyang")["entrysubtype"] == "newspaper"
    assert fields("renminribao2023zhongyang")["organization"] == "人民日报"
    assert fields("renminribao2023zhongyang")["date"] == "2023-12-29"
    assert entries["masuda2020tairitsu"].entry_type == "incollection"
    assert fields("masuda2020tairitsu")["booktitle"] == "アフターコロナ時代の米中関係と世界秩序"
    assert fields("masuda2020tairitsu")["editor"] == "川島, 真 and 森, 聡"
    assert fields("masuda2020tairitsu")["pages"] == "80--81"
    assert entries["prezidentrossii2024sovmestnoe"].entry_type == "online"
    assert fields("prezidentrossii2024sovmestnoe")["urldate"] == "2025-01-10"
    assert (
        fields("prezidentrossii2024sovmestnoe")["url"] == "http://kremlin.example/ru/1_%D0?a=1&b=2"
    )
    assert entries["ministerstvooborony2023zvit"].entry_type == "report"
    assert fields("ministerstvooborony2023zvit")["institution"] == "Міністерство оборони України"
    assert entries["ministeriodefensa2022libro"].entry_type == "book"
    assert fields("korolev2019verge")["doi"] == "10.1080/14799855.2018.1470000"
    assert fields("korolev2019verge")["title"].endswith(r"{China} \& {Russia}")
    langids = [fields(key)["langid"] for key in entries]
    assert langids == [
        "chinese",
        "japanese",
        "english",
        "russian",
        "korean",
        "ukrainian",
        "spanish",
    ]


def test_biblatex_legislation_and_unknown_types(parsed_document: ParsedDocument) -> None:
    law = {
        "type": "treaty",
        "title": "中華人民共和國和俄羅斯聯邦睦鄰友好合作条約",
        "language": "zh",
    }
    parsed = _with_citation(parsed_document, law, "law")
    parsed = _with_citation(parsed, {"type": "speech", "title": "Remarks"}, "talk")
    raw, _ = read_back(export(parsed, "biblatex"))
    types = {entry.key: entry.entry_type for entry in raw.entries}
    # biblatex's @legislation holds no field, not even a title: @misc, the subtype kept.
    assert types["zhonghua"] == "misc"
    assert "entrysubtype = {legislation}" in export(parsed, "biblatex")
    assert types["remarks"] == "misc"


def test_bibtex_falls_back_to_classic_types_and_encodes_latex(
    parsed_document: ParsedDocument,
) -> None:
    accented = {
        "type": "webpage",
        "title": "Ñandú “Defensa” — 10 % de_uso",
        "author": [{"family": "Pérez", "given": "José"}],
        "URL": "https://example.es/a_b%C3%B1?x=1&y=2#frag",
        "accessed": {"date-parts": [[2025, 3, 1]]},
    }
    parsed = _with_citation(parsed_document, accented, "es")
    text = export(parsed, "bibtex")
    raw, decoded = read_back(text)
    entries = {entry.key: entry for entry in raw.entries}
    assert entries["ministerstvooborony2023zvit"].entry_type == "techreport"
    assert entries["prezidentrossii2024sovmestnoe"].entry_type == "misc"
    web = entries["pereznandu"]  # no date of issue: author and title word only
    assert web.entry_type == "misc"
    assert web.fields_dict["url"].value == accented["URL"]  # verbatim, not encoded
    assert "\\~N" in web.fields_dict["title"].value and "\\_" in web.fields_dict["title"].value
    assert "{\\'e}" in web.fields_dict["author"].value
    assert web.fields_dict["note"].value == "Accessed 2025-03-01"
    decoded_titles = {e.key: e.fields_dict["title"].value for e in decoded.entries}
    assert decoded_titles[web.key] == accented["title"]
    assert "langid" not in text and "urldate" not in text


@pytest.mark.parametrize("fmt", BIB_FORMATS)
def test_both_parsers_read_every_export_alike(fmt: str, parsed_document: ParsedDocument) -> None:
    works = {work.key: work.csl for work in distinct_works(parsed_document)}
    assert_parsers_agree(export(parsed_document, fmt), works)


def test_csl_json_validates_and_matches_the_bib_keys(parsed_document: ParsedDocument) -> None:
    odd = {"type": "webpage", "title": "Post", "source-text": "原文", "custom": {"seen": True}}
    parsed = _with_citation(parsed_document, odd, "odd")
    items = json.loads(export(parsed, "csl-json"))
    jsonschema.validate(items, json.loads(SCHEMA.read_text(encoding="utf-8")))
    raw, _ = read_back(export(parsed, "biblatex"))
    assert [item["id"] for item in items] == [entry.key for entry in raw.entries]
    post = items[-1]
    assert post["custom"] == {"seen": True, "source-text": "原文"}
    assert items[1]["author"] == [{"family": "増田", "given": "雅之"}]


def test_unknown_export_format_is_a_usage_error(parsed_document: ParsedDocument) -> None:
    with pytest.raises(UsageError, match="unknown export format"):
        export(parsed_document, "ris")


def test_rare_hangul_syllables_do_not_break_keys() -> None:
    key = base_key({"type": "book", "title": "괜찮아 잖", "language": "ko"})
    assert key.isascii() and key.startswith("gwaen")


def test_key_without_author_or_container_starts_with_the_title() -> None:
    report = {"type": "report", "title": "Final Report of the Panel of Experts", "language": "en"}
    report["issued"] = {"date-parts": [[2024, 3, 7]]}
    assert base_key(report) == "final2024"
    ministry = {"type": "webpage", "title": "Remarks", "container-title": "Ministry of Defence"}
    assert base_key(ministry) == "ministrydefenceremarks"
