"""Benchmark: parse time and memory against page size, to show both grow linearly.

Why: issue 9 found quadratic steps (20,000 entries took 25 s; 10,000 + 10,000 agenda and
minutes entries 53 s and 822 MB). Each size runs in a fresh process so its peak resident
memory is its own. Pages over `MAX_ENTRIES` are refused by `parse_page`; to measure the
pipeline itself beyond the cap, the run passes `max_entries=None`, and a last row times the
refusal of the biggest page with the cap in force.

Pages: `agenda` is N agenda entries (two of three numbered, with title and text, one of three
a description whose header was lost); `agenda+minutes` is N/2 agenda entries and N/2 minutes
entries in Kallelse/Protokoll tabs whose numbers do not match one to one, so the similarity
alignment runs; `kallelse` is N items of an agenda outside Meetings Plus as text (`N Title`,
a text line, a `Dnr` line and a two-line numbered proposal each), so the numbering runs, the
preamble and the case-number grammar work on every line. Every page stays under the 5 MB page
limit.

Run: `.venv/bin/python bench/parse_scale.py [--sizes 1000 10000 40000]`
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agenda.parse import MAX_PAGE_BYTES, ParseError, parse_page  # noqa: E402

URL = "https://forum.regionjh.se/committees/regionstyrelsen/mote-2020-01-01"
KALLELSE_URL = "https://www.example.se/kommun-och-politik/kallelse-kommunstyrelsen-2020-01-01"


def _agenda_entry(n: int) -> str:
    if n % 3 == 0:
        return f'<li class="agenda-item"><p>Beskrivning av ärende {n} om budget.</p></li>'
    return (
        f'<li class="agenda-item"><span class="item-number">{n % 1000}</span>'
        f"<h3>Ärende {n} budget</h3><p>Text {n}.</p></li>"
    )


def kallelse(entries: int) -> bytes:
    """A kallelse outside Meetings Plus as text: `N Title` items (numbers 1-999, restarting
    after a section heading), a text line, a `Dnr` line and a proposal's numbered list each."""
    lines = ["Kallelse till sammanträde med kommunstyrelsen", "Datum: 2020-01-01", "Tid: 18:00"]
    for k in range(entries):
        number = k % 999 + 1
        if number == 1 and k:
            lines.append(f"Avsnitt {k // 999}")
        lines += [
            f"{number} Ärende {k} budget",
            f"Förslag om ärende {k}.",
            f"Dnr KS 2020/{k % 9999 + 1}",
            "1. Godkänna.",
            "2. Avslå.",
        ]
    return "\n".join(lines).encode("utf-8")


def page(kind: str, entries: int) -> bytes:
    if kind == "kallelse":
        data = kallelse(entries)
        assert len(data) <= MAX_PAGE_BYTES, f"{kind} {entries}: {len(data)} bytes"
        return data
    agenda = entries if kind == "agenda" else entries // 2
    parts = ['<html><body><h1>Möte 2020-01-01</h1><p>Regionstyrelsen</p><div id="agenda"><ul>']
    parts += [_agenda_entry(n) for n in range(1, agenda + 1)]
    parts.append("</ul></div>")
    if kind == "agenda+minutes":
        parts.append('<div id="protocol"><ul>')
        parts += [
            f"<li><p>Ordföranden föredrar ärende {n} budget.</p></li>"
            for n in range(1, entries - agenda + 1)
        ]
        parts.append("</ul></div>")
    parts.append("</body></html>")
    data = "".join(parts).encode("utf-8")
    assert len(data) <= MAX_PAGE_BYTES, f"{kind} {entries}: {len(data)} bytes"
    return data


def one(kind: str, entries: int, capped: bool) -> dict[str, float | int | str]:
    """Parse one page in this process: seconds, traced Python peak, growth of peak RSS (which
    includes lxml's tree, invisible to tracemalloc)."""
    data = page(kind, entries)
    url = KALLELSE_URL if kind == "kallelse" else URL
    limit = 2000 if capped else None
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    try:
        items: int | str = len(parse_page(data, url, max_entries=limit).items)
    except ParseError as exc:
        items = f"ParseError: {exc}"
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()  # a second parse, traced (tracing slows it, so it is not timed)
    with contextlib.suppress(ParseError):
        parse_page(data, url, max_entries=limit)
    traced = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "kind": kind,
        "entries": entries,
        "kib": len(data) // 1024,
        "items": items,
        "seconds": seconds,
        "traced_mb": traced / 2**20,
        "rss_growth_mb": (rss - before) / 1024,
    }


def measure(kind: str, entries: int, capped: bool = False) -> dict[str, float | int | str]:
    args = [sys.executable, __file__, "--one", kind, str(entries)] + (
        ["--capped"] if capped else []
    )
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    result: dict[str, float | int | str] = json.loads(out)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 40000])
    parser.add_argument("--one", nargs=2, metavar=("KIND", "ENTRIES"))
    parser.add_argument("--capped", action="store_true")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]), args.capped)))
        return
    print(
        "| page | entries | size KiB | items | seconds | µs/entry "
        "| Python peak MB | RSS growth MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    kinds = ("agenda", "agenda+minutes", "kallelse")
    rows = [measure(kind, n) for kind in kinds for n in args.sizes]
    rows.append(measure("agenda", max(args.sizes), capped=True))
    for row in rows:
        items = row["items"] if isinstance(row["items"], int) else "refused (cap)"
        per = float(row["seconds"]) / int(row["entries"]) * 1e6
        print(
            f"| {row['kind']} | {row['entries']:,} | {row['kib']:,} | {items} | "
            f"{float(row['seconds']):.2f} | {per:.0f} | {float(row['traced_mb']):.1f} | "
            f"{float(row['rss_growth_mb']):.0f} |"
        )


if __name__ == "__main__":
    main()
