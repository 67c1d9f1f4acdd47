"""The numbered lines of a page that may be item headers, each with how it is printed.

Why: `numbering.py` decides which numbered lines are items by how their numbers run; this
module only finds the candidates and says what each looks like: a header the page already
shows (`2` alone, a table cell), a labelled one (`§ 54 Title`, `KF § 266`, `Paragraf 12`,
`Ärende 3`: these say what they are), a number and a title on one line (`3 Budget`,
`3. Budget`, `3) Budget`, a lettered `9 a Budget`), an ordered list's entry whose ordinal is
its number, with its indent. Cheap pre-checks first: this looks at every line of every page.
"""

from __future__ import annotations

from dataclasses import dataclass

from agenda import patterns as P
from agenda.parse.blocks import Block

#: First letters of `Paragraf`, `Ärende`, `Punkt`, `Dagordningspunkt` (a cheap pre-check).
_LABEL_INITIALS = frozenset("PpÄäDd")


@dataclass(slots=True)
class NumberedLine:
    """A numbered line (or list entry) that may be an item header."""

    at: int  # index of its first block
    blocks: int  # how many blocks it spans
    number: int
    letter: str | None
    title: str
    shape: str  # how it is printed: "plain" `3 T`, "dot" `3. T`, "paren" `3) T`, "bare" `3`
    paragraph: bool = False
    indent: int = 0
    labelled: bool = False  # says what it is (§, Paragraf, Ärende): needs no run
    accepted: bool = False


def clean_title(title: str) -> str:
    """A printed title without a table of contents' dotted leader and page number."""
    if "." not in title[-12:] and "…" not in title:
        return title  # cheap: most titles have no leader
    return P.TITLE_LEADER_RE.sub("", title) or title


def shape_of(dot: str | None) -> str:
    """How a number is printed: `3` plain, `3.` dot, `3)` paren."""
    return {".": "dot", ")": "paren"}.get(dot or "", "plain")


def labelled_line(index: int, text: str, *, general: bool) -> NumberedLine | None:
    head = text[:12]
    if "§" not in head and not (general and head[:1] in _LABEL_INITIALS):
        return None  # cheap: this runs for every line of every page
    if match := P.PARAGRAPH_TITLE_RE.match(text):
        title = clean_title(match["title"] or "")
        return NumberedLine(
            index, 1, int(match["num"]), match["letter"], title, "para", paragraph=True
        )
    if general and (match := P.LABELLED_ITEM_RE.match(text)):
        title = clean_title(match["title"] or "")
        return NumberedLine(index, 1, int(match["num"]), match["letter"], title, "label")
    return None


def repeats_header(blocks: list[Block], index: int, line: NumberedLine) -> bool:
    """`Ärende 5` right under the header `5` is that item's title, not another header."""
    before = blocks[index - 1] if index else None
    return (
        before is not None
        and before.kind == "header"
        and before.number == line.number
        and before.paragraph == line.paragraph
        and not before.text
    )


def _numbered(index: int, text: str) -> NumberedLine | None:
    """A line that is only a number (`3`, `9 a`), or a number and a title (`3. Budget`)."""
    if bare := P.HEADER_ONLY_RE.match(text):
        paragraph = bool(bare["para"])
        number, letter = int(bare["num"]), bare["letter"]
        return NumberedLine(index, 1, number, letter, "", "bare", paragraph, labelled=paragraph)
    match = P.NUMBERED_TITLE_RE.match(text)
    if match is None or len(match["title"]) > P.TITLE_MAX_CHARS:
        return None
    number, letter = int(match["num"]), match["letter"]
    title = clean_title(match["title"])
    return NumberedLine(index, 1, number, letter, title, shape_of(match["dot"]))


def _from_line(blocks: list[Block], index: int, general: bool) -> NumberedLine | None:
    text = blocks[index].text
    line = labelled_line(index, text, general=general)
    if line is not None:
        if repeats_header(blocks, index, line):
            return None
        line.labelled = True
    elif general and text[:1].isdigit():
        line = _numbered(index, text)
    if line is not None:
        line.indent = blocks[index].indent
    return line


def _from_ordinal(blocks: list[Block], index: int) -> NumberedLine | None:
    """An ordered list's entry and its first line: `3.` + `Budget`, the ordinal its number."""
    block = blocks[index]
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if block.ordinal is None or following is None or following.kind != "line" or following.loose:
        return None
    text = following.text
    if len(text) > P.TITLE_MAX_CHARS or P.NUMBERED_TITLE_RE.match(text):
        return None
    shape = shape_of((block.marker or ".")[-1])  # printed `1.` or `1)`
    title = clean_title(text)
    return NumberedLine(index, 2, block.ordinal, None, title, shape, indent=block.indent)


def find_numbered(blocks: list[Block], general: bool) -> list[NumberedLine]:
    """Every line (or list entry) that may be an item header, in page order."""
    found: list[NumberedLine] = []
    for index, block in enumerate(blocks):
        line: NumberedLine | None = None
        if block.kind == "header" and block.number is not None:
            line = NumberedLine(index, 1, block.number, None, block.text, "bare", block.paragraph)
            line.accepted = not general or block.paragraph
        elif block.kind == "line" and not block.loose:
            line = _from_line(blocks, index, general)
        elif general and block.kind == "entry":
            line = _from_ordinal(blocks, index)
        if line is not None:
            found.append(line)
    return found
