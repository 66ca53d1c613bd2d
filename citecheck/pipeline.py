"""The stages of a run over any number of files, for the commands and for programs.

    report = citecheck.check(["docs/", "book.md"])          # reads the nearest config
    report = citecheck.verify("book.md", config=Config(ignore=("web-source-without-link",)))

`parse` reads and parses, `verify` adds the note problems, `check` also checks every
distinct URL once, however many files cite it, and looks up archive snapshots. A file
that cannot be read becomes a `FileResult` with its `error`; the run goes on. Nothing
here prints: warnings the readers give are in each document's `warnings`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from citecheck.config import load_config
from citecheck.errors import CitecheckError, InputError, UsageError
from citecheck.inputs import STDIN, STDIN_NAME, Input, expand
from citecheck.links.urls import dedup_key
from citecheck.lookup.settings import lookup_settings
from citecheck.model import (
    Document,
    FileResult,
    Link,
    ParsedDocument,
    Problem,
    Report,
    Verdict,
)
from citecheck.options import command_defaults
from citecheck.readers.source import MAX_INPUT_BYTES, Source

if TYPE_CHECKING:  # the check stage's modules: imported by `check`, not by `parse`/`verify`
    from citecheck.checks import CheckOptions
    from citecheck.judged import Basis
    from citecheck.links.ignore import IgnoreList
    from citecheck.prepared import Prepared
    from citecheck.store import ResultCache

Paths = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]
Progress = Callable[..., None]


def load(paths: Paths, config: Any = None, command: str = "check") -> tuple[tuple[Input, ...], Any]:
    """The inputs `paths` name and the settings that apply: `config`, else the config file
    found from the first input up (see `citecheck.config`) over `command`'s defaults."""
    given = [os.fspath(paths)] if isinstance(paths, str | os.PathLike) else list(paths)
    given = [os.fspath(path) for path in given]
    if not given:
        raise UsageError("no input: name files, directories, globs or - for standard input")
    if config is None:
        first = given[0]
        start = "." if first == STDIN else first
        config = load_config(directory=start, base=command_defaults(command))
    inputs = expand(given, config.exclude_path)
    if not inputs:
        raise UsageError(f'no file to read in {", ".join(given)} (see README, "Many inputs")')
    return inputs, config


def parse(paths: Paths, config: Any = None, *, stdin: BinaryIO | None = None) -> Report:
    """Every file read and its notes parsed into citations (no problems, no links checked)."""
    inputs, _ = load(paths, config, "parse")
    from citecheck.citations import parse_document

    files = []
    for item in inputs:
        document = _read(item, stdin)
        if isinstance(document, FileResult):
            files.append(document)
        else:
            files.append(_result(parse_document(document), ()))
    return assemble(files)


def verify(paths: Paths, config: Any = None, *, stdin: BinaryIO | None = None) -> Report:
    """`parse`, plus the note problems of each file that `config` reports."""
    inputs, config = load(paths, config, "verify")
    files = []
    for item in inputs:
        document = _read(item, stdin)
        if isinstance(document, FileResult):
            files.append(document)
            continue
        parsed, problems = parse_and_verify(document)
        files.append(_result(parsed, _reported(problems, config)))
    return assemble(files)


