"""Plausible HTML markups of real meeting pages, as hypothesis strategies, and what they hold.

Why: nobody here has seen the portal's item markup, only text renderings of real pages. So the
real pages (the seeds and `pages/`) are read back into their visible structure (header lines;
entries with a number or `§`, a title, text lines, `Bilagor`) by a reader that knows nothing of
the parser, and drawn as HTML in the ways such a page could be marked up: entries as list items,
divs, articles, sections, table rows or definition lists; number and title in one element or
two; `Bilagor` as a heading with a list or a div, a paragraph with its links, `Bilagor` glued to
the last paragraph's text and followed by the links, a table row or a box;
agenda and minutes in tabs, in titled sections or one after the other; random wrappers,
attributes, comments and whitespace. The tests compare what the parser gives back with the
structure the page was drawn from.

Assumption (stated, not hidden): a page whose entries show no item header at all marks its
item list somehow (a list element, an entry class, or a tab); without any of these, nothing in
the markup says where one entry ends, for a reader or for a parser.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import escape

from hypothesis import strategies as st

from tests.fixtures import FIXTURES, seed_text

MARKER = re.compile(r"^(?P<indent> *)(?:•|\d{1,3}\.)(?=\s|$)[ \u00a0]*(?P<rest>.*)$")
HEADER_ONLY = re.compile(r"^(?P<para>§ ?)?(?P<num>\d{1,3})$")
CHROME = ("Hoppa över navigering", "Vi använder cookies", "Det finns ingen information att visa")
#: seed → (meeting URL path, index of the first minutes entry or None)
SEEDS = {
    "000": ("/committees/halso-och-sjukvardsnamnden/mote-2019-03-27", None),
    "001": ("/committees/regionstyrelsen/mote-2017-12-12", None),
    "002": ("/committees/sociala-vard-och-omsorgsgruppen/mote-2020-12-11", 0),
    "004": ("/committees/sociala-vard-och-omsorgsgruppen/mote-2023-05-26", 9),
}


@dataclass
class Entry:
    number: int | None = None
    paragraph: bool = False
    title: str | None = None
    lines: list[str] = field(default_factory=list)
    bilagor: bool = False


@dataclass
class Page:
    name: str
    url: str
    header: list[str]
    entries: list[Entry]
    minutes_start: int | None


def norm(line: str) -> str:
    return " ".join(line.replace("\u200b", "").split())


def read_rendering(name: str, text: str, url: str, minutes_start: int | None) -> Page:
    """A text rendering's visible structure: top-level markers open entries, `Bilagor` closes."""
    lines = text.split("\n")
    top = next(m["indent"] for line in lines if (m := MARKER.match(line)))
    header: list[str] = []
    entries: list[Entry] = []
    current: Entry | None = None
    for raw in lines:
        line = norm(raw)
        if not line or line.startswith(CHROME):
            continue
        match = MARKER.match(raw)
        if match and match["indent"] == top:
            current = Entry()
            entries.append(current)
            rest = norm(match["rest"])
            number = HEADER_ONLY.match(rest)
            if number:
                current.number, current.paragraph = int(number["num"]), bool(number["para"])
            elif rest:
                current.lines.append(rest)
        elif current is None:
            header.append(line)
        elif line == "Bilagor":
            current.bilagor = True
        elif current.bilagor:
            current = Entry(lines=[line])
            entries.append(current)
        elif current.number is not None and current.title is None and not current.lines:
            current.title = line
        else:
            current.lines.append(line)
    return Page(name, url, header, entries, minutes_start)


def real_pages() -> list[Page]:
    pages = []
    for seed, (path, split) in SEEDS.items():
        text = seed_text(seed)
        url = f"https://forum.regionjh.se{path}"
        pages.append(read_rendering(f"seed {seed}", text, url, split))
    index = json.loads((FIXTURES / "pages" / "index.json").read_text("utf-8"))
    for item in sorted(index, key=lambda e: e["file"]):
        text = (FIXTURES / "pages" / item["file"]).read_text("utf-8")
        pages.append(read_rendering(item["file"], text, item["url"], None))
    return pages


# --- drawing ----------------------------------------------------------------------------------

CONTAINERS = ("ul", "ol", "div", "article", "section", "table", "dl")
SEQUENCES = ("tabs", "sections", "one_after_the_other", "one_list")
BILAGOR = ("heading_list", "heading_div", "glued", "table_row", "box")
HEADINGS = ("h2", "h3", "h4")


