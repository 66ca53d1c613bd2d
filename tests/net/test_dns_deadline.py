"""A name whose lookup never answers still ends within the per-URL deadline.

The resolver seam stands for a DNS server that never replies: getaddrinfo itself
cannot be interrupted, so the client must stop waiting for it, not wait it out.
Nothing leaves the machine: the lookup never returns an address to connect to.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from citecheck import cli
from citecheck.net import HttpClient
from citecheck.net.pool import run_concurrently
from citecheck.net.resolver import Resolver
from tests.net.conftest import fast


@pytest.fixture
def silent_dns() -> Iterator[tuple[threading.Event, list[str]]]:
    """Releases the blocked lookups (`_block`) when the test ends; the names asked."""
    release = threading.Event()
    asked: list[str] = []
    yield release, asked
    release.set()


def test_one_url_ends_at_its_deadline(silent_dns: tuple[threading.Event, list[str]]) -> None:
    release, asked = silent_dns
    resolver = Resolver((), lookup=lambda *a, **k: _block(release, asked, *a))
    with HttpClient(fast(deadline=1.0), resolver=resolver) as client:
        started = time.monotonic()
        check = client.fetch("http://never-answers.test/page")
        took = time.monotonic() - started
    assert asked == ["never-answers.test"]
    assert check.error == "timeout" and check.status is None
    assert took < 2.0


def test_many_urls_end_at_their_deadline(silent_dns: tuple[threading.Event, list[str]]) -> None:
    release, asked = silent_dns
    resolver = Resolver((), lookup=lambda *a, **k: _block(release, asked, *a))
    urls = [f"http://host{n}.never-answers.test/" for n in range(8)]
    with HttpClient(fast(deadline=1.0), resolver=resolver) as client:
        started = time.monotonic()
        checks = run_concurrently(urls, client.fetch, concurrency=8)
        took = time.monotonic() - started
    assert [check.error for check in checks] == ["timeout"] * 8
    assert took < 3.0


def test_the_command_line_ends_within_deadline(
    silent_dns: tuple[threading.Event, list[str]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    release, asked = silent_dns
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: _block(release, asked, *a))
    notes = tmp_path / "notes.md"
    links = "\n".join(
        f"[^{n}]: A page, <http://site{n}.never-answers.test/a>, accessed 1 May 2024."
        for n in range(1, 9)
    )
    notes.write_text("Text.[^1][^2][^3][^4][^5][^6][^7][^8]\n\n" + links + "\n", encoding="utf-8")
    argv = ["check", str(notes), "--no-cache", "--no-archive", "--deadline", "2"]
    started = time.monotonic()
    code = cli.main([*argv, "--format", "json", "--offline-ok"])
    took = time.monotonic() - started
    report = json.loads(capsys.readouterr().out)
    assert len(asked) >= 8
    assert {link["verdict"] for link in report["links"]} == {"inconclusive"}
    assert code in (0, 3)
    assert took < 8.0  # 2 s per URL, all at once; never the 30 s of a system lookup


def _block(release: threading.Event, asked: list[str], host: str, *rest: object) -> list:
    asked.append(host)
    release.wait(60)
    raise socket.gaierror(socket.EAI_AGAIN, "released at the end of the test")
