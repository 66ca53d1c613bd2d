"""What `citecheck check` left in the result cache for one file: its parse (proof that
this very content was checked), the verdicts on its links and the archive lookups.

Nothing here sends a request: `fix` applies what `check` found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from citecheck import pipeline
from citecheck.archives import ArchiveLookup, SnapshotMemory
from citecheck.errors import InputError, UsageError
from citecheck.links.ignore import load_ignore
from citecheck.model import Link, Verdict
from citecheck.prepared import Prepared, recall
from citecheck.readers.source import Source
from citecheck.store import ResultCache
from citecheck.verdicts.confirm import confirm


@dataclass(frozen=True)
class Recorded:
    """The checked file: its format, links, the verdicts still fresh, the archive
    answers for the dead ones, and the links without a fresh verdict."""

    format: str
    links: tuple[Link, ...]
    verdicts: tuple[Verdict, ...]
    lookups: dict[str, ArchiveLookup | None]
    unchecked: tuple[str, ...]


def recorded(source: Source, config: Any) -> Recorded:
    """What the last `check` of exactly these bytes found, under `config`'s settings.

    The parse memo is kept under a digest of the file's bytes and the link filters
    (`pipeline.memo_key`): if there is none, the file changed since it was checked (or
    never was, or with other filters) and nothing can be fixed from the cache.
    """
    if config.no_cache:
        raise UsageError("fix applies the verdicts kept in the result cache: drop --no-cache")
    ignore = load_ignore(source.path, config.source)
    store = ResultCache(config.cache)
    try:
        prepared = recall(store, pipeline.memo_key(source, config, ignore))
        if prepared is None:
            raise InputError(
                f"{source.path}: not checked in its present form (changed since, checked "
                "with --no-cache or with other --include/--exclude): run citecheck check "
                f"{source.path}"
            )
        return _answers(prepared, config, store)
    finally:
        store.close()


def _answers(prepared: Prepared, config: Any, store: ResultCache) -> Recorded:
    links = tuple(pipeline.distinct_links([prepared]).values())
    options = pipeline.check_options(config)
    policies = {link.url: options.policy(link.url) for link in links}
    fresh = store.fresh_verdicts(policies, config.max_age, inconclusive_max_age=config.max_age)
    fresh = {
        url: _confirmed(verdict, store, config.confirm_dead, policies[url])
        for url, verdict in fresh.items()
    }
    verdicts = tuple(fresh[link.url] for link in links if link.url in fresh)
    dead = [link for link in links if link.url in fresh and fresh[link.url].state == "dead"]
    return Recorded(
        format=prepared.parsed.document.format,
        links=links,
        verdicts=verdicts,
        lookups=_lookups(dead, config, store),
        unchecked=tuple(link.url for link in links if link.url not in fresh),
    )


def _confirmed(verdict: Verdict, store: ResultCache, required: int, policy: str) -> Verdict:
    """A dead verdict as `check` reported it under `--confirm-dead`: the cache keeps the
    observation, the confirmation rule decides (not yet confirmed: not fixed)."""
    if required <= 1 or verdict.state != "dead":
        return verdict
    history = [(record.checked_at, record.state) for record in store.history(verdict.url, policy)]
    state, reason = confirm(verdict.state, verdict.reason, history, required)  # type: ignore[arg-type]
    return replace(verdict, state=state, reason=reason)


def _lookups(
    dead: Sequence[Link], config: Any, store: ResultCache
) -> dict[str, ArchiveLookup | None]:
    settings = config.archive_settings()
    if not dead or not settings.enabled or config.no_archive:
        return {}
    memory = SnapshotMemory(store, settings, config.max_age)
    return {link.url: lookup for link, lookup in zip(dead, memory.recall(dead), strict=True)}
