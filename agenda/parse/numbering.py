"""Which numbered lines are the agenda's items: numbers that run in order, and nothing else.

Why: outside Meetings Plus an agenda prints its items as `3 Budget 2025`, `3. Budget`, an
ordered list (`<ol>`, a PDF's `1.`), `§ 54 Title`, `KF § 266 Title`, `Paragraf 12`,
`Ärende 3` or a lettered `9 a Title`. A line of that shape is not always an item: an item's
proposal can be a numbered list (`1. Motion om … remitteras`), a text line can open with a
number, a page number can stand alone. What tells them apart on every page is the numbering
itself: the items' numbers run 1, 2, 3 … (a few may be missing, `9 a` slips in between), and a
numbered list inside an item restarts and ends within that item. So each numbered line joins
the open run its number continues (its own shape at its own indent first, `3.` with `4.`,
then the nearest, then the one whose last line ends alike, a sentence or a title, then the
innermost: a proposal's `4.` continues its own `1. 2. 3.`), else starts a run; a
run counting up is the agenda's unless it lies inside one item of a run that started before
(a table of contents, titles alone that a later run prints again, gives way to that run). `§`,
`Paragraf` and `Ärende` say what they are and need no run; a number alone on its line (`2`,
the Meetings Plus header) is a header as before.

On a Meetings Plus page (`general` false) only the labelled shapes are added: there the
ordinal of a list is never the item number and a numbered line in a description is text.
On any other page (`general`) the entries are exactly the items: an entry opened by a list
marker that is not an item is text again (its marker put back), and separators are dropped.
One pass to find the lines, one over them, one to rewrite: linear in the page.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from itertools import pairwise

from agenda.casenumbers import is_case_number, split_title
from agenda.parse.blocks import Block, numbered_header
from agenda.parse.minutes import MinutesFacts
from agenda.parse.numbered_lines import (
    NumberedLine,
    find_numbered,
    labelled_line,
    repeats_header,
)

#: Items a kallelse may leave out between two it prints (withdrawn, moved to another list).
_MAX_GAP = 3
_INDENT_SLACK = 2
#: A list of titles this long or longer may end before the page's text after it.
_MIN_LIST = 3
#: Runs a numbered line may still continue (the innermost ones): keeps the walk linear.
_OPEN_RUNS = 8
#: Longer lines (on average) are a page's text, not a list of titles.
_PAGE_LINE = 80
_DIGITS_RE = re.compile(r"\d+")
#: A page's stamp: `Sid 2/29`, `Sida 2 av 29`, `3 (28)`, `1 [25]`, near a page line's start.
_PAGE_STAMP_RE = re.compile(
    r"(?:^|\s)(?:sida?\.?\s*\d{1,3}\s*(?:/|av)\s*\d{1,3}|\d{1,3}\s*(?:\(\d{1,3}\)|\[\d{1,3}\]))",
    re.IGNORECASE,
)
_STAMP_REACH = 40
_PUNCTUATION_RE = re.compile(r"[^\w\s/-]+")


@dataclass(slots=True)
class _Run:
    lines: list[NumberedLine] = field(default_factory=list)
    last: int = 0
    shape: str = ""
    indent: int = 0

    def like(self, line: NumberedLine) -> bool:
        """Printed the same way: the same shape at (about) the same indent (right-aligned
        numbers move `9.` a digit right of `10.`)."""
        return self.shape == line.shape and abs(self.indent - line.indent) <= _INDENT_SLACK

    def counts_up(self) -> bool:
        """Two or more numbers, at least half of the steps between them by one (`1, 3` alone
        is two stray numbers, not a list with a gap)."""
        numbers = [line.number for line in self.lines if line.letter is None]
        steps = sum(1 for a, b in pairwise(numbers) if b == a + 1)
        return len(numbers) >= 2 and steps >= 1 and 2 * steps >= len(numbers) - 1


def _page_heads(run: _Run) -> bool:
    """Whether the run's lines are a transcript's pages, not items: each page opens with its
    number and the same running head (`1 Barn- och utbildningsnämnden (20) Tid och plats …`,
    `2 Barn- och utbildningsnämnden (20) ANSLAG/BEVIS …`). Items never all open alike; the
    same two first words (`Val av …`) only on long page lines, three on any. Pages also tell
    by the stamp near their start (`Sid 2/29`, `3 (28)`, `1 [25]`) on most of them, however
    short a PDF's width makes their lines."""
    if len(run.lines) < 2:
        return False
    stamped = sum(1 for line in run.lines if _PAGE_STAMP_RE.search(line.title[:_STAMP_REACH]))
    if stamped >= 2 and 2 * stamped >= len(run.lines):
        return True  # `2 Sid 2/29 KALLELSE …`, `3 3 (28) 171 Redovisning …`: the page's stamp
    titles = [split_title(line.title)[0] for line in run.lines]  # without a case column
    words = [title.casefold().split()[:3] for title in titles]  # `(20)` the same on each page
    if all(
        str(line.number) in _DIGITS_RE.findall(" ".join(head))
        for head, line in zip(words, run.lines, strict=True)
    ):
        words = [[_DIGITS_RE.sub("#", w) for w in head] for head in words]  # `2 Sid 2/29 …`
    if len(words[0]) == 3 and all(w == words[0] for w in words):
        return True
    two = words[0][:2]
    long = sum(len(line.title) for line in run.lines) > _PAGE_LINE * len(run.lines)
    return long and len(two) == 2 and all(w[:2] == two for w in words)


