"""Every message builder, fed hostile strings, makes HTML that Telegram accepts and shows the
hostile text as text.

Why: one unescaped portal title (`Avtal <Vård & Omsorg>`) makes Telegram refuse the whole
message, and a title such as `</b><a href="javascript:…">` must never become markup. Each
builder gets a world whose every string is drawn (`hostile_world`) and its output is read by a
strict reader of Telegram's HTML rules (`telegram_html`): accepted, every part of a split message
within `MessageLimit.MAX_TEXT_LENGTH`, and the values it shows read back exactly as given.

The builders are found, not listed by hand: every public function of `presentation`, `handlers`
and `bot` whose return type is `Html` (or `Parts`) must have a case here, so a new renderer
cannot go untested. Coroutines are left out: they read the database and hand what they read to
these builders.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram.constants import MessageLimit

from agenda.model import Item
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
    """Every public, non-async function of presentation, handlers and bot that returns `Html`
    or `Parts` (by its annotation); `presentation.html` itself is the builder kit."""
    found = set()
    for package in ("presentation", "handlers", "bot"):
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


@settings(max_examples=4, deadline=None)
@given(drawn=st.lists(LONG, min_size=1, max_size=3))
def test_long_hostile_strings_split_into_valid_parts(drawn: list[str]) -> None:
    """Titles and texts of thousands of characters: every part of every message is still
    accepted and within Telegram's limit (tags closed at a cut and reopened after it)."""
    world = make_world(drawn)
    for build in CASES.values():
        result = build(world, "sv")
        _check(Case(result.outputs, [], []))
