"""`Bilagor` in HTML: every shape the marker and its links can take, as one attachments block.

Why: `Bilagor` closes an item and carries its documents, and a markup may show it as a box
(`div.attachments`), a heading followed by a list or by a div of links, a paragraph with the
links glued on (`Bilagor: <a>…</a>, <a>…</a>`) or a table row (`<th>Bilagor</th><td>…`). Kept
apart from the walker so each shape is one small rule; selectors live in `agenda.patterns`.
"""

from __future__ import annotations

import lxml.html

from agenda import patterns as P
from agenda.model import Attachment
from agenda.parse.blocks import clean
from agenda.parse.html_dom import attachments, classes, only_links

_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_CELLS = frozenset(("td", "th"))
_LISTS = frozenset(("ul", "ol"))


def bilagor(
    el: lxml.html.HtmlElement, base: str | None
) -> tuple[tuple[Attachment, ...], lxml.html.HtmlElement | None] | None:
    """(links, the following element they were read from) when `el` is a `Bilagor` marker."""
    if classes(el) & set(P.HTML_ATTACHMENT_CLASSES):
        return attachments(el, base), None
    if el.tag in _HEADINGS or classes(el) & set(P.HTML_TITLE_CLASSES):
        return _heading(el, base)
    if el.tag == "tr":
        cells = [c for c in el if c.tag in _CELLS]
        if cells and P.BILAGOR_RE.match(clean(cells[0].text_content())):
            return attachments(el, base), None
        return None
    if el.tag == "p" and clean(el.text or "").startswith("Bilagor"):
        links = attachments(el, base)
        return (links, None) if links else None
    return None


def _heading(
    el: lxml.html.HtmlElement, base: str | None
) -> tuple[tuple[Attachment, ...], lxml.html.HtmlElement | None] | None:
    if not P.BILAGOR_RE.match(clean(el.text_content())):
        return None
    following = el.getnext()
    if following is not None and (following.tag in _LISTS or only_links(following)):
        return attachments(following, base), following
    return (), None
