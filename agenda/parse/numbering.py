"""Which numbered lines are the agenda's items: numbers that run in order, and nothing else.

Why: outside Meetings Plus an agenda prints its items as `3 Budget 2025`, `3. Budget`, an
ordered list (`<ol>`, a PDF's `1.`), `§ 54 Title`, `KF § 266 Title`, `Paragraf 12`,
`Ärende 3` or a lettered `9 a Title`. A line of that shape is not always an item: an item's
proposal can be a numbered list (`1. Motion om … remitteras`), a text line can open with a
number, a page number can stand alone. What tells them apart on every page is the numbering
itself: the items' numbers run 1, 2, 3 … (a few may be missing, `9 a` slips in between), and a
numbered list inside an item restarts and ends within that item. So each numbered line joins
the open run its number continues (its own shape at its own indent first, `3.` with `4.`,
then the innermost: a proposal's `4.` continues its own `1. 2. 3.`), else starts a run; a
run counting up is the agenda's unless it lies inside one item of a run that started before. `§`,
`Paragraf` and `Ärende` say what they are and need no run; a number alone on its line (`2`,
the Meetings Plus header) is a header as before.

On a Meetings Plus page (`general` false) only the labelled shapes are added: there the
ordinal of a list is never the item number and a numbered line in a description is text.
On any other page (`general`) the entries are exactly the items: an entry opened by a list
marker that is not an item is text again (its marker put back), and separators are dropped.
One pass to find the lines, one over them, one to rewrite: linear in the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import pairwise

from agenda import patterns as P
from agenda.parse.blocks import Block, numbered_header

#: Items a kallelse may leave out between two it prints (withdrawn, moved to another list).
_MAX_GAP = 3
_INDENT_SLACK = 2


@dataclass(slots=True)
class _Line:
    """A numbered line (or list entry) that may be an item header."""

    at: int  # index of its first block
    blocks: int  # how many blocks it spans
    number: int
    letter: str | None
    title: str
    shape: str  # "plain", "dot", "paren", "ordinal", "bare" (already a header)
    paragraph: bool = False
    indent: int = 0
    labelled: bool = False  # says what it is (§, Paragraf, Ärende): needs no run
    accepted: bool = False


@dataclass(slots=True)
class _Run:
    lines: list[_Line] = field(default_factory=list)
    last: int = 0
    shape: str = ""
    indent: int = 0

    def like(self, line: _Line) -> bool:
        """Printed the same way: the same shape at (about) the same indent (right-aligned
        numbers move `9.` a digit right of `10.`)."""
        return self.shape == line.shape and abs(self.indent - line.indent) <= _INDENT_SLACK

    @property
    def counted(self) -> int:
        return sum(1 for line in self.lines if line.letter is None)

    def counts_up(self) -> bool:
        """Two or more numbers, at least half of the steps between them by one (`1, 3` alone
        is two stray numbers, not a list with a gap)."""
        numbers = [line.number for line in self.lines if line.letter is None]
        steps = sum(1 for a, b in pairwise(numbers) if b == a + 1)
        return len(numbers) >= 2 and steps >= 1 and 2 * steps >= len(numbers) - 1


def _shape(dot: str | None) -> str:
    return {".": "dot", ")": "paren"}.get(dot or "", "plain")


def _labelled(index: int, text: str, general: bool) -> _Line | None:
    if match := P.PARAGRAPH_TITLE_RE.match(text):
        return _Line(
            index, 1, int(match["num"]), match["letter"], match["title"] or "", "para", True, True
        )
    if general and (match := P.LABELLED_ITEM_RE.match(text)):
        return _Line(index, 1, int(match["num"]), match["letter"], match["title"] or "", "label")
    return None


def _repeats(blocks: list[Block], index: int, line: _Line) -> bool:
    """`Ärende 5` right under the header `5` is that item's title, not another header."""
    before = blocks[index - 1] if index else None
    return (
        before is not None
        and before.kind == "header"
        and before.number == line.number
        and before.paragraph == line.paragraph
        and not before.text
    )


