"""`citecheck fix`: the manuscript with every moved link replaced by its new URL and
every dead link given its archived copy, from what `check` found (no request is sent).

One module per format, registered in FIXERS by the reader's format name; each takes
the loaded file, the fixes and how a dead link in text gets its copy
("append": "(archived …)" after it, or "replace"), and returns a `Rewrite`:

    # citecheck.fix.recorded, .plan, .fixers, .diff
    record = recorded(source, config)            # the cache: verdicts, archive answers
    fixes = planned_fixes(record.verdicts, record.lookups)
    rewrite = FIXERS[record.format](source, fixes, "append")
    print(unified_diff(source.path, rewrite))
"""