def check(
    paths: Paths,
    config: Any = None,
    *,
    progress: Progress | None = None,
    archive_progress: Progress | None = None,
    stdin: BinaryIO | None = None,
) -> Report:
    """`verify`, plus a verdict for every cited link; each distinct URL is checked once.

    The links written in the notes are checked while the citations are parsed beside
    them; links only the parse finds (a DOI field) are checked after. Archive lookups
    start as soon as a link's verdict and citation date are known, beside the checks
    (`archive_progress` hears of them). A parse is kept in the result cache per file
    (`citecheck.prepared`), so an unchanged file is not parsed again.
    """
    from citecheck.checks import check_links
    from citecheck.checks.local import LocalChecker, tree_root
    from citecheck.links.ignore import load_ignore
    from citecheck.net.ondemand import OnDemandClient
    from citecheck.prepared import remember

    inputs, config = load(paths, config, "check")
    if config.no_cache and config.confirm_dead > 1:
        raise UsageError("--confirm-dead needs the result cache's history: drop --no-cache")
    start = inputs[0].path if inputs[0].path != STDIN else "."
    ignore = load_ignore(start, config.source)

    def wanted(url: str) -> bool:
        return config.wants(url) and not ignore.ignores(url)

    store = _result_cache(config)
    archive: SnapshotsAlongside | None = None
    try:
        ready_inputs = _prepare(inputs, config, store, stdin, ignore)
        prepared, to_parse = ready_inputs.prepared, ready_inputs.to_parse
        policy = config.net_policy()
        options = check_options(config)
        if not config.no_archive:
            from citecheck.archives.save import page_saver
            from citecheck.checks.overlap import SnapshotsAlongside

            archive = SnapshotsAlongside(
                config.archive_settings(),
                policy,
                store=store,
                max_age=config.max_age,
                progress=archive_progress,
                saver=page_saver(config.archive_settings()),
            )
        with OnDemandClient(policy) as client:

            def check_all(links: Sequence[Link]) -> tuple[Verdict, ...]:
                heard = archive.verdict_known if archive is not None else None
                return check_links(
                    links, client, options, store=store, progress=progress, on_verdict=heard
                )

            def dated(parsed: dict[int, Prepared]) -> None:
                if archive is not None:
                    archive.dates_known(distinct_links([*prepared.values(), *parsed.values()]))

            checked, parsed = _check_while_parsing(prepared, to_parse, wanted, check_all, dated)
            offline = client.network_status() == "offline"
            anchors: dict[str, Verdict] = {}
            if config.check_fragments and not offline:
                from citecheck.checks.fragments import check_web_fragments

                ready_all = [*prepared.values(), *parsed.values()]
                anchors = check_web_fragments(_fragment_urls(ready_all, checked), client)
        distinct = tuple(checked.values())
        if offline:
            from citecheck.verdicts.offline import offline_verdict

            distinct = tuple(offline_verdict(verdict) for verdict in distinct)
        elif archive is not None:
            links = distinct_links([*prepared.values(), *parsed.values()])
            distinct = archive.finish(distinct, links)
        if store is not None:
            for index, job in to_parse.items():
                if job.key is not None:
                    remember(store, job.key, parsed[index])
    finally:
        if archive is not None:
            archive.close()
        if store is not None:
            store.close()
    warnings = tuple(store.warnings) if store is not None else ()
    by_key = {dedup_key(verdict.url): verdict for verdict in distinct}
    local = LocalChecker(root=tree_root(start), check_fragments=config.check_fragments)
    files = dict(ready_inputs.failed)
    for index, ready in {**prepared, **parsed}.items():
        verdicts = tuple(
            replace(
                anchors.get(link.url, by_key[dedup_key(link.url)]),
                url=link.url,
                citation_ids=link.citation_ids,
            )
            for link in ready.links
        )
        source = ready_inputs.sources.get(index)
        if source is not None:
            verdicts += local.check_source(source, ready.parsed.document.format)
        files[index] = _result(ready.parsed, _reported(ready.problems, config), verdicts)
    order = sorted(files)
    keys = [ready_inputs.keys.get(index) for index in order]
    judged = _judge_citations([files[index] for index in order], config, offline, keys)
    report = assemble(judged, offline=offline, checked=True)
    ignored = _ignored([*prepared.values(), *parsed.values()], ignore)
    return replace(report, ignored=ignored, warnings=warnings)


def _result_cache(config: Any) -> ResultCache | None:
    """The result cache `config` names, opened; None with `no_cache` (then the cache's
    modules, sqlite3 among them, are not even imported)."""
    if config.no_cache:
        return None
    from citecheck.store import ResultCache

    return ResultCache(config.cache)


