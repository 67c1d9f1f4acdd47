"""The header of an agenda outside Meetings Plus: date, time, place and body from its preamble.

Why: a kallelse, a municipal web page or a republishing portal puts the meeting's facts above
its items in its own way: labels with their values on the same line or the next (`Datum`,
`Klockan 18:00`, `Plats` / `Östermalmsskolans aula`; `Dag:` / `Tisdag den 02 september 2003`;
`Sammanträdestid Måndag 9.10.2023 kl. 19.00`, `Sammanträdesplats …`), a title that names the
meeting (`Sammanträde 2006-04-20`, `Föredragningslista till landstingsstyrelsens sammanträde`,
`Kommunfullmäktiges sammanträdeskallelse`), a breadcrumb trail, a time with the place on the
line after it (also after an empty end time, `15:30 -`). A label whose value is missing
(`Datum` followed by `Klockan`) gives nothing. Only the lines before the first item are read;
when they hold no date, a labelled date anywhere in the text is taken (a protokoll's `Datum
fredagen den 20 maj 2005` after its list of §). Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from agenda import patterns as P
from agenda.parse.blocks import Block
from agenda.parse.header import Header

#: Lines of the preamble read at most (a page's chrome can be long; the header is near the top).
_SCAN = 60
_PLACE_MAX = 120
_NAME_MAX = 80
_LABELLED_DATE_RE = re.compile(
    r"\b(?:datum|dag|sammanträdesdatum|sammanträdestid)\b\s*:?\s*(?P<rest>.{0,60})", re.I
)


def parse_date(text: str) -> date | None:
    """The first date in `text` (`2024-06-19`, `9.10.2023`, `10 februari 2009`)."""
    found: list[tuple[int, date]] = []
    for pattern in (P.ISO_DATE_RE, P.DOTTED_DATE_RE, P.WORDED_DATE_RE):
        match = pattern.search(text)
        if match is None:
            continue
        month = match.groupdict().get("month")
        number = P.MONTHS.index(month.lower()) + 1 if month else int(match["m"])
        try:
            found.append((match.start(), date(int(match["y"]), number, int(match["d"]))))
        except ValueError:
            continue
    return min(found)[1] if found else None


def _time(raw: str | None) -> time | None:
    if not raw:
        return None
    hours, minutes = raw.replace(".", ":").split(":")
    try:
        return time(int(hours), int(minutes))
    except ValueError:
        return None


@dataclass(slots=True)
class _Reading:
    header: Header
    pending: str | None = None  # a label seen alone, waiting for its value
    place_next: bool = False  # a time was read without a place: the next line may be it

    def label(self, label: str, value: str | None) -> bool:
        """Read a labelled value; False when the label is not one of the header's."""
        label = label.lower()
        if value is None:
            self.pending = label
            return True
        if "datum" in label or label.endswith("dag"):
            self._date(value)
        if "tid" in label or label.startswith("kl"):
            self._date(value)
            self._times(value, place_follows=False)
        if "plats" in label or "lokal" in label:
            place = P.TIME_SPAN_RE.sub("", value).strip(" ,") if "tid" in label else value
            if place and self.header.place is None and len(place) <= _PLACE_MAX:
                self.header.place = place
        return True

    def _date(self, value: str) -> None:
        if self.header.date is None:
            self.header.date = parse_date(value)

    def _times(self, value: str, place_follows: bool) -> bool:
        match = P.TIME_SPAN_RE.search(value)
        if match is None or self.header.start is not None:
            return False
        start, end = _time(match["start"]), _time(match["end"])
        self.header.start = start
        self.header.end = end if end is not None and start is not None and end > start else None
        rest = value[match.end() :].strip(" ,")
        if rest and place_follows and self.header.place is None and len(rest) <= _PLACE_MAX:
            self.header.place = rest
        self.place_next = self.header.place is None
        return True


def _body_from_title(text: str) -> str | None:
    match = P.BODY_NAME_RE.search(text)
    if match is None:
        return None
    name = match["name"]
    return name[0].upper() + name[1:]


def _breadcrumb_body(trail: str) -> str | None:
    crumbs = [c.strip() for c in re.split(r"\s*[>»/›]\s*", trail) if c.strip()]
    for crumb in reversed(crumbs):
        if P.BODY_NAME_RE.search(crumb) and len(crumb) <= _NAME_MAX:
            return str(crumb)
    return None


def _read_line(reading: _Reading, text: str) -> None:
    header = reading.header
    if reading.pending is not None:
        pending, reading.pending = reading.pending, None
        if not P.HEADER_LABEL_RE.match(text):
            reading.label(pending, text)
            return
    if reading.place_next:
        reading.place_next = False
        if header.place is None and len(text) <= _PLACE_MAX and not _informative(text):
            header.place = text
            return
    if crumbs := P.BREADCRUMB_RE.match(text):
        header.body_name = header.body_name or _breadcrumb_body(crumbs["trail"])
        return
    if labelled := P.HEADER_LABEL_RE.match(text):
        reading.label(labelled["label"], labelled["value"])
        return
    if P.MEETING_TITLE_RE.match(text) or header.date is None:
        found = parse_date(text)
        if found and header.date is None and len(text) <= _PLACE_MAX:
            header.date = found
            reading._times(text, place_follows=False)
        if header.body_name is None and P.MEETING_TITLE_RE.match(text):
            header.body_name = _body_from_title(text)
        if found:
            return
    if header.date is not None and header.start is None and P.TIME_SPAN_RE.match(text):
        reading._times(text, place_follows=True)


def _informative(text: str) -> bool:
    """A line that says something else than a place (a label, a date, a sentence)."""
    return bool(
        P.HEADER_LABEL_RE.match(text) or parse_date(text) or text.endswith((".", "!", "?", ":"))
    )


def read_preamble(blocks: list[Block], text: str) -> Header:
    """The header from the lines before the first item (and a labelled date in `text`)."""
    reading = _Reading(Header())
    for block in blocks[: _SCAN * 2]:
        if block.kind in {"header", "entry"}:
            break
        if block.kind == "line":
            _read_line(reading, block.text)
    header = reading.header
    if header.date is None:
        for match in _LABELLED_DATE_RE.finditer(text):
            header.date = parse_date(match["rest"])
            if header.date is not None:
                break
    return header
