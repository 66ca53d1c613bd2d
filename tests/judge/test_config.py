"""Configuration files, their errors, and the command line laid over them."""

from __future__ import annotations

import pytest

from citecheck.config import Config, load_config, with_overrides
from citecheck.errors import UsageError

PYPROJECT = """
[project]
name = "book"

[tool.citecheck]
timeout = 7
connect-timeout = 2.5
retries = 0
concurrency = 16
host-concurrency = 2
user-agent = "book-checker/1.0 (+mailto:editor@example.org)"
exclude = ["^https?://localhost", "linkedin\\\\.com"]
include = ["linkedin\\\\.com/in/editor"]
max-age = "12h"
allow-private = true
fail-on = ["moved"]
cache = "cache.sqlite"

[tool.citecheck.accept]
"www.Example.org" = [403, 429]

[tool.citecheck.archive]
enabled = false
rate-per-minute = 10
"""


def test_pyproject_settings_are_read_and_build_the_policy(tmp_path):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    config = load_config(directory=tmp_path)
    assert config.max_age == 12 * 3600
    assert config.fail_on == frozenset({"moved"})
    assert (config.archive.enabled, config.archive.rate_per_minute) == (False, 10)
    assert config.accepted_for("https://example.org/x") == frozenset({403, 429})
    assert config.accepted_for("https://other.org/x") == frozenset()
    assert not config.wants("http://localhost:8000/a")
    assert not config.wants("https://www.linkedin.com/in/someone")
    assert config.wants("https://www.linkedin.com/in/editor")
    assert config.wants("https://example.org/")
    policy = config.net_policy()
    assert (policy.read_timeout, policy.connect_timeout, policy.retries) == (7, 2.5, 0)
    assert (policy.concurrency, policy.host_concurrency, policy.allow_private) == (16, 2, True)
    assert policy.user_agent.startswith("book-checker/1.0")
    assert policy.deadline >= policy.read_timeout + policy.connect_timeout


def test_citecheck_toml_wins_over_pyproject_and_command_line_wins_over_both(tmp_path):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "citecheck.toml").write_text("timeout = 3\nretries = 4\n", encoding="utf-8")
    config = load_config(directory=tmp_path)
    assert (config.timeout, config.retries) == (3, 4)
    overridden = with_overrides(config, {"timeout": 1.5, "retries": None})
    assert (overridden.timeout, overridden.retries) == (1.5, 4)


def test_no_file_means_defaults(tmp_path):
    assert load_config(directory=tmp_path) == Config()


def test_pyproject_without_a_citecheck_table_is_ignored(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_config(directory=tmp_path) == Config()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("timout = 3", "'timout'"),
        ('timeout = "fast"', "'timeout'"),
        ("retries = -1", "'retries'"),
        ("allow-private = 1", "'allow-private'"),
        ('exclude = ["(unclosed"]', "'exclude'"),
        ('fail-on = ["broken"]', "'fail-on'"),
        ('max-age = "soon"', "'max-age'"),
        ('accept = {"example.org" = ["403"]}', "'accept'"),
        ("archive = {speed = 3}", "'archive'"),
        ("timeout = [", "not valid TOML"),
    ],
)
def test_bad_settings_are_errors_naming_the_key(tmp_path, text, named):
    path = tmp_path / "citecheck.toml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(UsageError, match=named):
        load_config(str(path))


def test_explicit_config_that_does_not_exist(tmp_path):
    with pytest.raises(UsageError, match="not found"):
        load_config(str(tmp_path / "nope.toml"))


def test_confirm_dead_setting(tmp_path):
    (tmp_path / "citecheck.toml").write_text("confirm-dead = 3\n", encoding="utf-8")
    assert load_config(directory=tmp_path).confirm_dead == 3
    (tmp_path / "citecheck.toml").write_text("confirm-dead = 0\n", encoding="utf-8")
    with pytest.raises(UsageError, match="'confirm-dead'"):
        load_config(directory=tmp_path)
