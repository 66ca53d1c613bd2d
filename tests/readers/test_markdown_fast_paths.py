"""The cheap paths of the Markdown reader give what the general ones give (footnote
definitions asked for early give the tokens markdown-it gives in the plugin's order),
and reading Markdown notes loads only what it needs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from citecheck.readers.lazyre import LazyPattern
from citecheck.readers.markup import WHITESPACE, escape_emphasis, squash_spaces
from citecheck.readers.mdparse import build_parser, parser

REPO = Path(__file__).resolve().parents[2]

#: Spaces of every kind, wide and narrow letters, asterisks and URL starts.
PIECES = st.sampled_from(
    [" ", "\t", "\u3000", "\xa0", "a", "Z", "。", "日", "한", "*", "http://", "www.", "x/*/y"]
)
TEXT = st.lists(PIECES, max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_spaces_squash_alike_without_a_line_break(text: str) -> None:
    """A text without a line break (the cheap path) squashes as it does with a line
    break at its end (the general path, which drops that trailing break)."""
    assert squash_spaces(text) == squash_spaces(text + "\n")


def test_str_split_splits_at_what_the_whitespace_pattern_matches() -> None:
    """The cheap path of `squash_spaces` splits with `str.split`, the general one with
    `\\s+`: they must agree on every code point."""
    differing = [
        hex(point) for point in range(sys.maxunicode + 1)
        if bool(WHITESPACE.fullmatch(chr(point))) != chr(point).isspace()
    ]  # fmt: skip
    assert differing == []


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_escaping_leaves_a_text_without_asterisks_as_it_is(text: str) -> None:
    escaped = escape_emphasis(text)
    if "*" not in text:
        assert escaped == text
    else:
        assert escaped.replace("\\*", "*") == text


PROBE = """
import json, sys
from citecheck.readers import read_document
document = read_document(sys.argv[1], quiet=True)
print(json.dumps([len(document.notes), sorted(sys.modules)]))
"""


def read_in_fresh_interpreter(path: Path) -> tuple[int, set[str]]:
    """How many notes `path` holds, and every module imported to read it."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)],
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    count, modules = json.loads(done.stdout.strip().splitlines()[-1])
    return count, set(modules)


def test_markdown_footnotes_are_read_without_the_html_reader(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(
        "A claim.[^1] Another.[^2]\n\n"
        "[^1]: Jane Doe, *A Book* (2020), <https://example.org/a>.\n"
        "[^2]: <https://example.org/b> (accessed 1 May 2024).\n",
        encoding="utf-8",
    )
    count, modules = read_in_fresh_interpreter(notes)
    assert count == 2
    assert "citecheck.readers.markdown" in modules
    assert not {m for m in modules if m.startswith("citecheck.readers.html")}


def test_notes_written_in_html_inside_markdown_load_the_html_reader(tmp_path: Path) -> None:
    """The probe is able to fail: notes that only HTML holds need the HTML reader."""
    notes = tmp_path / "notes.md"
    notes.write_text(
        'A claim.<a href="#fn1" class="footnote-ref" id="fnref1"><sup>1</sup></a>\n\n'
        '<ol>\n<li id="fn1"><p>Jane Doe, <em>A Book</em> (2020), '
        'https://example.org/a. <a href="#fnref1">↩</a></p></li>\n</ol>\n',
        encoding="utf-8",
    )
    count, modules = read_in_fresh_interpreter(notes)
    assert count == 1
    assert "citecheck.readers.html" in modules


def plugin_order_parser() -> MarkdownIt:
    """The parser with footnote definitions where the footnote plugin puts them."""
    md = build_parser()
    md.block.ruler.disable("footnote_def_early")
    md.block.ruler.enable("footnote_def")
    return md


def tokens(md: MarkdownIt, text: str) -> list[dict]:
    env: dict = {}
    return [*(token.as_dict() for token in md.parse(text, env)), env]


#: Lines where a footnote definition meets the block rules it is now asked before.
BLOCK_LINES = st.sampled_from(
    [
        "[^1]: A note, <https://example.org/a>.",
        "[^a-b]: *Title*, 2020.",
        "    [^2]: indented code, not a note",
        "  [^3]: a note indented by two",
        "    continued note paragraph",
        "- [^4]: in a list item",
        "1. [^5]: in a numbered item",
        "> [^6]: in a quote",
        "```",
        "~~~",
        "***",
        "---",
        "[^7]: a | b",
        "--- | ---",
        "| [^8]: c | d |",
        "[^ x]: not a label",
        "[^]: empty label",
        "[ref]: https://example.org/r",
        "<div>",
        "# [^9]: heading",
        "Text with a mark.[^1]",
        "",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(BLOCK_LINES, min_size=1, max_size=10).map("\n".join))
def test_definitions_asked_early_give_the_same_tokens(text: str) -> None:
    assert tokens(parser(), text) == tokens(plugin_order_parser(), text)


def test_the_early_definitions_are_asked_right_after_tables() -> None:
    names = [rule.name for rule in parser().block.ruler.__rules__ if rule.enabled]
    assert names.index("footnote_def_early") == names.index("table") + 1
    assert "footnote_def" not in names
    reference = [rule.name for rule in plugin_order_parser().block.ruler.__rules__ if rule.enabled]
    assert reference.index("footnote_def") > reference.index("list")


def test_a_lazy_pattern_answers_as_the_compiled_one_once_asked() -> None:
    source, flags = r"(?P<word>[^\W\d_]+)\s*(\d{4})?", re.IGNORECASE
    lazy, compiled = LazyPattern(source, flags), re.compile(source, flags)
    assert not vars(lazy).keys() - {"_source"}  # nothing compiled yet
    text = "Smith 2020, 山田 2019; Иванов"
    assert lazy.match(text).groups() == compiled.match(text).groups()
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.sub(r"<\g<word>>", text) == compiled.sub(r"<\g<word>>", text)
    assert lazy.search("1999") is None and lazy.pattern == source
    assert "match" in vars(lazy)  # kept: later calls do not go through the look-up again
