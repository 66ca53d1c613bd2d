"""One citation's text → CSL fields by the tagger (the counterpart of the rule parser)."""

from __future__ import annotations

from citecheck.citations.fields_model import Fields
from citecheck.citations.names import SIGNAL
from citecheck.citations.tagger import segments, tag_tokens
from citecheck.citations.tagger.abbreviations import journal_openers
from citecheck.citations.tagger.csl import to_fields
from citecheck.citations.tagger.imprint import imprint_publishers
from citecheck.citations.tagger.quotes import quoted_titles, unlabelled_title
from citecheck.citations.tagger.tokens import tokenize
from citecheck.citations.urls import find_doi, find_urls


def tagged_fields(text: str, *, note: bool = False) -> Fields:
    """The tagger's fields of one citation, with any DOI in its text (as the rules take
    it). In a note (`note=True`) the cited page is the citation's `page` too when no page
    range is printed, as the rules and the project's annotations have it."""
    text = SIGNAL.sub("", text, count=1)  # `Vgl.`, `See also`, `См.`: no field's words
    tokens = tokenize(text)
    labels = journal_openers(tokens, quoted_titles(text, tokens, tag_tokens(tokens)))
    labels = imprint_publishers(tokens, unlabelled_title(text, tokens, labels))
    fields = to_fields(text, segments(text, tokens, labels))
    if "DOI" not in fields.csl:  # a DOI the tagger left unlabelled (`https://doi.org/10.…`)
        doi = find_doi(text)
        if doi:
            fields.csl["DOI"] = doi
    if note and "URL" not in fields.csl:  # a note's link is its URL, a DOI link too
        urls = find_urls(text)
        if urls:
            fields.csl["URL"] = urls[0].value
    if note and fields.locator and "page" not in fields.csl:
        fields.csl["page"] = fields.locator
    return fields
