"""Which HTML elements are item entries, found from the item headers the page shows.

Why: the portal's item markup is unknown, and entries may be list items, divs, articles,
sections, table rows or `dt`/`dd` pairs, with or without classes. What every markup shares is
what a reader sees: an entry is one of a run of like siblings, and an entry that shows its
header holds exactly one item header (`2`, `§ 17`, or a heading `2. Title`). So from each
header element we go up to the nearest ancestor that has siblings of its own tag and holds no
other header; that ancestor and its like siblings are the entries (description entries whose
header was lost included). One pass over the tree, then one short climb per header.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import lxml.html

from agenda import patterns as P
from agenda.parse.blocks import Block, clean
from agenda.parse.html_dom import classes, only_links

_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
#: Elements that can be one entry of a classed item list (besides `li`).
_ENTRY_LIKE = frozenset(("div", "article", "section", "tr", "dt"))
_ENTRY_CLASSES = frozenset(P.HTML_ENTRY_CLASSES)
#: Longer than any `§ 123` with its spaces: such a text is not an item number alone.
_HEADER_CHARS = 40


@dataclass(slots=True)
class EntryElements:
    """Entries (elements that open one) and continuations (a `dd` after its `dt`)."""

    starts: set[lxml.html.HtmlElement] = field(default_factory=set)
    continuations: set[lxml.html.HtmlElement] = field(default_factory=set)
    #: Lists outside the items, and whether they show content (not only links).
    lists: dict[lxml.html.HtmlElement, bool] = field(default_factory=dict)

    def is_entry(self, el: lxml.html.HtmlElement, in_sequence: bool, headed: bool) -> bool:
        """Whether `el` (outside every entry) opens one.

        Found from a header; an entry tag or class; any like child of a list classed as the
        item list; a `li` of a Kallelse/Protokoll tab, of a classed list, or, on a page where
        no header showed where the entries are, of any list that shows more than links (but
        not in a tab made of headings, where lists are content).
        """
        if el in self.starts:
            return True
        if headed and el.tag == "li":
            return False
        if el.tag in P.HTML_ENTRY_TAGS or classes(el) & _ENTRY_CLASSES:
            return True
        parent = el.getparent()
        if parent is None:
            return False
        if el.tag != "li":
            holder = parent.getparent() if parent.tag == "tbody" else parent
            marked = (holder.get("class") or "").lower() if holder is not None else ""
            return el.tag in _ENTRY_LIKE and any(w in marked for w in P.HTML_LIST_CONTEXT)
        context = f"{parent.get('class', '')} {parent.get('id', '')}".lower()
        return (
            in_sequence
            or any(word in context for word in P.HTML_LIST_CONTEXT)
            or (not self.starts and self._content_list(parent))
        )

    def _content_list(self, parent: lxml.html.HtmlElement) -> bool:
        """A list that shows more than links: its items are entries, as a text rendering's
        top-level bullets are (the last resort, for pages without a visible header). A list
        of links only is navigation."""
        known = self.lists.get(parent)
        if known is None:
            known = any(not only_links(li) for li in parent if li.tag == "li")
            self.lists[parent] = known
        return known


def is_header_element(el: lxml.html.HtmlElement) -> bool:
    """A leaf whose whole text is an item number, or a heading `2. Title` / `§ 17 Title`."""
    if not isinstance(el.tag, str):
        return False
    text = el.text
    if len(el) == 0 and text and len(text) <= _HEADER_CHARS and P.HEADER_ONLY_RE.match(clean(text)):
        return True
    if el.tag == "dt":
        return titled_term(el) is not None
    return el.tag in _HEADINGS and bool(P.HEADER_TITLED_RE.match(clean(el.text_content())))


def titled_term(el: lxml.html.HtmlElement) -> Block | None:
    """The header a `<dt>2. Title</dt>` (text only) is: a term heads its definition."""
    if el.tag != "dt" or len(el) or not el.text:
        return None
    titled = P.HEADER_TITLED_RE.match(clean(el.text))
    if titled is None:
        return None
    return Block(
        "header", titled["title"], number=int(titled["num"]), paragraph=bool(titled["para"])
    )


def _sequence_container(el: lxml.html.HtmlElement) -> bool:
    ident = (el.get("id") or "").lower()
    return ident in P.HTML_MINUTES_IDS or ident in P.HTML_AGENDA_IDS


def find_entries(root: lxml.html.HtmlElement) -> EntryElements:
    found = EntryElements()
    headers = [el for el in root.iter() if is_header_element(el)]
    if not headers:
        return found
    # how many headers each element holds: one climb per header (no subtree rescans)
    held: Counter[lxml.html.HtmlElement] = Counter()
    for header in headers:
        held[header] += 1
        for ancestor in header.iterancestors():
            held[ancestor] += 1
    tags: dict[lxml.html.HtmlElement, Counter[str]] = {}
    for header in headers:
        entry = _entry_of(header, held, tags)
        if entry is None or entry in found.starts:
            continue
        parent = entry.getparent()
        assert parent is not None  # _entry_of only returns elements with a parent
        for sibling in parent:
            if sibling.tag == entry.tag:
                found.starts.add(sibling)
            elif entry.tag == "dt" and sibling.tag == "dd":
                found.continuations.add(sibling)
    return found


def _entry_of(
    header: lxml.html.HtmlElement,
    held: Counter[lxml.html.HtmlElement],
    tags: dict[lxml.html.HtmlElement, Counter[str]],
) -> lxml.html.HtmlElement | None:
    """The nearest ancestor of `header` with like siblings and no other header (a `dt` header
    is the entry itself)."""
    if header.tag == "dt":
        return header if header.getparent() is not None else None
    el = header.getparent()
    while el is not None:
        parent = el.getparent()
        if parent is None or _sequence_container(el):
            return None
        if held.get(el, 0) > 1:
            return None
        if parent not in tags:
            tags[parent] = Counter(str(s.tag) for s in parent)
        if tags[parent][str(el.tag)] >= 2:
            return el
        el = parent
    return None
