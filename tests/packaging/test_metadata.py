"""The distribution is fit to publish: its name, licence, URLs and User-Agent agree."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import citecheck
from citecheck.net.policy import PROJECT_URL, NetPolicy

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_distribution_name_is_not_the_taken_one_but_the_command_stays() -> None:
    assert PROJECT["name"] == "citecheck-notes"
    assert PROJECT["scripts"] == {"citecheck": "citecheck.cli:command"}
    assert PROJECT["version"] == citecheck.__version__


def test_licence_file_matches_the_declared_licence() -> None:
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "Permission is hereby granted, free of charge" in text


def test_user_agent_names_this_project_its_version_and_url() -> None:
    assert PROJECT["urls"]["Homepage"] == PROJECT_URL
    agent = NetPolicy().user_agent
    assert agent == f"citecheck/{citecheck.__version__} (+{PROJECT_URL})"
    assert "citecheck-notes" in agent


def test_build_and_twine_check_pass(tmp_path: Path) -> None:
    """`python -m build` then `twine check`; skipped when the build backend cannot be
    installed into the isolated build environment (no package index reachable)."""
    if shutil.which("twine", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("twine is not installed beside this Python")
    source = tmp_path / "src"
    shutil.copytree(
        ROOT, source, ignore=shutil.ignore_patterns(".git", "build", "dist", "*.egg-info",
                                                    "__pycache__", ".venv", "reports")
    )  # fmt: skip
    built = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(tmp_path / "dist"), str(source)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if built.returncode != 0 and "No matching distribution found for setuptools" in (
        built.stdout + built.stderr
    ):
        pytest.skip("the build backend (setuptools) cannot be installed: no package index")
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    dists = sorted(str(path) for path in (tmp_path / "dist").iterdir())
    assert any(name.endswith(".whl") for name in dists)
    assert any(name.endswith(".tar.gz") for name in dists)
    twine = Path(sys.executable).parent / "twine"
    checked = subprocess.run(
        [str(twine), "check", "--strict", *dists], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
