"""Item summaries and headings: verbatim, short, Swedish-aware, boilerplate skipped."""

from __future__ import annotations

import re
from datetime import date

import pytest

from agenda.model import Item
from agenda.parse import parse_page
from agenda.summary import cut, item_heading, item_source, item_summary, split_sentences
from tests.fixtures import seed_text
from tests.support.world import SEEDS

_WORD = re.compile(r"[\w§]+(?:[-–][\w]+)*", re.UNICODE)


def _seed_items() -> list[tuple[str, Item]]:
    items: list[tuple[str, Item]] = []
    for name, spec in SEEDS.items():
        meeting = parse_page(seed_text(name), url=spec.url(date(2024, 1, 1)))
        items.extend((f"{name}/{i}", item) for i, item in enumerate(meeting.items))
    return items


SEED_ITEMS = _seed_items()


def _words(text: str) -> list[str]:
    return _WORD.findall(text.replace("…", " "))


def test_the_seeds_give_items_to_summarise() -> None:
    assert len(SEED_ITEMS) > 60
    assert sum(1 for _, item in SEED_ITEMS if item_summary(item)) > 50


@pytest.mark.parametrize(("ref", "item"), SEED_ITEMS, ids=[ref for ref, _ in SEED_ITEMS])
def test_summary_never_invents_words(ref: str, item: Item) -> None:
    source_words = set(_words(" ".join(item_source(item).split())))
    summary = item_summary(item)
    assert len(summary) <= 220
    assert set(_words(summary)) <= source_words, ref
    heading = item_heading(item)
    heading_source = set(_words(" ".join(f"{item.title or ''} {item_source(item)}".split())))
    assert set(_words(heading)) <= heading_source and len(heading) <= 90


def _seed_item(seed: str, index: int) -> Item:
    return dict(SEED_ITEMS)[f"{seed}/{index}"]


def test_boilerplate_is_skipped() -> None:
    dagordning = _seed_item("000", 1)  # only "Enligt reglemente ... utsänts till ledamöter"
    assert item_source(dagordning).startswith("Enligt reglemente")
    assert item_summary(dagordning) == ""
    presented = next(i for _, i in SEED_ITEMS if item_source(i).startswith("Ärendet föredras av"))
    assert item_summary(presented).startswith("Enkäter har skickats ut")


def test_heading_lines_are_skipped() -> None:
    item = Item(text="Bakgrund\nRegionen har beslutat om en ny plan. Den gäller 2024.")
    assert item_summary(item) == "Regionen har beslutat om en ny plan. Den gäller 2024."
    assert item_heading(item) == "Regionen har beslutat om en ny plan."


def test_swedish_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Kostnaden är ca. 2,5 mkr. vilket bl.a. avser t.ex. hyror, m.m. Mötet slutar ca kl. "
        "14.40 enl. J. Persson. Beslut fattades 2019-03-27. Nästa steg följer."
    )
    assert split_sentences(text) == [
        "Kostnaden är ca. 2,5 mkr. vilket bl.a. avser t.ex. hyror, m.m. Mötet slutar ca kl. "
        "14.40 enl. J. Persson.",
        "Beslut fattades 2019-03-27.",
        "Nästa steg följer.",
    ]
    assert item_summary(_seed_item("004", 12)) == (
        "Ordföranden tackar deltagarna och avslutar mötet ca kl. 14:40."
    )


def test_two_short_sentences_one_long() -> None:
    short = Item(text="Ärendet gäller vårdplatser. Bristen är stor. Mer text följer här.")
    assert item_summary(short) == "Ärendet gäller vårdplatser. Bristen är stor."
    long_first = Item(text="Ord " * 40 + "slut. Andra meningen.")
    summary = item_summary(long_first, max_chars=100)
    assert summary.endswith("…") and len(summary) <= 100 and "Andra" not in summary


def test_cut_at_word_boundary() -> None:
    assert cut("Hälso- och sjukvårdsnämnden beslutar", 20) == "Hälso- och…"
    assert cut("kort", 20) == "kort"
    assert len(cut("x" * 50, 10)) == 10


def test_minutes_text_when_no_agenda_text_and_empty_when_nothing() -> None:
    assert item_summary(Item(minutes_text="Nämnden beslutar enligt förslaget.")) == (
        "Nämnden beslutar enligt förslaget."
    )
    assert item_summary(Item(title="Mötet öppnas")) == ""
    assert item_summary(Item(text="  \n ")) == ""


def test_lists_are_joined_verbatim() -> None:
    item = Item(text="Beslut fattade av ordförande\n• Svar på remiss.\n• Yttrande om plan")
    assert item_summary(item) == "Beslut fattade av ordförande: Svar på remiss. Yttrande om plan"
    informations = _seed_item("001", 2)
    assert item_summary(informations).startswith(
        "Hälso- och sjukvårdsdirektörens verksamhetsplan 2018; Regionstabens verksamhetsplan"
    )


def test_heading_prefers_title_then_text() -> None:
    assert item_heading(Item(title=" Val av\u00a0justerare ", text="x")) == "Val av justerare"
    lead = item_heading(Item(text="Regionfullmäktige fastställde den 13 februari 2019 en plan"))
    assert lead == "Regionfullmäktige fastställde den 13 februari 2019 en plan"
    long_lead = item_heading(Item(text="ord " * 40), max_chars=30)
    assert long_lead.endswith("…") and len(long_lead) <= 30
    assert item_heading(Item()) == ""
