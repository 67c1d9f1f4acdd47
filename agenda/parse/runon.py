"""Lines that run a list of numbered titles together, split back into one line per title.

Why: the text of a PDF as a document site shows it (a transcript) often loses the line breaks
of a kallelse's table: `… Paragraf Ärende 42 Sammankallande och beslutförhet. 43 Justering av
protokoll. 44 Fastställande av föredragningslistan. …`. A reader still sees the list: numbers
counting up by one, each before a capitalised title. Three or more such numbers in a row after
full stops, five or more without them, or three `§ N` are split into lines (`42 Sammankallande
och beslutförhet.`), each title ending at its first full stop (what follows the last one, a
signature, is a line of its own); when the words before the chain are a table's heads naming
`§`/`Paragraf`, the numbers are §. A number in running prose (`vårdchef, 50,`) or a page
number never counts up this way. Such a transcript printed again (a PDF of it) comes back
wrapped at the page's width, numbers at the ends of lines: a paragraph whose chain crosses its
line breaks, with two members on one line, is read as the one line it was. Linear in the text.
"""

from __future__ import annotations

from agenda import patterns as P

#: Shorter lines are never a run-on list (three numbered titles need more room).
_MIN_LENGTH = 60
#: The line `agenda.parse.document` puts between a document's pages.
PAGE_BREAK = "\f"
_MIN_CHAIN = 3
#: Numbers without full stops between the titles need a longer chain to be a list.
_MIN_BARE_CHAIN = 5
#: A heading in capitals opens with a word at least this long (`BESLUTAS`, not `AB`).
_HEADING_WORD = 4


def _chains(line: str) -> list[list[tuple[int, int]]]:
    """Chains of (position, number) counting up by one: numbers after full stops (three or
    more), any numbers before capitalised titles (five or more), or `§ N` (three or more)."""
    chains: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    kind = ""
    stops = True
    for match in P.RUN_ON_NUMBER_RE.finditer(line):
        number, start = int(match["num"]), match.start()
        this = "§" if match["para"] else ""
        after_stop = this == "§" or line[:start].rstrip().endswith((".", "!", "?"))
        step = number - current[-1][1] if current else 0
        if current and this == kind and (step == 1 or (step == 2 and len(current) >= 2)):
            current.append((start, number))
            stops = stops and after_stop
            continue
        if _long_enough(current, kind, stops):
            chains.append(current)
        current, kind, stops = [(start, number)], this, True
    if _long_enough(current, kind, stops):
        chains.append(current)
    return chains


def _long_enough(chain: list[tuple[int, int]], kind: str, stops: bool) -> bool:
    needed = _MIN_CHAIN if kind == "§" or stops else _MIN_BARE_CHAIN
    return len(chain) >= needed


def _members(line: str, chain: list[tuple[int, int]], paragraphs: bool) -> list[str]:
    out: list[str] = []
    ends = [start for start, _ in chain[1:]] + [len(line)]
    for (start, _), end in zip(chain, ends, strict=True):
        head, rest, heading = _title_and_rest(line[start:end].strip())
        out.append(f"§ {head}" if paragraphs and not head.startswith("§") else head)
        out.extend(part for part in (rest, heading) if part)
    return out


def _title_and_rest(member: str) -> tuple[str, str, str]:
    """(number and title, the text after the title, a section heading closing the member).

    The title ends at its first full stop before a capital, before a section word or case
    label, or where a title in capitals meets words in lower case (`83 MÖTETS AVSLUTANDE Geta
    den …`); a heading in capitals at the member's end (`… Försäkring AB BESLUTAS AV
    KOMMUNFULLMÄKTIGE`) is the next part's heading, not the title's.
    """
    member, heading = _closing_heading(member)
    ends = [len(member)]
    number = P.RUN_ON_NUMBER_RE.match(member)  # `2. Anmälan`: the number's stop ends nothing
    if found := P.RUN_ON_TITLE_END_RE.search(member, number.end() if number else 0):
        ends.append(found.start() + 1)
    first_words = member.split(" ", 2)  # the number and the title's first word come first
    if found := P.RUN_ON_SECTION_RE.search(member, len(" ".join(first_words[:2]))):
        ends.append(found.start())
    ends.append(_capitals_end(member))
    end = min(ends)
    head, rest = member[:end].strip(), member[end:].strip()
    return head, rest, heading


