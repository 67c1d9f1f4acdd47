"""Case numbers (diarienummer): the one grammar for finding them and one key for comparing them.

Why: a case travels from a committee to the executive board to the assembly, and its case
number is the only thread through those meetings. Organisations write it in different shapes:

    HSN/203/2019   RS/2147/2018     prefix / number / year
    RS 912-2025                     prefix, space, number - year
    KS 2024/123                     prefix, space, year / number
    STK-2021-1599  SBN-2023-424     prefix - year - number

The prefix is the body or office (2-6 capitals). Law and report references (`HSL 2017:30`,
`SOU 2020:19`) use a colon and are not case numbers; neither is a body and a date
(`SVOM 2019-02-15`), because the year must have four digits and stand last or right after the
prefix's dash. `case_key` reduces every shape to prefix, year and number, so `/arende rs
912-2025` finds `RS 912-2025` however a document spelled it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = r"(?:19|20)\d{2}"
_PREFIX = r"[A-ZÅÄÖ]{2,6}"
_NUM = r"\d{1,6}"
CASE_NUMBER_RE = re.compile(
    rf"(?<![\w/-])(?P<prefix>{_PREFIX})"
    rf"(?:/(?P<n1>{_NUM})/(?P<y1>{_YEAR})"  # HSN/203/2019
    rf"| (?P<n2>{_NUM})-(?P<y2>{_YEAR})"  # RS 912-2025
    rf"| (?P<y3>{_YEAR})/(?P<n3>{_NUM})"  # KS 2024/123
    rf"|-(?P<y4>{_YEAR})-(?P<n4>{_NUM}))"  # STK-2021-1599
    r"(?![\w/-]|[.:]\d)"
)


@dataclass(frozen=True, slots=True)
class CaseNumber:
    """A case number as written (`text`) and its comparison key (`key`)."""

    text: str
    key: str


def _key(match: re.Match[str]) -> str:
    groups = match.groupdict()
    number = next(groups[f"n{i}"] for i in range(1, 5) if groups[f"n{i}"] is not None)
    year = next(groups[f"y{i}"] for i in range(1, 5) if groups[f"y{i}"] is not None)
    return f"{match['prefix']}-{year}-{int(number)}"


def find_case_numbers(*texts: str | None) -> list[CaseNumber]:
    """Every case number in `texts`, in order of first appearance, one per key."""
    found: dict[str, CaseNumber] = {}
    for text in texts:
        for match in CASE_NUMBER_RE.finditer(text or ""):
            key = _key(match)
            if key not in found:
                found[key] = CaseNumber(match.group(), key)
    return list(found.values())


def case_numbers(*texts: str | None) -> list[str]:
    """The case numbers of `texts` as written, first appearance first, without duplicates."""
    return [c.text for c in find_case_numbers(*texts)]


def case_key(text: str) -> str | None:
    """The key of the one case number a user typed (`hsn/203/2019`, `RS 912-2025`), or None."""
    cleaned = " ".join(text.split())
    match = CASE_NUMBER_RE.fullmatch(cleaned.upper())
    return _key(match) if match else None
