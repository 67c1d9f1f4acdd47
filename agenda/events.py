"""What a new version of a meeting or a document means: what to keep and the events it makes.

Why: "a new agenda", "the agenda changed", "the meeting moved" are decisions about the domain,
not about SQL. Storage used to decide them inside its upserts; here they are pure functions
that storage calls and whose answer it records as it is told. Every kind of event, of alert
and of document is one `StrEnum` here (`EventKind`, `AlertKind`, `DocumentKind`): no other
module spells a kind (`tests/agenda/test_event_kinds.py` checks it). The rules:

- A meeting first seen with items is one `new` event; first seen without (listed before its
  kallelse) is none, and the first version with items is then its `new` event.
- A later version with no items never replaces stored items: a cancelled page keeps them (members
  still need what was on it), any other empty page is ignored.
- Minutes, once published, stay known when a later page lacks their link.
- Otherwise the events are the changes `diff_meetings` finds (a cancelled meeting is only
  `cancelled`; else `moved`, `changed` from `agenda.diff`'s item changes, `minutes`).

A document's reads follow `next_document`: a readable stored version is only ever replaced by
a readable one, so a PDF briefly served as HTML or cut short changes nothing and alerts nobody;
`document_events` names the events of a read, `case_event` a case number seen somewhere new.

Each event carries a `dedup` tail, unique within the meeting: `new`, `cancelled` and `minutes`
happen once per meeting; `changed` and `moved` once per (old version, new version) pair, so
flapping content is recorded once per direction and a re-run records nothing. A document's
and a case's events carry their whole key (`scoped` False): per document content, per case
appearance.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from agenda.diff import item_changes, minutes_published, what_moved
from agenda.model import Meeting


class EventKind(StrEnum):
    """What happened to a meeting (the `events.kind` column; an alert of an event, an outbox
    row, carries the same kind)."""

    NEW = "new"  # its first agenda
    CHANGED = "changed"  # items added, removed or reworded
    MOVED = "moved"  # date, time or place
    CANCELLED = "cancelled"
    MINUTES = "minutes"  # the minutes were published
    DOCUMENT = "document"  # an attachment added late, or changed
    DOCUMENT_TEXT = "document_text"  # an attachment read with new text (the watches read it)
    DECISIONS = "decisions"  # the minutes gave decisions
    CASE = "case"  # a case number seen somewhere new
    APPEAL = "appeal"  # the approved minutes were posted: the appeal window


class AlertKind(StrEnum):
    """The outbox rows that are not the alert of one event (those carry its `EventKind`)."""

    WATCH = "watch"  # a keyword watch's hit
    PARTY = "party"  # a party group's item to decide
    FLOOD = "flood"  # many alerts of one scope as one summary
    DIGEST = "digest"  # a day's held alerts as one message
    REMINDER = "reminder"  # before a meeting
    ADMIN = "admin"  # a notice to the admins (backfill, source health, dead letters)


class DocumentKind(StrEnum):
    """What a meeting's document is (the `documents.kind` column)."""

    ATTACHMENT = "attachment"  # an item's document (a tjänsteskrivelse)
    MINUTES = "minutes"  # the minutes (protokoll)


#: The events a new version of a meeting's page makes: the alerts a later one replies to.
PAGE_EVENTS = (
    EventKind.NEW,
    EventKind.CHANGED,
    EventKind.MOVED,
    EventKind.CANCELLED,
    EventKind.MINUTES,
)
#: The events that revise a published meeting (each a new SEQUENCE of its calendar event).
REVISIONS = (EventKind.CHANGED, EventKind.MOVED, EventKind.CANCELLED)
_PER_VERSION = frozenset({EventKind.CHANGED, EventKind.MOVED})


