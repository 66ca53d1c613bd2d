"""The look-up stage of a check: every file's cited works looked up once, then judged.

Full citations are judged from their link verdicts and look-ups; a back-reference
(同上, 前掲書, Ibid., a short form) inherits its target's verdict. Each distinct work
is looked up once per run, however many files or notes cite it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from citecheck.links.urls import dedup_key
from citecheck.lookup.memo import MemoStore
from citecheck.lookup.record import Query
from citecheck.lookup.run import Looker, Task, WorkLookups
from citecheck.lookup.settings import LookupSettings
from citecheck.model import Citation, CitationVerdict, FileResult, Problem, Verdict
from citecheck.net import HttpClient, NetPolicy
from citecheck.verdicts.citation import Observed, citation_problem, judge_citation


def _links_of(verdicts: Sequence[Verdict]) -> dict[str, list[Verdict]]:
    by_citation: dict[str, list[Verdict]] = {}
    for verdict in verdicts:
        for citation_id in verdict.citation_ids:
            by_citation.setdefault(citation_id, []).append(verdict)
    return by_citation


def _task(citation: Citation, links: Sequence[Verdict]) -> Task:
    query = Query.from_csl(citation.csl)
    cited = dedup_key(query.url or "")
    live = next(
        (v for v in links if v.state in ("resolvable", "moved") and dedup_key(v.url) == cited),
        None,
    )
    has_link = bool(links) or bool(query.doi or query.url)
    if live is None:
        return Task(query, None, has_link)
    return Task(query, live.new_url or live.final_url or live.url, has_link, live.page_titles)


def judge_files(
    files: Sequence[FileResult],
    settings: LookupSettings,
    policy: NetPolicy,
    *,
    offline: bool,
    store: MemoStore | None = None,
    reports: Callable[[str], bool] = lambda kind: True,
) -> list[FileResult]:
    """`files` with their citation verdicts and the citation problems `reports` wants."""
    plans: list[tuple[FileResult, list[tuple[Citation, Task]]]] = []
    for result in files:
        if result.parsed is None:
            plans.append((result, []))
            continue
        links = _links_of(result.verdicts)
        full = [c for c in result.parsed.citations if c.backref is None]
        plans.append((result, [(c, _task(c, links.get(c.id, []))) for c in full]))
    answers: dict[Task, WorkLookups] = {}
    looker_offline = offline
    if settings.active and not offline:
        with HttpClient(replace(policy, retries=0, user_agent=_agent(policy, settings))) as client:
            looker = Looker(settings, client, store)
            answers = looker.look_up_all(task for _, plan in plans for _, task in plan)
            looker_offline = looker.offline
    judged = []
    for result, plan in plans:
        if result.parsed is None:
            judged.append(result)
            continue
        links = _links_of(result.verdicts)
        verdicts: dict[str, CitationVerdict] = {}
        problems: list[Problem] = []
        for citation, task in plan:
            lookups = answers.get(task) if settings.active else WorkLookups(looked_up=False)
            observed = Observed(
                citation.id,
                task.query,
                tuple(links.get(citation.id, [])),
                lookups,
                offline=looker_offline and not _settled(lookups),
            )
            verdict = judge_citation(observed)
            verdicts[citation.id] = verdict
            problem = citation_problem(citation, verdict)
            if problem is not None and reports(problem.kind):
                problems.append(problem)
        ordered = []
        for citation in result.parsed.citations:
            if citation.id in verdicts:
                ordered.append(verdicts[citation.id])
            elif citation.backref is not None and citation.backref.target in verdicts:
                target = verdicts[citation.backref.target]
                ordered.append(
                    replace(target, citation_id=citation.id, backref_of=target.citation_id)
                )
            else:  # a 同上 / Ibid. whose work was not found: `verify` reports it
                why = citation.backref.problem if citation.backref else None
                reason = "offline" if looker_offline else f"back-reference-{why or 'unresolved'}"
                ordered.append(CitationVerdict(citation.id, "inconclusive", reason))
        judged.append(
            replace(
                result,
                problems=result.problems + tuple(problems),
                citation_verdicts=tuple(ordered),
            )
        )
    return judged


def _settled(lookups: WorkLookups | None) -> bool:
    """True when the look-ups of a work were all answered (from the cache, say) although
    the network went away during the run."""
    if lookups is None:
        return False
    asked = [one for one in (lookups.doi, lookups.page, *lookups.searches) if one is not None]
    return bool(asked) and all(one.outcome == "answered" for one in asked)


def _agent(policy: NetPolicy, settings: LookupSettings) -> str:
    """The User-Agent with the contact address, as the polite pools ask."""
    agent = policy.user_agent
    if not settings.contact or "mailto:" in agent:
        return agent
    if agent.endswith(")"):
        return f"{agent[:-1]}; mailto:{settings.contact})"
    return f"{agent} (mailto:{settings.contact})"
