"""HTTPS through the guarded transport: a certificate we cannot trust is an "ssl" error."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from pathlib import Path

import pytest

from citecheck.net import HttpClient
from tests.net.conftest import fast
from tests.servers import ScenarioWeb


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> ssl.SSLContext:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    command = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
    command += ["-subj", "/CN=127.0.0.2", "-keyout", str(key), "-out", str(cert)]
    subprocess.run(
        command,
        check=True,
        capture_output=True,
        timeout=60,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(Path(cert), Path(key))
    return context


def test_untrusted_certificate_is_an_ssl_error(self_signed: ssl.SSLContext) -> None:
    with ScenarioWeb(hosts=1, tls=self_signed) as web, HttpClient(fast()) as client:
        check = client.fetch(web.url("/ok/1"))
    assert web.url("/ok/1").startswith("https://")
    assert (check.error, check.status, check.attempts) == ("ssl", None, 1)


def test_guard_applies_to_https_too(self_signed: ssl.SSLContext) -> None:
    with ScenarioWeb(hosts=1, tls=self_signed) as web:
        with HttpClient(fast(allow_private=False)) as client:
            check = client.fetch(web.url("/ok/1"))
        assert check.error == "private-address"
        assert sum(web.stats.connections.values()) == 0
