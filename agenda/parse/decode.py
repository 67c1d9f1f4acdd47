"""Bytes → text, refusing what is not a page: too big, empty, binary, undecodable.

Why: pages come from the network and from users' files. Every way that input can be wrong must
end in one clear `ParseError` line (never a traceback), before any parsing work is spent on it.
"""

from __future__ import annotations

import codecs
import re

from agenda.parse.errors import MAX_PAGE_BYTES, ParseError

_SNIFF_BYTES = 8192
#: C0 controls except whitespace, C1 controls, and the replacement character.
_BAD_CHARS_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def check_size(size: int) -> None:
    """Raise when a page of `size` bytes is over the limit."""
    if size > MAX_PAGE_BYTES:
        raise ParseError(f"page is too large: {size} bytes, the limit is {MAX_PAGE_BYTES} bytes")


def to_text(content: bytes | str) -> str:
    """Decode (UTF-8, else plausible Windows-1252) and validate a page."""
    if isinstance(content, str):
        if len(content) > MAX_PAGE_BYTES // 4:
            check_size(len(content.encode("utf-8", "surrogatepass")))
        text = content
    else:
        check_size(len(content))
        text = _decode(content)
    if not text.strip():
        raise ParseError("the page is empty")
    if _implausible(text):
        raise ParseError("the page is binary data, not text or HTML")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes) -> str:
    if not data.strip():
        raise ParseError("the page is empty")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError as exc:
                raise ParseError(f"the page is not valid {encoding}") from exc
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise ParseError("the page is binary data, not text or HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ParseError("cannot decode the page: neither UTF-8 nor Windows-1252 text") from exc
    if _implausible(text):
        raise ParseError("cannot decode the page: neither UTF-8 nor Windows-1252 text")
    return text


def _implausible(text: str) -> bool:
    """True when the sample has many control characters (binary data, wrong encoding)."""
    sample = text[:_SNIFF_BYTES]
    return len(_BAD_CHARS_RE.findall(sample)) > max(2, len(sample) // 100)
