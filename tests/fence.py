"""Two seams that keep the tests of the private-address guard on this machine.

`Fence` refuses, inside the test process, every TCP connection to an address outside
loopback (127.0.0.0/8, ::1) before a packet is sent, and notes it: a test that cites
10.0.0.1 or 169.254.169.254 to see the guard refuse it can then never probe the CI
host's network, even if the guard regressed — the regression fails the test instead.
`tests/conftest.py` puts a fence around every test.

`FakeDNS` stands in for the system resolver (`socket.getaddrinfo`, which
`citecheck.net.resolver` asks): names resolve from a table, each to a sequence of
answers (the last repeats), so DNS rebinding is a name with two answers; a name not in
the table does not exist; an IP literal is parsed, never looked up. Nothing it answers
leaves the machine.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

_REAL_CONNECT = socket.socket.connect
_REAL_CONNECT_EX = socket.socket.connect_ex
_REAL_GETADDRINFO = socket.getaddrinfo


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:  # a name: socket.connect would resolve it unguarded
        return False


class Fence:
    """Refuses and records connections outside loopback; see the module docstring."""

    def __init__(self) -> None:
        self.attempts: list[Any] = []

    def install(self, monkeypatch: pytest.MonkeyPatch) -> Fence:
        fence = self

        def connect(sock: socket.socket, address: Any) -> None:
            fence._check(sock, address)
            return _REAL_CONNECT(sock, address)

        def connect_ex(sock: socket.socket, address: Any) -> int:
            try:
                fence._check(sock, address)
            except OSError as exc:
                return exc.errno or errno.ENETUNREACH
            return _REAL_CONNECT_EX(sock, address)

        monkeypatch.setattr(socket.socket, "connect", connect)
        monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
        return self

    def _check(self, sock: socket.socket, address: Any) -> None:
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return  # a Unix socket stays on the machine
        if not is_loopback(str(address[0])):
            self.attempts.append(address)
            raise OSError(errno.ENETUNREACH, f"test fence: {address[0]} is outside loopback")


class FakeDNS:
    """A resolver table; see the module docstring. `asked` counts lookups per name."""

    def __init__(self, table: Mapping[str, Sequence[str]]) -> None:
        self.table = {name.lower(): list(answers) for name, answers in table.items()}
        self.asked: Counter[str] = Counter()

    def install(self, monkeypatch: pytest.MonkeyPatch) -> FakeDNS:
        monkeypatch.setattr(socket, "getaddrinfo", self.getaddrinfo)
        return self

    def getaddrinfo(
        self, host: Any, port: Any, family: int = 0, type: int = 0, proto: int = 0,
        flags: int = 0,
    ) -> list[tuple]:  # fmt: skip
        name = (host.decode() if isinstance(host, bytes) else str(host)).lower().rstrip(".")
        try:
            ipaddress.ip_address(name.strip("[]").split("%", 1)[0])
        except ValueError:
            pass
        else:  # a literal: parsed, no lookup
            flags |= socket.AI_NUMERICHOST
            return _REAL_GETADDRINFO(host, port, family, type, proto, flags)
        answers = self.table.get(name)
        self.asked[name] += 1
        if not answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        address = answers[min(self.asked[name], len(answers)) - 1]
        kind = socket.AF_INET6 if ":" in address else socket.AF_INET
        sockaddr = (address, int(port or 0)) if kind == socket.AF_INET else (
            address, int(port or 0), 0, 0)  # fmt: skip
        return [(kind, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", sockaddr)]
