"""A kallelse or protokoll PDF as a meeting: its pages laid out as lines, read as an agenda.

Why: many bodies publish their agenda only as a PDF on the municipality's website. PDFium's
plain text loses what a reader of the page sees: how far a line is indented (a numbered
proposal inside an item sits deeper than the item numbers) and which line breaks are only the
page's width (a long title wrapped onto a second line is still one title). Both are read back
here from the characters' positions: a line's indent from where its first visible character
stands, and a break is a wrap when the next line's first word would not have fitted on the
line above (the way every layout engine breaks lines) and the next line reads on (lower case,
or the line above is full and ends without a full stop). The page texts then go to the pure
reader (`agenda.parse.parse_document`), which drops each page's running head and foot.
Extraction runs under the documents' caps and lock (`sources.pdftext`).

    meeting_from_pdf(data, url)        # blocking (a worker thread, a process, the CLI)
    await read_pdf_meeting(data, url)  # from async code: in a worker thread
"""

from __future__ import annotations

import asyncio
import ctypes
import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from agenda.model import Meeting
from agenda.parse import ParseError, parse_document
from sources.pdftext import MAX_PDF_BYTES, MAX_PDF_PAGES, Extracted, extract_pdf_sync

_LIST_START_RE = re.compile(r"^(?:[•●▪◦*\-–]\s|§|\d{1,3}[.)]?\s*(?:[A-ZÅÄÖ]|$)|Bilagor\b)")
_BARE_NUMBER_RE = re.compile(r"^\d{1,4}[.)]?$")
_SENTENCE_END = (".", ":", ";", "!", "?")
#: One space of indent, in points (a space of an 11 pt font; the same on every page, so the
#: indents of different pages compare).
_INDENT_UNIT = 2.8
#: Baselines further apart than this many font sizes are different paragraphs.
_LINE_PITCH = 1.7
#: A gap between two words wider than this many font sizes (three letters; a justified
#: line's widest space is about half one) is a table's column gap.
_COLUMN_GAP = 1.5
_JOINERS = frozenset(("och", "eller", "samt", "respektive", "till"))


@dataclass(frozen=True, slots=True)
class _Line:
    text: str  # without leading and trailing spaces
    left: float  # where the pen starts the first visible character (no side bearing)
    right: float
    baseline: float
    size: float  # the font size of the first character
    first_word: float  # the width of the line's first word

    @property
    def char_width(self) -> float:
        return (self.right - self.left) / max(len(self.text), 1)


def _origin(
    textpage: pdfium.PdfTextPage, index: int, box: tuple[float, ...]
) -> tuple[float, float]:
    """Where the pen stands for a character (its box without the glyph's side bearing)."""
    x, y = ctypes.c_double(), ctypes.c_double()
    if pdfium_c.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y)):
        return float(x.value), float(y.value)
    return box[0], box[1]


def _lines(textpage: pdfium.PdfTextPage) -> list[_Line]:
    """The page's lines as PDFium breaks them, with the box of their visible characters."""
    text = str(textpage.get_text_range())
    lines: list[_Line] = []
    start = 0
    for raw in text.split("\r\n"):
        visible = [k for k, c in enumerate(raw) if not c.isspace()]
        if visible:
            head, tail = start + visible[0], start + visible[-1]
            first, last = textpage.get_charbox(head), textpage.get_charbox(tail)
            body = _with_columns(textpage, start + visible[0], raw[visible[0] : visible[-1] + 1])
            word_end = start + visible[0] + len(body.split(" ", 1)[0]) - 1
            word = textpage.get_charbox(word_end)[2] - first[0]
            left, baseline = _origin(textpage, head, first)
            size = float(pdfium_c.FPDFText_GetFontSize(textpage, head)) or (first[3] - first[1])
            lines.append(_Line(body, left, max(last[2], first[2]), baseline, size, word))
        start += len(raw) + 2
    return lines


