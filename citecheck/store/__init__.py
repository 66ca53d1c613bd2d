"""The result cache: what earlier runs observed, judged, looked up and parsed.

cache.py     ResultCache: the SQLite file, its queries, and doing without it when it fails
rows.py      one typed row format per table, checked on the way out (a misfit is a miss)
database.py  which file may be opened, changed or moved aside (citecheck's marker)

Nothing in the cache can execute: rows are plain SQLite values and JSON, read back by
the model's type hints (`citecheck.records`), never unpickled.
"""

from citecheck.store.cache import ResultCache
from citecheck.store.database import APPLICATION_ID, CacheRefused, default_cache_path
from citecheck.store.rows import ArchiveRecord, ObservationRow, VerdictRow

__all__ = [
    "APPLICATION_ID",
    "ArchiveRecord",
    "CacheRefused",
    "ObservationRow",
    "ResultCache",
    "VerdictRow",
    "default_cache_path",
]
