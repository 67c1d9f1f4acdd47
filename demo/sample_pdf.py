"""A minimal PDF writer for the sample portal's generated attachments and minutes.

Why: the sample portal (demo, tests, benchmarks) serves a PDF behind every attachment link, and
live changes (new minutes, a supplementary document) need PDFs made while it runs, without the
dev-only PDF library the test fixtures use (fpdf2, `tests/support/pdfmaker.py`). Hand-written
because it needs one font (the PDF standard Helvetica, WinAnsiEncoding: å, ä, ö included), lines of
text, and a correct cross-reference table, about sixty lines; a library would add a runtime
dependency for the demo alone. The bundled seed PDFs (`sample_data/*.pdf`) are fpdf2's.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

LINES_PER_PAGE = 52
WRAP = 95


def _escape(line: str) -> bytes:
    raw = line.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _wrapped(lines: Sequence[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        out += textwrap.wrap(line, WRAP) or [""]
    return out


def _content(lines: Sequence[str]) -> bytes:
    shown = b" T* ".join(b"(" + _escape(line) + b") Tj" for line in lines)
    return b"BT /F1 11 Tf 14 TL 56 790 Td " + shown + b" ET"


def simple_pdf(lines: Sequence[str]) -> bytes:
    """A valid PDF showing `lines` (wrapped, paginated) in Helvetica."""
    text = _wrapped(lines) or [""]
    pages = [text[i : i + LINES_PER_PAGE] for i in range(0, len(text), LINES_PER_PAGE)]
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in below once the page numbers are known
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids: list[bytes] = []
    for page in pages:
        stream = _content(page)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            b" /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (len(objects))
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
