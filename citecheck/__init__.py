"""citecheck: verify the notes of a manuscript before it is published."""

__version__ = "0.1.0"
