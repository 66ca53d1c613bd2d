"""citecheck: verify the notes of a manuscript before it is published.

The library API (see README, "Library API"): `citecheck.parse`, `citecheck.verify` and
`citecheck.check` take one path or many (files, directories, globs, "-") and an optional
`Config`, and return a `Report` with one `FileResult` per file. They are imported on
first use, so `import citecheck` stays cheap.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

from citecheck.lazy import lazy_attributes

__version__ = "0.1.0"
__all__ = ["Config", "FileResult", "Report", "check", "parse", "verify"]

_LAZY = {
    "check": "citecheck.pipeline",
    "verify": "citecheck.pipeline",
    "parse": "citecheck.pipeline",
    "Config": "citecheck.config",
    "Report": "citecheck.model",
    "FileResult": "citecheck.model",
}


__getattr__ = lazy_attributes(__name__, _LAZY)


class _Package(ModuleType):
    """The package module, whose API names win over same-named subpackages.

    Importing the subpackage `citecheck.verify` (the verification stage) would otherwise
    set the package attribute `verify` to that module, hiding the function. The
    subpackage stays importable as usual (`from citecheck.verify import …` goes
    through `sys.modules`).
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _LAZY and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
