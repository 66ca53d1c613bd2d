"""HttpClient against real loopback servers: one scenario per test, asserting on Check."""

from __future__ import annotations

import json
import socket
import time
import tracemalloc

import pytest

from citecheck.net import HttpClient
from tests.net.conftest import fast
from tests.servers import ScenarioWeb, free_port, gzip_bomb


def test_ok_page_is_fetched_once_with_its_body(client: HttpClient, web: ScenarioWeb) -> None:
    url = web.url("/ok/1")
    before = time.time()
    check = client.fetch(url)
    assert (check.status, check.error, check.attempts, check.method) == (200, None, 1, "GET")
    assert check.final_url == url and check.hops == ()
    assert b"<title>Article 1</title>" in check.body
    assert check.content_type == "text/html"
    assert ("server", "scenario-web") in check.headers
    assert before <= check.checked_at <= time.time()
    assert web.stats.requests == 1


def test_without_body_head_is_enough(client: HttpClient, web: ScenarioWeb) -> None:
    check = client.fetch(web.url("/ok/1"), want_body=False)
    assert (check.status, check.method, check.body) == (200, "HEAD", b"")
    assert web.stats.methods == {"HEAD": 1}


def test_head_refused_falls_back_to_get(client: HttpClient, web: ScenarioWeb) -> None:
    check = client.fetch(web.url("/head-not-allowed/1"), want_body=False)
    assert (check.status, check.method) == (200, "GET")
    assert web.stats.methods == {"HEAD": 1, "GET": 1}


def test_head_404_is_confirmed_by_get(client: HttpClient, web: ScenarioWeb) -> None:
    check = client.fetch(web.url("/missing/1"), want_body=False)
    assert (check.status, check.method, check.attempts) == (404, "GET", 1)


@pytest.mark.parametrize(
    ("path", "code", "target"),
    [
        ("/moved-permanent/1", 301, "/ok/1-new"),
        ("/moved-308/1", 308, "/ok/1-new"),
        ("/moved-temp/1", 302, "/ok/1-tmp"),
        ("/moved-307/1", 307, "/ok/1-tmp"),
        ("/see-other/1", 303, "/ok/1-other"),
        ("/trailing-slash/1", 301, "/trailing-slash/1/"),
        ("/to-home/1", 301, "/"),
    ],
)
def test_redirects_are_followed_and_recorded(
    client: HttpClient, web: ScenarioWeb, path: str, code: int, target: str
) -> None:
    check = client.fetch(web.url(path))
    assert check.status == 200 and check.error is None
    assert [(hop.url, hop.status) for hop in check.hops] == [(web.url(path), code)]
    assert check.final_url == web.url(target)


def test_redirect_to_another_host(client: HttpClient, web: ScenarioWeb) -> None:
    check = client.fetch(web.url("/moved-host/7"))
    assert check.final_url == web.url("/ok/7-new", host=1)
    assert web.stats.per_host == {"127.0.0.2": 1, "127.0.0.3": 1}


def test_redirect_loop_is_detected(client: HttpClient, web: ScenarioWeb) -> None:
    check = client.fetch(web.url("/loop/1"))
    assert check.error == "redirect-loop"
    assert [hop.url for hop in check.hops] == [web.url("/loop/1"), web.url("/loop/1/b")]
    assert web.stats.requests == 2


def test_endless_redirect_chain_stops_at_the_cap(web: ScenarioWeb) -> None:
    with HttpClient(fast(max_redirects=10)) as client:
        check = client.fetch(web.url("/chain/1/1000"))
        assert check.error == "too-many-redirects"
        assert len(check.hops) == 11 and web.stats.requests == 11
        assert client.fetch(web.url("/chain/2/10")).status == 200


@pytest.mark.parametrize(("path", "status"), [("/missing/1", 404), ("/gone/1", 410)])
def test_client_errors_are_not_retried(
    client: HttpClient, web: ScenarioWeb, path: str, status: int
) -> None:
    check = client.fetch(web.url(path))
    assert (check.status, check.attempts, check.error) == (status, 1, None)
    assert web.stats.hits(path) == 1


def test_forbidden_is_reported_with_its_headers(client: HttpClient, web: ScenarioWeb) -> None:
    check = client.fetch(web.url("/forbidden/2"))
    assert (check.status, check.attempts) == (403, 1)
    assert dict(check.headers)["cf-mitigated"] == "challenge"