def _judge_citations(
    files: list[FileResult], config: Any, offline: bool, keys: Sequence[str | None]
) -> list[FileResult]:
    """Every cited work's verdict, from its links and its look-ups (`citecheck.lookup`),
    remembered per file under `keys` (their parse keys) while it holds (`citecheck.judged`)."""
    settings = lookup_settings(config)
    asks = settings.active and not offline  # then look-ups read and write the cache
    store = _result_cache(config)

    def judge(
        some: list[FileResult], reports: Callable[[str], bool]
    ) -> tuple[list[FileResult], Basis | None]:
        from citecheck.judged import Basis, NotingStore
        from citecheck.lookup.stage import judge_files

        noting = NotingStore(store) if asks and store is not None else None
        started = time.time()
        judged = judge_files(
            some, settings, config.net_policy(), offline=offline, store=noting,
            reports=reports,
        )  # fmt: skip
        return judged, noting.basis(settings, started, time.time()) if noting else Basis()

    try:
        if store is None:
            return judge(files, config.reports)[0]
        from citecheck.judged import judge_remembered, judged_key

        lookups = repr(settings) if settings.active else ""
        judged_keys = [
            None if key is None
            else judged_key(key, result.verdicts, lookups=lookups, offline=offline)
            for key, result in zip(keys, files, strict=True)
        ]  # fmt: skip
        return judge_remembered(
            files, judged_keys, store, lambda some: judge(some, lambda kind: True), config.reports
        )
    finally:
        if store is not None:
            store.close()


def parse_and_verify(document: Document) -> tuple[ParsedDocument, tuple[Problem, ...]]:
    """The citations of `document` and the note problems `verify` finds in it."""
    from citecheck.citations import parse_document
    from citecheck.verify import citation_problems, document_problems

    parsed = parse_document(document)
    return parsed, tuple(document_problems(document) + citation_problems(parsed))


def assemble(
    files: Sequence[FileResult], *, offline: bool = False, checked: bool = False
) -> Report:
    """The Report of a run: one file's results as they are; several files' notes and
    problems one after the other, and one verdict per distinct URL."""
    readable = [(result, result.parsed) for result in files if result.parsed is not None]
    if len(files) == 1 and readable:
        only, parsed = readable[0]
        return Report(parsed, only.problems, only.verdicts, offline, checked, tuple(files))
    documents = [parsed.document for _, parsed in readable]
    merged = Document(
        path=f"{len(files)} files",
        format="mixed",
        sections=tuple(section for document in documents for section in document.sections),
        has_body=any(document.has_body for document in documents),
        warnings=tuple(warning for document in documents for warning in document.warnings),
    )
    distinct: dict[str, Verdict] = {}
    for result, _ in readable:
        for verdict in result.verdicts:
            key = dedup_key(verdict.url)
            known = distinct.get(key)
            if known is None:
                distinct[key] = verdict
            else:
                extra = tuple(c for c in verdict.citation_ids if c not in known.citation_ids)
                distinct[key] = replace(known, citation_ids=known.citation_ids + extra)
    return Report(
        ParsedDocument(merged, tuple(note for _, parsed in readable for note in parsed.notes)),
        tuple(problem for result, _ in readable for problem in result.problems),
        tuple(distinct.values()),
        offline=offline,
        links_checked=checked,
        files=tuple(files),
    )


# --- reading ---------------------------------------------------------------------------


def _read(item: Input, stdin: BinaryIO | None) -> Document | FileResult:
    """The document of `item`, or the FileResult saying why it could not be read."""
    if item.path == STDIN:
        try:
            return _read_stdin(stdin)
        except CitecheckError as exc:
            return FileResult(item.path, "", None, error=str(exc))
    source = _load(item)
    return source if isinstance(source, FileResult) else _read_loaded(item, source)


def _load(item: Input) -> Source | FileResult:
    """The bytes of the file `item` names, or the FileResult saying why there are none."""
    if item.error is not None:
        return FileResult(item.path, "", None, error=item.error)
    try:
        return Source.load(item.path)
    except CitecheckError as exc:
        return FileResult(item.path, "", None, error=str(exc))


def _read_loaded(item: Input, source: Source) -> Document | FileResult:
    from citecheck.readers import read_source

    try:
        return read_source(source, quiet=True)
    except CitecheckError as exc:
        return FileResult(item.path, "", None, error=str(exc))


