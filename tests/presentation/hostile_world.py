"""A world of meetings, items, documents and answers whose every string is hostile, for the
message builders' tests.

Why: a message builder must escape whatever a portal, a document or a member typed; the tests
fill every string field with a drawn hostile text (`<`, `&`, `</b>`, `<a href="javascript:…">`,
control characters, emoji, long runs) and each field's value is remembered, so a test can check
that the text a member sees says exactly what was given. `Values` makes each field's text unique
(a mark and a number appended to each of its lines), so no line is taken for another (an item
prints each text once, and drops a line of its minutes that its text already printed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, time

from agenda.appeal import Posting
from agenda.model import Attachment, Body, Item, Meeting
from storage.appeals import AppealWindow
from storage.bodies import BodyRow
from storage.cases import Appearance
from storage.document_reads import ItemSubstance
from storage.document_rows import Decision, StoredDocument
from storage.item_titles import TitleSource
from storage.meeting_rows import MeetingRow, StoredMeeting
from storage.party import PartyLine
from storage.search import SearchHit
from storage.sources import SourceHealth

DAY = date(2026, 12, 8)
URL = "https://example.org/"
MARK = "ж"  # never drawn (tests/presentation/test_hostile_messages.py leaves it out)


def _marked(text: str, mark: str) -> str:
    """`text` with `mark` at the end of each of its lines."""
    lines = text.splitlines(keepends=True) or [""]
    out = []
    for line in lines:
        body = line.splitlines()[0] if line.splitlines() else ""
        out.append(body + mark + line[len(body) :])
    return "".join(out)


@dataclass
class Values:
    """Hands out the drawn texts, one per field, each made unique by a mark of its own."""

    drawn: Sequence[str]
    given: dict[str, str] = field(default_factory=dict)

    def __call__(self, name: str) -> str:
        if name not in self.given:
            index = len(self.given)
            drawn = self.drawn[index % len(self.drawn)]
            self.given[name] = _marked(drawn, f"{MARK}{index}")
        return self.given[name]

    def url(self, name: str) -> str:
        return URL + self(name)


@dataclass
class World:
    """Everything a builder may be given, its strings drawn."""

    v: Values
    body: BodyRow
    sm: StoredMeeting
    row: MeetingRow
    titles: dict[int, TitleSource]
    proposals: dict[int, str]
    substance: ItemSubstance
    terms: list[str]
    party_lines: dict[int, PartyLine]
    window: AppealWindow
    hit: SearchHit
    source: SourceHealth
    appearance: Appearance

    def shown(self, *names: str) -> list[str]:
        return [self.v.given[name] for name in names]


def _document(v: Values, name: str, status: str = "ok") -> StoredDocument:
    return StoredDocument(
        id=1,
        meeting_id=1,
        url=v.url(f"{name}_url"),
        kind="attachment",
        title=v(f"{name}_title"),
        position=1,
        status=status,
        text=v(f"{name}_text"),
        pages=1,
        proposal=v(f"{name}_proposal") if status == "ok" else None,
        proposal_heading=None,
        case_numbers=[v(f"{name}_case")] if status == "ok" else [],
        versions=1,
        late=False,
    )


def make_world(drawn: Sequence[str], cancelled: bool = False) -> World:
    v = Values(drawn)
    body = BodyRow(id=1, portal=URL, slug=v("slug"), name=v("body"), organisation=v("org"))
    items = [
        Item(number=1, title=v("title0"), procedural=True),
        Item(
            number=2,
            paragraph=54,
            title=v("title1"),
            text=v("text1"),
            proposal=v("proposal1"),
            case_numbers=[v("case1")],
            attachments=[Attachment(v("att1"), v.url("att1_url")), Attachment(v("att2"))],
            minutes_text=v("minutes1"),
        ),
        Item(number_label=v("label2"), title=v("title2")),
        Item(text=v("text3")),
        Item(title="TILL FULLMÄKTIGE"),
        Item(paragraph=60, title=v("title5"), text=v("text5")),
    ]
    meeting = Meeting(
        body=Body(body.slug, body.name, URL, body.organisation),
        url=v.url("meeting_url"),
        date=DAY,
        start=time(9, 0),
        end=time(12, 0),
        place=v("place"),
        cancelled=cancelled,
        minutes_url=v.url("minutes_url"),
        items=items,
    )
    sm = StoredMeeting(id=7, body=body, meeting=meeting, first_seen="", updated_at="")
    decision = Decision(54, 1, v("decision_title"), v("decision"), v("reservation"))
    return World(
        v=v,
        body=body,
        sm=sm,
        row=MeetingRow(7, body, DAY, time(9, 0), v("row_place"), cancelled, 6, None, None),
        titles={
            3: TitleSource(v("found"), "document", v("found_source"), v.url("found_url")),
            2: TitleSource(v("found_case"), "case", v("found_case_body"), None, DAY),
        },
        proposals={3: v("doc_proposal")},
        substance=ItemSubstance([_document(v, "doc"), _document(v, "scan", "no_text")], decision),
        terms=[v("term"), "skola"],
        party_lines={
            2: PartyLine(2, v("line_title"), v("line")),
            5: PartyLine(5, None, "bifall"),
        },
        window=AppealWindow(7, body, DAY, Posting(DAY, "feed", DAY), v.url("appeal_url")),
        hit=SearchHit(
            item_id=1,
            meeting_id=7,
            position=1,
            body=body,
            date=DAY,
            number=2,
            paragraph=54,
            title=v("hit_title"),
            snippet=v("snippet"),
            score=1.0,
            document=v("hit_document"),
            document_url=v.url("hit_document_url"),
            in_minutes=True,
        ),
        source=SourceHealth(
            name=v("source_name"),
            kind=v("source_kind"),
            url=URL,
            last_attempt=None,
            last_success=v("stamp"),
            last_error=v("source_error"),
            last_error_at=None,
            consecutive_failures=2,
            backoff_until=None,
            failing_since=None,
        ),
        appearance=Appearance(
            case_text=v("case_text"),
            meeting_id=7,
            body=body,
            date=DAY,
            meeting_url=v.url("appearance_url"),
            position=1,
            number=2,
            title=v("appearance_title"),
            source="agenda",
            ref=v.url("appearance_ref"),
        ),
    )


Builder = Callable[[World, str], object]
