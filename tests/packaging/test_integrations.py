"""The CI integrations: the pre-commit hooks (run for real with `pre-commit try-repo`)
and the composite GitHub Action (its manifest, and its run step's shell)."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from citecheck.readers import EXTENSIONS
from tests.servers import ScenarioWeb

ROOT = Path(__file__).resolve().parents[2]
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def test_hooks_run_verify_and_check_on_the_files_the_readers_know() -> None:
    by_id = {hook["id"]: hook for hook in HOOKS}
    assert by_id["citecheck"]["entry"] == "citecheck verify"
    assert by_id["citecheck-links"]["entry"] == "citecheck check"
    assert by_id["citecheck-links"]["require_serial"] is True
    for hook in HOOKS:
        assert hook["language"] == "python" and hook["pass_filenames"] is True
        files = re.compile(hook["files"])
        for extension in (*EXTENSIONS, ".htm", ".xhtml"):
            assert files.search(f"docs/chapter{extension}"), (hook["id"], extension)
        assert not files.search("requirements.txt") and not files.search("setup.py")


def test_action_installs_caches_and_checks_with_the_github_format() -> None:
    assert set(ACTION["inputs"]) >= {"paths", "args", "cache-dir"}
    steps = ACTION["runs"]["steps"]
    assert ACTION["runs"]["using"] == "composite"
    assert any(step.get("uses", "").startswith("actions/cache@") for step in steps)
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == "${{ inputs.cache-dir }}"
    assert any("pip install" in step.get("run", "") for step in steps)
    assert "citecheck check --format github" in steps[-1]["run"]
    # Inputs reach the shell through the environment only, never spliced into the script.
    assert "${{" not in steps[-1]["run"]


def test_action_run_step_passes_args_and_paths_as_words(tmp_path: Path) -> None:
    """The Check step's own shell, with a stand-in `citecheck` that prints its argv."""
    shim = tmp_path / "bin" / "citecheck"
    shim.parent.mkdir()
    shim.write_text('#!/bin/sh\nfor arg in "$@"; do echo "[$arg]"; done\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    python = tmp_path / "bin" / "python"
    python.symlink_to(sys.executable)
    env = {
        "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}",
        "CITECHECK_PATHS": "docs 'my notes/*.md'",
        "CITECHECK_ARGS": "--fail-on moved --exclude-path 'drafts/**' $(touch pwned)",
        "CITECHECK_CACHE_DIR": str(tmp_path / "cache"),
    }
    done = subprocess.run(
        ["bash", "-e", "-c", ACTION["runs"]["steps"][-1]["run"]],
        env=env, cwd=tmp_path, capture_output=True, text=True, check=False, timeout=30,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "[check]", "[--format]", "[github]", "[--cache]", f"[{tmp_path}/cache/results.sqlite]",
        "[--fail-on]", "[moved]", "[--exclude-path]", "[drafts/**]", "[$(touch]", "[pwned)]",
        "[docs]", "[my notes/*.md]",
    ]  # fmt: skip
    assert not (tmp_path / "pwned").exists()
    assert (tmp_path / "cache").is_dir()


def _offline_build_backend(wheelhouse: Path) -> str | None:
    """A setuptools wheel for the hook's isolated build, or why there is none here."""
    wheelhouse.mkdir()
    got = subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(wheelhouse),
         "setuptools>=77"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    if got.returncode != 0:
        return f"no setuptools wheel can be had for the hook's build: {got.stderr.strip()[-200:]}"
    return None


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def _snapshot_of_this_checkout(target: Path) -> Path:
    """The files pip installs, committed in a fresh repository (what try-repo clones)."""
    target.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "citecheck", target / "citecheck",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "-c", "user.name=t", "-c", "user.email=t@example.invalid",
         "commit", "-qm", "snapshot")  # fmt: skip
    return target


@pytest.mark.timeout(600)
def test_pre_commit_try_repo_runs_both_hooks_on_changed_files(tmp_path: Path) -> None:
    if not PRE_COMMIT.exists():
        pytest.skip("pre-commit is not installed beside this Python")
    missing = _offline_build_backend(tmp_path / "wheels")
    if missing:
        pytest.skip(missing)
    hooks_repo = _snapshot_of_this_checkout(tmp_path / "hooks")
    project = tmp_path / "project"
    project.mkdir()
    _git(project, "init", "-q")
    with ScenarioWeb(hosts=1) as web:
        (project / "citecheck.toml").write_text(
            f'allow-private = true\ncache = "{tmp_path / "cache.sqlite"}"\nretries = 0\n'
            f'[archive]\nwayback-api = "{web.url("/missing/wayback")}"\n'
            f'cdx-api = "{web.url("/missing/cdx")}"\n',
            encoding="utf-8",
        )
        (project / "chapter.md").write_text(
            f"A claim.[^1] Another.[^2]\n\n[^1]: A report, 2020, {web.url('/missing/1')}.\n",
            encoding="utf-8",
        )
        (project / "fine.md").write_text(
            f"A claim.[^1]\n\n[^1]: A page, 2021, {web.url('/ok/2')}.\n", encoding="utf-8"
        )
        (project / "requirements.txt").write_text("requests\n", encoding="utf-8")
        _git(project, "add", "-A")
        env = {
            **os.environ,
            "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
            # Offline: the build backend from the wheel folder, the dependencies already
            # installed beside this Python (seen through PYTHONPATH, so pip skips them).
            "PIP_NO_INDEX": "1",
            "PIP_FIND_LINKS": str(tmp_path / "wheels"),
            "PYTHONPATH": sysconfig.get_paths()["purelib"],
        }
        done = subprocess.run(
            [str(PRE_COMMIT), "try-repo", str(hooks_repo), "--verbose", "--all-files"],
            cwd=project, env=env, capture_output=True, text=True, check=False, timeout=540,
        )  # fmt: skip
    output = done.stdout + done.stderr
    if "Installing environment" in output and "Could not find a version" in output:
        pytest.skip("the hook's package cannot be installed offline here")
    assert done.returncode == 1, output
    verify = output.split("citecheck verify")[1].split("citecheck check")[0]
    check = output.split("citecheck check")[1]
    assert "Failed" in verify and "marker 2 has no note" in verify
    assert "Failed" in check and "/missing/1" in check and "dead" in check
    assert "chapter.md" in verify and "fine.md" in verify and "2 files" in check
    assert "requirements.txt" not in output
