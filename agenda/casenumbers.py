"""Case numbers (diarienummer): the one grammar for finding them and one key for comparing them.

Why: a case travels from a committee to the executive board to the assembly, and its case
number is the only thread through those meetings. Meeting pages, kallelse PDFs, item documents
and minutes all read case numbers with this grammar (no module has a pattern of its own).
Organisations write them in many shapes:

    HSN/203/2019   RS/2147/2018     prefix / number / year
    RS 912-2025    KS 123/2024      prefix, space, number - or / year
    KS 2024/123    KS 2021.1234     prefix, space, year / or . number
    KS/2020:123    KS-2024/123      prefix / year : number, prefix - year / number
    STK-2021-1599  SBN-2023-424     prefix - year - number
    2023/BUN 0214  2011/KS 0019 002 year / prefix number (sub-number: `2023/BUN 0203 40` too)
    CFV: 49/2015                    prefix: number / year (a Finland-Swedish office's diary)
    LS 0806-0619                    prefix yymm - number (Region Stockholm)
    KS 02-820 107                   prefix yy - number sub-number
    Dnr 2018/14    Dnr 2006-152-307 no prefix: only after a label (Dnr, Diarienummer)

The prefix is the body or office (2-6 capitals). Law and report references (`HSL 2017:30`,
`SOU 2020:19`) use a colon and are not case numbers unless a label says so (`Dnr KS 2019:12`);
neither is a body and a date (`SVOM 2019-02-15`). A number glued to the words around it (a
rendering that lost the spaces: `planenLS 0204-0163Landstingsrådsberedningens`) is still found,
and `split_title` takes it out of a title. `case_key` reduces every shape to prefix, year and
number, so `/arende rs 912-2025` finds `RS 912-2025` however a document spelled it (the keys
of the first four shapes are stored by followers and never change).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = r"(?:19|20)\d{2}"
_PREFIX = r"(?!DNR\b)[A-ZÅÄÖ]{2,6}"
_NUM = r"\d{1,6}"
#: A label that announces a case number; its own text is not part of the number.
#: (Glued to the word before it when a rendering lost the space: `…i NorrbyDnr 2018/14`.)
_LABEL = (
    r"(?:\b|(?<=[a-zåäö0-9])(?=[DÄ]))"
    r"(?i:(?:dnr|diarienummer|diarienr|diarie nr|ärendenummer|ärendenr)\b)\.?:?\s*"
)
#: Before a case number: not inside a word, a path or a dash chain, except straight after a
#: lower-case letter (a glued `…planenLS 0204-0163`).
_BEFORE = r"(?:(?<![\w/-])|(?<=[a-zåäöé0-9]))"
#: After it: not more digits, letters, parts or decimals, except a capitalised word glued on.
_AFTER = r"(?:(?![\w/-]|[.:]\d)|(?=[A-ZÅÄÖ][a-zåäö]))"
_PREFIXED = (
    rf"(?P<p1>{_PREFIX})/(?P<n1>{_NUM})/(?P<y1>{_YEAR})",  # HSN/203/2019
    rf"(?P<p2>{_PREFIX}) (?P<n2>{_NUM})[-/](?P<y2>{_YEAR})",  # RS 912-2025, KS 123/2024
    rf"(?P<p3>{_PREFIX}) ?(?P<y3>{_YEAR})[/.](?P<n3>{_NUM})",  # KS 2024/123, KS 2021.1234
    rf"(?P<p4>{_PREFIX})-(?P<y4>{_YEAR})-(?P<n4>{_NUM})",  # STK-2021-1599
    rf"(?P<p5>{_PREFIX})/(?P<y5>{_YEAR}):(?P<n5>{_NUM})",  # KS/2020:123
    # 2023/BUN 0214, 2011/KS 0019 002
    rf"(?P<y6>{_YEAR})/(?P<p6>{_PREFIX}) (?P<n6>\d{{1,6}})(?: (?P<s6>\d{{2,3}}))?",
    rf"(?P<p7>{_PREFIX}) (?P<t7>\d{{4}})-(?P<n7>\d{{4}})",  # LS 0806-0619
    rf"(?P<p8>{_PREFIX}) (?P<t8>\d{{2}})-(?P<n8>\d{{2,4}}) (?P<s8>\d{{2,4}})",  # KS 02-820 107
    rf"(?P<p13>{_PREFIX})-(?P<y13>{_YEAR})/(?P<n13>{_NUM})",  # KS-2024/123
    rf"(?P<p14>{_PREFIX}): (?P<n14>{_NUM})/(?P<y14>{_YEAR})",  # CFV: 49/2015
)
_LABELLED = (
    rf"(?P<p9>{_PREFIX}) (?P<y9>{_YEAR}):(?P<n9>{_NUM})",  # Dnr KS 2019:123
    rf"(?P<y10>{_YEAR})-(?P<n10>{_NUM})(?:-(?P<s10>\d{{1,4}}))?",  # Dnr 2006-152-307
    rf"(?P<y11>{_YEAR})/(?P<n11>{_NUM})",  # Dnr 2018/14
    rf"(?P<n12>{_NUM})/(?P<y12>{_YEAR}|\d{{2}})",  # Dnr 123/2019, Dnr 0123/19
)
CASE_NUMBER_RE = re.compile(
    rf"(?P<label>{_LABEL})?{_BEFORE}(?P<case>{'|'.join(_PREFIXED)}){_AFTER}"
    rf"|(?P<label2>{_LABEL}){_BEFORE}(?P<case2>{'|'.join(_LABELLED)}){_AFTER}"
)
_FORMS = 14
#: Every case number holds two capitals in a row (its prefix) or a label: a text without
#: either is skipped before the grammar's many alternatives are tried at each position.
_HINT_RE = re.compile(r"[A-ZÅÄÖ]{2}|(?i:dnr|diarie|ärenden)")


def _matches(text: str | None) -> list[re.Match[str]]:
    if not text or _HINT_RE.search(text) is None:
        return []
    return list(CASE_NUMBER_RE.finditer(text))


@dataclass(frozen=True, slots=True)
class CaseNumber:
    """A case number as written (`text`, without its label) and its comparison key (`key`)."""

    text: str
    key: str
    start: int = 0
    end: int = 0


def _key(match: re.Match[str]) -> str:
    groups = match.groupdict()
    form = next(i for i in range(1, _FORMS + 1) if groups.get(f"n{i}") is not None)
    prefix = groups.get(f"p{form}")
    year = groups.get(f"y{form}") or groups.get(f"t{form}") or ""
    if len(year) == 2 and form == 12:
        year = f"yy{year}"
    sub = groups.get(f"s{form}")
    parts = [prefix, year, str(int(groups[f"n{form}"])), str(int(sub)) if sub else None]
    return "-".join(p for p in parts if p)


def _text(match: re.Match[str]) -> str:
    return match["case"] if match["case"] is not None else match["case2"]


def find_case_numbers(*texts: str | None) -> list[CaseNumber]:
    """Every case number in `texts`, in order of first appearance, one per key."""
    found: dict[str, CaseNumber] = {}
    for text in texts:
        for match in _matches(text):
            key = _key(match)
            if key not in found:
                found[key] = CaseNumber(_text(match), key, match.start(), match.end())
    return list(found.values())


def case_numbers(*texts: str | None) -> list[str]:
    """The case numbers of `texts` as written, first appearance first, without duplicates."""
    return [c.text for c in find_case_numbers(*texts)]


def case_key(text: str) -> str | None:
    """The key of the one case number a user typed (`hsn/203/2019`, `RS 912-2025`), or None."""
    cleaned = " ".join(text.split()).upper()
    match = CASE_NUMBER_RE.fullmatch(cleaned)
    if match is None:
        match = CASE_NUMBER_RE.fullmatch(f"DNR {cleaned}")
    return _key(match) if match else None


def is_case_number(text: str) -> bool:
    """Whether `text` is one case number and nothing else (a label such as `Dnr` allowed)."""
    return CASE_NUMBER_RE.fullmatch(" ".join(text.split())) is not None


_TITLE_SEPARATORS = " ,;:–—-("
_COLUMN_RE = re.compile(r"\s+[A-ZÅÄÖ][a-zåäöé]")


def split_title(title: str) -> tuple[str, str | None]:
    """A title without the case number printed in it: (title, the words glued after it).

    A kallelse often prints the case number in the title's line: glued into it by a rendering
    that lost the spaces (`…(SOU 2003:11)LS 0306-1891Landstingsrådsberedningens skrivelse`: the
    title ends before the number, the rest is the item's next line), at its end (`Yttrande
    över remiss, KS 2024/123`), or in a table's column before the next one (`Yttrande över
    remiss KS 2024/123 Anna Berg`, a capitalised word after it) or before it (a table of
    contents' case column: `Dnr KS 2018/14 Information`). A case number inside the title's
    words (`Svar på remiss KS 2024/123 om …`) or in brackets stays: it is printed as part of
    the title.
    """
    found = _matches(title)
    match = found[0] if found else None
    if match is None:
        return title, None
    before, after = title[: match.start()], title[match.end() :]
    if not before:  # a table's case column first: `Dnr KS 2018/14 Information`
        rest = after.strip(_TITLE_SEPARATORS.replace("(", ""))
        return (rest, None) if rest[:1].isupper() else (title, None)
    glued_before = before[-1].isalnum() or before[-1] in ')]”"'
    glued_after = bool(after) and after[0].isalpha()
    #: a table's next column after it (`4 Yttrande över remiss KS 2024/123 Anna Berg`)
    column = _COLUMN_RE.match(after) is not None and len(before.split()) >= 2
    if glued_before or glued_after or column:
        return before.rstrip(_TITLE_SEPARATORS.replace("(", "")) or title, after.strip() or None
    if not after.strip(" ."):
        kept = before.rstrip(_TITLE_SEPARATORS)
        return (kept, None) if kept else (title, None)
    return title, None
