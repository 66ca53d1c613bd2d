"""Start-up imports only what a command needs: `--version` and `--help` load no network
stack, no terminal library, no romaniser and no HTML parser; a warm `check` (every
verdict, the parse and the citation verdicts in the cache) loads neither the network
stack nor the parser nor the look-up stage.

Checked as a fact in a fresh interpreter (`sys.modules` after the command ran), not as a
timing: the start-up time itself is measured by `benchmarks/bench_startup.py`.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("requests", "urllib3", "rich", "pykakasi", "opencc", "bs4", "lxml", "tenacity")

PROBE = """
import contextlib, io, json, sys
import citecheck.cli
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        citecheck.cli.main(sys.argv[1:])
    except SystemExit:
        pass
print(json.dumps(sorted(sys.modules)))
"""


def modules_after(*argv: str, stdin: str = "", cwd: Path | None = None) -> set[str]:
    """Every module imported once the command ran in a fresh interpreter."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        env=env, input=stdin, capture_output=True, text=True, timeout=60, check=True, cwd=cwd,
    )  # fmt: skip
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def loaded_after(*argv: str, stdin: str = "") -> set[str]:
    """The top-level packages imported once the command ran."""
    return {name.split(".")[0] for name in modules_after(*argv, stdin=stdin)}


@pytest.mark.parametrize(
    "argv",
    [("--version",), ("--help",), ("check", "--help"), ("export", "--help")],
    ids=lambda argv: " ".join(argv),
)
def test_start_up_loads_no_heavy_library(argv: tuple[str, ...]) -> None:
    loaded = loaded_after(*argv)
    assert "citecheck" in loaded  # the probe did run the command line
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_the_probe_sees_a_heavy_import_when_one_happens() -> None:
    """The probe is able to fail: checking a link loads the network stack (the link is
    a closed loopback port: refused at once, nothing leaves the machine)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    notes = f"Notes\n\n1. A page, http://127.0.0.1:{port}/ (accessed 1 May 2024).\n"
    argv = ("check", "--no-cache", "--no-archive", "--allow-private", "--format", "json", "-")
    loaded = modules_after(*argv, stdin=notes)
    assert {"citecheck.net.client", "http.client"} <= loaded


#: What a warm check has no use for: the network stack, the HTML parser, the citation
#: parser, the look-up stage, the judging rules and the overlap of checks and parsing.
NOT_WARM = (
    "requests", "urllib3", "bs4", "rich", "pypinyin", "pathspec", "http.client",
    "concurrent.futures", "citecheck.citations", "citecheck.lookup.stage",
    "citecheck.net.client", "citecheck.verdicts.judge", "citecheck.checks.overlap",
    "citecheck.readers.htmllinks",
)  # fmt: skip


def test_a_warm_check_loads_only_what_the_cache_cannot_answer(tmp_path) -> None:
    from tests.servers import TitledPage, serve_loopback

    with serve_loopback(TitledPage) as site:
        notes = tmp_path / "notes.txt"
        notes.write_text(
            f"Notes\n\n1. Jane Doe, “A Page,” {site}/a (accessed 1 May 2024).\n"
            f"2. 山田太郎『日本の本』東京出版、2020年、{site}/b\n3. 同上、12頁。\n",
            encoding="utf-8",
        )
        argv = ("check", str(notes), "--cache", str(tmp_path / "cache.sqlite"), "--no-lookup",
                "--no-archive", "--allow-private", "--format", "json")  # fmt: skip
        cold = modules_after(*argv, cwd=tmp_path)
        assert {"citecheck.net.client", "citecheck.citations", "citecheck.lookup.stage"} <= cold
        # Plain URLs, no cookie, no failure: requests' URL and cookie code are not needed.
        assert not cold & {"requests", "urllib3"}, sorted(cold & {"requests", "urllib3"})
        warm = modules_after(*argv, cwd=tmp_path)
    assert "citecheck.store" in warm and "citecheck.prepared" in warm
    assert not warm & set(NOT_WARM), sorted(warm & set(NOT_WARM))


#: What reading plain-text notes has no use for: the other formats' parsers and the
#: network stack (asking each reader whether it claims a .txt file imports its module).
NOT_FOR_TEXT = ("bs4", "lxml", "markdown_it", "mdit_py_plugins", "bibtexparser", "pylatexenc",
                "requests", "urllib3", "rich", "pypinyin", "pykakasi")  # fmt: skip


@pytest.mark.parametrize("command", [("parse",), ("verify", "--format", "json")], ids=str)
def test_reading_plain_text_loads_no_other_format_parser(command, tmp_path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text(
        "Notes\n\n1. Jane Doe, “A Page,” https://example.org/a (accessed 1 May 2024).\n"
        "2. 山田太郎『日本の本』東京出版、2020年。\n3. 同上、12頁。\n",
        encoding="utf-8",
    )
    loaded = loaded_after(*command, str(notes))
    assert "citecheck" in loaded
    assert loaded.isdisjoint(NOT_FOR_TEXT), sorted(loaded & set(NOT_FOR_TEXT))


ROMANISERS = {"pypinyin", "pykakasi", "cyrtranslit", "korean_romanizer"}


def test_export_loads_a_romaniser_only_for_a_key_that_needs_it(tmp_path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_text(
        "Notes\n\n1. Jane Doe, “A Page,” https://example.org/a (accessed 1 May 2024).\n"
        "2. John Roe, The Book (London: Press, 2020), 12.\n",
        encoding="utf-8",
    )
    chinese = tmp_path / "chinese.txt"
    chinese.write_text("注\n\n1. 习近平「中国式现代化」『求是』2023年第1期。\n", encoding="utf-8")
    assert not loaded_after("export", str(latin), "--to", "bibtex") & ROMANISERS
    assert "pypinyin" in loaded_after("export", str(chinese), "--to", "bibtex")


def test_archive_lookups_beside_the_checks_make_their_client_on_the_first_lookup() -> None:
    """A warm run whose snapshots are all remembered fetches nothing: setting the lookups
    up imports no network stack."""
    probe = (
        "import json, sys\n"
        "from citecheck.archives import ArchiveSettings\n"
        "from citecheck.checks.overlap import SnapshotsAlongside\n"
        "from citecheck.net import NetPolicy\n"
        "SnapshotsAlongside(ArchiveSettings(), NetPolicy()).finish([], {})\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], env=dict(os.environ, PYTHONPATH=str(REPO)),
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert not loaded & {"requests", "urllib3", "http.client", "citecheck.net.client"}
