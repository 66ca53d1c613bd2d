"""Start-up imports only what a command needs: `--version` and `--help` load no network
stack, no terminal library, no romaniser and no HTML parser.

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
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def loaded_after(*argv: str, stdin: str = "") -> set[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        env=env, input=stdin, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


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
    loaded = loaded_after(*argv, stdin=notes)
    assert {"requests", "urllib3"} <= loaded
