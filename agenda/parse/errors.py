"""The parser's one error type and its size limit.

Why: a separate leaf module so every parser module (and the HTTP client, which caps downloads at
the same limit) can import them without import cycles.
"""

from __future__ import annotations

MAX_PAGE_BYTES = 5 * 1024 * 1024
#: More entries than any real agenda and its minutes together (the largest real ones have a
#: few hundred): a page beyond this is refused rather than stored as thousands of items.
MAX_ENTRIES = 2_000


class ParseError(ValueError):
    """The input is not a readable Meetings Plus page; the message is one human line."""