def test_persistent_500_is_retried_then_reported(client: HttpClient, web: ScenarioWeb) -> None:
    check = client.fetch(web.url("/server-error/1"))
    assert (check.status, check.attempts) == (500, 3)
    assert web.stats.hits("/server-error/1") == 3


def test_flaky_503_succeeds_on_retry(client: HttpClient, web: ScenarioWeb) -> None:
    check = client.fetch(web.url("/flaky/1?n=2"))
    assert (check.status, check.attempts) == (200, 3)


def test_retries_are_bounded(web: ScenarioWeb) -> None:
    with HttpClient(fast(retries=1)) as client:
        check = client.fetch(web.url("/flaky/1?n=5"))
    assert (check.status, check.attempts) == (503, 2)
    assert web.stats.hits("/flaky/1") == 2


def test_retry_after_is_honoured(web: ScenarioWeb) -> None:
    with HttpClient(fast(deadline=3.0)) as client:
        started = time.monotonic()
        check = client.fetch(web.url("/rate-limited/1?after=1"))
        waited = time.monotonic() - started
    assert (check.status, check.attempts) == (200, 2)
    assert 1.0 <= waited < 2.0
    assert check.elapsed >= 1.0


def test_retry_after_beyond_the_cap_is_not_waited_for(client: HttpClient, web: ScenarioWeb) -> None:
    started = time.monotonic()
    check = client.fetch(web.url("/rate-limited/1?after=60"))
    assert (check.status, check.attempts) == (429, 1)
    assert time.monotonic() - started < 0.5


def test_hang_costs_one_timeout_not_two(web: ScenarioWeb) -> None:
    policy = fast(read_timeout=0.5, deadline=0.8)
    with HttpClient(policy) as client:
        started = time.monotonic()
        check = client.fetch(web.url("/hang/1"))
        wall = time.monotonic() - started
    assert (check.error, check.status, check.attempts) == ("timeout", None, 1)
    assert 0.5 <= wall < 0.8 + 0.5
    assert web.stats.hits("/hang/1") == 1


@pytest.mark.parametrize("path", ["/drip/1?every=0.05", "/drip-headers/1?every=0.05"])
def test_dripping_server_is_cut_off_at_the_deadline(web: ScenarioWeb, path: str) -> None:
    with HttpClient(fast(read_timeout=0.5, deadline=0.8)) as client:
        started = time.monotonic()
        check = client.fetch(web.url(path))
        wall = time.monotonic() - started
    assert check.error == "timeout"
    assert wall < 0.8 + 0.5


@pytest.mark.parametrize("path", ["/close-mid-response/1", "/close-before-response/1"])
def test_dropped_connections_are_retried_as_resets(
    client: HttpClient, web: ScenarioWeb, path: str
) -> None:
    check = client.fetch(web.url(path))
    assert (check.error, check.attempts) == ("reset", 3)


@pytest.mark.parametrize("path", ["/invalid-status/1", "/huge-headers/1", "/many-headers/1"])
def test_broken_responses_are_invalid(client: HttpClient, web: ScenarioWeb, path: str) -> None:
    started = time.monotonic()
    check = client.fetch(web.url(path))
    assert check.error == "invalid-response"
    assert time.monotonic() - started < 1.0


def test_gzip_bomb_is_inflated_only_up_to_the_cap(web: ScenarioWeb) -> None:
    with HttpClient(fast(max_body_bytes=100_000)) as client:
        url = web.url("/gzip-bomb/1")
        gzip_bomb()  # built (and cached) before measuring: the server's memory is not ours
        tracemalloc.start()
        check = client.fetch(url)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert check.status == 200 and len(check.body) == 100_000
    assert peak < 8 * 1024 * 1024


def test_deflate_bodies_are_decoded(client: HttpClient, web: ScenarioWeb) -> None:
    check = client.fetch(web.url("/deflate/1"))
    assert b"Deflated." in check.body


def test_big_html_body_is_capped(web: ScenarioWeb) -> None:
    with HttpClient(fast(max_body_bytes=50_000)) as client:
        check = client.fetch(web.url("/big-html/1?mb=50"))
    assert check.status == 200 and len(check.body) == 50_000


def test_big_binary_body_is_never_downloaded(client: HttpClient, web: ScenarioWeb) -> None:
    started = time.monotonic()
    check = client.fetch(web.url("/big/1?mb=50"))
    assert (check.status, check.content_type, check.body) == (200, "application/pdf", b"")
    assert time.monotonic() - started < 1.0


