"""Save Page Now 2: a live link that no archive holds yet is captured before it rots,
as IABot does. Off unless the user gives an archive.org key (`ACCESS:SECRET`, from
https://archive.org/account/s3.php) in the environment variable `SAVE_KEY_VARIABLE`.

The API (as the Internet Archive documents it): `POST /save` with the form `url=…`,
`Accept: application/json` and `Authorization: LOW access:secret` answers
`{"url": …, "job_id": "spn2-…"}` (or `{"status": "error", "message": …}`); then
`GET /save/status/<job_id>` answers `{"status": "pending", …}` until it is
`{"status": "success", "original_url": …, "timestamp": "YYYYMMDDhhmmss", …}` or
`{"status": "error", "status_ext": …, "message": …}`. Captures are limited to about
15 a minute per account: every request here takes a token from a bucket of
`save_rate_per_minute`, the polls of a job are bounded in number, and a 429 stops
saving for the rest of the run.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from citecheck.archives.limiter import TokenBucket
from citecheck.archives.settings import ArchiveSettings
from citecheck.archives.timestamps import parse_timestamp
from citecheck.model import ArchiveSnapshot, Check

if TYPE_CHECKING:  # the client is made by the caller: saving imports no network stack
    from citecheck.net import HttpClient
    from citecheck.net.ondemand import OnDemandClient

SAVE_KEY_VARIABLE = "CITECHECK_SAVE_PAGE_NOW_KEY"
SAVED = "saved"


@dataclass(frozen=True)
class SaveResult:
    """The capture made (None when none was), and why."""

    snapshot: ArchiveSnapshot | None
    reason: str
    details: tuple[str, ...] = ()


def save_key(environ: dict[str, str] | None = None) -> str | None:
    """The `ACCESS:SECRET` key the user configured, or None (then nothing is saved)."""
    key = (environ if environ is not None else os.environ).get(SAVE_KEY_VARIABLE, "").strip()
    return key if ":" in key and "\n" not in key and "\r" not in key else None


class PageSaver:
    """Saves pages through one account at its pace; safe to share between threads."""

    def __init__(
        self,
        settings: ArchiveSettings,
        key: str,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self._auth = {"Accept": "application/json", "Authorization": f"LOW {key}"}
        self._limiter = TokenBucket(settings.save_rate_per_minute, 1, sleep=sleep)
        self._sleep = sleep
        self._lock = threading.Lock()
        self._stopped: str | None = None
        self._saves_left = settings.save_limit

    def save(self, client: HttpClient | OnDemandClient, url: str) -> SaveResult:
        """Capture `url` now and wait (boundedly) for the capture to be done."""
        with self._lock:
            if self._stopped is not None:
                return SaveResult(None, "save-stopped", (self._stopped,))
            if self._saves_left <= 0:
                return SaveResult(None, "save-limit", ("no more saves this run",))
            self._saves_left -= 1
        form = urlencode({"url": url, "skip_first_archive": "1"}).encode()
        headers = {**self._auth, "Content-Type": "application/x-www-form-urlencoded"}
        started = self._send(client, self.settings.save_api, method="POST", headers=headers,
                             body=form)  # fmt: skip
        answer = _json_of(started)
        if answer is None:
            return SaveResult(None, "save-error", (_failure(started),))
        job = answer.get("job_id")
        if not isinstance(job, str) or not job:
            return SaveResult(None, "save-error", (f"save: {answer.get('message') or answer}",))
        status_url = f"{self.settings.save_api.rstrip('/')}/status/{quote(job, safe='')}"
        for _ in range(self.settings.save_polls):
            self._sleep(self.settings.save_poll_seconds)
            answer = _json_of(self._send(client, status_url, method="GET", headers=self._auth))
            if answer is None or answer.get("status") == "pending":
                continue
            return _finished(answer, self.settings.replay_base, url)
        return SaveResult(
            None, "save-pending", (f"{job} not done after {self.settings.save_polls} polls",)
        )

    def _send(
        self, client: HttpClient | OnDemandClient, url: str, **request: Any
    ) -> Check | None:
        with self._lock:
            if self._stopped is not None:
                return None
        self._limiter.acquire()
        check = client.fetch(url, **request)
        if check.status == 429:
            with self._lock:
                self._stopped = "Save Page Now answered 429; no further saves this run"
        return check


def _json_of(check: Check | None) -> dict | None:
    if check is None or check.error is not None or check.status != 200 or not check.body:
        return None
    try:
        document = json.loads(check.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return document if isinstance(document, dict) else None


def _failure(check: Check | None) -> str:
    if check is None:
        return "save: stopped after a 429"
    return f"save: {check.error or f'HTTP {check.status}'}"


def _finished(answer: dict, replay_base: str, url: str) -> SaveResult:
    if answer.get("status") != "success":
        reason = answer.get("status_ext") or answer.get("message") or answer.get("status")
        return SaveResult(None, "save-error", (f"save: {reason}",))
    timestamp, original = answer.get("timestamp"), answer.get("original_url") or url
    if not isinstance(timestamp, str) or parse_timestamp(timestamp) is None:
        return SaveResult(None, "save-error", ("save: the answer names no capture timestamp",))
    replay = f"{replay_base.rstrip('/')}/{timestamp}/{original}"
    # SPN2 does not say what the page answered: the capture's status stays unknown.
    return SaveResult(ArchiveSnapshot(url=replay, timestamp=timestamp, status=None), SAVED)


def page_saver(settings: ArchiveSettings) -> PageSaver | None:
    """The saver for `settings` when the user configured a key, else None."""
    key = save_key()
    return PageSaver(settings, key) if key is not None and settings.enabled else None