def _continues(run: _Run, line: NumberedLine) -> bool:
    if line.letter is not None:
        return line.number in (run.last, run.last + 1)
    return 0 < line.number - run.last <= _MAX_GAP


def _sentence(line: NumberedLine) -> bool:
    return line.title.rstrip().endswith((".", "!", "?"))


def _unlike(run: _Run, line: NumberedLine) -> bool:
    """Whether `line` ends unlike the run's last line: a title (`3. Motion om cykelvägar`)
    after a proposal's sentences (`2. Skattesatsen fastställs.`) continues the items, not
    the proposal, when both would count on by the same step."""
    return _sentence(run.lines[-1]) != _sentence(line)


def _runs(lines: list[NumberedLine]) -> list[_Run]:
    """Group the item-numbered lines into runs (see the module docstring)."""
    runs: list[_Run] = []
    open_runs: list[_Run] = []
    for line in lines:
        if line.paragraph:
            continue
        fits = [r for r in reversed(open_runs) if _continues(r, line)]
        alike = [r for r in fits if r.like(line)] or [r for r in fits if r.shape == line.shape]
        chosen = sorted(alike or fits, key=lambda r: (line.number - r.last, _unlike(r, line)))
        best = chosen[0] if chosen else None
        if best is None:
            if line.letter is not None and not line.labelled:
                continue  # a lettered line belongs to a run or to nothing
            best = _Run(shape=line.shape, indent=line.indent)
            runs.append(best)
            open_runs.append(best)
            del open_runs[:-_OPEN_RUNS]  # lists nest a few deep, never hundreds
        else:
            del open_runs[open_runs.index(best) + 1 :]  # runs nested in it have ended
        best.lines.append(line)
        if line.letter is None:
            best.last = line.number
    return runs


def _inside(run: _Run, headers: list[int]) -> bool:
    """Whether `run` lies within one item of the sorted header positions `headers` (after one
    of them, with none between its first line and its last)."""
    start, end = run.lines[0].at, run.lines[-1].at
    at = bisect_left(headers, start)
    return at > 0 and (at == len(headers) or headers[at] > end)


def _accept(runs: list[_Run], fixed_at: set[int], labelled: list[NumberedLine]) -> list[_Run]:
    """Accept the runs that count up and lie in no item of the agenda's main run (the first
    accepted) nor of the headers that say what they are (`§ 5`: a proposal's `1. 2.` below it
    is its text). Each run is checked against those two lists only: linear in the page."""
    outer = [sorted(line.at for line in labelled)]
    main: _Run | None = None
    accepted: list[_Run] = []
    contents = _tables_of_contents(runs)
    for run in runs:
        if id(run) in contents:
            continue
        fixed = any(line.at in fixed_at for line in run.lines)
        says = any(line.labelled for line in run.lines)
        if not fixed and not says and (not run.counts_up() or _page_heads(run)):
            continue
        if not fixed and any(_inside(run, headers) for headers in outer if headers):
            continue
        if main is None:
            main = run
            outer.append([line.at for line in run.lines])
        for line in run.lines:
            line.accepted = True
        accepted.append(run)
    return accepted


def _key(title: str) -> str:
    return " ".join(_PUNCTUATION_RE.sub(" ", title.casefold()).split())


def _same_title(short: str, long: str) -> bool:
    """The same title, or one cut short of the other at a word (`Anmälan om
    delegationsbeslut` and a preview's `Anmälan om delegationsbeslut UTKAST.`)."""
    if len(short) > len(long):
        short, long = long, short
    return bool(short) and (long == short or long.startswith(short + " "))


def _tables_of_contents(runs: list[_Run]) -> set[int]:
    """The runs that are a table of contents or a preview of the list (ids): titles alone on
    consecutive lines, each printed again (the same, or one cut short), with the same number,
    by a later run that counts up (the items with their texts). The items are the later
    run's; the contents stay the preamble's lines."""
    found: set[int] = set()
    for index, run in enumerate(runs):
        heads = run.lines
        if len(heads) < 2 or any(b.at - a.at != a.blocks for a, b in pairwise(heads)):
            continue
        titles = {line.number: _key(line.title) for line in heads}
        for later in runs[index + 1 :]:
            again = sum(
                line.number in titles and _same_title(titles[line.number], _key(line.title))
                for line in later.lines
            )
            if again >= 2 and 3 * again >= 2 * len(heads) and later.counts_up():
                found.add(id(run))
                break
    return found


