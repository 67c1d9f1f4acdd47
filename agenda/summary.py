"""Short, verbatim summaries of agenda items: a sentence or two, and a heading.

Why: members read on their phone; an item list needs one line per item and an item view a
short lead before the full text. A summary must never put words in the agenda's mouth, so it
is cut from the item's own text (agenda text, else minutes text): Swedish-aware sentence
splitting (no split after `t.ex.`, `bl.a.`, `kl.`, `nr`, initials, `2,5`, `1.`, dates),
skipping boilerplate (`Enligt reglemente …`, `Ärendet föredras av …`) and heading-only lines
(`Bakgrund`, `Ärendebeskrivning`), and cut at a word boundary with "…" when too long.
Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agenda.model import Item

ELLIPSIS = "…"

# Words that end with a period without ending a sentence (lowercased, without the last period).
_ABBREVIATIONS = (
    "a.a ang avd bitr bl.a bla ca cirka d.v.s d.y d.ä dir dr dvs e.d e.g enl etc ev exkl "
    "f.d fd forts fr.o.m gm i.e i.st.f inkl jfr kap kl m.fl m.m mfl nr o.d o.s.v obs ordf "
    "osv p.g.a pga prof resp s.k sekr ssk t.ex t.o.m t.v tel tex tfn u.a usk vs"
)
ABBREVIATIONS = frozenset(_ABBREVIATIONS.split())
_HEADINGS = (
    "bakgrund|beskrivning|beskrivning av ärendet|beslut|beslutsunderlag|bilaga|bilagor|"
    "ekonomiska konsekvenser|förslag|förslag till beslut|förvaltningens förslag|handlingar|"
    "information|konsekvenser|motivering|ordförandens förslag|presidiets förslag|"
    "regiondirektörens förslag|sammanfattning|sammanfattning av ärendet|skäl för beslut|"
    "synpunkter|underlag|uppföljning|utskottets förslag|yttrande|ärende|ärendebeskrivning|"
    "ärendet"
)
HEADINGS = frozenset(_HEADINGS.split("|"))
BOILERPLATE = re.compile(
    r"^(enligt reglemente\b"
    r"|ärendet föredras\b|punkten föredras\b|informationen (föredras|lämnas) av\b"
    r"|se bilaga\b|bilagor?\b\s*:?$|beslutsunderlag\b"
    r"|\S+(\s+\S+){0,8}\s+föredrar\s+(ärendet|punkten|informationen|förslaget)\b"
    r"|\S+(\s+\S+){0,8}\s+kompletterar\s+informationen\b)",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[-–•·*▪◦]\s+|\d{1,2}[.)]\s+)")
_SENTENCE_END = re.compile(r"[.!?…]+[”\"')\]]*(?=\s+[”\"'(\[]?[A-ZÅÄÖÉÜ])")
_SENTENCE_STOPS = (".", "!", "?", "…")


@dataclass(frozen=True, slots=True)
class _Unit:
    text: str
    bullet: bool


def item_source(item: Item) -> str:
    """The item's own text: agenda text, else the minutes text, else ""."""
    for text in (item.text, item.minutes_text):
        if text and text.strip():
            return text
    return ""


def item_summary(item: Item, max_chars: int = 220) -> str:
    """One or two sentences taken verbatim from the item's text, boilerplate skipped."""
    units = [u for u in _units(item_source(item)) if not BOILERPLATE.match(u.text)]
    if not units:
        return ""
    if units[0].bullet or _is_lead_in(units):
        return _join_list(units, max_chars)
    summary = units[0].text
    if len(units) > 1 and not units[1].bullet:
        two = f"{summary} {units[1].text}"
        if len(two) <= max_chars and len(summary) < max_chars // 2:
            summary = two
    return cut(summary, max_chars)


def item_heading(item: Item, max_chars: int = 70) -> str:
    """The title, else a short verbatim lead from the text (cut with "…"), else ""."""
    if item.title and item.title.strip():
        return _clean(item.title)
    units = _units(item_source(item))
    return cut(units[0].text, max_chars) if units else ""


def cut(text: str, max_chars: int) -> str:
    """`text` if it fits, else cut at the last word boundary with "…" appended."""
    text = text.strip()
    if len(text) <= max_chars:
        return text
    head = text[: max(1, max_chars - len(ELLIPSIS)) + 1]
    space = head.rfind(" ")
    head = head[:space] if space > 0 else head[:-1]
    return head.rstrip(" ,;:–-(") + ELLIPSIS


def split_sentences(text: str) -> list[str]:
    """Split one paragraph into sentences, Swedish abbreviations and numbers respected."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if _is_abbreviation(text, match.start()):
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return [s for s in sentences if s]


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = text[:dot].rsplit(maxsplit=1)[-1] if text[:dot].strip() else ""
    word = word.lstrip("(\"'”")
    if not word:
        return False
    if word.lower() in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "J. Persson"
    return word.isdigit() and len(word) <= 2  # "1." numbering, "den 3. maj"


def _clean(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _is_heading(line: str, is_last: bool) -> bool:
    bare = line.rstrip(":").strip()
    if bare.lower() in HEADINGS:
        return True
    letters = [c for c in bare if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(bare.split()) <= 6:
        return True
    short = len(bare.split()) <= 3 and not any(c.isdigit() for c in bare)
    return short and not is_last and not line.endswith(_SENTENCE_STOPS)


def _units(source: str) -> list[_Unit]:
    lines = [_clean(line) for line in source.splitlines()]
    lines = [line for line in lines if line]
    units: list[_Unit] = []
    for index, line in enumerate(lines):
        bullet = _BULLET.match(line)
        if bullet:
            body = line[bullet.end() :].strip()
            if body:
                units.append(_Unit(body, True))
            continue
        if _is_heading(line, index == len(lines) - 1):
            continue
        units.extend(_Unit(s, False) for s in split_sentences(line))
    return units


def _is_lead_in(units: list[_Unit]) -> bool:
    """ "Beslut fattade av ordförande" followed by a list: the list belongs to the lead."""
    return len(units) > 1 and units[1].bullet and not units[0].text.endswith(_SENTENCE_STOPS)


def _join_list(units: list[_Unit], max_chars: int) -> str:
    """A lead-in and/or list entries joined with "; " up to max_chars ("…" when more)."""
    first = units[0]
    text = first.text if first.bullet else first.text.rstrip(":") + ":"
    for unit in units[1:]:
        if not unit.bullet:
            break
        separator = " " if text.endswith((".", ",", ";", ":", "!", "?")) else "; "
        candidate = text + separator + unit.text
        if len(candidate) > max_chars:
            return cut(candidate, max_chars)
        text = candidate
    return cut(text, max_chars)