def _find(blocks: list[Block], general: bool) -> list[_Line]:
    found: list[_Line] = []
    for index, block in enumerate(blocks):
        if block.kind == "header" and block.number is not None:
            found.append(_Line(index, 1, block.number, None, block.text, "bare", block.paragraph))
            found[-1].accepted = not general or block.paragraph
        elif block.kind == "line" and not block.loose:
            line = _labelled(index, block.text, general)
            if line is not None and _repeats(blocks, index, line):
                line = None
            elif line is not None:
                line.labelled = True
            elif general and (match := P.NUMBERED_TITLE_RE.match(block.text)):
                title = match["title"]
                if len(title) <= P.TITLE_MAX_CHARS:
                    number, letter = int(match["num"]), match["letter"]
                    line = _Line(index, 1, number, letter, title, _shape(match["dot"]))
            if line is not None:
                line.indent = block.indent
                found.append(line)
        elif general and block.kind == "entry" and block.ordinal is not None:
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is not None and following.kind == "line" and not following.loose:
                text = following.text
                if len(text) <= P.TITLE_MAX_CHARS and not P.NUMBERED_TITLE_RE.match(text):
                    found.append(_Line(index, 2, block.ordinal, None, text, "ordinal"))
                    found[-1].indent = block.indent
    return found


def _continues(run: _Run, line: _Line) -> bool:
    if line.letter is not None:
        return line.number in (run.last, run.last + 1)
    return 0 < line.number - run.last <= _MAX_GAP


def _runs(lines: list[_Line]) -> list[_Run]:
    """Group the item-numbered lines into runs (see the module docstring)."""
    runs: list[_Run] = []
    open_runs: list[_Run] = []
    for line in lines:
        if line.paragraph:
            continue
        fits = [r for r in reversed(open_runs) if _continues(r, line)]
        alike = [r for r in fits if r.like(line)] or [r for r in fits if r.shape == line.shape]
        chosen = alike or fits
        best = chosen[0] if chosen else None
        if best is None:
            if line.letter is not None and not line.labelled:
                continue  # a lettered line belongs to a run or to nothing
            best = _Run(shape=line.shape, indent=line.indent)
            runs.append(best)
            open_runs.append(best)
        else:
            del open_runs[open_runs.index(best) + 1 :]  # runs nested in it have ended
        best.lines.append(line)
        if line.letter is None:
            best.last = line.number
    return runs


def _inside(run: _Run, outer: _Run) -> bool:
    """Whether `run` lies within one item of `outer` (between two of its lines, or after its
    last one)."""
    start, end = run.lines[0].at, run.lines[-1].at
    if outer.lines[0].at > start:
        return False
    return not any(start <= line.at <= end for line in outer.lines)


def _accept(runs: list[_Run], fixed_at: set[int]) -> None:
    kept: list[_Run] = []
    for run in runs:
        fixed = any(line.at in fixed_at for line in run.lines)
        labelled = any(line.labelled for line in run.lines)
        if not fixed and not labelled and not run.counts_up():
            continue
        if not fixed and any(_inside(run, other) for other in kept):
            continue
        kept.append(run)
        for line in run.lines:
            line.accepted = True


def number_blocks(blocks: list[Block], general: bool) -> list[Block]:
    """The blocks with every accepted numbered line as an entry and its header."""
    blocks = list(blocks)
    lines = _find(blocks, general)
    fixed = {line.at for line in lines if line.accepted}
    for line in lines:
        if line.paragraph or (line.labelled and line.letter is None):
            line.accepted = True
    _accept(_runs(lines), fixed)
    starts = {line.at: line for line in lines if line.accepted and line.shape != "bare"}
    refused = {line.at for line in lines if line.shape == "bare" and not line.accepted}
    return _rewrite(blocks, starts, refused, general)


def _rewrite(
    blocks: list[Block], starts: dict[int, _Line], refused: set[int], general: bool
) -> list[Block]:
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        start = starts.get(index)
        if start is not None:
            if not (general and out and out[-1].kind == "entry"):
                out.append(Block("entry"))
            out.append(numbered_header(start.number, start.letter, start.paragraph, start.title))
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
