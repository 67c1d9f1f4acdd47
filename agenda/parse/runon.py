"""Lines that run a list of numbered titles together, split back into one line per title.

Why: the text of a PDF as a document site shows it (a transcript) often loses the line breaks
of a kallelse's table: `… Paragraf Ärende 42 Sammankallande och beslutförhet. 43 Justering av
protokoll. 44 Fastställande av föredragningslistan. …`. A reader still sees the list: numbers
counting up by one, each after a full stop and before a capitalised title. Three or more such
numbers in a row are split into lines (`42 Sammankallande och beslutförhet.`), each title
ending at its first full stop (what follows the last one, a signature, is a line of its own);
when the words before the chain are a table's heads naming `§`/`Paragraf`, the numbers are §.
A number in running prose (`vårdchef, 50,`) or a page number never counts up after full stops
this way. Linear in the line.
"""

from __future__ import annotations

from agenda import patterns as P

#: Shorter lines are never a run-on list (three numbered titles need more room).
_MIN_LENGTH = 60
_MIN_CHAIN = 3


def _chains(line: str) -> list[list[tuple[int, int]]]:
    """Chains of (position, number) counting up by one, each after a full stop."""
    chains: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for match in P.RUN_ON_NUMBER_RE.finditer(line):
        number, start = int(match["num"]), match.start()
        after_stop = line[:start].rstrip().endswith((".", "!", "?"))
        if current and number == current[-1][1] + 1 and after_stop:
            current.append((start, number))
            continue
        if len(current) >= _MIN_CHAIN:
            chains.append(current)
        current = [(start, number)]
    if len(current) >= _MIN_CHAIN:
        chains.append(current)
    return chains


def _members(line: str, chain: list[tuple[int, int]], paragraphs: bool) -> list[str]:
    out: list[str] = []
    ends = [start for start, _ in chain[1:]] + [len(line)]
    for (start, _), end in zip(chain, ends, strict=True):
        member = line[start:end].strip()
        title_end = P.RUN_ON_TITLE_END_RE.search(member)
        head, rest = (
            (member, "")
            if title_end is None
            else (
                member[: title_end.start() + 1],
                member[title_end.end() :],
            )
        )
        out.append(f"§ {head}" if paragraphs else head)
        if rest.strip():
            out.append(rest.strip())
    return out


def split_run_on(text: str) -> str:
    """`text` with every run-on list of numbered titles split into lines."""
    out: list[str] = []
    for line in text.split("\n"):
        chains = _chains(line) if len(line) >= _MIN_LENGTH else []
        if not chains:
            out.append(line)
            continue
        position = 0
        for chain in chains:
            before = line[position : chain[0][0]].rstrip()
            if before.strip():
                out.append(before)
            paragraphs = bool(P.COLUMN_HEAD_TAIL_RE.search(before))
            end = chain[-1][0]
            following = [c for c in chains if c[0][0] > end]
            stop = following[0][0][0] if following else len(line)
            out.extend(_members(line[:stop], chain, paragraphs))
            position = stop
        if line[position:].strip():
            out.append(line[position:])
    return "\n".join(out)
