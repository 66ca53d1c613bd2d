"""HttpClient: one observation (`Check`) of a URL, all hops and retries included."""

from __future__ import annotations

import threading
import time
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal
from urllib.parse import urljoin, urlsplit, urlunsplit

from citecheck.model import Check, Hop
from citecheck.net.body import CHUNK, CappedBody
from citecheck.net.failures import FetchFailure, classify
from citecheck.net.guard import AddressGuard
from citecheck.net.hosts import DEFAULT_PORTS, HostPacer, Origin, address_key, origin_of
from citecheck.net.limits import SlotLimiter
from citecheck.net.policy import NetPolicy
from citecheck.net.prepare import as_requests, prepare
from citecheck.net.resolver import Resolver
from citecheck.net.retry import call_with_retries, is_retryable, retry_after_seconds
from citecheck.net.transport import RequestScope, open_guarded, request_scope, watch_socket
from citecheck.net.watchdog import Watchdog
from citecheck.net.wire import Pool, Response

if TYPE_CHECKING:  # requests' cookie jar is imported by the first answer setting a cookie
    from requests.cookies import RequestsCookieJar

Method = Literal["auto", "GET", "HEAD", "POST"]
NetworkStatus = Literal["online", "offline", "unknown"]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Bodies of redirects and error pages this small are read to keep the connection.
SMALL_BODY = 64 * 1024
# Errors after which a GET would only repeat the same failure (or cost another timeout).
NO_GET_FALLBACK = frozenset(
    {
        "dns",
        "dns-temporary",
        "no-socket",
        "offline",
        "unreachable",
        "refused",
        "connect-timeout",
        "timeout",
        "private-address",
        "invalid-url",
        "unsupported-scheme",
        "redirect-loop",
        "too-many-redirects",
        "ssl",
    }
)


@dataclass(frozen=True)
class _Reply:
    """One request and its answer (or the failure code that ended it)."""

    url: str
    method: str
    status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    error: str | None = None

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key == name), None)


class _Budget:
    """Time one fetch spends talking to servers or sleeping before a retry.

    Time spent queued for a connection slot is not counted: a URL must not time
    out because other URLs on its host were slow.
    """

    def __init__(self, total: float) -> None:
        self.total = total
        self.spent = 0.0

    def left(self) -> float:
        return self.total - self.spent

    def sleep(self, seconds: float) -> None:
        started = time.monotonic()
        time.sleep(max(0.0, min(seconds, self.left())))
        self.spent += time.monotonic() - started


@dataclass
class _FetchState:
    """What every request of one fetch shares: headers, body wish, time, cookies.

    Cookies live only as long as one fetch: enough for the sites that set a
    cookie and redirect to themselves (which would otherwise look like a
    redirect loop), and nothing leaks from one cited URL to another.
    """

    headers: dict[str, str]
    want_body: bool
    budget: _Budget
    cookies: RequestsCookieJar | None = None  # made by the first Set-Cookie: most fetches get none
    #: What a POST sends (a form to an archive's save API); never sent with GET or HEAD.
    body: bytes | None = None
    #: Whether a request of this fetch took a slot yet (its first goes first: `limits`).
    started: bool = False

    def cookie_state(self) -> tuple[tuple[str, str | None, str, str], ...]:
        if self.cookies is None:
            return ()
        return tuple(sorted((c.name, c.value, c.domain, c.path) for c in self.cookies))


