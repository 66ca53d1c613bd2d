"""Read at most a capped number of body bytes, decompressing as we go.

The cap counts decompressed bytes, so a gzip bomb (a few KB that inflate to
gigabytes) costs no more memory than a plain page: zlib is asked for at most the
bytes still wanted, and what it has not yet produced stays compressed.
"""

from __future__ import annotations

import zlib

CHUNK = 64 * 1024


class CappedBody:
    """Accumulates a body up to `cap` bytes after content decoding."""

    def __init__(self, cap: int, content_encoding: str | None) -> None:
        self.cap = cap
        self.data = bytearray()
        encoding = (content_encoding or "").strip().lower()
        self._inflater = _inflater(encoding)
        self._raw_deflate_fallback = encoding == "deflate"
        self._undecodable = False

    @property
    def full(self) -> bool:
        return len(self.data) >= self.cap

    def feed(self, chunk: bytes) -> None:
        if self.full or self._undecodable or not chunk:
            return
        if self._inflater is None:
            self.data += chunk[: self.cap - len(self.data)]
            return
        pending = chunk
        while pending and not self.full:
            try:
                out = self._inflater.decompress(pending, self.cap - len(self.data))
            except zlib.error:
                if self._raw_deflate_fallback and not self.data:
                    # "deflate" is sent both zlib-wrapped (correct) and raw (common).
                    self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._raw_deflate_fallback = False
                    continue
                self._undecodable = True  # keep what decoded so far, nothing more
                return
            self.data += out
            pending = self._inflater.unconsumed_tail
            if self._inflater.eof:
                return

    def bytes(self) -> bytes:
        return bytes(self.data)


def _inflater(encoding: str):  # type: ignore[no-untyped-def]
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(zlib.MAX_WBITS | 16)
    if encoding == "deflate":
        return zlib.decompressobj(zlib.MAX_WBITS)
    return None
