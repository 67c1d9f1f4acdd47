"""Find body and meeting links on Meetings Plus listing pages, by URL pattern.

Why: meeting slugs vary between sites (`mote-YYYY-MM-DD`, `kommunfullmaktige-<id>`,
`extra-…`, `…-installt`), and some sites render only part of a body's meeting list, so the
crawler accepts any same-site link whose path is `/committees/<body>/<meeting>` (the pattern
lives in `agenda.patterns`), wherever it appears: the `#committeesRecentContent` table, the
Kommande/Tidigare tabs or a meeting page's side menu. The date comes from the link's
`aria-label`, its text, or the URL.

A malformed link (`href="http://[::1"`) is one bad anchor, not a bad page: it is skipped and
handed back to the caller to count, and the page's other links are still read. Links to another
host are never followed (a portal page linking elsewhere must not send the crawler there).
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from agenda import patterns as P
from storage.http_cache import Link


class LinkError(ValueError):
    """The page is not HTML we can read links from."""


def _anchors(
    content: bytes, base_url: str, skipped: list[str] | None
) -> list[tuple[str, str, str | None]]:
    """(absolute URL without query/fragment, text, aria-label) of every same-host link.

    Malformed hrefs are appended to `skipped` (when given) and left out.
    """
    try:
        root = lxml.html.fromstring(content)
    except (etree.ParserError, ValueError) as exc:
        raise LinkError(f"unreadable HTML: {exc}") from None
    host = urlsplit(base_url).netloc
    found: list[tuple[str, str, str | None]] = []
    for anchor in root.iter("a"):
        href = anchor.get("href")
        if not href or href.startswith(("javascript:", "#", "mailto:")):
            continue
        try:
            parts = urlsplit(urljoin(base_url, href))
        except ValueError:
            if skipped is not None:
                skipped.append(href[:200])
            continue
        if parts.netloc != host:
            continue
        url = f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"
        found.append(
            (url, "".join(str(t) for t in anchor.itertext()).strip(), anchor.get("aria-label"))
        )
    return found


def _date(*texts: str | None) -> date | None:
    for text in texts:
        match = P.URL_DATE_RE.search(text or "")
        if match:
            try:
                return date.fromisoformat(match.group("date"))
            except ValueError:
                continue
    return None


def body_links(content: bytes, base_url: str, skipped: list[str] | None = None) -> list[Link]:
    """Links to `/committees/<slug>` (bodies) with their visible names; see `_anchors`."""
    links: dict[str, Link] = {}
    for url, text, _label in _anchors(content, base_url, skipped):
        if P.COMMITTEE_PATH_RE.search(urlsplit(url).path) and url not in links:
            links[url] = Link(url, "body", text or None)
    return list(links.values())


def meeting_links(content: bytes, base_url: str, skipped: list[str] | None = None) -> list[Link]:
    """Links to meeting pages (`/committees/<body>/<meeting>`) with their dates when known."""
    links: dict[str, Link] = {}
    for url, text, label in _anchors(content, base_url, skipped):
        if not P.MEETING_PATH_RE.search(urlsplit(url).path):
            continue
        known = links.get(url)
        day = _date(label, text, url)
        if known is None or (known.date is None and day is not None):
            links[url] = Link(url, "meeting", text or None, day)
    return list(links.values())


def body_slug(url: str) -> str | None:
    match = P.COMMITTEE_PATH_RE.search(urlsplit(url).path) or P.MEETING_PATH_RE.search(
        urlsplit(url).path
    )
    return match.group("body") if match else None
