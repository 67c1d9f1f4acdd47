"""Small DOM helpers of the HTML path: classes, links, attachments, navigation, the minutes link.

Why: kept apart from the walker in `html.py` so each module stays one concern and short; the
selectors themselves live in `agenda.patterns`.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import lxml.html

from agenda import patterns as P
from agenda.model import Attachment
from agenda.parse.blocks import clean

_NO_CLASSES: frozenset[str] = frozenset()


def classes(el: lxml.html.HtmlElement) -> frozenset[str]:
    names = el.get("class")
    return frozenset(names.split()) if names else _NO_CLASSES


def link(base: str | None, href: str, skipped: list[str] | None = None) -> str | None:
    """`href` made absolute against `base`; None (and `href` added to `skipped`) when it is not
    a usable URL at all (`http://[::1`, a port that is not a number, control characters)."""
    try:
        url = urljoin(base, href) if base else href
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        url = None
    if url is None or not _usable(parts.netloc, url):
        if skipped is not None:
            skipped.append(href[:200])
        return None
    return url


def _usable(netloc: str, url: str) -> bool:
    """No control characters, and nothing but a port after an IPv6 host (`[::1]x` is not)."""
    host = netloc.rpartition("@")[2]
    after = host.partition("]")[2] if host.startswith("[") else ""
    if after and not (after.startswith(":") and after[1:].isdigit()):
        return False
    return not any(ord(c) < 32 or ord(c) == 127 for c in url)


def attachments(
    el: lxml.html.HtmlElement, base: str | None, skipped: list[str] | None = None
) -> tuple[Attachment, ...]:
    """The links of `el` as attachments; a malformed link keeps its visible title, not its URL."""
    links = []
    for a in el.iter("a"):
        href = (a.get("href") or "").strip()
        if href and not href.lower().startswith("javascript:"):
            title = clean(a.text_content()) or href
            links.append(Attachment(title=title, url=link(base, href, skipped)))
    return tuple(links)


def only_links(el: lxml.html.HtmlElement) -> bool:
    """Whether the element shows links and nothing else (but separators between them)."""
    rest = el.text_content()
    found = False
    for a in el.iter("a"):
        text = a.text_content()
        found = found or bool(text.strip())
        rest = rest.replace(text, "", 1)
    return found and not rest.strip(" \n\t\u00a0,;|•·-")


def is_nav_link(el: lxml.html.HtmlElement) -> bool:
    """A link that only navigates (tab, anchor, another meeting, `a#openProtocol`)."""
    if el.tag != "a":
        return False
    href = (el.get("href") or "").strip()
    return (el.get("id") or "") in P.HTML_NAV_IDS or bool(href and P.HTML_NAV_HREF_RE.search(href))


def elements(root: lxml.html.HtmlElement, xpath: str) -> list[lxml.html.HtmlElement]:
    found = root.xpath(xpath)
    if not isinstance(found, list):
        return []
    return [el for el in found if isinstance(el, lxml.html.HtmlElement)]


def minutes_url(
    root: lxml.html.HtmlElement, base: str | None, skipped: list[str] | None = None
) -> str | None:
    for a in elements(root, P.OPEN_PROTOCOL_XPATH):
        href = (a.get("href") or "").strip()
        if href and not href.lower().startswith("javascript:") and href != "#":
            return link(base, href, skipped)
    return None
