"""The policy a link is judged under, as the digest its cached verdict is kept under.

A verdict depends on more than the URL: the statuses accepted as alive on its host
(`accept = [404, 410]` turns a dead link resolvable), whether private addresses may be
contacted at all, the platform handler that decides for it (and the endpoint it asks),
and the judging rules themselves. The cache reuses a verdict only under the same digest,
so changing any of these re-checks the links it concerns, and only those: another
host's accept list leaves a link's digest as it was.

The rules are fingerprinted by content (citecheck's version and the source of the
modules that observe and judge), so an edited rule never meets the verdicts of the old
one, while a fresh checkout of the same code keeps its cache.

Web-archive settings are not part of it: a stored verdict carries no snapshot (they are
looked up after judging), and archive answers are kept under their own question
(`ArchiveSettings.lookup_key`, see `citecheck.archives.memory`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import citecheck

#: The modules whose code decides a verdict, relative to the package.
RULES = ("verdicts", "platforms", "checks/observe.py", "checks/baseline.py")


@cache
def rules_fingerprint() -> str:
    """A digest of citecheck's version and the source of every module in RULES."""
    package = Path(citecheck.__file__).parent
    digest = hashlib.sha256(citecheck.__version__.encode())
    for name in RULES:
        place = package / name
        for module in sorted(place.rglob("*.py")) if place.is_dir() else [place]:
            digest.update(b"\0" + str(module.relative_to(package)).encode())
            digest.update(b"\0" + module.read_bytes())
    return digest.hexdigest()


def verdict_policy(
    url: str,
    *,
    accepted_for: Callable[[str], frozenset[int]],
    handler_for: Callable[[str], Any],
    allow_private: bool,
    allowed_networks: tuple[str, ...] = (),
) -> str:
    """The digest of everything besides the web that decides `url`'s verdict."""
    handler = handler_for(url)
    judged_by = None
    if handler is not None:
        judged_by = [getattr(handler, "name", type(handler).__qualname__),
                     getattr(handler, "endpoint", None)]
    policy = {
        "rules": rules_fingerprint(),
        "accept": sorted(accepted_for(url)),
        "allow-private": allow_private,
        "allow-network": sorted(allowed_networks),
        "handler": judged_by,
    }
    return hashlib.sha256(json.dumps(policy, sort_keys=True).encode()).hexdigest()[:16]
