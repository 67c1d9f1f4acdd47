"""Property: any plausible markup of a real page gives back all of it, the same way every time.

Every number and title the page shows, every text line (exactly once, in a title, an item's
text or its minutes text), every `Bilagor` link, and the header; and the same bytes give the
same meeting on every parse. See `markups.py` for the markups drawn.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agenda.model import Meeting, meeting_to_json
from agenda.parse import parse_page
from tests.support.markups import Page, attachment_titles, norm, page_html, real_pages

PAGES = real_pages()
BY_NAME = {p.name: p for p in PAGES}


def given_lines(page: Page) -> Counter[str]:
    return Counter(line for e in page.entries for line in e.lines)


def parsed_lines(meeting: Meeting) -> Counter[str]:
    found: Counter[str] = Counter()
    for item in meeting.items:
        for text in (item.text, item.minutes_text):
            found.update(norm(line) for line in (text or "").split("\n") if line.strip())
    return found


def check(page: Page, meeting: Meeting) -> None:
    numbered = {(e.number, e.title) for e in page.entries if e.number and not e.paragraph}
    got = {(i.number, i.title) for i in meeting.items if i.number is not None}
    assert numbered <= got, sorted(numbered - got)
    paragraphs = {e.number for e in page.entries if e.paragraph}
    assert paragraphs <= {i.paragraph for i in meeting.items}
    titles = {e.title for e in page.entries if e.title}
    assert titles == {i.title for i in meeting.items if i.title}
    lines, found = given_lines(page), parsed_lines(meeting)
    assert lines - found == Counter(), "lost"
    assert found - lines == Counter(), "added or doubled"
    assert sorted(a.title for i in meeting.items for a in i.attachments) == sorted(
        attachment_titles(page)
    )
    if len(page.header) >= 3:
        assert meeting.body.name == page.header[1]
        assert meeting.date is not None and str(meeting.date) in page.header[0]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), name=st.sampled_from(sorted(BY_NAME)))
def test_every_markup_gives_back_the_whole_page(data: st.DataObject, name: str) -> None:
    page = BY_NAME[name]
    html = data.draw(page_html(page))
    check(page, parse_page(html.encode("utf-8"), page.url))


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), name=st.sampled_from(["seed 000", "seed 004", PAGES[-1].name]))
def test_the_same_bytes_give_the_same_meeting_every_time(data: st.DataObject, name: str) -> None:
    """lxml frees and re-creates element proxies between parses: nothing may depend on that."""
    page = BY_NAME[name]
    html = data.draw(page_html(page)).encode("utf-8")
    first = meeting_to_json(parse_page(html, page.url))
    for _ in range(100):
        assert meeting_to_json(parse_page(html, page.url)) == first


def test_the_reader_sees_every_page_whole() -> None:
    """The structure the markups are drawn from is itself complete (the test's own check)."""
    assert len(PAGES) == 17
    for page in PAGES:
        assert page.entries and all(e.number or e.lines or e.title for e in page.entries)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), name=st.sampled_from(sorted(BY_NAME)), token=st.text("abc123", max_size=8))
def test_a_changed_hidden_input_changes_nothing(data: st.DataObject, name: str, token: str) -> None:
    page = BY_NAME[name]
    html = data.draw(page_html(page))
    hidden = f'<input type="hidden" name="__RequestVerificationToken" value="{token}">'
    changed = html.replace("<main>", f"<main>{hidden}").replace("</body>", f"{hidden}</body>")
    assert meeting_to_json(parse_page(changed, page.url)) == meeting_to_json(
        parse_page(html, page.url)
    )
