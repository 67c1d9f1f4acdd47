"""Every message builder, fed hostile strings, makes HTML that Telegram accepts and shows the
hostile text as text.

Why: one unescaped portal title (`Avtal <Vård & Omsorg>`) makes Telegram refuse the whole
message, and a title such as `</b><a href="javascript:…">` must never become markup. Each
builder gets a world whose every string is drawn (`hostile_world`) and its output is read by a
strict reader of Telegram's HTML rules (`telegram_html`): accepted, every part of a split message
within `MessageLimit.MAX_TEXT_LENGTH`, and the values it shows read back exactly as given.

The builders are found, not listed by hand: every public function of `presentation`, `alerts`,
`jobs`, `handlers` and `bot` whose return type mentions `Html` (or `Parts`) must have a case
here, so a new renderer cannot go untested. Coroutines are left out: they read the database
and hand what they read to these builders.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from telegram.constants import MessageLimit

from agenda.events import EventKind
from agenda.model import Item
from alerts import backfill, fanout, fanout_documents
from alerts import reminders as alert_reminders
from handlers import admin, bodies, cases, common, meetings, search, start
from presentation import (
    commands,
    flood_summary,
    reminders,
    render,
    render_appeals,
    render_documents,
    render_news,
    render_party,
    render_titles,
    watch_alerts,
)
from presentation.htmlsplit import split_message
from sources.backfill import Backfill
from storage.events import EventRow
from tests.presentation.hostile_world import DAY, MARK, World, make_world
from tests.presentation.telegram_html import telegram_read

LANGS = ("sv", "en")

FRAGMENTS = [
    "<", ">", "&", '"', "'", "</b>", "<b>", "<i>x", "</a>", '<a href="javascript:alert(1)">',
    "&amp;", "&#x27;", "&lt", "&#0;", "<!--", "]]>", "\x00", "\x07", "\x1b", "\x7f", "\u202e",
    "\u200b", "😀", "👩‍👩‍👧", "\n", "\r\n", "\n\n\n", " ", "\xa0", "\t", "skola", "Beslut",
    "amp", "quot", "§ 4", "…", "Å", "{}", "{body}", "%s",
]  # fmt: skip
_CHARS = st.characters(codec="utf-8", exclude_characters=MARK + MARK.upper())
HOSTILE = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(_CHARS, max_size=6)), max_size=4
).map("".join)
SHORT = HOSTILE.filter(lambda text: len(text) <= 34)  # shown whole: under every cut
LONG = st.lists(st.sampled_from(FRAGMENTS), min_size=200, max_size=1200).map("".join)


@dataclass
class Case:
    """What one builder made and what it must show: values by field, links by field."""

    outputs: list[str]
    shown: list[str]
    links: list[str]


def _outputs(result: object) -> list[str]:
    """The messages a builder returned: one `Html`, a list, or (parts, buttons)."""
    if result is None:
        return []
    if isinstance(result, str):
        return [result]
    if isinstance(result, tuple):
        return _outputs(result[0])
    assert isinstance(result, list)
    return [str(part) for part in result]


def case(result: object, w: World, shown: Iterable[str] = (), links: Iterable[str] = ()) -> Case:
    return Case(_outputs(result), [w.v.given[f] for f in shown], [w.v.given[f] for f in links])


def _items(w: World) -> list[tuple[int, Item]]:
    return list(enumerate(w.sm.meeting.items))


def _event(w: World, kind: str, **detail: object) -> EventRow:
    return EventRow(1, w.sm.id, kind, detail, "")


def _follower_alerts(w: World, lang: str) -> Case:
    ref = {"number": 5, "paragraph": None, "title": w.v("ref_title")}
    pair = [w.v("moved_old"), w.v("moved_new")]
    events = [
        _event(w, EventKind.NEW),
        _event(w, EventKind.CHANGED, added=[ref], removed=[{"paragraph": 3}], reworded=[{}]),
        _event(w, EventKind.MOVED, place=pair, date=pair, start=pair, end=[None, "10:00"]),
        _event(w, EventKind.MINUTES, minutes_url=w.v.url("event_minutes_url")),
        _event(w, EventKind.CANCELLED),
    ]
    outputs = [part for e in events for part in fanout.render_event(e, w.sm, lang)[0]]
    shown = ["body", "org", "title1", "ref_title", "moved_old", "moved_new"]
    return case(outputs, w, shown, ["event_minutes_url"])


def _document_alerts(w: World, lang: str) -> Case:
    decision = w.substance.decision
    assert decision is not None
    document = {"url": w.v.url("event_doc_url"), "title": w.v("event_doc"), "position": 1}
    outputs = [
        *fanout_documents.render_document_event(
            _event(w, EventKind.DOCUMENT, change="changed", **document), w.sm, [], lang
        ),
        *fanout_documents.render_document_event(
            _event(w, EventKind.DOCUMENT, title=w.v("untitled_doc")), w.sm, [], lang
        ),
        *fanout_documents.render_document_event(
            _event(w, EventKind.DECISIONS), w.sm, [decision] * 2, lang
        ),
    ]
    shown = ["body", "org", "title1", "event_doc", "untitled_doc", "decision", "reservation"]
    return case(outputs, w, shown, ["event_doc_url"])


def _flood_documents(w: World, lang: str) -> Case:
    entries = [
        flood_summary.DocumentEntry(w.sm, 1, w.v("flood_title"), w.v.url("flood_url"), True),
        flood_summary.DocumentEntry(w.sm, None, w.v("flood_title2"), w.v.url("flood_url2")),
    ]
    entries[0].terms = w.terms
    result = flood_summary.documents_summary(entries, lang)
    return case(result, w, ["body", "org", "title1", "flood_title", "flood_title2", "term"])


CASES: dict[str, Callable[[World, str], Case]] = {
    "presentation.render.render_meeting": lambda w, lang: case(
        render.render_meeting(w.sm, lang, w.proposals, w.titles),
        w,
        ["body", "org", "place", "title1", "label2", "title2", "title5", "doc_proposal", "found"],
        ["meeting_url", "minutes_url"],
    ),
    "presentation.render.render_item": lambda w, lang: case(
        render.render_item(w.sm, w.sm.meeting.items[1], lang),
        w,
        ["body", "org", "title1", "text1", "proposal1", "case1", "att1", "att2", "minutes1"],
        ["att1_url"],
    ),
    "presentation.render.item_line": lambda w, lang: case(
        [
            render.item_line(w.sm.meeting.items[1], lang, w.v("line_proposal")),
            render.item_line(w.sm.meeting.items[3], lang, title_chars=12, found=w.titles[3]),
            render.item_line(w.sm.meeting.items[3], lang),
        ],
        w,
        ["title1", "line_proposal"],
    ),
    "presentation.render.meeting_header": lambda w, lang: case(
        render.meeting_header(w.sm, lang), w, ["body", "org", "place"]
    ),
    "presentation.render.available_numbers": lambda w, lang: case(
        render.available_numbers(w.sm, lang), w
    ),
    "presentation.render_documents.item_view": lambda w, lang: case(
        render_documents.item_view(w.sm, w.sm.meeting.items[3], w.substance, lang, w.titles[3]),
        w,
        ["body", "found", "found_source", "text3", "doc_title", "doc_proposal", "doc_case"],
        ["found_url", "doc_url", "scan_url"],
    ),
    "presentation.render_documents.substance_blocks": lambda w, lang: case(
        render_documents.substance_blocks(w.substance, w.sm.meeting.items[3], lang),
        w,
        ["doc_title", "doc_text", "doc_proposal", "doc_case", "scan_title", "decision"],
        ["doc_url", "scan_url"],
    ),
    "presentation.render_titles.source_line": lambda w, lang: case(
        [render_titles.source_line(found, lang) for found in w.titles.values()],
        w,
        ["found_source", "found_case_body"],
        ["found_url"],
    ),
    "presentation.render_titles.legend": lambda w, lang: case(
        render_titles.legend(w.titles, {2, 3}, lang), w
    ),
    "presentation.watch_alerts.watch_line": lambda w, lang: case(
        watch_alerts.watch_line(_items(w)[1:3], w.terms, lang), w, ["term", "label2"]
    ),
    "presentation.watch_alerts.render_watch": lambda w, lang: case(
        watch_alerts.render_watch(w.sm, _items(w), w.terms, lang),
        w,
        ["term", "body", "org", "title1", "label2"],
    ),
    "presentation.watch_alerts.mark_words": lambda w, lang: case(
        watch_alerts.mark_words(w.v("heading") + " skolan amp quot", [*w.terms, "amp"]),
        w,
        ["heading"],
    ),
    "presentation.flood_summary.meetings_summary": lambda w, lang: case(
        flood_summary.meetings_summary([flood_summary.MeetingEntry(w.sm, w.terms)], lang),
        w,
        ["body", "org", "term"],
    ),
    "presentation.flood_summary.documents_summary": _flood_documents,
    "presentation.render_news.kinds_text": lambda w, lang: case(
        render_news.kinds_text(["text", "added", "document"], lang), w
    ),
    "presentation.render_news.news_line": lambda w, lang: case(
        render_news.news_line(w.sm, {1: ["text"], 2: ["added"]}, lang), w, ["label2"]
    ),
    "presentation.render_news.news_in_item": lambda w, lang: case(
        render_news.news_in_item(["proposal", "title"], lang), w
    ),
    "presentation.render_news.news_block": lambda w, lang: case(
        render_news.news_block(w.sm, {1: ["text"], 2: ["added"]}, w.v("looked"), lang),
        w,
        ["body", "org", "looked", "title1", "label2", "title2"],
    ),
    "presentation.render_news.unseen_line": lambda w, lang: case(
        render_news.unseen_line(w.sm, lang), w, ["body", "org"]
    ),
    "presentation.render_news.checklist": lambda w, lang: case(
        render_news.checklist(
            w.sm,
            [1, 2, 3],
            w.proposals,
            {1: w.substance},
            {1: "read", 2: "changed"},
            lang,
            w.titles,
        ),
        w,
        [
            "body",
            "org",
            "title1",
            "proposal1",
            "label2",
            "title2",
            "found",
            "doc_proposal",
            "doc_title",
        ],
        ["doc_url", "scan_url"],
    ),
    "presentation.render_party.shown_line": lambda w, lang: case(
        render_party.shown_line(w.v("typed_line"), lang), w, ["typed_line"]
    ),
    "presentation.render_party.party_item": lambda w, lang: case(
        render_party.party_item(w.sm.meeting.items[1], w.v("party_proposal"), lang),
        w,
        ["title1", "party_proposal"],
    ),
    "presentation.render_party.lines_text": lambda w, lang: case(
        render_party.lines_text(w.sm, [1, 5], w.party_lines, lang),
        w,
        ["body", "org", "title1", "line"],
    ),
    "presentation.render_party.reminder_lines": lambda w, lang: case(
        render_party.reminder_lines(w.party_lines, lang), w, ["line_title", "line"]
    ),
    "presentation.render_appeals.appeal_alert": lambda w, lang: case(
        render_appeals.appeal_alert(w.sm, DAY, DAY, True, lang, w.v("appeal_case")),
        w,
        ["body", "org", "place", "appeal_case"],
        ["minutes_url"],
    ),
    "presentation.render_appeals.appeals_list": lambda w, lang: case(
        render_appeals.appeals_list([w.window, w.window], lang), w, ["body", "org"], ["appeal_url"]
    ),
    "presentation.commands.help_lines": lambda w, lang: case(commands.help_lines(lang), w),
    "presentation.reminders.describe": lambda w, lang: case(
        reminders.describe("1d,morning,2h", lang), w
    ),
    "alerts.fanout.render_event": _follower_alerts,
    "alerts.fanout_documents.render_document_event": _document_alerts,
    "alerts.fanout_documents.render_document_watch": lambda w, lang: case(
        fanout_documents.render_document_watch(
            w.sm,
            _event(w, EventKind.DOCUMENT_TEXT, url=w.v.url("event_doc_url"), position=1),
            w.v("watched_text") + " skola " + w.v("watched_text2"),
            [w.v("term"), "skola"],
            lang,
        ),
        w,
        ["term", "body", "org", "title1"],
        ["event_doc_url"],
    ),
    "alerts.fanout_documents.case_alert": lambda w, lang: case(
        fanout_documents.case_alert(
            _event(w, EventKind.CASE, position=1, source="minutes"), w.sm, w.v("case_text"), lang
        ),
        w,
        ["case_text", "body", "org", "title1"],
    ),
    "alerts.reminders.reminder_text": lambda w, lang: case(
        alert_reminders.reminder_text(w.row, lang), w, ["body", "org", "row_place"]
    ),
    "alerts.backfill.backfill_text": lambda w, lang: case(
        backfill.backfill_text(
            Backfill(w.v("backfill_source"), 1, True, 14, [w.sm.meeting] * 12), lang
        ),
        w,
        ["backfill_source", "body"],
    ),
    "handlers.admin.local_time": lambda w, lang: case(
        [admin.local_time(w.v("stamp"), lang), admin.local_time(None, lang)], w, ["stamp"]
    ),
    "handlers.admin.source_line": lambda w, lang: case(
        admin.source_line(w.source, lang), w, ["source_name", "source_kind", "source_error"]
    ),
    "handlers.admin.bodies_line": lambda w, lang: case(
        [admin.bodies_line([w.body], lang) or "", admin.bodies_line([w.body] * 4, lang) or ""],
        w,
        ["body", "org"],
    ),
    "handlers.bodies.share_link": lambda w, lang: case(bodies.share_link("namndbot", w.body), w),
    "handlers.cases.appearance_lines": lambda w, lang: case(
        cases.appearance_lines(3, w.appearance, lang),
        w,
        ["body", "org", "appearance_title"],
        ["appearance_url", "appearance_ref"],
    ),
    "handlers.common.body_names": lambda w, lang: case(
        common.body_names([w.body, w.body, w.body], lang), w, ["body", "org"]
    ),
    "handlers.meetings.meeting_line": lambda w, lang: case(
        meetings.meeting_line(w.row, lang), w, ["body", "org"]
    ),
    "handlers.search.render_hits": lambda w, lang: case(
        search.render_hits(w.v("query"), [w.hit, w.hit], lang),
        w,
        ["query", "body", "org", "hit_title", "hit_document", "snippet"],
        ["hit_document_url"],
    ),
    "handlers.start.help_text": lambda w, lang: case(start.help_text(lang), w),
}


def message_builders() -> set[str]:
    """Every public, non-async function of presentation, alerts, jobs, handlers and bot whose
    return annotation mentions `Html` or `Parts`; `presentation.html` itself is the builder
    kit."""
    found = set()
    for package in ("presentation", "alerts", "jobs", "handlers", "bot"):
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            module = importlib.import_module(info.name)
            if module.__name__ == "presentation.html":
                continue
            for name, obj in vars(module).items():
                if name.startswith("_") or not inspect.isfunction(obj):
                    continue
                if obj.__module__ != module.__name__ or inspect.iscoroutinefunction(obj):
                    continue
                if re.search(r"\b(Html|Parts)\b", str(obj.__annotations__.get("return", ""))):
                    found.add(f"{module.__name__}.{name}")
    return found


def test_every_message_builder_has_a_hostile_case() -> None:
    builders = message_builders()
    assert "presentation.render.render_meeting" in builders  # the search finds them
    missing = builders - set(CASES)
    assert not missing, f"add a case to CASES for each new message builder: {sorted(missing)}"
    assert not set(CASES) - builders, "a case for a function that no longer builds messages"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _check(result: Case) -> None:
    seen, hrefs = [], []
    for output in result.outputs:
        read = telegram_read(output)  # the whole message, as built
        seen.append(read.text)
        hrefs += read.hrefs
        for part in split_message(output):  # and as sent, part by part
            assert len(part) <= MessageLimit.MAX_TEXT_LENGTH
            telegram_read(part)
    visible = _flat("\n".join(seen))
    for value in result.shown:
        assert _flat(value) in visible, f"{value!r} is not shown as given in {visible!r}"
    for value in result.links:
        assert any(href.endswith(value) for href in hrefs), f"no link to {value!r} in {hrefs}"


@pytest.mark.parametrize("name", sorted(CASES))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(drawn=st.lists(SHORT, min_size=1, max_size=6), cancelled=st.booleans())
def test_hostile_strings_come_back_as_text(name: str, drawn: list[str], cancelled: bool) -> None:
    world = make_world(drawn, cancelled)
    for lang in LANGS:
        _check(CASES[name](world, lang))


# no shrinking: a failure's example is printed as drawn (shrinking thousands of characters
# through every builder takes minutes)
@settings(max_examples=4, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(drawn=st.lists(LONG, min_size=1, max_size=3))
def test_long_hostile_strings_split_into_valid_parts(drawn: list[str]) -> None:
    """Titles and texts of thousands of characters: every part of every message is still
    accepted and within Telegram's limit (tags closed at a cut and reopened after it)."""
    world = make_world(drawn)
    for build in CASES.values():
        result = build(world, "sv")
        _check(Case(result.outputs, [], []))


def test_a_minutes_link_longer_than_a_message_is_left_out_not_cut() -> None:
    """A minutes URL of thousands of characters made a tag the splitter had to cut (Telegram
    refuses both parts); like the meeting view, the alert links only what fits."""
    world = make_world(["x"])
    url = "https://example.org/" + "<&" * 2500
    event = _event(world, EventKind.MINUTES, minutes_url=url)
    parts, _ = fanout.render_event(event, world.sm, "sv")
    for part in parts:
        telegram_read(part)
    assert "<a href=" not in "".join(parts)
    short = _event(world, EventKind.MINUTES, minutes_url="https://example.org/p?a=1&b=2")
    (text,), _ = fanout.render_event(short, world.sm, "sv")
    assert '<a href="https://example.org/p?a=1&amp;b=2">' in text
