"""How a dead link in text gets its archived copy: "(archived …)" after it, or in its place.

Apart from the fixers so that the command line can offer the choice without loading them.
"""

from typing import Literal

ArchivedMode = Literal["append", "replace"]
ARCHIVED_MODES: tuple[ArchivedMode, ...] = ("append", "replace")