def _with_columns(textpage: pdfium.PdfTextPage, offset: int, body: str) -> str:
    """`body` (the line's text from `offset` on) with each space that stands for a table's
    column gap (wider than `_COLUMN_GAP` font sizes) written as three: the reader ends a
    title there (`5 Information från kommundirektören   Kommundirektören`)."""
    if " " not in body:
        return body
    widest = _COLUMN_GAP * float(pdfium_c.FPDFText_GetFontSize(textpage, offset) or 10.0)
    out: list[str] = []
    for k, c in enumerate(body):
        if c == " " and 0 < k < len(body) - 1 and body[k - 1] != " " and body[k + 1] != " ":
            gap = textpage.get_charbox(offset + k + 1)[0] - textpage.get_charbox(offset + k - 1)[2]
            if gap > widest:
                c = "   "
        out.append(c)
    return "".join(out)


def _wraps(above: _Line, below: _Line, margin: float, right: float) -> bool:
    """Whether `below` continues `above` (the break was the page's width, not the writer's)."""
    if _LIST_START_RE.match(below.text) and not _BARE_NUMBER_RE.match(below.text):
        return False  # a number alone on the line below a full one is the line's last word
    if not 0 < above.baseline - below.baseline < max(above.size, 1.0) * _LINE_PITCH:
        return False  # not the next line of the same paragraph
    if above.right - above.left < (right - margin) / 2:
        return False  # a short line (a right-aligned head, a centred title) never wraps
    width = below.char_width or above.char_width
    gap = right - above.right
    if gap >= below.first_word + width:
        return False  # the word would have fitted: the writer broke the line
    head = below.text[0]
    if head.islower() or head.isdigit() or head in "([”\"'":
        return True
    return gap < 3 * width and not above.text.endswith(_SENTENCE_END)


def _join(above: str, below: str) -> str:
    hyphenated = above.endswith("-") and above[-2:-1].isalpha() and below[:1].islower()
    if hyphenated and below.split(" ", 1)[0] not in _JOINERS:
        return above + below
    return f"{above} {below}"


def laid_out_text(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> str:
    """The page as lines: each indented by where it starts on the page (one space per
    `_INDENT_UNIT`, from the page's edge: the reader removes the margin common to all pages),
    wrapped lines joined into one, an empty line where a paragraph's space is."""
    lines = _lines(textpage)
    if not lines:
        return ""
    margin = min(line.left for line in lines)
    width = float(page.get_width())
    right = max(max(line.right for line in lines), width - margin)
    out: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if previous is not None and out and _wraps(previous, line, margin, right):
            out[-1] = _join(out[-1], line.text)
        else:
            if previous is not None and _apart(previous, line):
                out.append("")  # a paragraph's space: the reader tells a page's head by it
            out.append(" " * max(round(line.left / _INDENT_UNIT), 0) + line.text)
        previous = line
    return "\n".join(out)


def _apart(above: _Line, below: _Line) -> bool:
    """Whether more than a line's pitch separates two lines (a new paragraph, a margin)."""
    return above.baseline - below.baseline >= max(above.size, 1.0) * _LINE_PITCH


def _refusal(extracted: Extracted) -> str:
    return {
        "no_text": "the PDF has no text layer (a scanned document)",
        "encrypted": "the PDF is encrypted",
        "broken": f"the PDF cannot be read ({extracted.detail or 'broken'})",
        "too_large": f"the PDF is too large ({extracted.detail})",
    }.get(extracted.status, "the PDF cannot be read")


def pdf_page_texts(data: bytes, max_pages: int = MAX_PDF_PAGES) -> list[str]:
    """The laid-out text of each page; ParseError (one human line) for an unreadable PDF."""
    if len(data) > MAX_PDF_BYTES:
        raise ParseError(f"the PDF is too large ({len(data)} bytes, limit {MAX_PDF_BYTES})")
    extracted = extract_pdf_sync(data, max_pages, read_page=laid_out_text)
    if extracted.status != "ok":
        raise ParseError(_refusal(extracted))
    return list(extracted.page_texts)


def meeting_from_pdf(data: bytes, url: str | None = None) -> Meeting:
    """A kallelse or protokoll PDF as a `Meeting` (blocking); ParseError when it is no agenda."""
    return parse_document(pdf_page_texts(data), url)


async def read_pdf_meeting(data: bytes, url: str | None = None) -> Meeting:
    """`meeting_from_pdf` in a worker thread (PDFium's lock lets one extraction run at a time)."""
    return await asyncio.to_thread(meeting_from_pdf, data, url)


def is_pdf(content: bytes) -> bool:
    return content[:1024].lstrip()[:5].startswith(b"%PDF")
