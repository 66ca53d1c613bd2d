"""The look-up services, one module each, registered in SERVICES.

A service turns a `Query` into the request it would send (`request`, None when it
cannot ask about that query) and reads its answer into `Record`s (`read`, pure: the
answer's `Check` in, records out; `MalformedAnswer` when the body is not what the service sends).
Sending, pacing, caching and failures are `citecheck.lookup.run`'s, over citecheck.net.
The cited page itself is compared too (`webpage`), from what the link check read of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from citecheck.lookup.services.base import MalformedAnswer, Request, Service
from citecheck.lookup.services.cinii import CINII
from citecheck.lookup.services.crossref import CROSSREF
from citecheck.lookup.services.doi import DOI
from citecheck.lookup.services.ndl import NDL
from citecheck.lookup.services.openalex import OPENALEX

SERVICES: Mapping[str, Service] = MappingProxyType(
    {service.name: service for service in (DOI, CROSSREF, OPENALEX, CINII, NDL)}
)

__all__ = ["SERVICES", "MalformedAnswer", "Request", "Service"]