def _read_stdin(stdin: BinaryIO | None) -> Document:
    """Standard input, its format told from its content (the readers read files, so the
    bytes go through a private temporary file with no extension)."""
    from citecheck.readers import read_document

    data = (stdin or sys.stdin.buffer).read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:  # the cap a file has, before an endless pipe fills memory
        raise InputError(f"{STDIN_NAME}: more than the {MAX_INPUT_BYTES} byte limit")
    with tempfile.TemporaryDirectory(prefix="citecheck-") as folder:
        path = Path(folder) / "stdin"
        path.write_bytes(data)
        document = read_document(str(path), quiet=True)
    warnings = tuple(w.replace(str(path), STDIN_NAME) for w in document.warnings)
    return replace(document, path=STDIN_NAME, warnings=warnings)


def _result(
    parsed: ParsedDocument, problems: tuple[Problem, ...], verdicts: tuple[Verdict, ...] = ()
) -> FileResult:
    document = parsed.document
    return FileResult(document.path, document.format, parsed, problems, verdicts)


def _reported(problems: tuple[Problem, ...], config: Any) -> tuple[Problem, ...]:
    return tuple(problem for problem in problems if config.reports(problem.kind))


# --- checking --------------------------------------------------------------------------


@dataclass(frozen=True)
class _ToParse:
    """A document read but not yet parsed, and its key in the parse memo."""

    document: Document
    key: str | None


@dataclass(frozen=True)
class _Prepared:
    """The inputs of a check once read, by input index: remembered parses, unreadable
    files, documents still to parse, the loaded bytes of every file read from disk
    (its local links are read from them, not from the disk again) and their keys in
    the parse memo."""

    prepared: dict[int, Prepared]
    failed: dict[int, FileResult]
    to_parse: dict[int, _ToParse]
    sources: dict[int, Source]
    keys: dict[int, str]


def _prepare(
    inputs: Sequence[Input],
    config: Any,
    store: ResultCache | None,
    stdin: BinaryIO | None,
    ignore: IgnoreList,
) -> _Prepared:
    """Every input read, or recalled from the parse memo when unchanged. A parse is
    remembered with the links the URL filters kept, so they are in its key."""
    from citecheck.prepared import recall

    prepared: dict[int, Prepared] = {}
    failed: dict[int, FileResult] = {}
    to_parse: dict[int, _ToParse] = {}
    sources: dict[int, Source] = {}
    keys: dict[int, str] = {}
    for index, item in enumerate(inputs):
        key = None
        if item.path == STDIN:
            document = _read(item, stdin)
        else:
            source = _load(item)
            if isinstance(source, FileResult):
                failed[index] = source
                continue
            sources[index] = source
            if store is not None:
                key = keys[index] = memo_key(source, config, ignore)
                ready = recall(store, key)
                if ready is not None:
                    prepared[index] = ready
                    continue
            document = _read_loaded(item, source)
        if isinstance(document, FileResult):
            failed[index] = document
        else:
            to_parse[index] = _ToParse(document, key)
    return _Prepared(prepared, failed, to_parse, sources, keys)


def memo_key(source: Source, config: Any, ignore: IgnoreList) -> str:
    """The key of `source`'s parse in the memo: its bytes and the filters that shape its
    links. A memo under this key means `check` saw exactly these bytes (`citecheck fix`
    relies on it)."""
    from citecheck.prepared import content_key

    shape: tuple[str, ...] = (repr(config.include), repr(config.exclude))
    if ignore.patterns:
        shape += (repr([pattern.pattern for pattern in ignore.patterns]),)
    return content_key(source, *shape)


