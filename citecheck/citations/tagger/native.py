"""The tagger's C extension `_crf`, and whether it is used.

`_crf` is None where the extension is not built (no C compiler at install). With
`CITECHECK_PURE_TAGGER=1` in the environment it is built but not used: the Python
definitions do all the work (`tokens.plain_tokens`, python-crfsuite over `features.py`),
the ones the trainer uses and the extension is tested against.
"""

from __future__ import annotations

import os

try:
    from citecheck.citations.tagger import _crf
except ImportError:
    _crf = None


def compiled_available() -> bool:
    """Whether the extension is built and not turned off (`CITECHECK_PURE_TAGGER`)."""
    return _crf is not None and os.environ.get("CITECHECK_PURE_TAGGER", "") in ("", "0")
