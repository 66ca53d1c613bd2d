"""URLs inside code spans and code blocks are code, not links to check."""

from __future__ import annotations

from citecheck.citations import parse_document
from citecheck.links import extract_links
from citecheck.model import Citation, Document, Note, ParsedDocument, ParsedNote, Section
from citecheck.readers import markdown

DOC = """\
# Installing

Read the guide at https://guide.example/install first.

Run `curl -sSf https://get.example/install.sh | sh` to install.

```sh
wget https://fenced.example/archive.tar.gz
```

~~~
https://tilde-fenced.example/
~~~

<!-- https://commented.example/ -->

See `https://both.example/` and https://both.example/ again.
"""


def _links_of(text: str) -> list[str]:
    parsed = parse_document(markdown.read_text(text, "guide.md"))
    return [link.url for link in extract_links(parsed)]


def test_markdown_code_spans_fences_and_comments_hold_no_links() -> None:
    assert _links_of(DOC) == ["https://guide.example/install", "https://both.example/"]


def _parsed(text: str, **csl: object) -> ParsedDocument:
    note = Note("Notes", "1", 1, text, 1)
    citation = Citation("c1", "Notes", "1", 1, text, dict(csl))
    document = Document("notes.md", "markdown", (Section("Notes", (note,)),))
    return ParsedDocument(document, (ParsedNote(note, (citation,), None),))


def test_a_url_the_parser_took_from_a_code_span_is_not_cited() -> None:
    text = "Tool manual; run `fetch https://api.example/v1` for the data."
    assert extract_links(_parsed(text, URL="https://api.example/v1")) == ()


def test_a_url_written_in_prose_too_is_still_cited() -> None:
    text = "Manual, https://api.example/v1; call `GET https://api.example/v1`."
    links = extract_links(_parsed(text, URL="https://api.example/v1"))
    assert [link.url for link in links] == ["https://api.example/v1"]