def _paragraphs_unsigned(blocks: list[Block], runs: list[_Run]) -> None:
    """Mark the lines of accepted runs printed without `§` as §§ where the page is a protokoll
    that says so (`minutes.MinutesFacts`, read once per page)."""
    facts: MinutesFacts | None = None
    for run in runs:
        if any(line.labelled or line.paragraph for line in run.lines):
            continue
        numbers = [line.number for line in run.lines if line.letter is None]
        facts = facts or MinutesFacts(blocks)
        if facts.numbers_are_paragraphs(numbers):
            for line in run.lines:
                line.paragraph = True


def number_blocks(blocks: list[Block], general: bool, *, lone: bool = False) -> list[Block]:
    """The blocks with every accepted numbered line as an entry and its header.

    `lone`: the page announces a meeting, so when no list counts up, its first item alone
    (`1 Title`, a page cut off after it) is one.
    """
    if not general:
        return _portal(blocks)
    blocks = list(blocks)
    lines = find_numbered(blocks, general)
    fixed = {line.at for line in lines if line.accepted}
    for line in lines:
        if line.paragraph or (line.labelled and line.letter is None):
            line.accepted = True
    accepted = _accept(_runs(lines), fixed, [line for line in lines if line.accepted])
    _paragraphs_unsigned(blocks, accepted)
    if lone and not any(line.accepted for line in lines):
        first = next((x for x in lines if x.number == 1 and x.letter is None), None)
        if first is not None:
            first.accepted = True
    headers = {line.at for line in lines if blocks[line.at].kind == "header"}
    starts = {line.at: line for line in lines if line.accepted and line.at not in headers}
    refused = {line.at for line in lines if not line.accepted and line.at in headers}
    for line in lines:  # a bare `61` the page showed as a header, now known to be § 61
        if line.accepted and line.at in headers and line.paragraph:
            blocks[line.at] = replace(blocks[line.at], paragraph=True)
    out = _rewrite(blocks, starts, refused, general)
    return _end_of_title_list(out, [line for line in lines if line.accepted])


def _end_of_title_list(blocks: list[Block], accepted: list[NumberedLine]) -> list[Block]:
    """A list of titles alone (`1. Val av justerare`, `2. …`, nothing between them) ends where
    the page goes on less indented than the list: a signature or a notice after it is not
    the last item's text (an empty entry there closes the item; only headed entries stay)."""
    heads = [i for i, b in enumerate(blocks) if b.kind == "header"]
    if len(heads) < _MIN_LIST or not accepted:
        return blocks
    titled = all(blocks[i].text for i in heads)
    between = any(b.kind == "line" for b in blocks[heads[0] : heads[-1]])
    indent = min(line.indent for line in accepted)
    if not titled or between or indent == 0:
        return blocks
    tail = next((i for i in range(heads[-1] + 1, len(blocks)) if blocks[i].kind == "line"), None)
    if tail is None or blocks[tail].indent >= indent:
        return blocks
    return [*blocks[:tail], Block("entry"), *blocks[tail:]]


def _portal(blocks: list[Block]) -> list[Block]:
    """A Meetings Plus page: only a `§ 54 Title` line is added as a header (one pass)."""
    out: list[Block] | None = None
    for index, block in enumerate(blocks):
        line = None
        if block.kind == "line" and not block.loose and "§" in block.text[:12]:
            line = labelled_line(index, block.text, general=False)
        if line is not None and not repeats_header(blocks, index, line):
            if out is None:
                out = list(blocks[:index])
            if not (out and out[-1].kind == "entry"):
                out.append(Block("entry"))
            out.append(numbered_header(line.number, line.letter, True, line.title))
        elif out is not None:
            out.append(block)
    return blocks if out is None else out


def _rewrite(
    blocks: list[Block], starts: dict[int, NumberedLine], refused: set[int], general: bool
) -> list[Block]:
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        start = starts.get(index)
        if start is not None:
            if not (general and out and out[-1].kind == "entry"):
                out.append(Block("entry"))
            case = is_case_number(start.title)  # `§ 45 Dnr KS 2024/12`: the title comes next
            title = "" if case else start.title
            out.append(numbered_header(start.number, start.letter, start.paragraph, title))
            if case:
                out.append(Block("line", start.title, indent=blocks[index].indent))
            index += start.blocks
            continue
        block = blocks[index]
        index += 1
        if index - 1 in refused:
            label = f"{block.number}. {block.text}" if block.text else str(block.number)
            out.append(Block("line", label.strip()))
        elif general and block.kind in {"entry", "separator"}:
            following = blocks[index] if index < len(blocks) else None
            if block.kind == "entry" and following is not None and following.kind == "header":
                if index not in refused:
                    out.append(block)
            elif block.marker and following is not None and following.kind == "line":
                blocks[index] = replace(following, text=f"{block.marker} {following.text}")
        else:
            out.append(block)
    return out
