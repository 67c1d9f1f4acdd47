"""Aligned pairs → model Items: title, agenda text, minutes text, §, proposal, case numbers.

Why: the last step of the page parser, kept apart so the rules for "which text is which" are in
one short place: the agenda entry gives number, title and text; the minutes entry gives its
text and the printed `§`; a case number printed in the title's line is the item's case number,
not its title (`agenda.casenumbers.split_title`); nothing is invented.
"""

from __future__ import annotations

from agenda.casenumbers import case_numbers, split_title
from agenda.model import Item
from agenda.parse import content
from agenda.parse.align import Pair
from agenda.parse.entries import Entry


def _text(entry: Entry | None) -> str | None:
    return entry.text or None if entry is not None else None


def _paragraph(pair: Pair) -> int | None:
    for entry in (pair.minutes, pair.agenda):
        if entry is not None and entry.paragraph is not None:
            return entry.paragraph
    return None


def _label(pair: Pair) -> str | None:
    for entry in (pair.agenda, pair.minutes):
        if entry is not None and entry.label is not None:
            return entry.label
    return None


def _title(pair: Pair) -> str | None:
    for entry in (pair.agenda, pair.minutes):
        if entry is not None and entry.title:
            return entry.title
    return None


def pair_to_item(pair: Pair) -> Item:
    text, minutes_text = _text(pair.agenda), _text(pair.minutes)
    printed = _title(pair)
    title, glued = split_title(printed) if printed else (printed, None)
    if glued and pair.agenda is not None and pair.agenda.title == printed:
        text = f"{glued}\n{text}" if text else glued
    elif glued:
        minutes_text = f"{glued}\n{minutes_text}" if minutes_text else glued
    attachments = [
        attachment
        for entry in (pair.agenda, pair.minutes)
        if entry is not None
        for attachment in entry.attachments
    ]
    return Item(
        number=pair.number,
        paragraph=_paragraph(pair),
        title=title,
        text=text,
        minutes_text=minutes_text,
        proposal=content.proposal(text)[1] or content.proposal(minutes_text)[1],
        case_numbers=case_numbers(printed, text, minutes_text),
        procedural=content.procedural(title, text or minutes_text),
        attachments=attachments,
        number_inferred=pair.inferred and pair.number is not None,
        number_label=_label(pair) if pair.number is None else None,
    )