@dataclass(frozen=True, slots=True)
class PlannedEvent:
    """An event to record under `key(meeting id)`: `<meeting id>:<dedup>`, or `dedup` alone
    when it is not `scoped` (a document's or a case's events name their own key)."""

    kind: EventKind
    detail: dict[str, object]
    dedup: str
    scoped: bool = True

    def key(self, meeting_id: int) -> str:
        return f"{meeting_id}:{self.dedup}" if self.scoped else self.dedup


@dataclass(frozen=True)
class Change:
    """A change between two versions of a meeting: a kind of `PAGE_EVENTS` and its detail."""

    kind: str  # an `EventKind`
    detail: dict[str, object]


def diff_meetings(old: Meeting, new: Meeting) -> list[Change]:
    """The changes from `old` to `new` (empty when nothing a member cares about changed)."""
    if new.cancelled and not old.cancelled:
        return [Change(EventKind.CANCELLED, {})]
    changes: list[Change] = []
    where = what_moved(old, new)
    if where:
        changes.append(Change(EventKind.MOVED, where))
    items = item_changes(old.items, new.items)
    if items:
        changes.append(Change(EventKind.CHANGED, items))
    if minutes_published(old, new):
        changes.append(Change(EventKind.MINUTES, {"minutes_url": new.minutes_url}))
    return changes


@dataclass(frozen=True, slots=True)
class Update:
    """What to do with a new version: `keep` is the meeting to store (None: ignore the page)."""

    keep: Meeting | None
    events: list[PlannedEvent]


def _new_agenda(meeting: Meeting) -> PlannedEvent:
    return PlannedEvent(EventKind.NEW, {"items": len(meeting.items)}, EventKind.NEW)


def first_version(meeting: Meeting) -> list[PlannedEvent]:
    """The events of a meeting seen for the first time."""
    return [_new_agenda(meeting)] if meeting.items else []


def next_version(old: Meeting, new: Meeting, old_version: str, new_version: str) -> Update:
    """The version to store and the events when `old` (stored) becomes `new` (just read).

    `old_version` / `new_version` identify the two contents (their content hashes).
    """
    if not new.items and old.items:
        if not new.cancelled:
            return Update(None, [])
        new = replace(new, items=old.items)
    keep = replace(new, minutes_url=new.minutes_url or old.minutes_url)
    if not old.items and new.items and not new.cancelled:
        return Update(keep, [_new_agenda(new)])
    events = [
        PlannedEvent(
            EventKind(change.kind),
            change.detail,
            f"{change.kind}:{old_version[:16]}:{new_version[:16]}"
            if change.kind in _PER_VERSION
            else change.kind,
        )
        for change in diff_meetings(old, new)
    ]
    return Update(keep, events)


#: Verdicts of a document that PDFium read whole (`sources.pdftext`): the file is a document.
READABLE = frozenset({"ok", "no_text"})


@dataclass(frozen=True, slots=True)
class DocumentVersion:
    """A read of a document as the rules see it: its verdict and its text."""

    status: str  # ok | no_text | broken | encrypted | too_large | ... (pending: never read)
    text: str = ""


@dataclass(frozen=True, slots=True)
class DocumentUpdate:
    """What to do with a new read of a document: store it or keep the last good version, and
    which events it makes (`change`: "added" | "changed" | None for the `document` event)."""

    store: bool
    change: str | None = None
    text: bool = False  # a `document_text` event (the keyword watches read it)
    decisions: bool = False  # a `decisions` event (the minutes gave decisions)


