"""Make the PDFs the document tests, the benchmark and the sample portal use, from the seeds.

Why: real attachments are PDFs with embedded subset fonts (text behind a ToUnicode map), not
text files; the extractor must be tested on that shape, with Swedish letters, and on the bad
files a portal really serves (a scan without text, an encrypted file, a cut-off download).
fpdf2 (a dev dependency) writes them with Noto Sans (from the `fontpkg-noto-sans` wheel, so no
system font is needed). Output is deterministic (fixed creation date and file id), so the copies
the sample portal serves can be checked against this generator byte for byte.

    .venv/bin/python -m tests.support.pdfmaker DIR   # write the sample portal's PDFs into DIR
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from pathlib import Path

import fontpkg_noto_sans
from fpdf import FPDF
from fpdf.enums import EncryptionMethod
from PIL import Image, ImageDraw

from tests.fixtures import FIXTURES, seed_text

FONT = Path(fontpkg_noto_sans.__file__).resolve().parent / "files" / "NotoSans[wdth,wght].ttf"
#: The same font's regular instance, Latin only: fast to embed (`tests/fixtures/fonts/`).
AGENDA_FONT = FIXTURES / "fonts" / "NotoSans-Regular-latin.ttf"
_WHEN = datetime(2026, 1, 1, tzinfo=UTC)
#: A table row in an agenda's text: cells (words one space apart) three spaces or more apart.
_CELL_RE = re.compile(r"\S+(?: \S+)*")
_COLUMN_GAP_RE = re.compile(r"\S {3,}\S")


def _new_pdf(title: str, pdf: FPDF | None = None, font: Path = FONT) -> FPDF:
    """A deterministic A4 document (fixed date and file id) in Noto Sans 11."""
    pdf = pdf or FPDF(format="A4")
    pdf.set_creation_date(_WHEN)
    pdf.set_title(title)
    pdf.set_producer("namndbot tests")
    pdf.file_id = lambda: "<00000000000000000000000000000000><00000000000000000000000000000000>"  # type: ignore[method-assign]
    pdf.add_font("Noto", "", str(font))
    pdf.set_font("Noto", size=11)
    pdf.set_auto_page_break(auto=True, margin=20)
    return pdf


def text_pdf(text: str, title: str = "Dokument") -> bytes:
    """A PDF whose pages hold `text`, one paragraph per blank-line separated block."""
    pdf = _new_pdf(title)
    pdf.add_page()
    for paragraph in text.strip().split("\n\n"):
        pdf.multi_cell(0, 6, paragraph.strip(), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())


class _Kallelse(FPDF):
    """A kallelse as municipalities print one: a running head and `Sida n av m` on each page."""

    running: str | None = None

    def header(self) -> None:
        if self.running:
            self.set_font("Noto", size=8)
            self.cell(0, 5, self.running, align="R", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)
            self.set_font("Noto", size=11)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Noto", size=8)
        self.cell(0, 8, f"Sida {self.page_no()} av {{nb}}", align="C")
        self.set_font("Noto", size=11)


def agenda_pdf(
    text: str, title: str = "Kallelse", running: str | None = None, page_format: str = "A4"
) -> bytes:
    """An agenda's text as a PDF: one line per line, long lines wrapped at the margin, leading
    spaces as an indent, with a running head (`running`) and `Sida n av m` on every page.

    Lines are broken here, word by word (fpdf2's `multi_cell` re-measures the whole line for
    every character, which made a seed's PDF take a second).
    """
    pdf = _Kallelse(format=page_format)  # `A5` wraps more, `A3` less
    pdf.running = running
    _new_pdf(title, pdf, AGENDA_FONT)
    pdf.add_page()
    space = pdf.get_string_width(" ")
    widths: dict[str, float] = {}
    rows = [len(line.rstrip()) for line in text.split("\n") if _COLUMN_GAP_RE.search(line)]
    unit = min([pdf.get_string_width("n")] + [pdf.epw / (1.2 * n) for n in rows])
    for raw in text.split("\n"):
        line = raw.rstrip().replace("\u00a0", " ")
        if not line.strip():
            pdf.ln(2)
            continue
        indent = (len(line) - len(line.lstrip(" "))) * space
        if _table_cells(pdf, line, unit):
            continue
        for row in _wrapped(line.split(), pdf.epw - indent, space, pdf, widths):
            pdf.set_x(pdf.l_margin + indent)
            pdf.cell(0, 6, row, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _table_cells(pdf: FPDF, line: str, unit: float) -> bool:
    """A line of columns (cells three spaces or more apart) set as a table row: each cell
    where its column starts (a character `unit` wide, the same for every row, so the columns
    line up), the first at the line's indent; False when it has no columns or they would not
    fit on the line (it is wrapped as text then)."""
    cells = [(m.start(), m.group()) for m in _CELL_RE.finditer(line)]
    if len(cells) < 2 or not _COLUMN_GAP_RE.search(line.strip()):
        return False
    x = 0.0
    placed: list[tuple[float, str]] = []
    for start, cell in cells:
        # the first cell at the line's indent, as any line (a space per leading space)
        x = max(start * unit, x) if placed else start * pdf.get_string_width(" ")
        placed.append((x, cell))
        x += pdf.get_string_width(cell) + 2 * unit
    if x - 2 * unit > pdf.epw:
        return False
    for x, cell in placed:
        pdf.set_x(pdf.l_margin + x)
        pdf.cell(pdf.get_string_width(cell), 6, cell)
    pdf.ln(6)
    return True


def _wrapped(
    words: list[str], width: float, space: float, pdf: FPDF, widths: dict[str, float]
) -> list[str]:
    rows: list[str] = []
    row: list[str] = []
    used = 0.0
    for word in words:
        if word not in widths:
            widths[word] = pdf.get_string_width(word)
        needed = widths[word] + (space if row else 0.0)
        if row and used + needed > width:
            rows.append(" ".join(row))
            row, used = [], 0.0
            needed = widths[word]
        row.append(word)
        used += needed
    if row:
        rows.append(" ".join(row))
    return rows


def tjansteskrivelse_pdf() -> bytes:
    """Seed 003 (the tjänsteskrivelse behind HSN/203/2019) as the PDF it was."""
    return text_pdf(seed_text("003"), "Tjänsteskrivelse HSN/203/2019")


#: Seed 004's minutes (Protokoll tab) laid out as a protokoll: each § with the item's title,
#: the minutes text of the seed, and a Beslut (constructed: the seed's page shows no decisions).
MINUTES_004: list[tuple[int, str, str, str, str | None]] = [
    (
        16,
        "Mötet öppnas",
        "Ordföranden, Katarina Nyberg Finn (S), hälsar välkommen och öppnar mötet.",
        "Mötet förklaras öppnat.",
        None,
    ),
    (
        17,
        "Val av justerare",
        "Till justerare väljs Margareta Winberg (S).",
        "Margareta Winberg (S) väljs att justera protokollet.",
        None,
    ),
    (
        18,
        "Fastställande av dagordning",
        "En preliminär dagordning har skickats ut inför sammanträdet.",
        "Dagordningen fastställs.",
        None,
    ),
    (
        19,
        "Föregående protokoll",
        "Ordföranden föredrar föregående protokoll. Inga synpunkter framförs.",
        "Protokollet läggs till handlingarna.",
        None,
    ),
    (
        22,
        "Göteborgs universitet – Återrapportering av forskning om samverkan kring äldre",
        (
            "Stefan Szücs, Docent från Göteborgs universitet, föredrar punkten med stöd i en "
            "PPT (skickas ut separat). Diarienummer RS/2147/2018."
        ),
        "Informationen noteras.",
        None,
    ),
    (
        23,
        "Bildandet av kommunförbund och framtida samverkan länets kommuner-Region JH",
        (
            "Margareta Winberg (S) föredrar punkten. Elin Ring respektive ordföranden "
            "kompletterar informationen. Ärendet HSN/203/2019 berörs."
        ),
        "SVOM ställer sig bakom inriktningen i skrivelsen.",
        "Anna Granevärn (M) reserverar sig mot beslutet till förmån för eget yrkande.",
    ),
    (
        28,
        "Mötet avslutas",
        "Ordföranden tackar deltagarna och avslutar mötet ca kl. 14:40.",
        "Mötet förklaras avslutat.",
        None,
    ),
]


def minutes_text(entries: list[tuple[int, str, str, str, str | None]] = MINUTES_004) -> str:
    """The protokoll's text: a header, then per § its title, text, Beslut (and Reservation)."""
    parts = ["Protokoll", "Sociala vård- och omsorgsgruppen (SVOM)"]
    for paragraph, title, text, decision, reservation in entries:
        parts.append(f"§ {paragraph} {title}")
        parts.append(text)
        parts.append(f"Beslut\n{decision}")
        if reservation:
            parts.append(f"Reservation\n{reservation}")
    parts.append("Vid protokollet\nJusteras")
    return "\n\n".join(parts)


def minutes_pdf() -> bytes:
    return text_pdf(minutes_text(), "Protokoll SVOM")


def scanned_pdf() -> bytes:
    """An image-only page, as a scanner makes it: no text layer at all."""
    image = Image.new("L", (600, 840), 255)
    draw = ImageDraw.Draw(image)
    for row in range(60, 780, 24):
        draw.rectangle((60, row, 540 - (row * 7) % 120, row + 10), fill=40)
    pdf = FPDF(format="A4")
    pdf.set_creation_date(_WHEN)
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=210)
    return bytes(pdf.output())


