"""The documents step: real PDFs over real HTTP (127.0.0.1) into a real SQLite file.

The meetings have fixed dates and the step gets a fixed `today`, so nothing here depends on the
calendar. The file server (`tests.support.pdfserver`) answers conditional requests (ETag, 304).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import httpx
import pytest

from agenda.model import Attachment, Body, Item, Meeting
from agenda.parse import parse_page
from demo.clock import ManualClock
from sources.documents import DocumentReader, DocumentSettings
from sources.http import Fetcher
from storage.cases import appearances
from storage.db import Database
from storage.document_reads import decisions_of, documents_of
from storage.events import EventRow, meeting_events
from storage.http_cache import load_cache
from storage.meetings import upsert_meeting
from tests.fixtures import seed_text
from tests.support import pdfmaker
from tests.support.pdfserver import Files, serving

TODAY = date(2026, 3, 1)
PORTAL = "https://forum.example"


@pytest.fixture
def server() -> Iterator[tuple[Files, str]]:
    with serving() as files:
        yield files, files.base


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "nb.sqlite3", ManualClock.at_local(TODAY))
    yield database
    await database.close()


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as c:
        yield c


def _assembly(base: str, extra: list[Attachment] | None = None) -> Meeting:
    motion = [Attachment("Tjänsteskrivelse", f"{base}/agenda/tjanste.pdf"), *(extra or [])]
    return Meeting(
        Body("regionfullmaktige", "Regionfullmäktige", PORTAL),
        url=f"{PORTAL}/committees/regionfullmaktige/mote-2026-03-21",
        date=date(2026, 3, 21),
        items=[
            Item(number=1, title="Mötet öppnas"),
            Item(
                number=4,
                title="Svar på motion om kvalificerad vård i hemmet för fler patienter",
                attachments=motion,
            ),
            Item(number=5, title="Regionplan", attachments=[Attachment("Skiss", f"{base}/s.pdf")]),
            Item(
                number=6,
                title="Övrigt",
                attachments=[
                    Attachment("Skyddad", f"{base}/enc.pdf"),
                    Attachment("Avbruten", f"{base}/cut.pdf"),
                ],
            ),
        ],
    )


def _serve_assembly(files: Files) -> None:
    files.files.update(
        {
            "/agenda/tjanste.pdf": pdfmaker.tjansteskrivelse_pdf(),
            "/s.pdf": pdfmaker.scanned_pdf(),
            "/enc.pdf": pdfmaker.encrypted_pdf(),
            "/cut.pdf": pdfmaker.truncated_pdf(),
        }
    )


async def _run(
    db: Database,
    client: httpx.AsyncClient,
    settings: DocumentSettings | None = None,
    events: list[EventRow] | None = None,
) -> tuple[int, ...]:
    async def on_events(_conn: object, recorded: list[EventRow], _now: datetime) -> None:
        (events if events is not None else []).extend(recorded)

    reader = DocumentReader(db, settings, on_events=on_events)
    report = await reader.run(Fetcher(client, await load_cache(db)), TODAY)
    return report.checked, report.unchanged, report.read, report.no_text, report.errors


async def test_attachments_are_read_once_and_bad_files_counted(
    db: Database, client: httpx.AsyncClient, server: tuple[Files, str]
) -> None:
    files, base = server
    _serve_assembly(files)
    stored = await upsert_meeting(db, _assembly(base))
    assert await _run(db, client) == (4, 0, 1, 1, 2)
    docs = {d.title: d for d in await documents_of(db, stored.meeting_id)}
    motion = docs["Tjänsteskrivelse"]
    assert (motion.status, motion.position) == ("ok", 1)
    assert motion.proposal == "Hälso- och sjukvårdsnämnden föreslår regionfullmäktige\n" + (
        "Motionen anses besvarad."
    )
    assert motion.case_numbers == ["HSN/203/2019"]
    assert "närvårdsteamet" in motion.text
    assert [docs[t].status for t in ("Skiss", "Skyddad", "Avbruten")] == [
        "no_text",
        "encrypted",
        "broken",
    ]
    # A meeting unchanged since its documents were listed is not listed again.
    async with db.transaction() as conn:
        await conn.execute("UPDATE document_meetings SET listed_at = '9999-12-31'")
    # Unchanged files cost a 304 each and no extraction; the unreadable ones too.
    assert await _run(db, client) == (4, 4, 0, 0, 0)
    async with db.reader.execute("SELECT listed_at FROM document_meetings") as cur:
        assert [r[0] for r in await cur.fetchall()] == ["9999-12-31"]
    assert files.requests["/agenda/tjanste.pdf"] == 2
    seen = await appearances(db, "HSN-2019-203")
    assert [(a.source, a.position, a.ref) for a in seen] == [
        ("document", 1, f"{base}/agenda/tjanste.pdf")
    ]


async def test_a_late_or_changed_attachment_is_an_event(
    db: Database, client: httpx.AsyncClient, server: tuple[Files, str]
) -> None:
    files, base = server
    _serve_assembly(files)
    await upsert_meeting(db, _assembly(base))
    first: list[EventRow] = []
    await _run(db, client, events=first)
    # The first listing is the baseline: no `document` event, but the text is there to watch.
    assert sorted(e.kind for e in first) == ["case", "document_text"]
    files.files["/komp.pdf"] = pdfmaker.text_pdf("Kompletterande yttrande om hemsjukvården.")
    later = _assembly(base, [Attachment("Kompletterande yttrande", f"{base}/komp.pdf")])
    await upsert_meeting(db, later)
    added: list[EventRow] = []
    await _run(db, client, events=added)
    assert [(e.kind, e.detail.get("change"), e.detail["title"]) for e in added] == [
        ("document", "added", "Kompletterande yttrande"),
        ("document_text", None, "Kompletterande yttrande"),
    ]
    files.files["/agenda/tjanste.pdf"] = pdfmaker.text_pdf(
        seed_text("003").replace("anses besvarad", "bifalls")
    )
    changed: list[EventRow] = []
    await _run(db, client, events=changed)
    assert [(e.kind, e.detail.get("change")) for e in changed] == [
        ("document", "changed"),
        ("document_text", None),
    ]
    docs = await documents_of(db, changed[0].meeting_id)
    assert docs[0].proposal is not None and docs[0].proposal.endswith("Motionen bifalls.")
    await _run(db, client, events=changed)
    assert len(changed) == 2  # nothing new, nothing recorded twice


async def test_the_budget_defers_the_rest_to_the_next_cycle(
    db: Database, client: httpx.AsyncClient, server: tuple[Files, str]
) -> None:
    files, base = server
    _serve_assembly(files)
    await upsert_meeting(db, _assembly(base))
    small = DocumentSettings(budget=3)
    assert (await _run(db, client, small))[0] == 3
    assert sum(files.requests.values()) == 3
    assert (await _run(db, client, small))[0] == 3
    assert len(files.requests) == 4  # the fourth file got its turn


async def test_meetings_outside_the_window_are_left_alone(
    db: Database, client: httpx.AsyncClient, server: tuple[Files, str]
) -> None:
    files, base = server
    _serve_assembly(files)
    await upsert_meeting(db, replace(_assembly(base), date=date(2025, 12, 1)))
    assert await _run(db, client) == (0, 0, 0, 0, 0)
    assert files.requests == {}


async def test_minutes_give_decisions_aligned_with_the_items(
    db: Database, client: httpx.AsyncClient, server: tuple[Files, str]
) -> None:
    files, base = server
    files.files["/protocol/protokoll.pdf"] = pdfmaker.minutes_pdf()
    url = f"{PORTAL}/committees/sociala-vard-och-omsorgsgruppen/mote-2026-02-20"
    meeting = parse_page(seed_text("004").encode(), url)
    meeting.minutes_url = f"{base}/protocol/protokoll.pdf"
    stored = await upsert_meeting(db, meeting)
    assert await _run(db, client) == (1, 0, 1, 0, 0)
    decisions = {d.paragraph: d for d in await decisions_of(db, stored.meeting_id)}
    assert decisions[23].position == 7  # agenda item 8
    assert decisions[23].decision == "SVOM ställer sig bakom inriktningen i skrivelsen."
    assert decisions[23].reservation is not None
    assert decisions[23].reservation.startswith("Anna Granevärn (M) reserverar sig")
    kinds = [e.kind for e in await meeting_events(db, stored.meeting_id)]
    assert "decisions" in kinds
    seen = await appearances(db, "HSN-2019-203")
    assert [(a.source, a.number) for a in seen] == [("minutes", 8)]  # the § of item 8


async def test_an_attachment_no_longer_linked_leaves_its_item(
    db: Database, client: httpx.AsyncClient, server: tuple[Files, str]
) -> None:
    files, base = server
    _serve_assembly(files)
    stored = await upsert_meeting(db, _assembly(base))
    await _run(db, client)
    without_scan = _assembly(base)
    without_scan.items[2].attachments = []
    await upsert_meeting(db, without_scan)
    assert (await _run(db, client))[0] == 3  # the scan is no longer checked
    docs = {d.title: d.position for d in await documents_of(db, stored.meeting_id)}
    assert docs == {"Tjänsteskrivelse": 1, "Skiss": None, "Skyddad": 3, "Avbruten": 3}


async def test_old_agendas_are_scanned_for_case_numbers_once(
    db: Database, client: httpx.AsyncClient, server: tuple[Files, str]
) -> None:
    _files, base = server
    old = replace(_assembly(base), date=date(2024, 2, 1))
    old.items[0].text = "Ärendet KS 2024/123 avslutas."
    await upsert_meeting(db, old)
    events: list[EventRow] = []
    await _run(db, client, DocumentSettings(case_scans=10), events)
    await _run(db, client, DocumentSettings(case_scans=10), events)
    assert [(e.kind, e.detail["case"]) for e in events] == [("case", "KS 2024/123")]
    (seen,) = await appearances(db, "KS-2024-123")
    assert (seen.source, seen.date, seen.number) == ("agenda", date(2024, 2, 1), 1)


async def test_a_case_number_taken_out_of_a_title_is_still_a_case_of_the_agenda(
    db: Database, client: httpx.AsyncClient, server: tuple[Files, str]
) -> None:
    """`Budget 2025 Dnr 2018/14`: the title loses the number, the item's list keeps it (the
    label that made it a case number is not in that list)."""
    _files, base = server
    old = replace(_assembly(base), date=date(2024, 2, 1))
    old.items[0].title, old.items[0].case_numbers = "Budget 2025", ["2018/14", "LS 0806-0619"]
    await upsert_meeting(db, old)
    await _run(db, client, DocumentSettings(case_scans=10), [])
    assert [(s.source, s.number) for s in await appearances(db, "2018-14")] == [("agenda", 1)]
    assert len(await appearances(db, "LS-0806-619")) == 1