def _is_capitals(word: str) -> bool:
    return not any(c.islower() for c in word)


def _capitals_end(member: str) -> int:
    """Where a title printed in capitals ends (its number first): the member's end when it is
    not in capitals."""
    words = member.split(" ")
    title = words[1:]
    if len(title) < 2 or not all(_is_capitals(w) for w in title[:2]):
        return len(member)
    position = len(words[0]) + 1
    for word in title:
        if not _is_capitals(word):
            return position - 1
        position += len(word) + 1
    return len(member)


def _closing_heading(member: str) -> tuple[str, str]:
    """A heading in capitals (two words or more, opened by a long word) ending a member whose
    title is not in capitals: (the member without it, the heading)."""
    words = member.split(" ")
    if len(words) < 4 or (_is_capitals(words[1]) and _is_capitals(words[2])):
        return member, ""
    start = len(words)
    while (
        start > 2 and _is_capitals(words[start - 1]) and any(c.isalpha() for c in words[start - 1])
    ):
        start -= 1
    while start < len(words) and len(words[start]) < _HEADING_WORD:
        start += 1  # `AB`, `VD` belong to the title
    if len(words) - start < 2:
        return member, ""
    return " ".join(words[:start]), " ".join(words[start:])


def _wrapped_groups(lines: list[str]) -> list[str]:
    """`lines` with each paragraph (lines between empty ones; a document's page break, a form
    feed among empty lines, does not end one) joined into one line when it is a run-on list
    wrapped at a page's width: its chain of numbers crosses the line breaks and some line
    holds two of its members (an ordinary list gives each member a line)."""
    out: list[str] = []
    group: list[str] = []
    gap: list[str] = []
    for line in [*lines, ""]:
        if not line.strip():
            gap.append(line)
            continue
        if gap and not (group and PAGE_BREAK in gap):
            out.extend(_joined_if_wrapped(group))
            out.extend(gap)
            group = []
        elif gap:
            group.extend(gap)
        gap = []
        group.append(line)
    out.extend(_joined_if_wrapped(group))
    out.extend(gap)
    return out[:-1]


def _joined_if_wrapped(group: list[str]) -> list[str]:
    filled = [line for line in group if line.strip()]
    if len(filled) < 2:
        return group
    starts: list[int] = []
    position = 0
    parts: list[str] = []
    for line in filled:
        starts.append(position)
        parts.append(line.strip())
        position += len(parts[-1]) + 1
    joined = " ".join(parts)
    for chain in _chains(joined):
        heads = [max(s for s in starts if s <= start) for start, _ in chain]
        inside = sum(
            1
            for (start, _), head in zip(chain, heads, strict=True)
            if start > _second_word_end(joined, head)
        )
        if len(set(heads)) > 1 and (len(set(heads)) < len(chain) or 2 * inside > len(chain)):
            indent = filled[0][: len(filled[0]) - len(filled[0].lstrip(" "))]
            return [indent + joined]
    return group


def _second_word_end(text: str, start: int) -> int:
    """Where the second word of the line starting at `start` ends (`Kst § 123`: a list's
    label and sign stand before its number; a run-on member stands deeper)."""
    end = start
    for _ in range(2):
        end = text.find(" ", end + 1)
        if end < 0:
            return len(text)
    return end


def split_run_on(text: str) -> str:
    """`text` with every run-on list of numbered titles split into lines (a paragraph wrapped
    at a page's width read as the one line it was)."""
    out: list[str] = []
    for line in _wrapped_groups(text.split("\n")):
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
