"""Find the body a member means from loose words: `hsn`, `hälso- och sjukvård`, `regionstyrelse`.

Why: members type bodies the way they say them: initials, the start of the name, without
å/ä/ö, with or without hyphens. Matching is pure (the caller passes the stored bodies), so it is
unit-tested directly. A near miss never picks a body by itself: it returns suggestions.

A bot serving several organisations has namesakes ("Kommunstyrelsen" of Tyresö and of Nacka):
the words may name the organisation before or after the body (`kommunstyrelsen tyresö`,
`tyresö ks`); the body's own name alone then gives both as suggestions, never one of them.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from storage.body_rows import BodyRow

# Swedish body names are compounds ending in the kind of body; splitting them off gives the
# initials members use (hälso- och sjukvårds|nämnden -> hsn, region|styrelsen -> rs).
SUFFIXES = (
    "namnden", "namnd", "styrelsen", "styrelse", "fullmaktige", "utskottet", "utskott",
    "radet", "rad", "beredningen", "beredning", "gruppen", "grupp", "revisionen",
)  # fmt: skip
_SMALL_WORDS = frozenset({"och", "for", "i", "av", "med", "om", "till"})
_MIN_SUBSTRING = 3
MAX_SUGGESTIONS = 3
_JOINING = frozenset({"i", "in", "for", "pa", "vid", "of", "at"})
_MAX_SPLIT_WORDS = 8  # a body and its organisation are a few words; more is not a name


@dataclass(frozen=True)
class BodyMatch:
    """`body` when the words name exactly one body; otherwise `suggestions` (maybe empty)."""

    body: BodyRow | None
    suggestions: list[BodyRow] = field(default_factory=list)
    ambiguous: bool = False


def normalize(text: str) -> str:
    """Lowercase, without diacritics, words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", plain))


def _parts(word: str) -> list[str]:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            return [word[: -len(suffix)], suffix]
    return [word]


def initials(name: str) -> set[str]:
    """Initialisms of a name, with and without small words: {'hsn', 'hosn'}."""
    words = normalize(name).split()
    parts = [p for w in words for p in _parts(w)]
    found = {"".join(p[0] for p in parts if p not in _SMALL_WORDS), "".join(p[0] for p in parts)}
    return {i for i in found if len(i) >= 2}


def _names(body: BodyRow) -> list[str]:
    names = [
        normalize(body.plain_name),
        normalize(body.slug.replace("-", " ")),
        normalize(body.display_name),
    ]
    return list(dict.fromkeys(n for n in names if n))


def _compact(text: str) -> str:
    return text.replace(" ", "")


def match_body(query: str, bodies: Sequence[BodyRow]) -> BodyMatch:
    """The body `query` names: exact name/slug/initials, else a unique prefix or substring;
    failing those, the same with words at either end naming the body's organisation."""
    q = normalize(query)
    if not q or not bodies:
        return BodyMatch(None)
    found = _match(q, bodies)
    if found.body is not None:
        return found
    for body_words, among in _organisation_splits(q, bodies):
        narrowed = _match(body_words, among)
        if narrowed.body is not None or (narrowed.ambiguous and not found.ambiguous):
            return narrowed
    return found


def _organisation_splits(q: str, bodies: Sequence[BodyRow]) -> list[tuple[str, list[BodyRow]]]:
    """(the words left for the body, the bodies of the organisation the other words name), for
    organisation words at the end (`ks tyresö`) and at the start (`tyresö ks`)."""
    words = q.split()
    splits: list[tuple[str, list[BodyRow]]] = []
    if len(words) > _MAX_SPLIT_WORDS or not any(b.organisation for b in bodies):
        return splits
    for cut in range(1, len(words)):
        for org_words, rest, join in (
            (words[cut:], words[:cut], -1),
            (words[:cut], words[cut:], 0),
        ):
            while len(rest) > 1 and rest[join] in _JOINING:  # `ks i tyresö`
                rest = rest[:-1] if join == -1 else rest[1:]
            among = [b for b in bodies if _names_organisation(org_words, b)]
            if among:
                splits.append((" ".join(rest), among))
    return splits


def _names_organisation(words: list[str], body: BodyRow) -> bool:
    """Each word starts a word of the body's organisation (`tyresö` → `Tyresö kommun`)."""
    if not body.organisation:
        return False
    names = normalize(body.organisation).split()
    return all(any(n.startswith(w) for n in names) for w in words)


def _match(q: str, bodies: Sequence[BodyRow]) -> BodyMatch:
    exact = [b for b in bodies if q in _names(b) or _compact(q) in initials(b.plain_name)]
    if len(exact) == 1:
        return BodyMatch(exact[0])
    if exact:
        return BodyMatch(None, exact[:MAX_SUGGESTIONS], ambiguous=True)
    contained = [b for b in bodies if _contains(b, q)]
    if len(contained) == 1:
        return BodyMatch(contained[0])
    if contained:
        return BodyMatch(None, contained[:MAX_SUGGESTIONS], ambiguous=True)
    return BodyMatch(None, suggest(q, bodies))


def _contains(body: BodyRow, q: str) -> bool:
    compact = _compact(q)
    if len(compact) < _MIN_SUBSTRING:
        return False
    return any(n.startswith(q) or compact in _compact(n) for n in _names(body))


def suggest(query: str, bodies: Sequence[BodyRow]) -> list[BodyRow]:
    """Close matches (difflib) on names and initials, best first."""
    q = _compact(normalize(query))
    keys: dict[str, BodyRow] = {}
    for body in bodies:
        for key in [*_names(body), *initials(body.plain_name)]:
            keys.setdefault(_compact(key), body)
    close = difflib.get_close_matches(q, list(keys), n=MAX_SUGGESTIONS * 2, cutoff=0.6)
    result: list[BodyRow] = []
    for key in close:
        if keys[key] not in result:
            result.append(keys[key])
    return result[:MAX_SUGGESTIONS]