def _check_while_parsing(
    prepared: dict[int, Prepared],
    to_parse: dict[int, _ToParse],
    wanted: Callable[[str], bool],
    check_all: Callable[[Sequence[Link]], tuple[Verdict, ...]],
    on_parsed: Callable[[dict[int, Prepared]], None] = lambda parsed: None,
) -> tuple[dict[str, Verdict], dict[int, Prepared]]:
    """(one verdict per distinct URL, the new parses by input index).

    The links already known (remembered parses, URLs written in the notes) are checked
    while the documents parse beside them (`citecheck.checks.beside`: in a child process
    that yields the CPU, or on a second thread), then the links only the parse found.
    `on_parsed` gets the parses as soon as they are done, on the thread collecting them."""
    from citecheck.prepared import Prepared

    early: dict[str, Link] = {}
    for ready in prepared.values():
        early.update((dedup_key(link.url), link) for link in ready.links)
    if not to_parse:  # every parse remembered: nothing to overlap the checks with
        on_parsed({})
        found = _by_key(check_all(list(early.values())))
        return found, {}
    from citecheck.checks.beside import ParseBeside
    from citecheck.links import extract_links, links_in_notes

    for job in to_parse.values():
        for link in links_in_notes(job.document):
            if wanted(link.url):
                early.setdefault(dedup_key(link.url), link)

    def parse_all() -> dict[int, Prepared]:
        done = {}
        for index, job in to_parse.items():
            parsed, problems = parse_and_verify(job.document)
            links = tuple(link for link in extract_links(parsed) if wanted(link.url))
            done[index] = Prepared(parsed, problems, links)
        return done

    parsing = ParseBeside(parse_all, on_parsed)
    try:
        found = _by_key(check_all(list(early.values())))
        parsed = parsing.result()
    finally:
        parsing.close()
    late: dict[str, Link] = {}
    for ready in [*prepared.values(), *parsed.values()]:
        for link in ready.links:
            if dedup_key(link.url) not in found:
                late.setdefault(dedup_key(link.url), link)
    if late:
        found.update(_by_key(check_all(list(late.values()))))
    return found, parsed


def _fragment_urls(prepared: Sequence[Prepared], checked: dict[str, Verdict]) -> list[str]:
    """The cited web URLs with a `#fragment` whose page answered (resolvable or moved)."""
    urls = []
    for ready in prepared:
        for link in ready.links:
            verdict = checked.get(dedup_key(link.url))
            if "#" in link.url and verdict is not None and verdict.state in ("resolvable", "moved"):
                urls.append(link.url)
    return list(dict.fromkeys(urls))


def _ignored(prepared: Sequence[Prepared], ignore: IgnoreList) -> tuple[str, ...]:
    """The distinct cited URLs the ignore file skipped (links are extracted again only
    when it has patterns: a parse keeps only the links that were checked)."""
    if not ignore.patterns:
        return ()
    from citecheck.links import extract_links

    skipped: dict[str, str] = {}
    for ready in prepared:
        for link in extract_links(ready.parsed):
            if ignore.ignores(link.url):
                skipped.setdefault(dedup_key(link.url), link.url)
    return tuple(skipped.values())


def _by_key(verdicts: Sequence[Verdict]) -> dict[str, Verdict]:
    return {dedup_key(verdict.url): verdict for verdict in verdicts}


def distinct_links(prepared: Sequence[Prepared]) -> dict[str, Link]:
    """Each distinct URL's link, with the earliest citation date any file gives it."""
    links: dict[str, Link] = {}
    for ready in prepared:
        for link in ready.links:
            key = dedup_key(link.url)
            known = links.get(key)
            if known is None:
                links[key] = link
            elif link.cited_on and (not known.cited_on or link.cited_on < known.cited_on):
                links[key] = replace(known, cited_on=link.cited_on)
    return links


def check_options(config: Any) -> CheckOptions:
    from citecheck.checks import CheckOptions

    return CheckOptions(
        accepted_for=config.accepted_for,
        max_age=config.max_age,
        reuse_inconclusive=config.reuse_inconclusive,
        host_concurrency=config.host_concurrency,
        concurrency=config.concurrency,
        handler_for=_platform_handler,
        confirm_dead=config.confirm_dead,
        allow_private=config.allow_private,
        allowed_networks=tuple(config.allow_network),
    )


def _platform_handler(url: str) -> Any:
    """`citecheck.platforms.handler_for`, imported when a link is checked (not on a run
    whose verdicts all come from the cache)."""
    from citecheck.platforms import handler_for

    return handler_for(url)
