"""HTML and RSS rendering of the sample Meetings Plus portal.

Why: tests, the demo and the benchmark need pages shaped like the real portal's public pages
(`/committees`, `/committees/<slug>`, meeting pages, a feed). The meeting-page markup is the one
agreed with the parser (skip link, `main#content`, `.meeting-header`, `a#openProtocol`,
`#agenda` / `#protocol` tabs with `li.agenda-item`, cookie banner); keep its shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from email.utils import format_datetime
from html import escape
from typing import TYPE_CHECKING

from demo.sample_seeds import Block

if TYPE_CHECKING:
    from demo.sample_site import SampleBody, SampleMeeting

_SKIP = '<a class="skip-link" href="#content">Hoppa över navigering</a>'
_COOKIE = (
    '<div class="cookie-banner">Vi använder cookies på denna webbplats för att förbättra din '
    "användarupplevelse.</div>"
)
_HEAD = '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{}</title></head>'


def _page(title: str, main: str, extra: str = "") -> str:
    return (
        f'{_HEAD.format(escape(title))}<body>{_SKIP}<main id="content">{main}</main>'
        f"{extra}{_COOKIE}</body></html>"
    )


def committees_page(bodies: Sequence[SampleBody]) -> str:
    links = "".join(
        f'<li><a href="/committees/{escape(b.slug)}">{escape(b.name)}</a></li>' for b in bodies
    )
    return _page("Nämnder och styrelser", f'<h1>Nämnder</h1><ul class="committees">{links}</ul>')


def _meeting_link(m: SampleMeeting) -> str:
    day = m.day.isoformat()
    return (
        f'<a class="accessible-table-cell" href="{escape(m.path)}" '
        f'aria-label="Möte {day}">{day}</a>'
    )


def body_page(body: SampleBody, meetings: Sequence[SampleMeeting], today: date) -> str:
    upcoming = [m for m in meetings if m.day >= today]
    past = sorted((m for m in meetings if m.day < today), key=lambda m: m.day, reverse=True)
    rows = "".join(f"<div>{_meeting_link(m)}</div>" for m in upcoming)
    parts = [f'<div class="tab-pane" id="upcoming"><h2>Kommande</h2>{rows}</div>']
    years: dict[int, list[str]] = {}
    for m in past:
        years.setdefault(m.day.year, []).append(f"<div>{_meeting_link(m)}</div>")
    old = "".join(f"<h3>{year}</h3>{''.join(rows)}" for year, rows in years.items())
    parts.append(f'<div class="tab-pane" id="past"><h2>Tidigare</h2>{old}</div>')
    main = f'<h1>{escape(body.name)}</h1><div id="committeesRecentContent">{"".join(parts)}</div>'
    return _page(body.name, main)


def _description(block: Block, base: str) -> str:
    out: list[str] = []
    bullets: list[str] = []
    for line in [*block.lines, ""]:
        if line.startswith("• "):
            bullets.append(f"<li>{escape(line[2:])}</li>")
            continue
        if bullets:
            out.append(f"<ul>{''.join(bullets)}</ul>")
            bullets = []
        if line:
            out.append(f"<p>{escape(line)}</p>")
    html = f'<div class="item-description">{"".join(out)}</div>' if out else ""
    if block.has_bilagor:
        links = "".join(
            f'<li><a href="{escape(base)}/agenda/{escape(name)}?downloadMode=open">'
            f"{escape(title)}</a></li>"
            for title, name in block.attachments
        )
        html += f'<div class="attachments"><h4>Bilagor</h4><ul>{links}</ul></div>'
    return html


def _entry(block: Block, base: str) -> str:
    parts: list[str] = []
    if block.number is not None:
        parts.append(f'<span class="item-number">{block.number}</span>')
    elif block.paragraph is not None:
        parts.append(f'<span class="item-number">§ {block.paragraph}</span>')
    if block.title:
        parts.append(f'<h3 class="item-title">{escape(block.title)}</h3>')
    parts.append(_description(block, base))
    return f'<li class="agenda-item">{"".join(parts)}</li>'


def _entries(blocks: Sequence[Block], base: str) -> str:
    return f'<ul class="agenda-list">{"".join(_entry(b, base) for b in blocks)}</ul>'


def meeting_page(m: SampleMeeting, others: Sequence[SampleMeeting], side_menu: bool) -> str:
    day = m.day.isoformat()
    title = f"Möte {day}"
    header = (
        f'<div class="meeting-header"><h1>{escape(title)}</h1>'
        f'<h2 class="committee-name">{escape(m.body.name)}</h2>'
        f'<p class="meeting-time">{escape(m.start)} - {escape(m.end)} {escape(m.place)}</p></div>'
    )
    minutes_href = f"{m.path}/protocol/{m.minutes_file}?downloadMode=open" if m.minutes else None
    protocol_link = (
        f'<a id="openProtocol" href="{escape(minutes_href or "javascript:void(0)")}">Protokoll</a>'
    )
    if m.cancelled:
        agenda = "<p>Mötet är inställt.</p><p>Ingen agenda har publicerats</p>"
    else:
        agenda = _entries(m.agenda, m.path)
    protocol = (
        _entries(m.minutes, m.path) if m.minutes else "<p>Inget protokoll har publicerats</p>"
    )
    main = (
        f'{header}{protocol_link}<div id="agenda" class="tab-pane">{agenda}</div>'
        f'<div id="protocol" class="tab-pane">{protocol}</div>'
    )
    menu = ""
    if side_menu and others:
        links = "".join(
            f'<li><a href="{escape(o.path)}">Möte {o.day.isoformat()}</a></li>' for o in others
        )
        menu = f'<nav class="meeting-menu" aria-label="Möten"><ul>{links}</ul></nav>'
    return _page(f"{m.body.name} {day}", main, menu)


def feed(
    base_url: str,
    meetings: Sequence[SampleMeeting],
    notices: Sequence[tuple[str, str | None, datetime]],
) -> str:
    """RSS 2.0: one entry per published agenda, plus bulletin-board notices (title, link, time)."""
    items: list[str] = []
    for m in meetings:
        items.append(
            _rss_item(f"Kallelse: {m.body.name} {m.day.isoformat()}", base_url + m.path, m.modified)
        )
    for title, link, when in notices:
        items.append(_rss_item(title, base_url + link if link else None, when))
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Anslagstavlan</title><link>{escape(base_url)}/</link>"
        f"<description>Kallelser och protokoll</description>{''.join(items)}</channel></rss>"
    )


def _rss_item(title: str, link: str | None, when: datetime) -> str:
    guid = link or f"notice:{title}"
    link_xml = f"<link>{escape(link)}</link>" if link else ""
    return (
        f"<item><title>{escape(title)}</title>{link_xml}"
        f'<guid isPermaLink="false">{escape(guid)}</guid>'
        f"<pubDate>{format_datetime(when, usegmt=True)}</pubDate></item>"
    )


def board_page(lines: Sequence[str]) -> str:
    """An anslagstavla entry: the notice that approved minutes were posted."""
    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    return _page("Anslagstavla", f'<h1>Anslagstavla</h1><article class="notice">{body}</article>')


def bevis_lines(body: str, day: date, posted_on: date, last_day: date | None) -> list[str]:
    """The ANSLAG/BEVIS box of approved minutes (and of their anslagstavla page)."""
    lines = [
        "ANSLAG/BEVIS",
        "Protokollet är justerat. Justeringen har tillkännagivits genom anslag.",
        f"Organ {body}",
        f"Sammanträdesdatum {day.isoformat()}",
        f"Datum då anslaget sätts upp {posted_on.isoformat()}",
    ]
    if last_day is not None:
        lines.append(f"Sista dag för överklagande {last_day.isoformat()}")
    return [*lines, "Förvaringsplats för protokollet Regionens kansli"]
