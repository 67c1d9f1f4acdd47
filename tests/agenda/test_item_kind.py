"""Decision or information: only on evidence from a title or a proposal, never guessed."""

from __future__ import annotations

from datetime import date

import pytest

from agenda.item_kind import (
    PROPOSAL_READ_CHARS,
    ItemKind,
    group_items,
    item_kind,
    proposal_kind,
    title_kind,
)
from agenda.model import Item
from agenda.parse import parse_page
from tests.fixtures import seed_text
from tests.support.world import SEEDS

DEC, INFO, UNK = ItemKind.DECISION, ItemKind.INFORMATION, ItemKind.UNKNOWN


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        # Information words at the start (titles from real agendas).
        ("Information - muntlig", INFO),
        ("Information - aktiva åtgärder 2023", INFO),
        ("Anmälan av delegationsbeslut", INFO),
        ("Anmälan av beslut, domar och laga kraft", INFO),
        ("Hälso- och sjukvårdsdirektörens rapport 2019", INFO),
        ("Presentationer för hälso- och sjukvårdsnämnden", INFO),
        ("Ordföranden informerar", INFO),
        ("Lägesrapport om nya sjukhuset", INFO),
        ("Redovisning av ej verkställda beslut", INFO),
        # Information at the start wins over decision words later on.
        ("Information om budget", INFO),
        ("Information - uppföljning av motion om trädplan", INFO),
        ("Anmälan av beslut om bostadsanpassningsbidrag", INFO),  # decisions already taken
        ("Information om beslut om ny organisation", INFO),
        # Information words and an explicit decision: conflicting evidence is none.
        ("Information och beslut om revidering av reglemente", UNK),
        ("Redovisning av uppdrag – förslag till beslut", UNK),
        ("Regiondirektörens rapport och förslag till beslut", UNK),
        ("Information - beslut om yttrande", UNK),
        ("Redovisning av partistöd 2025 - beslut om utbetalning", UNK),
        ("Rapport från revisionen inför beslut", UNK),
        ("Information – Yttrande över remiss om ny skollag", UNK),
        # Information after a dash, when nothing in the title names a decision.
        ("Göteborgs universitet – Återrapportering av forskning om samverkan kring äldre", INFO),
        ("Taxa för bygglov – information om ändringen", DEC),
        # Decision words anywhere.
        ("Svar på motion om kvalificerad vård i hemmet för fler patienter", DEC),
        ("Revidering av samverkansavtal hälso- och sjukvård i hemmet", DEC),
        ("Yttrande över remiss om ny skollag", DEC),
        ("Remiss – Ett höjt tak för sanktionsavgifter", DEC),
        ("Medborgarförslag om fler parkbänkar", DEC),
        ("Regionplan 2027 med finansplan", DEC),
        ("Budget 2027", DEC),
        ("Fastställande av taxa för tillsyn", DEC),
        ("Val av ersättare i krisledningsnämnden", DEC),
        ("Delårsrapport 2023", DEC),
        # Procedural titles name no decision to take.
        ("Val av justerare", UNK),
        ("Val av justerare samt tid för justering av protokollet", UNK),
        ("Fastställande av dagordning", UNK),
        ("Godkännande av dagordningen", UNK),
        # No evidence either way, or only inside a longer word.
        ("Bildandet av kommunförbund och framtida samverkan länets kommuner-Region JH", UNK),
        ("TILL FULLMÄKTIGE", UNK),
        ("Delårsrapportering", UNK),
        ("Informationssäkerhet i skolan", UNK),
        ("Motionsspåret i Ås", UNK),
        ("Uppföljning av intern kontrollplan 2023", UNK),
        ("", UNK),
        (None, UNK),
    ],
)
def test_title_kind(title: str | None, kind: ItemKind) -> None:
    assert title_kind(title) is kind


@pytest.mark.parametrize(
    "proposal",
    [
        "Hälso- och sjukvårdsnämnden beslutar att lägga informationen till handlingarna.",
        "Informationen läggs till handlingarna.",
        "att lägga rapporten till handlingarna",
        "Sociala vård- och omsorgsgruppen beslutar att notera informationen",
        "Nämnden föreslås lägga anmälan av delegationsbeslut till handlingarna",
        "Förvaltningen föreslår att nämnden beslutar att 1. lägga rapporten till handlingarna,"
        " och 2. notera informationen.",
        "Regionstyrelsen föreslås besluta att för egen del lägga den muntliga informationen"
        " om läget till handlingarna.",
        "Tekniska nämnden beslutar att tacka för informationen.",
        "Redovisningen läggs till handlingarna",
        # The frame: who proposes and who decides, `för egen del`, list numbers.
        "Hälso- och sjukvårdsnämnden beslutar att notera informationen.",
        "Barn- och utbildningsnämnden föreslås besluta att lägga informationen till handlingarna",
        "Förvaltningen föreslår att hälso- och sjukvårdsnämnden beslutar att notera rapporten",
        "Kommunstyrelsen föreslår kommunfullmäktige att lägga redovisningen till handlingarna",
        "Nämnden beslutar för egen del att lägga informationen till handlingarna",
        "1. Rapporten läggs till handlingarna.",
        # A noun phrase between the noun and `till handlingarna`, genitives included.
        "Informationen om läget i vården läggs till handlingarna.",
        "Nämnden beslutar att lägga rapporten om nämndens uppdrag 2025 till handlingarna",
    ],
)
def test_proposals_that_only_receive_information(proposal: str) -> None:
    assert proposal_kind(proposal) is INFO


