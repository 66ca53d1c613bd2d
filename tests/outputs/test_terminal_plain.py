"""The terminal report without colour is written without rich when no line can wrap:
byte for byte what rich writes, for any text (and through rich when a line might wrap)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.model import Report
from citecheck.reports import render, styled
from tests.outputs.test_reports_property import reports

WIDE = st.text(alphabet=st.sampled_from("ab 日本\t\r\u200b-"), min_size=40, max_size=120)


def through_rich(report: Report, **options: object) -> str:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(styled.Page, "_may_wrap", lambda self, line, soft_wrap: True)
        return render(report, "terminal", **options)  # type: ignore[arg-type]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.booleans())
def test_plain_lines_are_what_rich_prints(report: Report, quiet: bool) -> None:
    assert render(report, "terminal", quiet=quiet) == through_rich(report, quiet=quiet)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WIDE, min_size=1, max_size=3))
def test_a_line_that_may_wrap_goes_through_rich(texts: list[str]) -> None:
    page = styled.Page(color=False, width=40)
    for text in texts:
        page.print(styled.Line.of(text, "bold"))
        page.print()
        page.print(styled.Line.of(text) + styled.Line.of(text, "dim"), soft_wrap=True)
    from rich.console import Console
    from rich.text import Text

    console = Console(width=40, no_color=True, color_system=None, highlight=False, emoji=False)
    with console.capture() as captured:
        for text in texts:
            console.print(Text(text, style="bold"))
            console.print()
            console.print(Text(text) + Text(text, style="dim"), soft_wrap=True)
    assert page.render() == captured.get()


RENDER = """
import sys
from citecheck.model import Document, ParsedDocument, Report, Verdict
from citecheck.reports import render
parsed = ParsedDocument(Document("x.txt", "text", ()), ())
report = Report(parsed, (), (Verdict("https://a.test/", "dead", "http-404"),), links_checked=True)
text = render(report, "terminal", color=sys.argv[1] == "color")
print("rich" in sys.modules, "DEAD" in text)
"""


@pytest.mark.parametrize(("color", "imported"), [("plain", "False"), ("color", "True")])
def test_rich_is_imported_for_colour_only(color: str, imported: str) -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    done = subprocess.run(
        [sys.executable, "-c", RENDER, color],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert done.stdout.split() == [imported, "True"]
