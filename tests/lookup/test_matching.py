"""The per-field scores and the same-work decision, on typed examples."""

from __future__ import annotations

from citecheck.lookup.matching import (
    authors_score,
    container_score,
    match,
    mismatching,
    page_title_score,
    title_score,
)
from citecheck.lookup.record import Query, Record


def _record(title: str, authors=(), year=None, container=None) -> Record:
    return Record(
        "crossref", "id", "https://doi.org/10.1/x", (title,), tuple(authors), year, container
    )


def test_titles_fold_case_punctuation_width_and_markup():
    assert (
        title_score("Knowledge-Based Program Analysis", ("knowledge based program analysis",))
        == 1.0
    )
    assert title_score("ＡＢＣ of <i>E. coli</i> growth", ("ABC of E. coli growth",)) == 1.0
    assert title_score("Cats & dogs at home", ("Cats and dogs at home",)) == 1.0


def test_a_left_out_subtitle_is_the_same_title_but_a_typo_is_not():
    assert title_score("Deep learning", ("Deep learning: a review of methods",)) == 1.0
    typo = title_score(
        "Deep residual learnign for image recognition",
        ("Deep residual learning for image recognition",),
    )
    assert typo is not None and 0.9 <= typo < 0.995


def test_cjk_variant_forms_fold_together():
    assert title_score("防衞白書", ("防衛白書",)) == 1.0  # old and new Japanese forms
    assert title_score("国家安全战略", ("國家安全戰略",)) == 1.0  # simplified and traditional


def test_a_romanised_or_translated_title_is_not_comparable():
    assert title_score("Bōei hakusho", ("防衛白書",)) is None
    assert title_score("Defense of Japan", ("防衛白書",)) is None


def test_a_translated_title_with_agreeing_authors_and_year_is_no_mismatch():
    query = Query(title="Defense of Japan", authors=("防衛省",), year=2023)
    record = _record("防衛白書", ("防衛省",), 2023)
    assert match(query, record).agrees
    assert mismatching(query, record) == ()


def test_authors_by_family_name_in_any_order_of_writing():
    assert authors_score(("He", "Zhang"), ("Kaiming He", "Xiangyu Zhang")) == 1.0
    assert authors_score(("He", "Zhang"), ("He, Kaiming", "Ren, Shaoqing")) == 0.5
    assert authors_score(("山添博史",), ("山添, 博史",)) == 1.0


def test_container_abbreviations_agree():
    assert container_score("J. Biol. Chem.", "Journal of Biological Chemistry") == 1.0
    assert container_score("Phys. Rev. B", "Physical Review B") == 1.0


def test_year_off_by_one_agrees_off_by_more_differs():
    query = Query(title="Deep learning", authors=("LeCun",), year=2014)
    assert match(query, _record("Deep learning", ("LeCun",), 2015)).agrees
    found = match(query, _record("Deep learning", ("LeCun",), 2019))
    assert found.same_work and [d.field for d in found.differences] == ["year"]


def test_another_work_is_not_the_same_work():
    query = Query(title="Deep residual learning for image recognition", authors=("He",), year=2016)
    found = match(query, _record("Long short-term memory", ("Hochreiter",), 1997))
    assert not found.same_work
    assert {d.field for d in mismatching(query, found.record)} == {"title", "authors", "year"}


def test_page_titles_hold_the_cited_title_inside_site_names():
    page = Record("page", "u", "u", ("Minister resigns | Example News",))
    assert page_title_score("Minister resigns", page) == 1.0
    other = Record("page", "u", "u", ("Weather for the weekend | Example News",))
    assert page_title_score("Minister resigns over budget row", other) < 0.55
