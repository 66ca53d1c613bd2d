"""Looking cited works up: does the work exist, and is it cited as it is?

record.py      Query (a citation's fields), Record (a work as a service has it), Lookup
settings.py    LookupSettings: base URLs, paces, contact, CiNii application id, scope
services/      one module per service, registered in SERVICES (doi, crossref, openalex,
               cinii, ndl); webpage.py reads the cited page's own titles
pace.py        ServicePace: each service's rate, Retry-After obeyed, stopped after refusals
normalise.py   comparison keys for titles and names (NFKC, case, punctuation, Han variants)
matching.py    a score per field and the same-work decision; thresholds.py holds the numbers
memo.py        answers kept in the result cache (a found record for 30 days)
run.py         Looker: which services to ask about a work, in what order, until settled
stage.py       the check's look-up stage: every file's works looked up once, then judged
               by `citecheck.verdicts.citation`

Only `citecheck.net` talks to the network; the judgement is a pure function.
"""
