"""Compare PDF text extraction libraries on the project's own test PDFs.

Why: the bot reads every attachment of upcoming meetings; the library must be fast, keep the
Swedish letters (å, ä, ö) of embedded subset fonts, and fail cleanly (an exception, never a
hang or a crash) on scanned, encrypted, cut-off and non-PDF files. Licence is checked by hand
(BENCHMARKS.md). Each library reads each file `--runs` times in this process, one after the
other, and the ratios are of this one run.

    .venv/bin/python -m bench.pdf [--runs 20]
"""

from __future__ import annotations

import argparse
import io
import logging
import statistics
import time
from collections.abc import Callable

import pypdf
import pypdfium2 as pdfium

from tests.fixtures import seed_text
from tests.support import pdfmaker

Extract = Callable[[bytes], str]


def with_pypdf(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def with_pypdfium2(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_bounded())
            textpage.close()
            page.close()
        return "\n".join(texts).replace("\r\n", "\n")
    finally:
        document.close()


LIBRARIES: dict[str, Extract] = {
    f"pypdf {pypdf.__version__}": with_pypdf,
    f"pypdfium2 {pdfium.version.PYPDFIUM_INFO}": with_pypdfium2,
}


def _words(text: str) -> list[str]:
    return text.split()


def fidelity(source: str, extracted: str) -> tuple[bool, bool]:
    """(every å/ä/ö word of the source is in the extraction, the proposal sentence is)."""
    wanted = {w.strip(".,:;()") for w in _words(source) if set(w.lower()) & set("åäö")}
    got = {w.strip(".,:;()") for w in _words(extracted)}
    return wanted <= got, "Motionen anses besvarad." in " ".join(_words(extracted))


def timed(extract: Extract, data: bytes, runs: int) -> tuple[float, str]:
    durations = []
    text = ""
    for _ in range(runs):
        start = time.perf_counter()
        text = extract(data)
        durations.append(time.perf_counter() - start)
    return statistics.median(durations), text


def outcome(extract: Extract, data: bytes) -> str:
    start = time.perf_counter()
    try:
        text = extract(data)
    except Exception as exc:
        return f"{type(exc).__name__} ({(time.perf_counter() - start) * 1000:.1f} ms)"
    return f"no error, {len(text.strip())} chars"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    good = {
        "tjänsteskrivelse (seed 003, 2 p.)": (pdfmaker.tjansteskrivelse_pdf(), True),
        "protokoll (seed 004)": (pdfmaker.minutes_pdf(), False),
        "long (40 p.)": (pdfmaker.long_pdf(40), False),
    }
    source = seed_text("003")
    print(f"runs per file: {args.runs} (median)")
    print("| file | " + " | ".join(LIBRARIES) + " |")
    print("|---|" + "---|" * len(LIBRARIES))
    medians: dict[str, list[float]] = {name: [] for name in LIBRARIES}
    for label, (data, is_003) in good.items():
        cells = []
        for name, extract in LIBRARIES.items():
            median, text = timed(extract, data, args.runs)
            medians[name].append(median)
            letters, proposal = fidelity(source, text) if is_003 else (True, True)
            marks = "" if letters and proposal else " (letters lost)" if not letters else ""
            marks += "" if proposal else " (proposal not found)"
            cells.append(f"{median * 1000:.1f} ms{marks}")
        print(f"| {label} | " + " | ".join(cells) + " |")
    bad = {
        "scanned (image only)": pdfmaker.scanned_pdf(),
        "encrypted (user password)": pdfmaker.encrypted_pdf(),
        "truncated (60 %)": pdfmaker.truncated_pdf(),
        "HTML error page": b"<!DOCTYPE html><html><body>Logga in</body></html>",
        "empty file": b"",
    }
    for label, data in bad.items():
        cells = [outcome(extract, data) for extract in LIBRARIES.values()]
        print(f"| {label} | " + " | ".join(cells) + " |")
    names = list(LIBRARIES)
    ratios = [a / b for a, b in zip(medians[names[0]], medians[names[1]], strict=True)]
    print(f"\n{names[0]} / {names[1]} time per file: " + ", ".join(f"{r:.1f}x" for r in ratios))
    source_words = {w for w in _words(source) if set(w.lower()) & set("åäö")}
    print(f"å/ä/ö words checked in seed 003: {len(source_words)}")


if __name__ == "__main__":
    main()
