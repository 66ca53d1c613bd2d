"""A loopback Wayback Machine speaking the real availability, CDX and replay shapes.

Captures are held per original URL as (timestamp, status). The availability API
honours `timestamp`, `closest` (before / after / either) and `status_code` like the
API's v1 form; the CDX API honours `from`, `to`, `filter=statuscode:N`, `collapse`
(on a timestamp prefix), `limit` (negative: the last N), `fl` and `output=json`.
Modes make it misbehave the ways the real one does: answer availability empty
although captures exist, ignore `status_code` (as the classic API does), answer
429 with Retry-After, or redirect a replay to the site root. Every request is
logged with its arrival time.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from citecheck.archives.settings import ArchiveSettings
from citecheck.archives.timestamps import distance_seconds
from tests.servers import serve_loopback

COLUMNS = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]


@dataclass
class Wayback:
    captures: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    availability_empty: bool = False
    ignores_status_filter: bool = False
    too_many_requests: bool = False
    replay_too_many_requests: bool = False
    replay_to_root: set[str] = field(default_factory=set)
    requests: list[tuple[float, str]] = field(default_factory=list)
    base: str = ""
    #: Save Page Now 2: the key it accepts, polls a job stays pending, jobs by id.
    save_key: str = "access:secret"
    save_pending_polls: int = 1
    save_jobs: dict[str, dict] = field(default_factory=dict)
    save_too_many_requests: bool = False

    def save(self, authorization: str | None, form: dict[str, str]) -> tuple[int, dict]:
        """`POST /save`: a job for the form's `url`, or the API's error answers."""
        if authorization != f"LOW {self.save_key}":
            return 401, {"status": "error", "status_ext": "error:unauthorized",
                         "message": "You need to be logged in to use Save Page Now."}  # fmt: skip
        url = form.get("url", "")
        if not url:
            return 400, {"status": "error", "message": "no url"}
        job = f"spn2-{len(self.save_jobs):040x}"
        self.save_jobs[job] = {"url": url, "polls": 0}
        return 200, {"url": url, "job_id": job}

    def save_status(self, job: str) -> dict:
        """`GET /save/status/<job_id>`: pending for a while, then the capture made."""
        entry = self.save_jobs.get(job)
        if entry is None:
            return {"status": "error", "status_ext": "error:not-found", "message": "no such job"}
        entry["polls"] += 1
        if entry["polls"] <= self.save_pending_polls:
            return {"status": "pending", "job_id": job, "resources": [entry["url"]]}
        timestamp = "20261203120000"
        self.captures.setdefault(entry["url"], []).append((timestamp, 200))
        return {"status": "success", "job_id": job, "original_url": entry["url"],
                "timestamp": timestamp, "duration_sec": 6.2}  # fmt: skip

    def settings(self, **changes: object) -> ArchiveSettings:
        """Archive settings that ask this fake (served), paced fast enough for tests."""
        values: dict = {
            "availability_api": f"{self.base}/wayback/available",
            "cdx_api": f"{self.base}/cdx/search/cdx",
            "replay_base": f"{self.base}/web/",
            "rate_per_minute": 6000,
            "burst": 10,
            "save_api": f"{self.base}/save",
            "save_rate_per_minute": 6000,
            "save_poll_seconds": 0.01,
        }
        values.update(changes)
        return ArchiveSettings(**values)

    def log(self, path: str) -> None:
        self.requests.append((time.monotonic(), path))

    def paths(self, prefix: str) -> list[str]:
        return [path for _, path in self.requests if path.startswith(prefix)]

    def available(self, query: dict[str, str]) -> dict:
        url = query.get("url", "")
        document: dict = {"url": url, "archived_snapshots": {}}
        captures = self.captures.get(url, [])
        if "status_code" in query and not self.ignores_status_filter:
            captures = [c for c in captures if str(c[1]) == query["status_code"]]
        if self.availability_empty or not captures:
            return document
        target = query.get("timestamp")
        if target is None:
            chosen = max(captures)
        else:
            target = target.ljust(14, "0")
            direction = query.get("closest", "either")
            if direction == "before":
                captures = [c for c in captures if c[0] <= target]
            elif direction == "after":
                captures = [c for c in captures if c[0] >= target]
            if not captures:
                return document
            chosen = min(captures, key=lambda c: distance_seconds(c[0], target))
        timestamp, status = chosen
        document["archived_snapshots"]["closest"] = {
            "status": str(status),
            "available": True,
            "url": f"{self.base}/web/{timestamp}/{url}",
            "timestamp": timestamp,
        }
        return document

    def cdx(self, query: dict[str, str]) -> list[list[str]]:
        url = query.get("url", "")
        rows = []
        for timestamp, status in sorted(self.captures.get(url, [])):
            if "from" in query and timestamp < query["from"].ljust(14, "0"):
                continue
            if "to" in query and timestamp > query["to"].ljust(14, "9"):
                continue
            rows.append(["key", timestamp, url, "text/html", str(status), "DIGEST", "1000"])
        wanted = query.get("filter", "")
        if wanted.startswith("statuscode:"):
            rows = [row for row in rows if row[4] == wanted.split(":", 1)[1]]
        if query.get("collapse", "").startswith("timestamp:"):
            width = int(query["collapse"].split(":", 1)[1])
            first_of_each: dict[str, list[str]] = {}
            for row in rows:
                first_of_each.setdefault(row[1][:width], row)
            rows = list(first_of_each.values())
        if "limit" in query:
            limit = int(query["limit"])
            rows = rows[:limit] if limit >= 0 else rows[limit:]
        columns = query["fl"].split(",") if "fl" in query else COLUMNS
        picked = [COLUMNS.index(name) for name in columns]
        return [columns] + [[row[i] for i in picked] for row in rows] if rows else []


class _Handler(BaseHTTPRequestHandler):
    wayback: Wayback

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        wayback = self.wayback
        wayback.log(self.path)
        parts = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        replay = parts.path.startswith("/web/")
        if parts.path.startswith("/save/status/"):
            body = json.dumps(wayback.save_status(parts.path.rsplit("/", 1)[1])).encode()
            self._send(200, body, "application/json")
        elif wayback.too_many_requests or (replay and wayback.replay_too_many_requests):
            self._send(429, b"Too Many Requests", "text/plain", Retry_After="120")
        elif parts.path == "/wayback/available":
            body = json.dumps(wayback.available(query)).encode()
            self._send(200, body, "application/json")
        elif parts.path == "/cdx/search/cdx":
            self._send(200, json.dumps(wayback.cdx(query)).encode(), "application/json")
        elif replay:
            timestamp, _, original = self.path[len("/web/") :].partition("/")
            if original in wayback.replay_to_root:
                root = "/".join(original.split("/")[:3]) + "/"
                self.send_response(302)
                self.send_header("Location", f"{wayback.base}/web/{timestamp}/{root}")
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                page = f"<html><title>{original}</title><body>archived</body></html>"
                self._send(200, page.encode(), "text/html; charset=utf-8")
        else:
            self._send(404, b"not found", "text/plain")

    def do_POST(self) -> None:
        wayback = self.wayback
        wayback.log(self.path)
        length = min(int(self.headers.get("Content-Length") or 0), 65536)
        form = {
            key: values[0] for key, values in parse_qs(self.rfile.read(length).decode()).items()
        }
        if urlsplit(self.path).path != "/save":
            self._send(404, b"not found", "text/plain")
        elif wayback.save_too_many_requests:
            self._send(429, b"Too Many Requests", "text/plain", Retry_After="60")
        else:
            status, answer = wayback.save(self.headers.get("Authorization"), form)
            self._send(status, json.dumps(answer).encode(), "application/json")


@contextmanager
def serve_wayback(wayback: Wayback) -> Iterator[Wayback]:
    """Run `wayback` on 127.0.0.1 (a free port) for the duration of the block."""
    handler = type("Handler", (_Handler,), {"wayback": wayback})
    with serve_loopback(handler) as base:
        wayback.base = base
        yield wayback