class HttpClient:
    """Fetches URLs under a `NetPolicy`. Thread-safe: share one across a thread pool.

    `fetch(url, method="auto")` sends GET when a body is wanted (the page text is
    needed to spot soft-404 pages and meta refreshes, so a HEAD first would only
    add a round trip), and HEAD otherwise, falling back to GET when HEAD gets no
    2xx answer (405, 501, 403, 404… many servers answer HEAD wrongly). Bodies are
    streamed: only textual pages (HTML, XML, JSON, plain text, or no declared
    type) are read, up to `max_body_bytes` after decompression; anything else
    (a 50 MB PDF) is never downloaded.

    Redirects are followed hop by hop — every hop re-resolved and re-checked by
    the private-address guard — and recorded in `Check.hops` as (url, status)
    of each redirecting answer; `final_url`/`status` describe the last answer
    (on a redirect loop or too many redirects, the last redirect's status).

    `Check.attempts` is how many times the deciding request was sent (1 + the
    retries it took; 0 when the URL could not even be requested);
    `Check.elapsed` is the time the fetch spent on the network and in back-off
    sleeps, not time queued for a slot; `Check.error` is one of the codes in
    `citecheck.net.failures` (None when a server answered). An answer cut off by
    the deadline is "timeout", even if part of it had arrived.
    """

    def __init__(
        self, policy: NetPolicy | None = None, *, resolver: Resolver | None = None
    ) -> None:
        self.policy = policy or NetPolicy()
        self._guard = AddressGuard(self.policy.allow_private, self.policy.allowed_networks)
        self._resolver = resolver or Resolver(self.policy.dns_canaries)
        self._watchdog = Watchdog()
        self._limiter = SlotLimiter(self.policy.concurrency, self.policy.host_concurrency)
        self._keys: dict[Origin, Hashable] = {}  # politeness key of each origin seen
        self._pacer = HostPacer()
        # Idle connections are kept for the 200 most recent hosts: at most
        # 200 × host_concurrency sockets, within the usual limit of 1024 open files.
        self._pools = Pool(open_guarded, origins_kept=200, per_origin=self.policy.host_concurrency)
        self._default_headers = {
            "User-Agent": self.policy.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Accept-Encoding": "gzip, deflate",
        }
        self._counts_lock = threading.Lock()
        self._answered = 0
        self._offline = 0

    # --- public API ---------------------------------------------------------------

    def fetch(
        self,
        url: str,
        *,
        method: Method = "auto",
        headers: Mapping[str, str] | None = None,
        want_body: bool = True,
        body: bytes | None = None,
    ) -> Check:
        checked_at = time.time()
        budget = _Budget(self.policy.deadline)
        state = _FetchState(
            {**self._default_headers, **(headers or {})}, want_body, budget, body=body
        )
        first = ("GET" if want_body else "HEAD") if method == "auto" else method.upper()
        hops: list[Hop] = []
        reply, attempts = self._follow(url, first, state, hops)
        if (
            method == "auto"
            and first == "HEAD"
            and not _is_success(reply)
            and reply.error not in NO_GET_FALLBACK
        ):
            reply, attempts = self._follow(reply.url, "GET", state, hops)
        self._count(reply)
        content_type = reply.header("content-type")
        return Check(
            url=url,
            method=reply.method,
            status=reply.status,
            final_url=reply.url,
            hops=tuple(hops),
            error=reply.error,
            attempts=attempts,
            elapsed=round(budget.spent, 4),
            checked_at=checked_at,
            headers=reply.headers,
            body=reply.body,
            content_type=content_type.split(";", 1)[0].strip().lower() if content_type else None,
        )

    def network_status(self) -> NetworkStatus:
        """ "online" once any server answered; "offline" when none did and DNS or the
        route to a host failed (no route to any host is no network); "unknown"
        before anything was fetched."""
        with self._counts_lock:
            if self._answered:
                return "online"
            return "offline" if self._offline else "unknown"

    def close(self) -> None:
        self._pools.close()
        self._watchdog.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- redirects ----------------------------------------------------------------

    def _follow(
        self, url: str, method: str, state: _FetchState, hops: list[Hop]
    ) -> tuple[_Reply, int]:
        """Request `url`, following redirects; append each redirect to `hops`."""
        try:
            visited = {(_without_fragment(url), state.cookie_state())}
        except ValueError:
            return _Reply(url, method, error="invalid-url"), 0
        current = url
        for _ in range(self.policy.max_redirects + 1):
            reply, attempts = self._with_retries(method, current, state)
            location = reply.header("location")
            if reply.error or reply.status not in REDIRECT_STATUSES or not location:
                return reply, attempts
            hops.append(Hop(current, reply.status))  # type: ignore[arg-type]
            try:
                target = _without_fragment(urljoin(current, _header_text(location).strip()))
            except ValueError:  # a Location no URL parser accepts
                return _Reply(current, method, reply.status, error="invalid-response"), attempts
            if urlsplit(target).scheme not in ("http", "https"):
                return _Reply(target, method, error="unsupported-scheme"), attempts
            seen = (target, state.cookie_state())
            if seen in visited:  # same place, same cookies: it will never end
                return _Reply(target, method, reply.status, error="redirect-loop"), attempts
            visited.add(seen)
            if reply.status == 303 and method != "HEAD":
                method = "GET"
            current = target
        last_status = hops[-1].status if hops else None
        return _Reply(current, method, last_status, error="too-many-redirects"), attempts

    def _with_retries(self, method: str, url: str, state: _FetchState) -> tuple[_Reply, int]:
        """The request and its retries. A 429 from a host that is now paced is not
        retried; a retry the pacer did not send leaves the host's last answer as the
        evidence, and is not counted as an attempt."""
        budget = state.budget
        answered: list[_Reply] = []
        unsent = 0

        def attempt() -> _Reply:
            nonlocal unsent
            reply = self._exchange(method, url, state)
            if reply.error == "host-rate-limited":
                unsent += 1
                if answered:
                    return answered[-1]
            else:
                answered.append(reply)
            return reply

        reply, attempts = call_with_retries(
            attempt,
            policy=self.policy,
            retryable=lambda reply: (
                is_retryable(reply.status, reply.error)
                and not (reply.status == 429 and self._pacer.paced(self._key_of(reply.url)))
            ),
            retry_after=lambda reply: retry_after_seconds(reply.header("retry-after")),
            time_left=budget.left,
            sleep=budget.sleep,
        )
        return reply, attempts - unsent

    # --- one request --------------------------------------------------------------

    def _exchange(self, method: str, url: str, state: _FetchState) -> _Reply:
        try:
            scheme, hostname, origin = _split_origin(url)
        except ValueError:  # a bracketed host that is no IPv6 address, a port out of range
            return _Reply(url, method, error="invalid-url")
        if scheme not in ("http", "https"):
            return _Reply(url, method, error="unsupported-scheme")
        if not hostname:
            return _Reply(url, method, error="invalid-url")
        budget = state.budget
        key, resolved = self._politeness_key(origin, budget)
        wait = self._pacer.turn(key, budget.left())
        if wait is None:  # the host asked to be left alone for longer than we have
            return _Reply(url, method, error="host-rate-limited")
        if wait:
            budget.sleep(wait)
        if budget.left() <= 0:
            return _Reply(url, method, error="timeout")
        first, state.started = not state.started, True
        with self._limiter.slot(key, first=first):
            started = time.monotonic()
            watch = self._watchdog.watch(budget.left())
            scope = RequestScope(self._guard, self._resolver, self._watchdog, watch, resolved)
            try:
                with request_scope(scope):
                    reply = self._send(method, url, state)
            except Exception as exc:  # every failure becomes a code on the Check
                code = self._failure_code(exc)
                if watch.expired and code != "connect-timeout":
                    code = "timeout"  # whatever broke, the deadline broke it
                return _Reply(url, method, error=code)
            finally:
                self._watchdog.release(watch)
                budget.spent += time.monotonic() - started
        if watch.expired:  # cut off mid-answer: what was read is not the whole answer
            return _Reply(url, method, error="timeout")
        if reply.status is not None:
            asked = (
                retry_after_seconds(reply.header("retry-after")) if reply.status == 429 else None
            )
            self._pacer.answered(key, reply.status, asked)
        return reply

    def _politeness_key(
        self, origin: Origin, budget: _Budget
    ) -> tuple[Hashable, dict[tuple[str, int], list[tuple]]]:
        """The slots `origin` shares: its address once resolved (see `net.hosts`), and
        the answers resolving it gave, if it was resolved just now (the connection then
        uses them instead of asking again). The lookup counts against the URL's
        deadline; a name that does not resolve keeps its origin as key (its connection
        then fails with the lookup's own code)."""
        key = self._keys.get(origin)
        if key is not None:
            return key, {}
        _, host, port = origin
        started = time.monotonic()
        resolved: dict[tuple[str, int], list[tuple]] = {}
        try:
            infos = self._resolver.resolve(host, port, budget.left())
            key, resolved = address_key(infos, port), {(host.lower(), port): infos}
        except FetchFailure:
            key = origin
        finally:
            budget.spent += time.monotonic() - started
        return self._keys.setdefault(origin, key), resolved

    def _key_of(self, url: str) -> Hashable:
        origin = _split_origin(url)[2]
        return self._keys.get(origin, origin)

    def _send(self, method: str, url: str, state: _FetchState) -> _Reply:
        prepared = prepare(method, url, state.headers, state.body, state.cookies)
        left = state.budget.left()
        timeout = (min(self.policy.connect_timeout, left), min(self.policy.read_timeout, left))
        origin, target = _origin_and_target(prepared.url)  # type: ignore[arg-type]
        response = self._pools.send(
            method, origin, target, dict(prepared.headers), timeout, watch_socket,
            prepared.body,  # type: ignore[arg-type]
        )  # fmt: skip
        try:
            status = response.status
            reply_headers = tuple((k.lower(), v) for k, v in response.headers.items())
            if "set-cookie" in response.headers:
                from requests.cookies import MockRequest, MockResponse, RequestsCookieJar

                if state.cookies is None:
                    state.cookies = RequestsCookieJar()
                state.cookies.extract_cookies(
                    MockResponse(response.headers),
                    MockRequest(as_requests(prepared)),  # type: ignore[arg-type]
                )
            body = b""
            read_body = (
                state.want_body
                and method != "HEAD"
                and status not in REDIRECT_STATUSES
                and _is_textual(response.headers.get("content-type"))
            )
            if read_body:
                body = self._read_capped(response)
            else:
                _finish_unread(method, response)
            return _Reply(url, method, status, reply_headers, body)
        finally:
            response.close()  # an answer not read to its end takes its connection with it

    def _read_capped(self, response: Response) -> bytes:
        capped = CappedBody(self.policy.max_body_bytes, response.headers.get("content-encoding"))
        while not capped.full:
            chunk = response.read(CHUNK)
            if not chunk:
                break
            capped.feed(chunk)
        return capped.bytes()

    def _failure_code(self, exc: Exception) -> str:
        code = classify(exc)
        if code == "unreachable" and not self._resolver.dns_works():
            return "offline"
        return code

    def _count(self, reply: _Reply) -> None:
        with self._counts_lock:
            if reply.status is not None:
                self._answered += 1
            elif reply.error in ("offline", "unreachable"):
                self._offline += 1


