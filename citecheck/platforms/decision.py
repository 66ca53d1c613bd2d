"""What a platform handler concludes about one URL, ready to become a `Verdict`."""

from __future__ import annotations

from dataclasses import dataclass

from citecheck.model import ArchiveSnapshot, Check, Link, Verdict, VerdictState


@dataclass(frozen=True)
class PlatformDecision:
    """A handler's judgement: the state, a reason code, and the evidence behind it.

    `check` is the observation of the platform's API that the decision rests on
    (None when the URL alone decided it); its status is the API's, not the URL's.
    """

    platform: str
    state: VerdictState
    reason: str
    evidence: tuple[str, ...] = ()
    check: Check | None = None

    def verdict(self, link: Link, archive: ArchiveSnapshot | None = None) -> Verdict:
        check = self.check
        return Verdict(
            url=link.url,
            state=self.state,
            reason=self.reason,
            attempts=check.attempts if check else 0,
            elapsed=check.elapsed if check else 0.0,
            archive=archive,
            citation_ids=link.citation_ids,
            details=(f"platform: {self.platform}", *self.evidence),
        )


def api_failure(platform: str, what: str, check: Check) -> PlatformDecision | None:
    """The inconclusive decision for an API answer that tells nothing, else None.

    No network, a timeout, a 429, a 5xx or any status the handler does not know is
    never evidence that a post is gone.
    """
    evidence = (f"{what} {check.url} → {check.error or check.status}",)
    if check.error is not None or check.status is None:
        return PlatformDecision(
            platform, "inconclusive", f"platform-unreachable: {check.error}", evidence, check
        )
    if check.status == 429:
        return PlatformDecision(platform, "inconclusive", "platform-rate-limited", evidence, check)
    if check.status >= 500:
        return PlatformDecision(
            platform, "inconclusive", f"platform-http-{check.status}", evidence, check
        )
    return None
