"""What differs between two versions of the same meeting (which events that makes is
`agenda.events.diff_meetings`).

Why: members want to hear *what* changed in an agenda after publication (an item added,
withdrawn or reworded; the meeting moved; the minutes published), not just that the page
differs. Item identity: identical content first (so a renumbered item is not reported
as reworded), then word-set similarity (numbers shift when an item is added or withdrawn, and
text renderings often lose them), then the agenda number, then the minutes paragraph. Pure, no
I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from agenda.model import Item, Meeting
from agenda.stem import words

SIMILARITY_THRESHOLD = 0.5


def _iso(value: date | time | None) -> str | None:
    if value is None:
        return None
    return value.strftime("%H:%M") if isinstance(value, time) else value.isoformat()


def what_moved(old: Meeting, new: Meeting) -> dict[str, object]:
    """What moved: date, start, end or place, each as [before, after] (empty: nothing)."""
    detail: dict[str, object] = {}
    for field in ("date", "start", "end"):
        before, after = _iso(getattr(old, field)), _iso(getattr(new, field))
        if before != after and after is not None:
            detail[field] = [before, after]
    if _norm(old.place) != _norm(new.place) and new.place:
        detail["place"] = [old.place, new.place]
    return detail


def minutes_published(old: Meeting, new: Meeting) -> bool:
    """Did the minutes appear: a minutes link, or the items' minutes texts, where none were?"""
    if new.minutes_url and not old.minutes_url:
        return True
    had_minutes = any(_norm(i.minutes_text) for i in old.items)
    return not had_minutes and any(_norm(i.minutes_text) for i in new.items)


def _norm(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def _content(item: Item) -> tuple[str, str, str]:
    return _norm(item.title), _norm(item.text), _norm(item.proposal)


def item_ref(item: Item) -> dict[str, object]:
    return {"number": item.number, "paragraph": item.paragraph, "title": item.title}


def match_items(old: list[Item], new: list[Item]) -> list[tuple[int, int]]:
    """Pairs (old index, new index) of the same item in both versions."""
    pairs: list[tuple[int, int]] = []
    free_old = list(range(len(old)))
    free_new = list(range(len(new)))

    def pair_by(key: Callable[[Item], object | None]) -> None:
        for j in list(free_new):
            kn = key(new[j])
            if kn is None:
                continue
            for i in free_old:
                if key(old[i]) == kn:
                    pairs.append((i, j))
                    free_old.remove(i)
                    free_new.remove(j)
                    break

    pair_by(lambda it: _content(it) if any(_content(it)) else None)
    # Similar text before numbers: an item added or withdrawn renumbers the ones after it, so
    # number 3 may now be the old item 4; only a rewrite beyond recognition falls to its number.
    _pair_by_similarity(old, new, free_old, free_new, pairs)
    pair_by(lambda it: it.number)
    pair_by(lambda it: it.paragraph)
    return sorted(pairs, key=lambda p: p[1])


def _word_set(item: Item) -> frozenset[str]:
    return frozenset(words(" ".join(_content(item))))


def _pair_by_similarity(
    old: list[Item],
    new: list[Item],
    free_old: list[int],
    free_new: list[int],
    pairs: list[tuple[int, int]],
) -> None:
    sets_old = {i: _word_set(old[i]) for i in free_old}
    sets_new = {j: _word_set(new[j]) for j in free_new}
    scored: list[tuple[float, int, int]] = []
    for i, a in sets_old.items():
        for j, b in sets_new.items():
            if a and b:
                score = len(a & b) / len(a | b)
                if score >= SIMILARITY_THRESHOLD:
                    scored.append((score, i, j))
    for _score, i, j in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if i in free_old and j in free_new:
            pairs.append((i, j))
            free_old.remove(i)
            free_new.remove(j)


def item_changes(old: list[Item], new: list[Item]) -> dict[str, object]:
    """Items added, removed and reworded, as references (empty: the items are the same)."""
    pairs = match_items(old, new)
    matched_old = {i for i, _ in pairs}
    matched_new = {j for _, j in pairs}
    added = [item_ref(it) for j, it in enumerate(new) if j not in matched_new]
    removed = [item_ref(it) for i, it in enumerate(old) if i not in matched_old]
    reworded = [item_ref(new[j]) for i, j in pairs if _content(old[i]) != _content(new[j])]
    if not (added or removed or reworded):
        return {}
    return {"added": added, "removed": removed, "reworded": reworded}
