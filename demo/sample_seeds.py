"""Turn the bundled seed texts into the blocks the sample portal renders as HTML.

Why: the sample portal must serve pages whose content is the real seed agendas, in the markup the
parser reads. The seeds are text renderings in which each top-level bullet (` • `) was one list
entry on the page; this module splits them back into those entries (header entries with a number
or `§` and a title, description entries with paragraphs, sub-bullets and `Bilagor`). It is a
loader for sample data, not the bot's parser (that is `agenda.parse`). The seed files here are
the only copy: the tests and benchmarks read them from here too (`seed_files`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_TOP_BULLET = re.compile(r"^ • ?(.*)$")
_NUMBER = re.compile(r"^(\d{1,3})$")
_PARAGRAPH = re.compile(r"^§\s*(\d{1,4})$")
_COOKIE = "Vi använder cookies"
SAMPLE_DATA = Path(__file__).resolve().parent / "sample_data"


@dataclass(slots=True)
class Block:
    """One entry of an agenda list: a header (number/§ + title) or a description."""

    number: int | None = None
    paragraph: int | None = None
    title: str | None = None
    lines: list[str] = field(default_factory=list)  # "• x" lines are sub-bullets
    attachments: list[tuple[str, str]] = field(default_factory=list)  # (title, file name)
    has_bilagor: bool = False
    subject: str | None = None  # the subject line of its tjänsteskrivelse (`subjects.json`)

    @property
    def is_header(self) -> bool:
        return self.number is not None or self.paragraph is not None


def read_seed(name: str) -> str:
    """The text of a bundled seed file (`seed_000.txt` ...)."""
    return (SAMPLE_DATA / name).read_text(encoding="utf-8")


def seed_files() -> list[Path]:
    """The bundled seed files in order (`seed_000.txt` … `seed_004.txt`): the one copy of the
    real agenda renderings, read by the sample portal, the tests and the benchmarks."""
    return sorted(SAMPLE_DATA.glob("seed_*.txt"))


def seed_blocks(text: str) -> list[Block]:
    """Split a seed rendering into its list entries, dropping page chrome."""
    blocks: list[Block] = []
    current: Block | None = None
    for raw in text.splitlines():
        if raw.startswith(_COOKIE):
            break
        match = _TOP_BULLET.match(raw)
        line = raw.strip()
        if match or (current is not None and current.has_bilagor and line):
            # `Bilagor` closes an entry: text after it on the page is the next entry.
            current = _start_block(match.group(1).strip() if match else line)
            blocks.append(current)
        elif current is not None:
            _add_line(current, line)
    return blocks


def _start_block(first: str) -> Block:
    number = _NUMBER.match(first)
    if number:
        return Block(number=int(number.group(1)))
    paragraph = _PARAGRAPH.match(first)
    if paragraph:
        return Block(paragraph=int(paragraph.group(1)))
    block = Block()
    _add_line(block, first)
    return block


def _add_line(block: Block, line: str) -> None:
    if not line:
        return
    if block.is_header and block.title is None:
        block.title = line
    elif line == "Bilagor":
        block.has_bilagor = True
    else:
        block.lines.append(line)


def split_minutes(blocks: list[Block], minutes_from: str | None) -> tuple[list[Block], list[Block]]:
    """Split a page's entries into (agenda, minutes) at the block starting with `minutes_from`."""
    if not minutes_from:
        return blocks, []
    for index, block in enumerate(blocks):
        if block.lines and block.lines[0].startswith(minutes_from):
            return blocks[:index], blocks[index:]
    return blocks, []


def name_attachments(blocks: list[Block], prefix: str, seed: str | None = None) -> None:
    """Give every `Bilagor` entry one or two attachment links, deterministic by position, and
    the subject line its tjänsteskrivelse has (`subjects.json`, for the seed file `seed`)."""
    subjects = _subjects().get(seed or "", {})
    count = 0
    for index, block in enumerate(blocks):
        block.subject = subjects.get(str(index))
        if not block.has_bilagor:
            continue
        count += 1
        block.attachments = [("Tjänsteskrivelse", f"{prefix}tjansteskrivelse-{count}pdf")]
        if count == 1:
            block.attachments.append(("Presentation", f"{prefix}presentation-{count}pdf"))


def _subjects() -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = json.loads(
        (SAMPLE_DATA / "subjects.json").read_text(encoding="utf-8")
    )
    return {seed: entries for seed, entries in found.items() if not seed.startswith("_")}


def memo_text(subject: str, day: str) -> list[str]:
    """A tjänsteskrivelse's first page: date, unit, subject line, a heading (no case number:
    the sample invents none)."""
    return [day, "Sekretariatet", "", subject, "", "Ärendebeskrivning", "Se kallelsen."]


def header_blocks(items: list[tuple[int, str]]) -> list[Block]:
    """A short agenda made of numbered headers only (a freshly published meeting)."""
    return [Block(number=number, title=title) for number, title in items]


def bundled_files(path: str, minutes_file: str, spec: dict[str, Any]) -> dict[str, bytes]:
    """The bundled PDFs a meeting's spec names (attachments, minutes), by the path served at."""
    files = {
        f"{path}/agenda/{name}": (SAMPLE_DATA / file).read_bytes()
        for listed in spec.get("attachments", {}).values()
        for _title, name, file in listed
    }
    if "minutes_pdf" in spec:
        files[f"{path}/protocol/{minutes_file}"] = (SAMPLE_DATA / spec["minutes_pdf"]).read_bytes()
    return files
