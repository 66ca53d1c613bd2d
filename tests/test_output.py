from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from citecheck.errors import UsageError
from citecheck.output import write_text


def test_new_file_gets_the_usual_mode(tmp_path):
    target = tmp_path / "report.txt"
    old = os.umask(0o022)
    try:
        write_text("hello", str(target))
    finally:
        os.umask(old)
    assert target.read_text(encoding="utf-8") == "hello"
    assert target.stat().st_mode & 0o777 == 0o644


def test_existing_file_is_kept_without_force(tmp_path):
    target = tmp_path / "mine.bib"
    target.write_text("precious", encoding="utf-8")
    with pytest.raises(UsageError, match="--force"):
        write_text("new", str(target))
    assert target.read_text(encoding="utf-8") == "precious"


def test_force_replaces_and_keeps_the_mode(tmp_path):
    target = tmp_path / "mine.bib"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_text("new", str(target), force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["mine.bib"]


def test_missing_directory_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        write_text("x", str(tmp_path / "nope" / "out.txt"))


def test_a_symlink_is_refused_even_with_force(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("precious", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with pytest.raises(UsageError, match="symbolic link"):
        write_text("new", str(link), force=True)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "precious"
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere.json")
    with pytest.raises(UsageError, match="symbolic link"):
        write_text("new", str(dangling), force=True)
    assert dangling.is_symlink() and not (tmp_path / "nowhere.json").exists()


def test_a_fifo_is_refused_even_with_force(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(UsageError, match="not a regular file"):
        write_text("new", str(fifo), force=True)  # would block, or replace the FIFO
    assert fifo.is_fifo()


def test_a_device_is_refused_even_with_force(tmp_path):
    # A device node of its own (never the machine's /dev: a regression would replace it).
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs privileges")
    with pytest.raises(UsageError, match="not a regular file"):
        write_text("new", str(device), force=True)
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_link_to_standard_output_is_refused_and_left_alone(tmp_path):
    """What `-o /dev/stdout --force` meets, on a link of the test's own."""
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    with pytest.raises(UsageError, match="symbolic link"):
        write_text("new", str(stdout), force=True)
    assert stdout.is_symlink()


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(UsageError, match="No space left"):
        write_text("new", str(target), force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
    assert target.read_text(encoding="utf-8") == "old"


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "chmod", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text("new", str(tmp_path / "report.json"))
    assert list(tmp_path.iterdir()) == []


def test_a_terminated_run_leaves_no_temporary_file(tmp_path):
    """SIGTERM during the write: the CLI turns it into SystemExit, and the write's cleanup
    runs (the default action would end the process with the temporary file left)."""
    import subprocess
    import sys

    script = (
        "import os, signal, sys\n"
        "from citecheck import cli, output\n"
        "cli.exit_on_terminate()\n"
        "def chunks():\n"
        "    yield 'part one'\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    yield 'part two'\n"
        "output.write_chunks(chunks(), sys.argv[1])\n"
    )
    target = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-c", script, str(target)],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 143, done.stderr
    assert list(tmp_path.iterdir()) == []