def attachment_titles(page: Page) -> list[str]:
    return [t for i, e in enumerate(page.entries) if e.bilagor for t in _links(i)]


def _links(index: int) -> list[str]:
    return [f"Tjänsteskrivelse {index}", f"Bilaga {index}"]


@st.composite
def _attrs(draw: st.DrawFn) -> str:
    names = draw(st.lists(st.sampled_from(("data-id", "class", "role", "hidden-x")), max_size=2))
    return "".join(f' {n}="{draw(st.sampled_from(("x", "wrap", "c-1", "")))}"' for n in names)


@st.composite
def _gap(draw: st.DrawFn) -> str:
    """Whitespace and comments between elements."""
    parts = draw(st.lists(st.sampled_from(("", " ", "\n  ", "<!-- x -->", "\t")), max_size=2))
    return "".join(parts)


def _number_label(entry: Entry) -> str:
    return f"§ {entry.number}" if entry.paragraph else str(entry.number)


@st.composite
def _header_html(draw: st.DrawFn, entry: Entry, cell: bool) -> str:
    """Number and title: one element (`2. Title`) or two (number element, title element)."""
    if entry.number is None:
        return ""
    title = escape(entry.title or "")
    label = _number_label(entry)
    if cell:
        return f"<td>{escape(label)}</td><td><strong>{title}</strong>"
    if entry.title and draw(st.booleans()):
        tag = draw(st.sampled_from(HEADINGS))
        sep = " " if entry.paragraph else ". "
        return f"<{tag}>{escape(label)}{sep}{title}</{tag}>"
    num_tag = draw(st.sampled_from(("span", "strong", *HEADINGS)))
    cls = ' class="item-number"' if draw(st.booleans()) else ""
    head = f"<{num_tag}{cls}>{escape(label)}</{num_tag}>{draw(_gap())}"
    if entry.title:
        title_tag = draw(st.sampled_from(("span", "strong", "p", "div", *HEADINGS)))
        head += f"<{title_tag}>{title}</{title_tag}>"
    return head


def _line_html(line: str, tag: str) -> str:
    if line.startswith("• "):
        return f"<ul><li>{escape(line[2:])}</li></ul>"
    return f"<{tag}>{escape(line)}</{tag}>"


@st.composite
def _bilagor_html(draw: st.DrawFn, index: int, in_table: bool) -> str:
    style = draw(st.sampled_from(BILAGOR))
    links = [
        f'<a href="/doc/{index}-{k}pdf?downloadMode=open">{escape(t)}</a>'
        for k, t in enumerate(_links(index))
    ]
    heading = draw(st.sampled_from(HEADINGS))
    if style == "heading_list":
        items = "".join(f"<li>{a}</li>" for a in links)
        return f"<{heading}>Bilagor</{heading}><ul>{items}</ul>"
    if style == "heading_div":
        return f"<{heading}>Bilagor</{heading}><div>{' '.join(links)}</div>"
    if style == "glued":
        return f"<p>Bilagor: {', '.join(links)}</p>"
    if style == "table_row" or in_table:
        rows = f"<tr><th>Bilagor</th><td>{'<br>'.join(links)}</td></tr>"
        return rows if in_table else f"<table>{rows}</table>"
    items = "".join(f"<li>{a}</li>" for a in links)
    return f'<div class="attachments"><h4>Bilagor</h4><ul>{items}</ul></div>'


@st.composite
def _entry_html(draw: st.DrawFn, entry: Entry, index: int, container: str) -> str:
    line_tag = draw(st.sampled_from(("p", "div")))
    lines = entry.lines
    bilagor = draw(_bilagor_html(index, in_table=False)) if entry.bilagor else ""
    if bilagor and lines and not lines[-1].startswith("• ") and draw(st.booleans()):
        # `Bilagor` glued to the last paragraph, as renderings show it, then the links
        glued = f"<{line_tag}>{escape(lines[-1])}Bilagor</{line_tag}>"
        links = "".join(
            f'<li><a href="/d/{index}-{k}">{escape(t)}</a></li>'
            for k, t in enumerate(_links(index))
        )
        bilagor, lines = f"{glued}<ul>{links}</ul>", lines[:-1]
    body = "".join(_line_html(line, line_tag) for line in lines)
    if container == "table":
        head = draw(_header_html(entry, cell=True)) or "<td></td><td>"
        return f"<tr{draw(_attrs())}>{head}{body}{bilagor}</td></tr>"
    if container == "dl":
        head = draw(_header_html(entry, cell=False))
        return f"<dt>{head}</dt>{draw(_gap())}<dd>{body}{bilagor}</dd>"
    tag = {"ul": "li", "ol": "li", "div": "div", "article": "article", "section": "section"}[
        container
    ]
    cls = ' class="agenda-item"' if draw(st.booleans()) else ""
    inner = draw(_header_html(entry, cell=False)) + draw(_gap()) + body
    if bilagor:
        inner += draw(_gap()) + bilagor
    return f"<{tag}{cls}{draw(_attrs())}>{inner}</{tag}>"