def _is_success(reply: _Reply) -> bool:
    return reply.status is not None and 200 <= reply.status < 300


def _is_textual(content_type: str | None) -> bool:
    if not content_type:
        return True  # undeclared: often HTML; the read is capped anyway
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind.startswith("text/") or kind.endswith(("+xml", "/xml", "/json", "+json"))


# The URL functions below are pure and cached: a fetch asks them of the same URLs at
# every request, hop and retry, and `urlsplit` parses the host and port again at each
# read of them. An exception is not cached: it is raised again the next time.


@lru_cache(maxsize=8192)
def _split_origin(url: str) -> tuple[str, str | None, Origin]:
    """(scheme as written, host name, origin) of `url`; raises ValueError for a URL
    `urlsplit` refuses or a port out of range."""
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, origin_of(parts)


@lru_cache(maxsize=8192)
def _origin_and_target(url: str) -> tuple[Origin, str]:
    """(scheme, host, port) and the request target (path and query) of a prepared URL."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return (scheme, parts.hostname or "", parts.port or DEFAULT_PORTS[scheme]), target


def _finish_unread(method: str, response: Response) -> None:
    """Read a small unwanted body so the connection can be reused; else drop it."""
    length = response.headers.get("content-length", "")
    if method == "HEAD" or (length.isdigit() and int(length) <= SMALL_BODY):
        response.drain_conn()
    # Anything else is left unread: response.close() then drops the connection.


def _header_text(value: str) -> str:
    """A header as the server meant it: raw UTF-8 bytes (common in Location headers of
    Japanese, Chinese and Russian sites) arrive decoded as Latin-1; decode them again."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


@lru_cache(maxsize=8192)
def _without_fragment(url: str) -> str:
    """The URL without its #fragment; raises ValueError for an unparsable URL."""
    return urlunsplit(urlsplit(url)._replace(fragment=""))
