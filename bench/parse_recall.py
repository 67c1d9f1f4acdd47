"""Item, § and case-number recall of the reader on every real page we have, as text and as PDF.

Why: the reader is judged on real pages of these kinds that nobody here has, by exactly these
measures (issue 18). This prints them per page and in total for the Meetings Plus pages, the
other renderings (`tests/fixtures/pages/other/`) and the seeds, each as its text and as a
kallelse PDF made from that text (running head and page numbers on every page), plus whether
each page that is not an agenda is refused. The pages in `tests/fixtures/pages/found/` (real
pages gathered after the reader was built, and a few written from common kallelse layouts) are
the unseen measure, printed as their own kind. `tests/agenda/test_parse_recall.py` holds the
targets; this shows the numbers.

    .venv/bin/python -m bench.parse_recall [--pages] [--missed] [--format A5]
"""

from __future__ import annotations

import argparse
import time

from agenda.parse import ParseError, parse_page
from tests.support.recall import (
    READERS,
    Score,
    found_not_agendas,
    found_pages,
    measure,
    not_agendas,
    pdf_reader,
    ratio,
    truth_pages,
)


def _row(label: str, score: Score) -> str:
    items, paras, cases = score.items, score.paragraphs, score.cases
    return (
        f"| {label} | {items[0]}/{items[1]} | {ratio(items):.2f} | {paras[0]}/{paras[1]} |"
        f" {ratio(paras):.2f} | {cases[0]}/{cases[1]} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--missed", action="store_true", help="list every header missed")
    parser.add_argument("--pages", action="store_true", help="one row per page")
    parser.add_argument(
        "--format", default="A4", help="the PDFs' page size (A5 wraps more lines, A3 fewer)"
    )
    args = parser.parse_args()
    readers = {**READERS, "pdf": pdf_reader(args.format)}
    pages = truth_pages() + found_pages()
    print("| pages | items | item recall | § | § recall | case numbers |")
    print("|---|---:|---:|---:|---:|---:|")
    missed: list[str] = []
    for how, reader in readers.items():
        started = time.perf_counter()
        totals: dict[str, Score] = {}
        for page, score in measure(pages, reader):
            totals.setdefault(page.kind, Score()).add(score)
            if args.pages:
                print(_row(f"{how}: {page.name}", score))
            missed += [f"{how}: {m}" for m in score.missed]
        whole = Score()
        for kind, score in totals.items():
            print(_row(f"{how}: {kind}", score))
            whole.add(score)
        print(_row(f"**{how}: all**", whole))
        print(f"<!-- {how}: {time.perf_counter() - started:.1f} s -->")
    refused = 0
    refusals = not_agendas() + found_not_agendas()
    for name, content in refusals:
        try:
            meeting = parse_page(content.encode("utf-8"))
        except ParseError as exc:
            refused += 1
            print(f"refused {name}: {exc}")
        else:
            print(f"ACCEPTED {name}: {len(meeting.items)} items")
    print(f"non-agenda pages refused: {refused}/{len(refusals)}")
    if args.missed:
        print("\n".join(missed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
