"""The meeting documents a body's web page lists: links to kallelser and protokoll, with dates.

Why: many municipalities publish a body's meetings as a list of links on their own site
(Sitevision, EPiServer, WordPress): "Kallelse 2024-06-19 (pdf)", "Protokoll 19 juni 2024",
"Sammanträde 9.10.2023". A `webpage` source reads that list. What a link is comes from its
words (its text, its title, the file name in its URL), the first such word deciding, so
"Bilaga 1 till kallelse" is an attachment and "Kallelse med bilagor" a kallelse; `protokoll` and
compounds ending in it are minutes, `protokollsutdrag` (one item's extract) is not. Its date
comes from the link itself, else from the row or list item around it when that names exactly
one date, else from the nearest heading above that names one (`<h3>19 juni 2024</h3><a>Kallelse
</a>`); a document's own date, read later, outranks all of these.

Only what looks like a meeting counts: a PDF with a kallelse or protokoll word, or a page link
with such a word and a date. Menus, news and "Kallelser och protokoll" links to other lists
have neither and are not followed. Links to another host are never followed (counted, so a
page whose documents all live elsewhere says so), and a malformed link is skipped and handed
back to be counted. These words are about listing pages, not about agenda text, so they live
here rather than in `agenda.patterns`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from sources.link_dates import all_dates, first_date
from storage.http_cache import Link

AGENDA, MINUTES = "agenda", "minutes"
_KIND_RE = re.compile(
    r"(?P<agenda>kallelse|föredragningslist|dagordning|ärendelist|kungörelse)"
    r"|(?P<minutes>protokoll(?:et)?(?!\w))"
    r"|(?P<other>bilag|tjänsteskrivels|protokollsutdrag|anslag|delegationsbeslut|yttrande"
    r"|presentation)"
    r"|(?P<meeting>(?<!\w)(?:sammanträde[nt]?|möte[nt]?|agenda)(?!\w)|handlingar)",
    re.IGNORECASE,
)
_XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*>")
_PDF_RE = re.compile(r"pdf$|(?<!\w)pdf(?!\w)", re.IGNORECASE)
_ROWS = frozenset({"li", "tr", "td", "dd", "dt", "p", "div", "article", "section"})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6, "dt": 7, "caption": 7}
_SECTION_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")  # an element holding one is no row
_ROW_LEVELS = 3  # how far up from a link its row may be
_ROW_CHARS = 1_000  # a "row" longer than this is a whole list, not one meeting's row
LABEL_CHARS = 200


class ListingError(ValueError):
    """The page is not HTML links can be read from; one human line."""


@dataclass
class Listing:
    """What a listing page gave: its meeting links, malformed hrefs, links to other hosts."""

    links: list[Link] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    offsite: int = 0  # meeting-looking links on another host (not followed)


def kind_of(*texts: str | None) -> str | None:
    """`agenda`, `minutes`, or None (an attachment, a notice, or no meeting word at all)."""
    match = _KIND_RE.search(" ".join(t for t in texts if t))
    if match is None or match.lastgroup == "other":
        return None
    return MINUTES if match.lastgroup == "minutes" else AGENDA


def file_name(url: str) -> str:
    """The last path segment, readable: `Kallelse%20KS_2024.pdf` reads `Kallelse KS 2024.pdf`."""
    segment = unquote(urlsplit(url).path.rstrip("/").rpartition("/")[2])
    return segment.replace("_", " ").replace("+", " ")


def read_listing(content: bytes, page_url: str) -> Listing:
    """The meeting links of a listing page (in page order, one per URL)."""
    if content.lstrip()[:5] == b"%PDF-":
        raise ListingError("this is a PDF, not a page that lists meetings")
    try:
        root = lxml.html.fromstring(_XML_DECLARATION_RE.sub("", _decode(content), count=1))
    except (etree.ParserError, ValueError) as exc:
        raise ListingError(f"unreadable HTML: {exc}") from None
    listing = Listing()
    found: dict[str, Link] = {}
    rows = _RowDates()
    page = _normal(urlsplit(page_url))
    host = urlsplit(page_url).netloc.casefold()
    for anchor, heading_date in _anchors(root):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        try:
            parts = urlsplit(urljoin(page_url, href))
            parts.port  # noqa: B018  (a bad port raises here)
        except ValueError:
            listing.skipped.append(href[:200])
            continue
        url = _normal(parts)
        if parts.scheme not in {"http", "https"} or url == page:
            continue
        link = _link(anchor, url, rows, heading_date)
        if link is None:
            continue
        if parts.netloc.casefold() != host:
            listing.offsite += 1
        elif url not in found or (found[url].date is None and link.date is not None):
            found[url] = link
    listing.links = list(found.values())
    return listing


def _decode(content: bytes) -> str:
    """UTF-8 (what Swedish municipal sites serve), else Windows-1252 (older ones)."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _normal(parts: tuple[str, ...]) -> str:
    """The URL without its fragment (a query names a document on many sites: kept)."""
    scheme, netloc, path, query, _fragment = parts
    return urlunsplit((scheme, netloc, path, query, ""))


