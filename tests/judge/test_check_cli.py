"""`citecheck check` end to end: a manuscript citing loopback servers, the JSON contract,
exit codes, options, configuration errors, and a machine without network."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest

from citecheck.cli import main
from tests.servers import ScenarioWeb

# Generous limits: no scenario here hangs, and a loaded test machine must not turn
# a slow answer into a timeout.
FAST = ["--allow-private", "--no-archive", "--timeout", "5", "--deadline", "10"]

# (path, host) → expected verdict
CITED = {
    ("/ok/1", 0): "resolvable",
    ("/moved-permanent/2", 1): "moved",
    ("/moved-temp/3", 2): "resolvable",
    ("/missing/4", 0): "dead",
    ("/soft-404/5", 1): "dead",
    ("/to-home/6", 2): "dead",
    ("/forbidden/7", 0): "inconclusive",
    ("/flaky/8", 1): "resolvable",
    ("/meta-refresh/9", 2): "moved",
}


@pytest.fixture(scope="module")
def web() -> Iterator[ScenarioWeb]:
    with ScenarioWeb(hosts=3, hold_seconds=3.0) as scenario_web:
        yield scenario_web


def manuscript(tmp_path: Path, urls: list[str]) -> Path:
    body = "".join(f"Claim {n}.[^{n}]\n" for n in range(1, len(urls) + 1))
    notes = "".join(f"[^{n}]: Source {n}, 2024. <{url}>\n" for n, url in enumerate(urls, 1))
    path = tmp_path / "book.md"
    path.write_text(f"# Book\n\n{body}\n{notes}", encoding="utf-8")
    return path


def run_json(capsys, *argv: str) -> tuple[int, dict]:
    code = main(["check", "--format", "json", *argv])
    return code, json.loads(capsys.readouterr().out)


def test_json_report_of_a_manuscript(web, tmp_path, capsys) -> None:
    urls = [web.url(path, host) for path, host in CITED]
    path = manuscript(tmp_path, urls)
    code, report = run_json(capsys, str(path), "--no-cache", *FAST)
    assert code == 1
    summary = report["summary"]
    expected = list(CITED.values())
    assert summary["links"] == len(urls)
    for state in ("resolvable", "moved", "dead", "inconclusive"):
        assert summary[state] == expected.count(state)
    assert summary["offline"] is False
    by_url = {link["url"]: link for link in report["links"]}
    assert [by_url[url]["verdict"] for url in urls] == expected
    moved = by_url[web.url("/moved-permanent/2", 1)]
    assert moved["new_url"] == web.url("/ok/2-new", 1)
    assert moved["redirects"] == [{"url": web.url("/moved-permanent/2", 1), "status": 301}]
    assert moved["reason"] == "permanent-redirect"
    for link in report["links"]:
        assert set(link) >= {
            "url", "verdict", "reason", "status", "final_url", "new_url",
            "redirects", "attempts", "archive", "citations",
        }  # fmt: skip
        assert link["citations"]
        assert link["archive"] is None


def test_nothing_dead_is_exit_0_and_fail_on_makes_it_1(web, tmp_path, capsys) -> None:
    path = manuscript(tmp_path, [web.url("/ok/10"), web.url("/moved-308/11")])
    code, report = run_json(capsys, str(path), "--no-cache", *FAST)
    assert code == 0
    assert [link["verdict"] for link in report["links"]] == ["resolvable", "moved"]
    code, _ = run_json(capsys, str(path), "--no-cache", "--fail-on", "moved", *FAST)
    assert code == 1


def test_exclude_and_include_patterns(web, tmp_path, capsys) -> None:
    path = manuscript(tmp_path, [web.url("/ok/12"), web.url("/missing/13"), web.url("/ok/14")])
    argv = [str(path), "--no-cache", *FAST, "--exclude", "/missing/", "--exclude", "/ok/"]
    code, report = run_json(capsys, *argv, "--include", "/ok/14")
    assert code == 0
    assert [link["url"] for link in report["links"]] == [web.url("/ok/14")]


def test_cache_reuses_final_verdicts(web, tmp_path, capsys) -> None:
    path = manuscript(tmp_path, [web.url("/missing/15"), web.url("/slow/16?ms=100")])
    cache = str(tmp_path / "results.sqlite")
    first_code, first = run_json(capsys, str(path), "--cache", cache, *FAST)
    hits = web.stats.hits("/missing/15"), web.stats.hits("/slow/16")
    assert hits == (1, 1)
    second_code, second = run_json(capsys, str(path), "--cache", cache, *FAST)
    assert (web.stats.hits("/missing/15"), web.stats.hits("/slow/16")) == hits
    assert first_code == second_code == 1
    assert [link["verdict"] for link in second["links"]] == ["dead", "resolvable"]
    assert all(link["cached"] for link in second["links"])
    assert [{**link, "cached": True} for link in first["links"]] == second["links"]


def test_an_inconclusive_verdict_is_reused_for_an_hour_unless_told(web, tmp_path, capsys) -> None:
    path = manuscript(tmp_path, [web.url("/forbidden/17")])
    cache = str(tmp_path / "results.sqlite")
    run_json(capsys, str(path), "--cache", cache, *FAST)
    hits = web.stats.hits("/forbidden/17")
    _, warm = run_json(capsys, str(path), "--cache", cache, *FAST)
    assert web.stats.hits("/forbidden/17") == hits
    assert [(link["verdict"], link["cached"]) for link in warm["links"]] == [("inconclusive", True)]
    argv = [str(path), "--cache", cache, "--reuse-inconclusive", "0", *FAST]
    _, asked = run_json(capsys, *argv)
    assert web.stats.hits("/forbidden/17") > hits
    assert [(link["verdict"], link["cached"]) for link in asked["links"]] == [
        ("inconclusive", False)
    ]


def test_config_file_is_read_and_command_line_wins(web, tmp_path, capsys) -> None:
    path = manuscript(tmp_path, [web.url("/forbidden/17")])
    config = tmp_path / "citecheck.toml"
    host = web.addresses[0]
    config.write_text(f'fail-on = ["inconclusive"]\n[accept]\n"{host}" = [403]\n', "utf-8")
    code, report = run_json(capsys, str(path), "--config", str(config), "--no-cache", *FAST)
    assert (code, report["links"][0]["verdict"]) == (0, "resolvable")
    config.write_text('fail-on = ["inconclusive"]\n', "utf-8")
    code, _ = run_json(capsys, str(path), "--config", str(config), "--no-cache", *FAST)
    assert code == 1
    code, _ = run_json(
        capsys, str(path), "--config", str(config), "--fail-on", "moved", "--no-cache", *FAST
    )
    assert code == 0


def test_output_file_and_html_report(web, tmp_path, capsys) -> None:
    path = manuscript(tmp_path, [web.url("/ok/18")])
    out, html = tmp_path / "report.json", tmp_path / "report.html"
    argv = ["check", str(path), "--no-cache", *FAST, "--format", "json", "-o", str(out)]
    assert main([*argv, "--report", str(html)]) == 0
    assert json.loads(out.read_text("utf-8"))["summary"]["resolvable"] == 1
    assert "<html" in html.read_text("utf-8").lower()
    hits = web.stats.hits("/ok/18")
    assert main(argv) == 2
    assert "exists" in capsys.readouterr().err
    assert web.stats.hits("/ok/18") == hits  # refused before checking anything
    assert main([*argv, "--force"]) == 0


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--timeout", "-1"], "expected a number above 0 and at most 600"),
        (["--fail-on", "broken"], "expected verdicts"),
        (["--max-age", "soon"], "expected a duration"),
        (["--config", "missing.toml"], "not found"),
        (["--exclude", "(unclosed"], "expected a regular expression"),
        (["--include", "[z-a]"], "expected a regular expression"),
        (["--timeout", "nan"], "expected a number above 0"),
    ],
)
def test_bad_options_exit_2_with_one_line(sample_notes_path, capsys, extra, message) -> None:
    with pytest.raises(SystemExit) as ended:
        code = main(["check", str(sample_notes_path), "--no-cache", *extra])
        raise SystemExit(code)
    assert ended.value.code == 2
    assert message in capsys.readouterr().err


def test_bad_config_key_and_missing_input_exit_2(tmp_path, capsys) -> None:
    (tmp_path / "bad.toml").write_text("retries = 1\ntimout = 2\n", "utf-8")
    notes = tmp_path / "n.txt"
    notes.write_text("注\n- 1 A, <http://127.0.0.2:9/x>.\n", "utf-8")
    assert main(["check", str(notes), "--config", str(tmp_path / "bad.toml")]) == 2
    err = capsys.readouterr().err.strip()
    assert "'timout'" in err
    assert len(err.splitlines()) == 1
    assert main(["check", str(tmp_path / "absent.txt"), "--no-cache"]) == 2


def _network_reachable() -> bool:
    try:
        socket.getaddrinfo("example.com", 443)
    except OSError:
        return False
    return True


@pytest.mark.skipif(_network_reachable(), reason="needs a machine without network")
def test_sample_without_network_is_inconclusive_offline_not_dead(sample_notes_path, capsys):
    code, report = run_json(capsys, str(sample_notes_path), "--no-cache")
    assert code == 3  # nothing could be checked: not a green run
    assert report["summary"]["offline"] is True
    assert report["summary"]["dead"] == 0
    assert report["summary"]["links"] >= 5
    assert {(link["verdict"], link["reason"]) for link in report["links"]} == {
        ("inconclusive", "offline")
    }
    code, _ = run_json(capsys, str(sample_notes_path), "--no-cache", "--offline-ok")
    assert code == 0
    offline_ok = ("--no-cache", "--offline-ok", "--fail-on", "inconclusive")
    code, _ = run_json(capsys, str(sample_notes_path), *offline_ok)
    assert code == 1


def check_with_wayback(web, tmp_path, capsys, *extra: str):
    """Check a dead and a live link against a loopback Wayback; (exit, report, asked)."""
    from tests.archives.fake_wayback import Wayback, serve_wayback

    dead, alive = web.url("/missing/19"), web.url("/ok/20")
    path = manuscript(tmp_path, [dead, alive])
    captures = {
        dead: [("20240105120000", 200), ("20190101000000", 200)],
        alive: [("20240105", 200)],
    }
    with serve_wayback(Wayback(captures=captures)) as wayback:
        config = tmp_path / "citecheck.toml"
        config.write_text(
            f'[archive]\nreplay-base = "{wayback.base}/web/"\nrate-per-minute = 6000\n',
            "utf-8",
        )
        argv = ["--config", str(config), "--no-cache", *FAST, *extra]
        argv.remove("--no-archive")
        argv += ["--wayback-api", f"{wayback.base}/wayback/available"]
        argv += ["--cdx-api", f"{wayback.base}/cdx/search/cdx"]
        code, report = run_json(capsys, str(path), *argv)
        asked = [unquote(path) for path in wayback.paths("/")]
    return code, report, asked, wayback.base, alive


def test_every_link_gets_the_snapshot_closest_to_its_citation(web, tmp_path, capsys):
    code, report, asked, base, alive = check_with_wayback(
        web, tmp_path, capsys, "--archive-scope", "all"
    )
    assert code == 1
    first, second = report["links"]
    assert first["verdict"] == "dead"
    assert first["archive"]["timestamp"] == "20240105120000"
    assert first["archive"]["url"].startswith(base + "/web/20240105120000")
    assert first["fix"] == first["archive"]["url"]
    assert second["verdict"] == "resolvable"
    assert second["archive"]["url"].startswith(base + "/web/20240105")
    assert any(alive in request for request in asked)


@pytest.mark.parametrize("scope", [(), ("--archive-scope", "dead")], ids=["default", "dead"])
def test_archive_scope_dead_looks_up_dead_links_only(web, tmp_path, capsys, scope):
    code, report, asked, _, alive = check_with_wayback(web, tmp_path, capsys, *scope)
    assert code == 1
    first, second = report["links"]
    assert first["archive"]["timestamp"] == "20240105120000"
    assert second["archive"] is None
    assert asked and all(alive not in request for request in asked)


def test_confirm_dead_needs_the_cache(sample_notes_path, capsys) -> None:
    assert main(["check", str(sample_notes_path), "--no-cache", "--confirm-dead", "3"]) == 2
    assert "--confirm-dead needs" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("fmt", "marker"), [("markdown", "|"), ("junit", "<testsuite"), ("terminal", "1 dead")]
)
def test_every_format_reports_the_dead_link(web, tmp_path, capsys, fmt, marker) -> None:
    path = manuscript(tmp_path, [web.url("/ok/21"), web.url("/gone/22")])
    assert main(["check", str(path), "--no-cache", *FAST, "--format", fmt]) == 1
    out = capsys.readouterr().out
    assert marker in out
    assert web.url("/gone/22") in out


def test_quiet_prints_the_summary_line_alone(web, tmp_path, capsys) -> None:
    path = manuscript(tmp_path, [web.url("/ok/23")])
    assert main(["check", str(path), "--no-cache", *FAST, "--quiet"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    assert "1 resolvable" in lines[0]
