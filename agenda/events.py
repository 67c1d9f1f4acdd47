"""What a new version of a meeting or a document means: what to keep and the events it makes.

Why: "a new agenda", "the agenda changed", "the meeting moved" are decisions about the domain,
not about SQL. Storage used to decide them inside its upsert; here they are one pure function
that storage calls and whose answer it records as it is told. The rules:

- A meeting first seen with items is one `new` event; first seen without (listed before its
  kallelse) is none, and the first version with items is then its `new` event.
- A later version with no items never replaces stored items: a cancelled page keeps them (members
  still need what was on it), any other empty page is ignored.
- Minutes, once published, stay known when a later page lacks their link.
- Otherwise the events are the changes of `agenda.diff` (changed, moved, cancelled, minutes).

A document's reads follow `next_document`: a readable stored version is only ever replaced by
a readable one, so a PDF briefly served as HTML or cut short changes nothing and alerts nobody.

Each event carries a `dedup` tail, unique within the meeting: `new`, `cancelled` and `minutes`
happen once per meeting; `changed` and `moved` once per (old version, new version) pair, so
flapping content is recorded once per direction and a re-run records nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from agenda.diff import diff_meetings
from agenda.model import Meeting

_PER_VERSION = frozenset({"changed", "moved"})


@dataclass(frozen=True, slots=True)
class PlannedEvent:
    """An event to record: storage keys it as `<meeting id>:<dedup>`."""

    kind: str  # new | changed | moved | cancelled | minutes | appeal
    detail: dict[str, object]
    dedup: str


@dataclass(frozen=True, slots=True)
class Update:
    """What to do with a new version: `keep` is the meeting to store (None: ignore the page)."""

    keep: Meeting | None
    events: list[PlannedEvent]


def _new_agenda(meeting: Meeting) -> PlannedEvent:
    return PlannedEvent("new", {"items": len(meeting.items)}, "new")


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
            change.kind,
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
# --- events that are not a new version of the page -----------------------------------------
# `appeal`: the notice of the approved minutes was posted (issue 21); recorded by
# `storage.appeals` when a feed notice, the minutes or an anslagstavla page tells the posting
# date, once per (posting date, last day): a corrected date is news again, a repeat is not.
APPEAL = "appeal"


def appeal_event(posted_on: str, last_day: str, printed: bool) -> PlannedEvent:
    """The `appeal` event of a posting on `posted_on` (ISO) whose window ends `last_day`."""
    detail: dict[str, object] = {"posted_on": posted_on, "last_day": last_day, "printed": printed}
    return PlannedEvent(APPEAL, detail, f"{APPEAL}:{posted_on}:{last_day}")