def _link(
    anchor: lxml.html.HtmlElement, url: str, rows: _RowDates, heading_date: date | None
) -> Link | None:
    text = " ".join("".join(str(t) for t in anchor.itertext()).split())
    title = anchor.get("title") or anchor.get("aria-label") or ""
    name = file_name(url)
    kind = kind_of(text, title, name)
    if kind is None:
        return None
    day = first_date(text) or first_date(title) or first_date(name)
    day = day or rows.date_of(anchor) or heading_date
    is_pdf = bool(_PDF_RE.search(urlsplit(url).path) or _PDF_RE.search(text))
    if day is None and not is_pdf:
        return None  # a page link without a date: a menu entry or another list, not a meeting
    label = (text or title or name)[:LABEL_CHARS] or None
    return Link(url, kind, label, day)


def _anchors(root: lxml.html.HtmlElement) -> Iterator[tuple[lxml.html.HtmlElement, date | None]]:
    """Every <a> in page order with the date of the nearest heading above it (a heading
    without a date ends the date of the headings it ranks with or above)."""
    dated: list[tuple[int, date]] = []  # (level, date) of the headings in force
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        level = _HEADINGS.get(tag)
        if level is not None:
            dated = [(lv, d) for lv, d in dated if lv < level]
            day = first_date(_text(element))
            if day is not None:
                dated.append((level, day))
        elif tag == "a":
            yield element, dated[-1][1] if dated else None


def _text(element: lxml.html.HtmlElement) -> str:
    """An element's text with its parts apart (`<td>2024-06-19</td><td>Kallelse</td>`)."""
    return " ".join(str(t) for t in element.itertext())


class _RowDates:
    """The one date of the row (list item, table row, paragraph) a link sits in, with each
    element's text read once however many links it holds. An element too long to be one
    meeting's row, or holding a heading (a section of the page), ends the search."""

    def __init__(self) -> None:
        self._dates: dict[lxml.html.HtmlElement, set[date] | None] = {}

    def date_of(self, anchor: lxml.html.HtmlElement) -> date | None:
        for level, element in enumerate(anchor.iterancestors()):
            if level >= _ROW_LEVELS:
                break
            if element.tag not in _ROWS:
                continue
            dates = self._row(element)
            if dates is None:
                break  # a whole list: its dates are not this link's
            if dates:
                return next(iter(dates)) if len(dates) == 1 else None
        return None

    def _row(self, element: lxml.html.HtmlElement) -> set[date] | None:
        if element not in self._dates:
            text = _text(element)
            section = next(element.iter(*_SECTION_HEADINGS), None) is not None
            row = len(text) <= _ROW_CHARS and not section
            self._dates[element] = all_dates(text) if row else None
        return self._dates[element]
