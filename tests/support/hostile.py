"""Hostile inputs for the tests and the benchmarks: a page that parses for seconds, a PDF bomb.

Why: the limits of the parse and PDF workers must be shown on inputs that really break them,
measured on this machine, not on mocks. Plain bytes (no fpdf2), so the benchmarks' environment
can build them too.
"""

from __future__ import annotations

import zlib


def hostile_page(attributes: int = 100_000) -> bytes:
    """A meeting page with one element carrying `attributes` attributes: parsing time grows
    with their square (100,000 take about 10 s on the 2-core machine, 30,000 under 1 s)."""
    attrs = " ".join(f'a{i}="v{i}"' for i in range(attributes))
    return (
        f"<html><body><h1>Kallelse</h1><div {attrs}>x</div><p>1. Mötet öppnas</p></body></html>"
    ).encode()


def bomb_pdf(chars: int = 10_000_000, pages: int = 1) -> bytes:
    """A PDF bomb of about 1 KB: every page shares one content stream, compressed twice
    (`/Filter [/FlateDecode /FlateDecode]`), that inflates to `chars` characters of text.

    What makes PDFium allocate is not the inflated stream (10 MB here) but the text page built
    from it: about 250 bytes per character. Measured on this machine (`bench/isolation.py`):
    10 million characters took a reader to 2.5 GB in 5-10 s; more characters (a bigger stream or
    more pages) ask for more. Raw bytes, because fpdf2 writes no such stream."""
    line = b"(" + b"A" * 1000 + b") Tj\n"
    content = b"BT /F1 1 Tf 0 0 Td\n" + line * (chars // 1000) + b"ET\n"
    for _ in range(2):
        content = zlib.compress(content, 9)
    stream = b"%d" % (4 + pages)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (4 + i) for i in range(pages)), pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *[
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
            b" /Resources << /Font << /F1 3 0 R >> >> /Contents %s 0 R >>" % stream
        ]
        * pages,
        b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