@st.composite
def _list_html(draw: st.DrawFn, page: Page, start: int, end: int, context: str) -> str:
    """One item list: the entries start..end in one container."""
    container = draw(st.sampled_from(CONTAINERS))
    entries = page.entries[start:end]
    if not any(e.number is not None for e in entries) and container not in {"ul", "ol"}:
        context = context or "agenda-list"  # the stated assumption: the list is marked somehow
    inner = "".join(
        draw(_gap()) + draw(_entry_html(e, start + i, container)) for i, e in enumerate(entries)
    )
    cls = f' class="{context}"' if context else ""
    if container == "table":
        return f"<table{cls}><tbody>{inner}</tbody></table>"
    outer = {"ul": "ul", "ol": "ol", "dl": "dl"}.get(container, "div")
    return f"<{outer}{cls}{draw(_attrs())}>{inner}</{outer}>"


@st.composite
def _wrapped(draw: st.DrawFn, html: str) -> str:
    for _ in range(draw(st.integers(0, 3))):
        tag = draw(st.sampled_from(("div", "section", "span", "main")))
        if tag == "span":
            tag = "div"
        html = f"<{tag}{draw(_attrs())}>{draw(_gap())}{html}{draw(_gap())}</{tag}>"
    return html


@st.composite
def _sequences_html(draw: st.DrawFn, page: Page) -> str:
    count = len(page.entries)
    split = page.minutes_start
    context = draw(st.sampled_from(("", "agenda-list", "items")))
    if split is None:
        return draw(_wrapped(draw(_list_html(page, 0, count, context))))
    style = draw(st.sampled_from(SEQUENCES))
    if style == "one_list":
        return draw(_wrapped(draw(_list_html(page, 0, count, context))))
    agenda = (
        draw(_list_html(page, 0, split, context))
        if split
        else "<p>Ingen agenda har publicerats</p>"
    )
    minutes = draw(_list_html(page, split, count, context))
    if style == "tabs":
        return f'<div id="agenda">{agenda}</div>{draw(_gap())}<div id="protocol">{minutes}</div>'
    if style == "sections":
        heading = draw(st.sampled_from(HEADINGS))
        return (
            f"<section><{heading}>Kallelse</{heading}>{agenda}</section>"
            f"<section><{heading}>Protokoll</{heading}>{minutes}</section>"
        )
    return draw(_wrapped(agenda)) + draw(_gap()) + draw(_wrapped(minutes))


def _page_header(page: Page, body_first: bool) -> str:
    if len(page.header) < 3:
        return "".join(f"<p>{escape(line)}</p>" for line in page.header)
    date, name, when = page.header[:3]
    if body_first:
        return f"<header><h1>{escape(name)}</h1><p>{escape(date)}</p><p>{escape(when)}</p></header>"
    return f"<div><h1>{escape(date)}</h1><p>{escape(name)}</p><p>{escape(when)}</p></div>"


SIDE_MENU = (
    '<div class="side-menu"><ul><li><a href="/committees/x/mote-2017-11-14">Möte 2017-11-14</a>'
    "</li></ul></div>"
)


@st.composite
def page_html(draw: st.DrawFn, page: Page) -> str:
    """The whole page: chrome, header, the item lists, more chrome."""
    skip = '<a class="skip-link" href="#main">Hoppa över navigering</a>'
    nav = '<nav><a href="/committees">Nämnder</a></nav>' if draw(st.booleans()) else ""
    side = draw(st.sampled_from(("", "before", "after")))
    main = _page_header(page, draw(st.booleans())) + draw(_gap()) + draw(_sequences_html(page))
    cookie = '<div class="cookie-banner">Vi använder cookies på denna webbplats.</div>'
    return (
        "<!DOCTYPE html><html><head><title>Möte</title><script>var x = 1;</script></head><body>"
        f"{skip}{nav}{SIDE_MENU if side == 'before' else ''}<main>{main}</main>"
        f"{SIDE_MENU if side == 'after' else ''}<footer>Kontakt</footer>{cookie}</body></html>"
    )