def next_document(
    *,
    attachment: bool,
    late: bool,
    versions: int,
    old: DocumentVersion,
    new: DocumentVersion,
    decisions: bool,
) -> DocumentUpdate:
    """The rules for a new read `new` of a document whose stored read is `old` (`versions`
    reads stored so far; `late`: listed after its meeting's first listing).

    - A stored readable version is replaced only by a readable one: an HTML or error page, a
      cut or otherwise unreadable file keeps the last good text, proposal, decisions and case
      appearances, and makes no event (when the portal heals, its file is the stored one again:
      nothing to say either).
    - The first read of a late attachment is `added` (whatever it holds: the link is news).
    - A readable version replacing a readable one with other text is `changed`; the same text
      in new bytes (a re-encoded or re-signed file) is stored silently. The first readable
      version after unreadable ones is no change either: nothing was said about the bad ones.
    - `document_text` and `decisions` come with a readable version whose text is new.
    """
    first = versions == 0
    was_readable = not first and old.status in READABLE
    readable = new.status in READABLE
    if was_readable and not readable:
        return DocumentUpdate(store=False)
    new_text = not (was_readable and readable and old.text == new.text)
    change: str | None = None
    if attachment and first and late:
        change = "added"
    elif attachment and was_readable and new_text:
        change = "changed"
    return DocumentUpdate(
        store=True,
        change=change,
        text=attachment and new.status == "ok" and new_text,
        decisions=decisions and new_text,
    )


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """The stored document a read belongs to, as its events name it."""

    id: int
    meeting_id: int
    url: str
    title: str | None
    position: int | None  # its item (None: the minutes, or no longer linked)


def document_events(update: DocumentUpdate, doc: DocumentRef, digest: str) -> list[PlannedEvent]:
    """The events of a read of `doc` whose content hash is `digest`, as `update` decided: each
    keyed by this content, so the same read recorded again makes none."""
    events: list[PlannedEvent] = []
    if update.change is not None:
        detail: dict[str, object] = {
            "url": doc.url,
            "title": doc.title,
            "position": doc.position,
            "change": update.change,
        }
        key = f"{EventKind.DOCUMENT}:{doc.meeting_id}:{doc.url}:{digest}"
        events.append(PlannedEvent(EventKind.DOCUMENT, detail, key, scoped=False))
    if update.text:
        detail = {"url": doc.url, "title": doc.title, "position": doc.position, "id": doc.id}
        key = f"{EventKind.DOCUMENT_TEXT}:{doc.id}:{digest}"
        events.append(PlannedEvent(EventKind.DOCUMENT_TEXT, detail, key, scoped=False))
    if update.decisions:
        key = f"{EventKind.DECISIONS}:{doc.meeting_id}:{digest}"
        events.append(PlannedEvent(EventKind.DECISIONS, {"url": doc.url}, key, scoped=False))
    return events


# --- a case number seen somewhere new -------------------------------------------------------
# Every appearance of a case (an agenda's item, a document, the minutes) is recorded once; a new
# one is a `case` event for the chats following the case, in any body.


def case_source(kind: str) -> str:
    """Where a document's case numbers are said to appear: `minutes` or `document` (an agenda's
    own are `agenda`)."""
    return "minutes" if kind == DocumentKind.MINUTES else "document"


def case_event(
    appearance: int, key: str, text: str, source: str, position: int | None, url: str
) -> PlannedEvent:
    """The `case` event of the new appearance number `appearance` of the case `key` (as `text`
    printed it) at `position` of a meeting, seen in `source` (`url`: the document, if any)."""
    detail: dict[str, object] = {
        "case_key": key,
        "case": text,
        "source": source,
        "position": position,
        "url": url or None,
    }
    return PlannedEvent(EventKind.CASE, detail, f"{EventKind.CASE}:{appearance}", scoped=False)


# --- events that are not a new version of the page -----------------------------------------
# `appeal`: the notice of the approved minutes was posted (issue 21); recorded by
# `storage.appeals` when a feed notice, the minutes or an anslagstavla page tells the posting
# date, once per (posting date, last day): a corrected date is news again, a repeat is not.


def appeal_event(posted_on: str, last_day: str, printed: bool) -> PlannedEvent:
    """The `appeal` event of a posting on `posted_on` (ISO) whose window ends `last_day`."""
    detail: dict[str, object] = {"posted_on": posted_on, "last_day": last_day, "printed": printed}
    return PlannedEvent(EventKind.APPEAL, detail, f"{EventKind.APPEAL}:{posted_on}:{last_day}")