def test_refused_connection_is_not_retried(client: HttpClient) -> None:
    check = client.fetch(f"http://127.0.0.2:{free_port()}/x")
    assert (check.error, check.status, check.attempts) == ("refused", None, 1)


def test_user_agent_and_encodings_are_sent(client: HttpClient, web: ScenarioWeb) -> None:
    sent = json.loads(client.fetch(web.url("/echo-headers")).body)
    assert sent["user-agent"].startswith("citecheck/")
    assert "gzip" in sent["accept-encoding"]


@pytest.mark.parametrize(
    ("url", "error"),
    [("ftp://127.0.0.2/x", "unsupported-scheme"), ("http:///nohost", "invalid-url")],
)
def test_unusable_urls(client: HttpClient, url: str, error: str) -> None:
    assert client.fetch(url).error == error


def test_redirect_to_another_scheme_stops(client: HttpClient, web: ScenarioWeb) -> None:
    check = client.fetch(web.url("/redirect?to=ftp://example.org/x"))
    assert check.error == "unsupported-scheme" and len(check.hops) == 1


def test_explicit_head_is_not_replaced_by_get(client: HttpClient, web: ScenarioWeb) -> None:
    check = client.fetch(web.url("/head-not-allowed/1"), method="HEAD")
    assert (check.status, check.method) == (405, "HEAD")


def test_cookie_set_on_a_redirect_is_sent_back(client: HttpClient, web: ScenarioWeb) -> None:
    check = client.fetch(web.url("/cookie-gate/1"))
    assert (check.status, check.error, len(check.hops)) == (200, None, 1)


def test_cookies_do_not_leak_between_fetches(client: HttpClient, web: ScenarioWeb) -> None:
    client.fetch(web.url("/cookie-gate/1"))
    sent = json.loads(client.fetch(web.url("/echo-headers")).body)
    assert "cookie" not in sent


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("http://[::1", "invalid-url"),
        ("http://exa mple.invalid/", "invalid-url"),
        ("http://127.0.0.2:99999/", "invalid-url"),
        ("", "unsupported-scheme"),
        ("javascript:alert(1)", "unsupported-scheme"),
        ("mailto:someone@example.org", "unsupported-scheme"),
        ("http://例え.invalid/", "dns"),
        ("http://" + "a" * 300 + ".invalid/", "invalid-url"),
    ],
)
def test_malformed_urls_become_error_codes(client: HttpClient, url: str, error: str) -> None:
    check = client.fetch(url)
    assert (check.error, check.status, check.url) == (error, None, url)


def test_unparsable_location_is_an_invalid_response(client: HttpClient, web: ScenarioWeb) -> None:
    check = client.fetch(web.url("/redirect?to=http://%5B::1"))
    assert (check.error, check.status) == ("invalid-response", 302)


def test_fifty_megabyte_page_costs_no_more_memory_than_the_cap(web: ScenarioWeb) -> None:
    with HttpClient(fast()) as client:
        tracemalloc.start()
        check = client.fetch(web.url("/big-html/1?mb=50"))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert len(check.body) == client.policy.max_body_bytes
    assert peak < 4 * 1024 * 1024


def test_unanswered_connection_attempts_are_connect_timeouts() -> None:
    # A listener whose accept queue is full drops further connection attempts.
    with socket.socket() as listener, socket.socket() as filler:
        listener.bind(("127.0.0.2", 0))
        listener.listen(0)
        filler.connect(listener.getsockname())
        policy = fast(connect_timeout=0.3, read_timeout=0.3, deadline=1.0)
        with HttpClient(policy) as client:
            started = time.monotonic()
            check = client.fetch(f"http://127.0.0.2:{listener.getsockname()[1]}/x")
            wall = time.monotonic() - started
    assert (check.error, check.status) == ("connect-timeout", None)
    assert check.attempts >= 2  # a dropped SYN is worth another try
    assert wall < 1.0 + 0.5


def test_utf8_location_is_followed_to_the_right_path(client: HttpClient, web: ScenarioWeb) -> None:
    check = client.fetch(web.url("/utf8-location/1"))
    assert check.status == 200
    assert check.final_url == web.url("/ok/日本")
    assert web.stats.hits("/ok/%E6%97%A5%E6%9C%AC") == 1
