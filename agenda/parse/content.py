"""What an item's text says: the proposed decision, whether it is procedural.

Why: shared by meeting pages and item documents (tjänsteskrivelse); each rule is small and
driven by the patterns in `agenda.patterns`. Case numbers are `agenda.casenumbers`' one grammar.
"""

from __future__ import annotations

import re

from agenda import patterns as P

_NORMALISE_RE = re.compile(r"[^a-zåäöéü ]+")


def proposal(text: str | None) -> tuple[str | None, str | None]:
    """(heading, text) after a heading like `Förslag till beslut`, up to the next section."""
    if not text:
        return None, None
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if P.PROPOSAL_HEADING_RE.match(line.strip()):
            body = _until_section_end(lines[index + 1 :])
            if body:
                return line.strip(), body
    return None, None


def _until_section_end(lines: list[str]) -> str | None:
    taken: list[str] = []
    for line in lines:
        stripped = line.strip()
        if P.SECTION_END_RE.match(stripped) or P.PROPOSAL_HEADING_RE.match(stripped):
            break
        if stripped:
            taken.append(stripped)
    return "\n".join(taken) or None


def _normalise(title: str) -> str:
    return " ".join(_NORMALISE_RE.sub(" ", title.lower()).split())


def procedural_title(title: str | None) -> bool:
    if not title:
        return False
    norm = _normalise(title)
    return any(norm == t or norm.startswith(t + " ") for t in P.PROCEDURAL_TITLES)


def procedural(title: str | None, text: str | None) -> bool:
    """By title; for an untitled entry, by unmistakable text (agenda sent out, chair opens…)."""
    if title:
        return procedural_title(title)
    head = (text or "").split("\n", 1)[0]
    return bool(P.PROCEDURAL_TEXT_RE.search(head))