@pytest.mark.parametrize(
    "proposal",
    [
        "Motionen anses besvarad.",
        "Nämnden beslutar att godkänna redovisningen.",  # approving is deciding
        "Nämnden beslutar att lägga motionen till handlingarna.",  # not information received
        "Förvaltningen föreslår att nämnden beslutar att\n1. lägga rapporten till handlingarna"
        "\n2. uppdra åt förvaltningen att återkomma i juni",
        "Nämnden beslutar att lägga delårsrapporten till handlingarna och att skicka den till"
        " kommunstyrelsen",
        "Nämnden beslutar, med ändring av förslaget, att lägga informationen till handlingarna",
        "Anta riktlinjerna.",
        # A decision before the take-note clause is not part of the frame.
        "Nämnden beslutar att godkänna revideringen och att lägga informationen till handlingarna",
        "Nämnden beslutar att avslå motionen och att informationen noteras",
        "Nämnden beslutar att fastställa budgeten samt att lägga informationen till handlingarna",
        "Nämnden godkänner budgeten och beslutar att lägga informationen till handlingarna",
        "Nämnden godkänner redovisningen och informationen läggs till handlingarna",
        "Hälso- och sjukvårdsnämnden beslutar att föreslå fullmäktige att notera informationen",
        # A verb between the noun and `till handlingarna` acts on the thing itself.
        "att redovisningen godkänns och läggs till handlingarna",
        "årsredovisningen fastställs och läggs till handlingarna",
        "Redovisningen godkänns läggs till handlingarna",
        "Nämnden beslutar att lägga rapporten samt godkänna den till handlingarna",
        "Nämnden beslutar att lägga redovisningen, efter ändring, till handlingarna",
    ],
)
def test_any_other_proposal_is_a_decision(proposal: str) -> None:
    assert proposal_kind(proposal) is DEC


@pytest.mark.parametrize("proposal", [None, "", "  \n ", "–"])
def test_no_proposal_says_nothing(proposal: str | None) -> None:
    assert proposal_kind(proposal) is UNK


def test_a_long_proposal_is_more_than_taking_note() -> None:
    note = "Nämnden beslutar att lägga informationen till handlingarna"
    assert proposal_kind(note) is ItemKind.INFORMATION
    padded = note + " och" * (PROPOSAL_READ_CHARS // 4)  # only joining words after it
    assert proposal_kind(padded) is ItemKind.DECISION
    hostile = "a-" * 50_000  # a page that lies: read only as far as a proposal can go
    assert proposal_kind(hostile) is ItemKind.DECISION
    assert title_kind(hostile) is ItemKind.UNKNOWN


def test_a_proposal_outweighs_the_title() -> None:
    """The proposal is what the body is asked to do; the title only hints."""
    report = Item(number=4, title="Information om budget")
    assert item_kind(report, "Nämnden beslutar att anta budgeten.") is DEC
    motion = Item(number=5, title="Svar på motion om trädplan")
    assert item_kind(motion, "Informationen läggs till handlingarna.") is INFO
    assert item_kind(Item(number=6, title="Budget 2027", proposal="Anta budgeten.")) is DEC


def test_two_proposals_are_information_only_when_both_are() -> None:
    note = "Informationen läggs till handlingarna."
    assert item_kind(Item(proposal=note), note) is INFO
    assert item_kind(Item(proposal=note), "Motionen anses besvarad.") is DEC
    assert item_kind(Item(proposal="Motionen anses besvarad."), note) is DEC


def test_an_item_without_title_or_proposal_is_unknown_whatever_its_text() -> None:
    assert item_kind(Item()) is UNK
    described = Item(number=3, text="Kommunfullmäktige beslutade den 18 april 2022 om budget.")
    assert item_kind(described) is UNK


def test_groups_keep_page_order_and_leave_out_procedural_and_empty_kinds() -> None:
    items = [
        Item(number=1, title="Val av justerare", procedural=True),
        Item(number=2, title="Information - muntlig"),
        Item(number=3, title="Revidering av reglemente"),
        Item(number=4),
        Item(number=5, title="Anmälan av delegationsbeslut"),
        Item(number=6, title="Budget 2027"),
    ]
    assert group_items(items) == [(DEC, [2, 5]), (INFO, [1, 4]), (UNK, [3])]
    assert group_items(items, {3: "Nämnden beslutar att anta planen."}) == [
        (DEC, [2, 3, 5]),
        (INFO, [1, 4]),
    ]
    assert group_items(items[:1]) == []
    assert group_items([Item(number=1), Item(number=2, text="Text")]) == [(UNK, [0, 1])]


def test_the_seeds_give_evidence_both_ways() -> None:
    """Seed 000 reports to the body; seed 004 has a decision, a report and undecided items."""
    kinds = {}
    for name in ("000", "004"):
        meeting = parse_page(seed_text(name), url=SEEDS[name].url(date(2024, 1, 1)))
        kinds[name] = {
            kind: [meeting.items[p].label() for p in ps] for kind, ps in group_items(meeting.items)
        }
    assert kinds["000"][INFO] == ["4", "23"] and DEC not in kinds["000"]
    assert kinds["004"][DEC] == ["11"] and kinds["004"][INFO] == ["7"]
    assert kinds["004"][UNK] == ["5", "6", "8", "9", "10", "12"]
