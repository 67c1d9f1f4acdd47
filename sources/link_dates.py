"""Meeting dates as listing pages and file names write them: `2024-06-19`, `19 juni 2024`,
`den 9 okt. 2023`, `9.10.2023`, `19/6 2024`, `kallelse_20240619.pdf`, `…-9-10-2023-kl-19-00`.

Why: a webpage source learns a meeting's date from its link when the document does not say it
(or says it in a shape the reader does not know yet). Only whole dates count: a day and month
without a year (`19 juni`) is not guessed, a number that is no calendar date (`2024-13-40`,
a case number's `2024/123`) is none, a date that says when the page or the minutes were handled
(`Publicerad 2024-06-10`, `justerat 2024-06-25`, `uppdaterad …`) is not a meeting's, and
`all_dates` lets a caller refuse a text that names several. Written by hand: date libraries
(dateparser) guess from partial input and pull in large language tables, where a listing needs a
few exact Swedish shapes and no guessing.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEP = r"[\s_\-]+"
_END = r"(?![0-9A-Za-zÅÄÖåäö])"  # `1.2.2024b` is a version, not a date
# Each shape names its groups y, m (number) or mon (name), d.
_SHAPES = [
    re.compile(rf"(?<!\d)(?P<y>(?:19|20)\d\d)[-_.](?P<m>\d\d?)[-_.](?P<d>\d\d?){_END}"),
    re.compile(rf"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d){_END}"),
    re.compile(
        rf"(?<!\d)(?P<d>\d\d?)(?::[ae])?\.?{_SEP}(?P<mon>{_MONTH})\.?,?{_SEP}"
        rf"(?P<y>(?:19|20)\d\d){_END}",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<![\d.])(?P<d>\d\d?)\.(?P<m>\d\d?)\.(?P<y>(?:19|20)\d\d){_END}"),
    re.compile(rf"(?<![\d/])(?P<d>\d\d?)/(?P<m>\d\d?)(?:[-/]|\s+)(?P<y>(?:19|20)\d\d){_END}"),
    re.compile(rf"(?<!\d)(?P<d>\d\d?)-(?P<m>\d\d?)-(?P<y>(?:19|20)\d\d){_END}"),
]


# A date right after one of these words is when something was done to the document.
_HANDLED_RE = re.compile(
    r"(?:publicera|uppdatera|ändra|justera|anslag|inkom|upprätta|senast)\w*\W{0,3}(?:den\s+)?$",
    re.IGNORECASE,
)


def _at(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    month = MONTHS[groups["mon"].casefold()] if groups.get("mon") else int(groups["m"])
    try:
        return date(int(groups["y"]), month, int(groups["d"]))
    except ValueError:
        return None


def _found(text: str) -> list[tuple[int, date]]:
    """(position, date) of every whole date in `text` (a shape that is no date is skipped)."""
    found: list[tuple[int, date]] = []
    taken: list[range] = []
    for shape in _SHAPES:
        for match in shape.finditer(text):
            span = range(match.start(), match.end())
            if any(span.start < t.stop and t.start < span.stop for t in taken):
                continue  # part of a date already read (`2024-06-19` is not also `06-19-…`)
            day = _at(match)
            if day is not None and not _HANDLED_RE.search(
                text[max(0, span.start - 40) : span.start]
            ):
                found.append((match.start(), day))
                taken.append(span)
    return sorted(found, key=lambda f: f[0])


def first_date(text: str | None) -> date | None:
    """The first whole date written in `text`, else None."""
    found = _found(text or "")
    return found[0][1] if found else None


def all_dates(text: str | None) -> set[date]:
    """Every distinct whole date written in `text`."""
    return {day for _, day in _found(text or "")}
