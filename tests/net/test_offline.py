"""Offline: a failed lookup is "dns" only when DNS demonstrably works."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from citecheck.net import HttpClient
from tests.net.conftest import fast
from tests.servers import ScenarioWeb

ROOT = Path(__file__).resolve().parents[2]


def test_unknown_name_is_dns_when_the_resolver_works() -> None:
    with HttpClient(fast(dns_canaries=("localhost",))) as client:
        check = client.fetch("http://no-such-host.invalid/page")
        assert (check.error, check.status, check.attempts) == ("dns", None, 1)
        assert client.network_status() == "unknown"


def test_every_lookup_failing_means_offline_not_dead() -> None:
    urls = [f"http://host{n}.invalid/x" for n in range(5)] + ["https://doi.org/10.1000/1"]
    with HttpClient(fast(dns_canaries=("no-such-canary.invalid",))) as client:
        errors = {client.fetch(url).error for url in urls}
        assert errors == {"offline"}
        assert client.network_status() == "offline"


def test_an_answering_host_means_online(web: ScenarioWeb) -> None:
    # A deadline with room for a slow resolver on a loaded machine: the point is which
    # answer a failed lookup gets, not how fast it comes.
    with HttpClient(fast(dns_canaries=("no-such-canary.invalid",), deadline=5.0)) as client:
        assert client.fetch("http://gone.invalid/").error == "offline"
        assert client.fetch(web.url("/missing/1")).status == 404
        assert client.network_status() == "online"


NO_NETWORK_PROBE = """
import json, sys
from citecheck.net import HttpClient, NetPolicy
canaries = tuple(sys.argv[1:])
with HttpClient(NetPolicy(allow_private=True, dns_canaries=canaries, deadline=2)) as client:
    check = client.fetch("http://127.0.0.2:9/page")
    print(json.dumps([check.error, check.attempts, client.network_status()]))
"""


def _run_without_network(*canaries: str) -> list:
    """Run the probe in a network namespace of its own, where no network is up."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    result = subprocess.run(
        ["unshare", "-n", sys.executable, "-c", NO_NETWORK_PROBE, *canaries],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    if result.returncode != 0 and "unshare" in result.stderr:
        pytest.skip(f"no network namespace here: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_unreachable_network_with_dead_dns_is_offline() -> None:
    assert _run_without_network("no-such-canary.invalid") == ["offline", 1, "offline"]


def test_no_route_anywhere_is_offline_even_with_working_dns() -> None:
    assert _run_without_network("localhost") == ["unreachable", 1, "offline"]
