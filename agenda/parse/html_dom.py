"""Small DOM helpers of the HTML path: classes, links, attachments, navigation, the minutes link.

Why: kept apart from the walker in `html.py` so each module stays one concern and short; the
selectors themselves live in `agenda.patterns`.
"""

from __future__ import annotations

from urllib.parse import urljoin

import lxml.html

from agenda import patterns as P
from agenda.model import Attachment
from agenda.parse.blocks import clean

_NO_CLASSES: frozenset[str] = frozenset()


def classes(el: lxml.html.HtmlElement) -> frozenset[str]:
    names = el.get("class")
    return frozenset(names.split()) if names else _NO_CLASSES


def link(base: str | None, href: str) -> str:
    return urljoin(base, href) if base else href


def attachments(el: lxml.html.HtmlElement, base: str | None) -> tuple[Attachment, ...]:
    links = []
    for a in el.iter("a"):
        href = (a.get("href") or "").strip()
        if href and not href.lower().startswith("javascript:"):
            links.append(Attachment(title=clean(a.text_content()) or href, url=link(base, href)))
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


def minutes_url(root: lxml.html.HtmlElement, base: str | None) -> str | None:
    for a in elements(root, P.OPEN_PROTOCOL_XPATH):
        href = (a.get("href") or "").strip()
        if href and not href.lower().startswith("javascript:") and href != "#":
            return link(base, href)
    return None
