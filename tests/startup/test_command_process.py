"""The `citecheck` program (`cli.command`) tunes the collector for its own process only."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import citecheck
from citecheck import cli

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import gc, json, sys
import citecheck
from citecheck import cli
sys.argv = ["citecheck", "--version"]
code = cli.command()
print(json.dumps({"code": code, "threshold": gc.get_threshold(), "frozen": gc.get_freeze_count()}))
"""


def test_the_program_collects_rarely_and_leaves_its_objects_unwalked_at_exit() -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    *printed, probe = done.stdout.splitlines()
    result = json.loads(probe)
    assert printed == [f"citecheck {citecheck.__version__}"]
    assert result["code"] == 0
    assert tuple(result["threshold"]) == cli.COMMAND_GC_THRESHOLDS
    assert result["frozen"] > 0


def test_main_called_by_a_program_keeps_its_collector_settings(capsys) -> None:
    before = gc.get_threshold()
    assert cli.main(["--version"]) == 0
    assert gc.get_threshold() == before
    assert capsys.readouterr().out.startswith("citecheck ")
