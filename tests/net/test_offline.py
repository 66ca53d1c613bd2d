"""Offline: a failed lookup is "dns" only when DNS demonstrably works."""

from __future__ import annotations

from citecheck.net import HttpClient
from tests.net.conftest import fast
from tests.servers import ScenarioWeb


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
    with HttpClient(fast(dns_canaries=("no-such-canary.invalid",))) as client:
        assert client.fetch("http://gone.invalid/").error == "offline"
        assert client.fetch(web.url("/missing/1")).status == 404
        assert client.network_status() == "online"
