"""Memory: 10,000 links, some with 50 MB bodies, stay under 150 MB peak RSS.

    python benchmarks/bench_memory.py [--links 10000] [--big-every 50]

A loopback server of its own (a subprocess of this script: ten sites 127.0.0.2-11 on
one port, exits by itself) serves small HTML pages, and every `--big-every`-th URL a
50 MB body: HTML, PDF, a never-ending chunked page or a gzip bomb (200 MB inflated),
in turn. This checkout's `citecheck check notes.txt --allow-private --no-archive
--no-cache --format json` checks them all; GNU time reports the peak RSS (VmHWM) of
the citecheck process.
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zlib
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from common import (
    PYTHON,
    citecheck_argv,
    citecheck_env,
    free_port,
    machine_line,
    run_measured,
    write_section,
)

SITES = [f"127.0.0.{i}" for i in range(2, 12)]
BIG_KINDS = ("big-html", "big-pdf", "endless", "bomb")
BIG_BYTES = 50 * 1024 * 1024
CHUNK = b"<p>" + b"m" * (256 * 1024 - 8) + b"</p>\n"
LIMIT_MB = 150
SERVER_SECONDS = 900


def bomb_payload() -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = b"\0" * (1024 * 1024)
    return b"".join([compressor.compress(zeros) for _ in range(200)] + [compressor.flush()])


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    bomb = b""

    def log_message(self, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        kind = self.path.strip("/").split("/", 1)[0]
        try:
            if kind in ("big-html", "big-pdf"):
                self._big("text/html" if kind == "big-html" else "application/pdf")
            elif kind == "endless":
                self._endless()
            elif kind == "bomb":
                self._send(200, "text/html", self.bomb, {"Content-Encoding": "gzip"})
            else:
                page = f"<html><head><title>{self.path}</title></head><body>ok</body></html>"
                self._send(200, "text/html", page.encode())
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _send(self, status: int, ctype: str, body: bytes, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _big(self, ctype: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(BIG_BYTES))
        self.end_headers()
        if self.command == "HEAD":
            return
        for _ in range(BIG_BYTES // len(CHUNK)):
            self.wfile.write(CHUNK)

    def _endless(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        frame = f"{len(CHUNK):x}\r\n".encode() + CHUNK + b"\r\n"
        deadline = time.monotonic() + 30
        while self.command != "HEAD" and time.monotonic() < deadline:
            self.wfile.write(frame)
        self.close_connection = True


def serve(port: int) -> None:
    """Serve on every site address until SERVER_SECONDS have passed."""
    Handler.bomb = bomb_payload()
    servers = []
    for site in SITES:
        server = ThreadingHTTPServer((site, port), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    print("ready", flush=True)
    time.sleep(SERVER_SECONDS)
    for server in servers:
        server.shutdown()


def notes_file(
    directory: Path, port: int, links: int, big_every: int, big_kinds: tuple[str, ...]
) -> tuple[Path, Counter]:
    """Plain-text notes citing `links` URLs, 1,000 notes per chapter."""
    lines, kinds = ["注"], Counter()
    big = itertools.cycle(big_kinds)
    for index in range(links):
        if index % 1000 == 0:
            lines.append(f"[第{index // 1000 + 1}章]")
        kind = next(big) if big_kinds and index % big_every == big_every - 1 else "page"
        kinds[kind] += 1
        url = f"http://{SITES[index % len(SITES)]}:{port}/{kind}/{index}"
        lines.append(f"- {index % 1000 + 1} 資料{index}、{url}。")
    path = directory / "notes.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, kinds


def measure(port: int, links: int, big_every: int, big_kinds: tuple[str, ...]) -> str:
    """One citecheck run over a fresh notes file; its row of the table."""
    with tempfile.TemporaryDirectory() as work:
        path, kinds = notes_file(Path(work), port, links, big_every, big_kinds)
        argv = citecheck_argv("check", str(path), "--format", "json", "--allow-private",
                              "--no-archive", "--no-lookup", "--no-cache")  # fmt: skip
        run = run_measured(argv, env=citecheck_env(), cwd=work, timeout=1800)
    if run.returncode not in (0, 1):
        sys.exit(f"citecheck failed (exit {run.returncode}): {run.stderr[-2000:]}")
    verdicts = Counter(link["verdict"] for link in json.loads(run.stdout)["links"])
    big = ", ".join(f"{kinds[k]} {k}" for k in big_kinds) or "none"
    verdict = "met" if run.peak_rss_mb < LIMIT_MB else "**missed**"
    return (
        f"| {links:,} | {big} | {run.wall_s:.1f} | **{run.peak_rss_mb:.0f}** | {verdict} "
        f"| {', '.join(f'{k} {v}' for k, v in sorted(verdicts.items()))} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--links", type=int, default=10_000)
    parser.add_argument("--big-every", type=int, default=50)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, __file__, "--serve", str(port)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    rows = []
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == b"ready"
        urllib.request.urlopen(f"http://{SITES[0]}:{port}/page/0", timeout=5).read()
        # all kinds mixed (the bar), then each kind alone and none, to tell what costs
        for kinds in [BIG_KINDS, *((kind,) for kind in BIG_KINDS), ()]:
            rows.append(measure(port, args.links, args.big_every, kinds))
            print(rows[-1], flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
    body = (
        "## Memory\n\n"
        f"`benchmarks/bench_memory.py --links {args.links}`: {args.links:,} links on ten "
        f"loopback sites; one in {args.big_every} has a big body: 50 MB of HTML, a 50 MB "
        "PDF, a never-ending chunked page or a gzip bomb (200 MB inflated). The first row "
        "mixes all four (the bar: < 150 MB); the others take one kind at a time, and none. "
        f"{machine_line()}\n\n"
        "| links | big bodies | wall s | peak RSS MB (citecheck process) | bar < 150 MB "
        "| verdicts |\n|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )
    write_section("memory", body)


if __name__ == "__main__":
    main()
