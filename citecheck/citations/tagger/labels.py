"""The tagger's labels: CSL variables, plus `backref`, `note` and `other`.

Each token gets one label. A field's value is the text of a run of tokens with its
label; `other` marks what belongs to no field: connective punctuation and words
("In", "pp.", "Vol.", "Retrieved from", a reference number).
"""

from __future__ import annotations

LABELS: dict[str, str] = {
    "author": "the work's authors (people or organisations)",
    "editor": "its editors (the names only; `ed.`, `(Hrsg.)`, `編` are `other`)",
    "translator": "its translators",
    "title": "the title of the work cited (article, chapter, book, page)",
    "container-title": "the journal, newspaper, book or site the work is in",
    "collection-title": "a series the work belongs to",
    "edition": "the edition (`2nd ed.`)",
    "publisher": "who published it",
    "publisher-place": "where it was published",
    "issued": "when it was published",
    "accessed": "when the cited page was looked at",
    "volume": "the volume number",
    "issue": "the issue number",
    "page": "the pages the work spans (`pp.` is `other`)",
    "number": "a report, patent, arXiv or document number",
    "genre": "what kind of work it is (`PhD thesis`, `Technical report`)",
    "DOI": "its DOI",
    "URL": "its URL",
    "locator": "the page or part a note points to within the work",
    "backref": "a back-reference mark (Ibid., 同上, 前掲書, op. cit.)",
    "note": "anything else the citation says about the work",
    "other": "connective punctuation and words that belong to no field",
}