def encrypted_pdf(text: str = "Hemlig handling med å, ä och ö.") -> bytes:
    """A PDF that needs a password to open (the user password is not empty)."""
    pdf = _new_pdf("Skyddad")
    pdf.set_encryption(
        owner_password="ägare",
        user_password="läsare",
        encryption_method=EncryptionMethod.RC4,
    )
    pdf.add_page()
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def truncated_pdf() -> bytes:
    """The first 60 % of the tjänsteskrivelse: a download cut off mid-file."""
    whole = tjansteskrivelse_pdf()
    return whole[: len(whole) * 6 // 10]


def long_pdf(pages: int = 40) -> bytes:
    """A long document (seeds 000-004 repeated) for timing extraction."""
    body = "\n\n".join(seed_text(n) for n in ("000", "001", "002", "003", "004"))
    pdf = _new_pdf("Lång handling")
    while pdf.pages_count < pages:
        pdf.add_page() if pdf.pages_count == 0 else None
        for paragraph in body.split("\n\n"):
            if pdf.pages_count >= pages:
                break
            pdf.multi_cell(0, 6, " ".join(paragraph.split()), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


#: The files the sample portal serves: name -> generator.
SAMPLE_FILES = {
    "tjansteskrivelse-hsn-203-2019.pdf": tjansteskrivelse_pdf,
    "protokoll-svom.pdf": minutes_pdf,
    "skannad-bilaga.pdf": scanned_pdf,
}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    out = Path(argv[0])
    for name, make in SAMPLE_FILES.items():
        (out / name).write_bytes(make())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
