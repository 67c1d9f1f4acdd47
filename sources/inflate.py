"""Bounded decompression of a response body: never more than a small piece at a time.

Why: httpx decodes `Content-Encoding` a whole network read at a time, and a 64 KB read of a gzip
bomb inflates to some 64 MB before any size cap can look at it (a 200 KB bomb is a 200 MB page).
The fetcher therefore reads the raw bytes (`Response.aiter_raw`) and inflates them here with
zlib's `max_length`, so each piece handed back is at most `PIECE_BYTES` and the caller's cap
stops the read as soon as it is passed. Hand-written because neither httpx nor another
well-kept library offers bounded streaming inflation; it covers the encodings the client asks
for (`Accept-Encoding: gzip, deflate`) and identity.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

PIECE_BYTES = 64 * 1024


class EncodingError(ValueError):
    """The body is not in the encoding its headers name (or one we never asked for)."""


class Inflater:
    """Feed raw body bytes, get decoded pieces of at most `PIECE_BYTES` each."""

    def __init__(self, content_encoding: str | None) -> None:
        encoding = (content_encoding or "identity").strip().lower()
        if encoding not in {"identity", "gzip", "x-gzip", "deflate"}:
            raise EncodingError(f"unsupported content encoding {encoding!r}")
        self.encoding = encoding
        self._zlib: zlib._Decompress | None = None
        if encoding in {"gzip", "x-gzip"}:
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._deflate_probe = encoding == "deflate"  # zlib-wrapped or raw: decided on first bytes

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The decoded pieces of `data` (raw bytes of the body, in order)."""
        if self.encoding == "identity":
            for start in range(0, len(data), PIECE_BYTES):
                yield data[start : start + PIECE_BYTES]
            return
        if self._deflate_probe and data:
            # RFC 9110 deflate is zlib-wrapped; some servers send raw deflate (no header).
            wrapped = (
                len(data) >= 2 and (data[0] & 0x0F) == 8 and (data[0] << 8 | data[1]) % 31 == 0
            )
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
            self._deflate_probe = False
        if self._zlib is None:
            return
        pending = data
        while pending:
            try:
                piece = self._zlib.decompress(pending, PIECE_BYTES)
            except zlib.error as exc:
                raise EncodingError(f"corrupt {self.encoding} body: {exc}") from None
            if piece:
                yield piece
            pending = self._zlib.unconsumed_tail
