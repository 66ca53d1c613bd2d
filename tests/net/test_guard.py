"""The private-address guard: refused before connecting, on the first hop and every redirect."""

from __future__ import annotations

import ipaddress
from urllib.parse import quote

import pytest

from citecheck.net import HttpClient
from citecheck.net.guard import AddressGuard, is_public
from tests.net.conftest import fast
from tests.servers import ScenarioWeb


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2606:4700::1111", True),
        ("::ffff:93.184.215.14", True),
        ("127.0.0.1", False),
        ("127.255.0.9", False),
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.251", False),
        ("240.0.0.1", False),
        ("255.255.255.255", False),
        ("::1", False),
        ("::", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("ff02::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:169.254.169.254", False),
        ("64:ff9b::a9fe:a9fe", False),
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public


def test_allowed_networks_open_only_themselves() -> None:
    guard = AddressGuard(allow_private=False, allowed_networks=("127.0.0.2/32",))
    assert guard.permits("127.0.0.2") and not guard.permits("127.0.0.3")
    assert AddressGuard(allow_private=True).permits("10.1.2.3")


def test_private_target_is_refused_before_any_request(web: ScenarioWeb) -> None:
    with HttpClient(fast(allow_private=False)) as client:
        check = client.fetch(web.url("/ok/1"))
    assert (check.error, check.status, check.attempts) == ("private-address", None, 1)
    assert web.stats.requests == 0 and sum(web.stats.connections.values()) == 0


def test_name_resolving_to_loopback_is_refused(web: ScenarioWeb) -> None:
    with HttpClient(fast(allow_private=False)) as client:
        check = client.fetch(f"http://localhost:{web.port()}/ok/1")
    assert check.error == "private-address"
    assert web.stats.requests == 0


def test_redirect_into_loopback_is_refused_without_contacting_it(web: ScenarioWeb) -> None:
    inner = web.url("/ok/secret", host=1)
    with HttpClient(fast(allow_private=False, allowed_networks=("127.0.0.2/32",))) as client:
        check = client.fetch(web.url(f"/redirect?to={quote(inner, safe='')}"))
    assert check.error == "private-address"
    assert [hop.status for hop in check.hops] == [302]
    assert check.final_url == inner
    assert web.stats.per_host == {"127.0.0.2": 1}
    assert web.stats.connections["127.0.0.3"] == 0


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:9/",
        "http://10.0.0.1/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]:9/",
        "http://[::1]:9/",
    ],
)
def test_redirects_into_private_ranges_are_refused(web: ScenarioWeb, target: str) -> None:
    with HttpClient(fast(allow_private=False, allowed_networks=("127.0.0.2/32",))) as client:
        check = client.fetch(web.url(f"/redirect?to={quote(target, safe='')}"))
    # "private-address" is only ever produced before a socket is opened.
    assert check.error == "private-address"
    assert check.attempts == 1 and check.elapsed < 0.5


def test_allow_private_reaches_loopback(client: HttpClient, web: ScenarioWeb) -> None:
    assert client.fetch(web.url("/ok/1")).status == 200
