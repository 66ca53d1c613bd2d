"""The checked-in export examples in `reports/` are what `tools/make_examples.py` writes
now (the check reports depend on the network and on timings and are not compared)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from citecheck.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _make_examples() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_examples", ROOT / "tools" / "make_examples.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", list(_make_examples().EXPORTS))
def test_checked_in_export_example_matches_a_fresh_run(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = _make_examples()
    monkeypatch.chdir(ROOT)
    fresh = tmp_path / name
    command, *options = script.EXPORTS[name]
    assert main([command, str(script.NOTES), *options, "-o", str(fresh)]) == 0
    checked_in = (ROOT / "reports" / name).read_text(encoding="utf-8")
    assert checked_in == fresh.read_text(encoding="utf-8"), (
        f"reports/{name} is stale: run `PYTHONPATH=. python tools/make_examples.py --exports`"
    )
