"""Text from outside (a web server, the manuscript, a file name) made harmless for the
output it lands in: one function per output, and every writer calls it for every such
string.

What is dangerous differs by output. A terminal obeys escape sequences (ESC ] 0 ; … BEL
retitles the window, ESC [ 2 J clears it, ESC [ 31 m forges a red line), carriage
returns and the C1 controls; a bidi override (U+202E) makes text read backwards. A
Markdown table ends a cell at `|` and a row at a newline, and markup at the start of a
line becomes a heading or a quote. XML 1.0 cannot hold most controls at all. A GitHub
workflow command ends its value at `%`-escapes, CR, LF, and in a property at `:` and
`,`. JSON escapes C0 itself but keeps C1 and bidi characters raw.

The controls are never dropped, only written visibly — `\\x1b`, `\\u202e` — so the text
stays readable and what the server sent can still be seen.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

#: Invisible characters that steer a display, less the C0 controls: C1 controls, DEL,
#: the bidi embeddings, overrides, isolates and marks, the line and paragraph separators,
#: the zero-width no-break space (a byte-order mark in the middle of text), and lone
#: surrogates (a file name's undecodable bytes), which no output encoding can hold.
_STEERING_NOT_C0 = (
    r"\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff"
)
_STEERING = r"\x00-\x1f" + _STEERING_NOT_C0
_STEERING_RE = re.compile(f"[{_STEERING}]")
#: The same less tab and newline, which an XML or HTML body keeps as layout.
_STEERING_BUT_LAYOUT_RE = re.compile(rf"[\x00-\x08\x0b-\x1f{_STEERING_NOT_C0}]")
#: The same less newline and carriage return, which a workflow command percent-encodes.
_STEERING_BUT_LINES_RE = re.compile(rf"[\x00-\x09\x0b\x0c\x0e-\x1f{_STEERING_NOT_C0}]")
#: Characters XML 1.0 cannot hold at all, even escaped (surrogates, U+FFFE, U+FFFF);
#: compiled when `xml` first runs (re keeps it), as this class takes milliseconds to compile.
_NOT_XML = "[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"


def visible(char: str) -> str:
    """One steering character as the escape that shows it: `\\x1b`, `\\u202e`."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _show(text: str, pattern: re.Pattern[str] = _STEERING_RE) -> str:
    return pattern.sub(lambda m: visible(m.group()), text)


def terminal(text: str) -> str:
    """For a terminal line: every control, newline included, written visibly."""
    return _show(text)


# --- Markdown --------------------------------------------------------------------------

#: Characters CommonMark and GitHub read as markup anywhere in a line.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&!])")
#: Markup only at the start of a line: a list item, a quote, a setext underline, a
#: numbered item ("1." or "1)").
_LEADING_MARKUP = re.compile(r"^(\d*)([-+=>.)])")
#: Characters an autolink cannot hold (whitespace, angle brackets, controls) and those a
#: table cell or an escape would misread (pipe, backslash, backtick).
_UNSAFE_IN_LINK = re.compile(f"[\\s<>|\\\\`{_STEERING}]")


def markdown(text: str) -> str:
    """Plain text as inert Markdown for a table cell or a heading: one line (every run of
    whitespace one space), controls shown, every markup character backslash-escaped."""
    flat = " ".join(_show(text.replace("\n", " ").replace("\r", " ")).split())
    return _LEADING_MARKUP.sub(r"\1\\\2", _MARKDOWN_SPECIAL.sub(r"\\\1", flat))


def _percent_encoded(url: str) -> str:
    """`url` with whitespace, controls and the characters a link would misread
    percent-encoded: the same resource, written so it cannot leave its place."""
    return _UNSAFE_IN_LINK.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url)


def is_web_address(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def markdown_link(url: str) -> str:
    """A web address as a clickable autolink (percent-encoded where Markdown or a reader's
    eye would misread it); any other scheme as escaped text."""
    return f"<{_percent_encoded(url)}>" if is_web_address(url) else markdown(url)


# --- XML, HTML, JSON -------------------------------------------------------------------


def xml(text: str) -> str:
    """For an XML attribute or element (ElementTree escapes `<`, `&` and quotes): controls
    shown, tab and newline kept, what XML cannot hold replaced by U+FFFD."""
    return re.sub(_NOT_XML, "\ufffd", _show(text, _STEERING_BUT_LAYOUT_RE))


def html(text: str) -> str:
    """For HTML text or a quoted attribute: markup characters as entities, controls shown
    (tab and newline kept)."""
    import html as _html  # with html.entities: for the HTML report only

    return _html.escape(_show(text, _STEERING_BUT_LAYOUT_RE), quote=True)


def html_href(url: str) -> str:
    """A web address for an `href="…"` attribute: percent-encoded as for Markdown, then
    entity-escaped. (Only http and https addresses are made links: see `is_web_address`.)"""
    import html as _html

    return _html.escape(_percent_encoded(url), quote=True)


#: What json.dumps(ensure_ascii=False) leaves raw that a viewer would obey.
_RAW_IN_JSON = re.compile(f"[{_STEERING_NOT_C0}]")


def json_text(value: Any, **options: Any) -> str:
    """`value` as JSON (readable UTF-8) with every steering character as a `\\uXXXX`
    escape: the same data for a parser, inert on a screen. Such characters can only occur
    inside JSON strings, so rewriting them in the encoded text is exact."""
    encoded = json.dumps(value, ensure_ascii=False, **options)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


def json_chunks(value: Any, **options: Any) -> Iterator[str]:
    """`json_text` piece by piece, for output too big to hold as one string."""
    for chunk in json.JSONEncoder(ensure_ascii=False, **options).iterencode(value):
        yield _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", chunk)


# --- GitHub workflow commands ----------------------------------------------------------


def github_data(text: str) -> str:
    """The message of a workflow command (`::error …::MESSAGE`): controls shown, then `%`,
    CR and LF percent-encoded as the runner reads them (`@actions/core`'s escapeData)."""
    shown = _show(text, _STEERING_BUT_LINES_RE)
    return shown.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value (`file=…,title=…`): as `github_data`, and `:` and `,`, which would
    end the value, percent-encoded too (`@actions/core`'s escapeProperty)."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")
