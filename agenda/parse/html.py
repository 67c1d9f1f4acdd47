"""HTML → blocks, for any plausible Meetings Plus markup (lists, articles, headings, tables).

Why: nobody has seen the portal's real item markup, so this does not select one structure. It
walks the DOM the way a text renderer would (block elements → lines, nested list items →
`• ` lines, table rows → one line each) and only marks what the entry parser needs: where a
top-level entry starts (`html_entries.py`), item numbers (an element holding only `2` or
`§ 17`, `.item-number`, or a heading `2. Title`), `Bilagor` with its links (`html_bilagor.py`),
and the Kallelse/Protokoll tab an entry sits in. Nothing visible is dropped but by a named
rule (chrome lines, navigation-only lines, lines outside the item lists before or after
them). Element identity is the element itself, never `id()` of an lxml proxy. All
selectors are in `agenda.patterns`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import lxml.html
from lxml import etree

from agenda import patterns as P
from agenda.parse.blocks import (
    Block,
    clean,
    content_blocks,
    header_block,
    is_chrome,
    notice_block,
)
from agenda.parse.errors import ParseError
from agenda.parse.html_bilagor import bilagor
from agenda.parse.html_dom import (
    classes,
    elements,
    is_nav_link,
    minutes_url,
)
from agenda.parse.html_entries import EntryElements, find_entries, titled_term

_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_BLOCK_TAGS = _HEADINGS | {
    *("p", "div", "li", "ul", "ol", "table", "thead", "tbody", "tfoot", "tr", "section"),
    *("article", "main", "header", "aside", "dl", "dt", "dd", "blockquote", "pre", "form"),
    *("fieldset", "figure", "figcaption", "body", "html"),
}
_LISTS = frozenset(("ul", "ol"))
_CELLS = frozenset(("td", "th"))
_NUMBER_CLASSES = frozenset(P.HTML_NUMBER_CLASSES)
#: The indent a text rendering gives each level of a nested list.
_LIST_INDENT = 4
_TITLE_CLASSES = frozenset(P.HTML_TITLE_CLASSES)


@dataclass(slots=True)
class PageFacts:
    """What the page says outside its entries."""

    marked: bool = False
    minutes_url: str | None = None
    skipped_links: list[str] = field(default_factory=list)  # malformed hrefs left out


def html_to_blocks(text: str, url: str | None) -> tuple[list[Block], PageFacts]:
    """Parse HTML into blocks plus page facts (Meetings Plus markers, minutes link)."""
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError("the HTML cannot be parsed") from exc
    skipped: list[str] = []
    facts = PageFacts(
        marked=bool(
            P.MEETINGS_PLUS_MARKER_RE.search(text) or elements(root, P.HTML_MEETINGS_PLUS_XPATH)
        ),
        minutes_url=minutes_url(root, url, skipped),
        skipped_links=skipped,
    )
    for el in elements(root, P.HTML_DROP_XPATH):
        if el.getparent() is not None:
            el.drop_tree()
    walker = _Walker(url, find_entries(root), skipped)
    body = root.find("body")
    try:
        walker.walk(body if body is not None else root, 0)
    except RecursionError as exc:
        raise ParseError("the HTML is nested too deeply to be a meeting page") from exc
    walker.flush()
    return walker.finish(), facts


@dataclass(slots=True)
class _Walker:
    """Depth-first DOM walk that accumulates inline text and emits blocks at block boundaries."""

    base: str | None
    found: EntryElements
    skipped_links: list[str]
    blocks: list[Block] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    prefix: str = ""
    in_entry: bool = False
    in_sequence: bool = False
    entry_started: bool = False
    tabs: bool = False
    #: Items are headings followed by their text (no containers): lists are their content.
    headed: bool = False
    #: Elements already read by a neighbour (the list after a `Bilagor` heading). Keyed on the
    #: elements themselves: holding them keeps lxml's proxies alive, so identity is stable
    #: (an `id()` of a proxy is reused once lxml frees it).
    skip: set[lxml.html.HtmlElement] = field(default_factory=set)
    #: Open elements, the parents of item containers, and for each line emitted outside an
    #: item the innermost element open when it was emitted.
    stack: list[lxml.html.HtmlElement] = field(default_factory=list)
    regions: set[lxml.html.HtmlElement] = field(default_factory=set)
    outside: list[tuple[int, lxml.html.HtmlElement | None]] = field(default_factory=list)
    #: The last entry element opened, and the last `dd` read as its continuation.
    opened: lxml.html.HtmlElement | None = None
    continued: lxml.html.HtmlElement | None = None
    ordinals: dict[lxml.html.HtmlElement, int] = field(default_factory=dict)
    #: The buffered line has text from navigation links / from anything else.
    nav_text: bool = False
    other_text: bool = False
    #: How deep in nested lists the buffered line is (a text rendering's indent of it).
    level: int = 0

    def emit(self, block: Block) -> None:
        if block.kind == "line" and not self.in_entry:
            self.outside.append((len(self.blocks), self.stack[-1] if self.stack else None))
        self.blocks.append(block)
        if block.kind in {"line", "header"}:
            self.entry_started = True

    def finish(self) -> list[Block]:
        """The blocks, with the page chrome around the item lists marked `loose`.

        Rule "outside the items": when the page has item lists, a line outside all of them
        that comes before the first or after the last item content is header or chrome
        (side menus, contact boxes). A line between items is content: it is never dropped.
        """
        if not self.regions:
            return self.blocks
        outside = [(i, not self._in_region(el)) for i, el in self.outside]
        out_of_lists = {i for i, out in outside if out}
        inside = [i for i, b in enumerate(self.blocks) if b.kind != "line" or i not in out_of_lists]
        first = next((i for i, b in enumerate(self.blocks) if b.kind == "entry"), len(self.blocks))
        last = max(
            (i for i in inside if self.blocks[i].kind not in {"sequence", "notice"}), default=-1
        )
        for index in out_of_lists:
            if index < first or index > last:
                self.blocks[index] = replace(self.blocks[index], loose=True)
        return self.blocks

    def _in_region(self, el: lxml.html.HtmlElement | None) -> bool:
        while el is not None:
            if el in self.regions:
                return True
            el = el.getparent()
        return False

    def text(self, text: str) -> None:
        self.buffer.append(text)
        if not self.other_text and any(c.isalnum() for c in text):
            self.other_text = True

    def flush(self) -> None:
        text = clean("".join(self.buffer))
        self.buffer.clear()
        nav_only = self.nav_text and not self.other_text
        self.nav_text = self.other_text = False
        if not text or is_chrome(text) or nav_only:
            return
        notice = notice_block(text)
        if notice:
            self.emit(notice)
            return
        text, self.prefix = self.prefix + text, ""
        for block in content_blocks(text):
            self.emit(replace(block, indent=_LIST_INDENT * self.level) if self.level else block)

    def walk(self, el: lxml.html.HtmlElement, depth: int) -> None:
        if el in self.skip or not isinstance(el.tag, str):
            return
        if not self.in_entry and is_nav_link(el):
            self.buffer.append(el.text_content())
            self.nav_text = True
            return
        self.stack.append(el)
        if not self._special(el, depth):
            self._generic(el, depth)
        self.stack.pop()

    def _children(self, el: lxml.html.HtmlElement, depth: int) -> None:
        if el.text:
            self.text(el.text)
        for child in el:
            self.walk(child, depth)
            if child.tail:
                self.text(child.tail)

    def _generic(self, el: lxml.html.HtmlElement, depth: int) -> None:
        tag = el.tag
        block = tag in _BLOCK_TAGS
        if block or tag == "br":
            self.flush()
        if tag in _CELLS:
            self.buffer.append(" ")
        inner = depth + 1 if tag in _LISTS and (self.in_entry or self.headed) else depth
        self._children(el, inner)
        if block:
            self.flush()

    def _special(self, el: lxml.html.HtmlElement, depth: int) -> bool:
        handlers = (
            self._sequence,
            self._continuation,
            self._entry,
            self._number,
            self._bilagor,
            self._heading,
            self._nested_item,
        )
        return any(handler(el, depth) for handler in handlers)

    def _sequence(self, el: lxml.html.HtmlElement, depth: int) -> bool:
        ident = (el.get("id") or "").lower()
        sequence = (
            "minutes"
            if ident in P.HTML_MINUTES_IDS
            else "agenda"
            if ident in P.HTML_AGENDA_IDS
            else None
        )
        if sequence is None or self.in_entry:
            return False
        self.flush()
        self.emit(Block("sequence", sequence))
        outer, self.in_sequence = (self.in_sequence, self.headed), True
        self._children(el, depth)
        self.flush()
        self.in_sequence, self.headed = outer
        return True

    def _entry(self, el: lxml.html.HtmlElement, depth: int) -> bool:
        if self.in_entry or not self.found.is_entry(el, self.in_sequence, self.headed):
            return False
        self.flush()
        parent = el.getparent()
        if parent is not None:
            self.regions.add(parent)
        self.emit(self._entry_block(el, parent))
        self.opened = el
        self.in_entry, self.entry_started = True, False
        titled = titled_term(el)
        if titled is not None:  # `<dt>2. Title</dt>`: a term is the heading of its `dd`
            self.emit(titled)
        else:
            self._children(el, 0)
        self.flush()
        self.in_entry = False
        return True

    def _entry_block(
        self, el: lxml.html.HtmlElement, parent: lxml.html.HtmlElement | None
    ) -> Block:
        """An entry; a list item carries the marker it shows (`•`, or its number in an `ol`)."""
        if el.tag != "li" or parent is None:
            return Block("entry")
        if parent.tag != "ol":
            return Block("entry", marker="•")
        ordinal = self._ordinal(el, parent)
        return Block("entry", ordinal=ordinal, marker=f"{ordinal}.")

    def _ordinal(self, el: lxml.html.HtmlElement, parent: lxml.html.HtmlElement) -> int:
        """The number an `ol` shows for its item `el` (its `start` and `value` respected),
        counted as the walk goes (parent.index() per item is quadratic in a long list)."""
        if parent not in self.ordinals:
            start = (parent.get("start") or "1").strip()
            self.ordinals[parent] = int(start) - 1 if start.isdigit() and len(start) < 6 else 0
        value = (el.get("value") or "").strip()
        ordinal = int(value) if value.isdigit() and len(value) < 6 else self.ordinals[parent] + 1
        self.ordinals[parent] = ordinal
        return ordinal

    def _continuation(self, el: lxml.html.HtmlElement, depth: int) -> bool:
        """A `dd` after its `dt`: more of the entry the `dt` opened."""
        if self.in_entry or el.tag != "dd":
            return False
        previous = el.getprevious()
        known = previous is not None and previous in (self.opened, self.continued)
        if not (known or el in self.found.continuations):
            return False
        self.continued = el
        self.flush()
        self.in_entry = True
        self._children(el, 0)
        self.flush()
        self.in_entry = False
        return True

    def _number(self, el: lxml.html.HtmlElement, depth: int) -> bool:
        """The item number: by class, or an element holding only `2` / `§ 17` opening an entry."""
        if not self.in_entry:
            return False
        by_class = bool(classes(el) & _NUMBER_CLASSES)
        opening = not self.entry_started and len(el) == 0 and not "".join(self.buffer).strip()
        if not (by_class or (opening and header_block(clean(el.text or "")))):
            return False
        self.flush()
        text = clean(el.text_content())
        self.emit(header_block(text) or Block("line", text))
        return True

    def _bilagor(self, el: lxml.html.HtmlElement, depth: int) -> bool:
        found = bilagor(el, self.base, self.skipped_links)
        if found is None:
            return False
        if found.read is not None:
            self.skip.add(found.read)
        self.flush()
        if found.before:
            self.emit(Block("line", found.before))
        self.emit(Block("bilagor", attachments=found.links))
        return True

    def _heading(self, el: lxml.html.HtmlElement, depth: int) -> bool:
        if el.tag not in _HEADINGS and not classes(el) & _TITLE_CLASSES:
            return False
        text = clean(el.text_content())
        tab = P.HTML_TAB_TITLE_RE.match(text)
        if tab and not self.in_entry:
            self.flush()
            self.emit(Block("sequence", "minutes" if tab["minutes"] else "agenda"))
            self.tabs = True
            return True
        # `2. Title` opens an item's container, or is the item itself in a Kallelse/Protokoll
        # part that has no containers (headings followed by their text).
        opens = not self.entry_started if self.in_entry else self.in_sequence or self.tabs
        titled = P.HEADER_TITLED_RE.match(text) if opens else None
        if titled:
            self.flush()
            if not self.in_entry:
                self.emit(Block("entry"))
                self.headed = True
                parent = el.getparent()
                if parent is not None:
                    self.regions.add(parent)
            number, paragraph = int(titled["num"]), bool(titled["para"])
            self.emit(Block("header", titled["title"], number=number, paragraph=paragraph))
            return True
        return False

    def _nested_item(self, el: lxml.html.HtmlElement, depth: int) -> bool:
        """A list item inside an entry (`• ` or its number as its prefix), or an item of an
        ordered list anywhere (its number is visible)."""
        parent = el.getparent()
        if el.tag != "li" or (depth < 1 and (parent is None or parent.tag != "ol")):
            return False
        self.flush()
        if parent is not None and parent.tag == "ol":
            self.prefix = f"{self._ordinal(el, parent)}. "
        else:
            self.prefix = "• "
        outer, self.level = self.level, depth
        self._children(el, depth)
        self.flush()
        self.prefix, self.level = "", outer
        return True
