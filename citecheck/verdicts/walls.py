"""Bot walls: answers that say "we will not show this to a program", not "it is gone"."""

from __future__ import annotations

import re

from citecheck.model import Check
from citecheck.verdicts.page import Page, header

#: Status codes a site uses to refuse a client rather than to describe the resource.
#: 999 is LinkedIn's answer to anything that is not a browser.
REFUSAL_STATUSES: dict[int, str] = {
    401: "unauthorized",
    403: "forbidden",
    407: "proxy-auth-required",
    429: "rate-limited",
    999: "refused-by-host",
}

_CHALLENGE_TITLES = re.compile(
    r"just a moment|attention required|checking (?:your|if the site connection) |"
    r"verify(?:ing)? you are (?:a )?human|are you a robot|captcha|ddos-guard|"
    r"access denied|security check|please wait while we verify|bot verification",
    re.IGNORECASE,
)
_CHALLENGE_HEADERS = (("cf-mitigated", None), ("server", "ddos-guard"), ("x-sucuri-block", None))


def bot_wall(check: Check, page: Page | None) -> str | None:
    """Why `check` looks like a bot wall (a header or a challenge page title), or None."""
    for name, value in _CHALLENGE_HEADERS:
        seen = header(check, name)
        if seen is not None and (value is None or value in seen.lower()):
            return f"{name}: {seen}"
    if page is not None:
        for label in page.labels:
            if _CHALLENGE_TITLES.search(label):
                return f"challenge page: {label}"
    return None
