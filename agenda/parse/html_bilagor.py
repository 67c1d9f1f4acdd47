"""`Bilagor` in HTML: every shape the marker and its links can take, as one attachments block.

Why: `Bilagor` closes an item and carries its documents, and a markup may show it as a box
(`div.attachments`), a heading followed by a list or by a div of links, a paragraph with the
links glued on (`Bilagor: <a>…</a>, <a>…</a>`) or a table row (`<th>Bilagor</th><td>…`). Kept
apart from the walker so each shape is one small rule; selectors live in `agenda.patterns`.
"""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html

from agenda import patterns as P
from agenda.model import Attachment
from agenda.parse.blocks import clean
from agenda.parse.html_dom import attachments, classes, only_links

_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_CELLS = frozenset(("td", "th"))
_LISTS = frozenset(("ul", "ol"))
_BOX_CLASSES = frozenset(P.HTML_ATTACHMENT_CLASSES)
_TITLE_CLASSES = frozenset(P.HTML_TITLE_CLASSES)


@dataclass(frozen=True, slots=True)
class Marker:
    """A `Bilagor` marker: its links, the element after it they came from (to be skipped), and
    the text the marker was glued to (`…till beslut.Bilagor`), which stays the item's text."""

    links: tuple[Attachment, ...]
    read: lxml.html.HtmlElement | None = None
    before: str | None = None


def bilagor(
    el: lxml.html.HtmlElement, base: str | None, skipped: list[str] | None = None
) -> Marker | None:
    """The `Bilagor` marker `el` is, if it is one (cheap tests first: this sees every element);
    malformed links are added to `skipped`."""
    tag, names = el.tag, classes(el)
    if names & _BOX_CLASSES:
        return Marker(attachments(el, base, skipped))
    if tag in _HEADINGS or names & _TITLE_CLASSES:
        return _heading(el, base, skipped)
    if tag == "tr":
        cells = [c for c in el if c.tag in _CELLS]
        if cells and P.BILAGOR_RE.match(clean(cells[0].text_content())):
            return Marker(attachments(el, base, skipped))
        return None
    if tag not in {"p", "div"}:
        return None
    own = (el.text or "").strip()
    if tag == "p" and own.startswith(P.BILAGOR_WORD):
        links = attachments(el, base, skipped)
        return Marker(links) if links else None
    if len(el) == 0 and own.endswith(P.BILAGOR_ENDINGS):
        return _glued(el, base, skipped)
    return None


def _glued(el: lxml.html.HtmlElement, base: str | None, skipped: list[str] | None) -> Marker | None:
    """`<p>…till beslut.Bilagor</p>` followed by its links, as renderings glue it."""
    glued = P.BILAGOR_GLUED_RE.match(clean(el.text or ""))
    if glued is None or not glued["before"].strip():
        return None
    following = _links_after(el)
    links = attachments(following, base, skipped) if following is not None else ()
    return Marker(links, following, clean(glued["before"]))


def _links_after(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    following = el.getnext()
    if following is not None and (following.tag in _LISTS or only_links(following)):
        return following
    return None


def _heading(
    el: lxml.html.HtmlElement, base: str | None, skipped: list[str] | None
) -> Marker | None:
    if not P.BILAGOR_RE.match(clean(el.text_content())):
        return None
    following = _links_after(el)
    return Marker(attachments(following, base, skipped) if following is not None else (), following)
