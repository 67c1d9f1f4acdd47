"""Every kind of event, alert and document is spelled once, in `agenda/events.py`: the rest of
the product names them through `EventKind`, `AlertKind` and `DocumentKind`.

Why: an alert kind used to be a bare string in five modules across four packages; a typo there
is an alert that silently never goes out. The check reads the product's code (not by grep: the
same words are other things too, a `changed` upsert, a `minutes` tab of a page) and finds a
kind literal where a kind is meant: compared with or assigned to a `kind`, given to
`insert_event`, `PlannedEvent` or `Change`, in a set a kind is tested against, in SQL
(`kind = 'admin'`), or at the head of an event's dedup key (`f"case:{…}"`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from agenda.events import AlertKind, DocumentKind, EventKind

ROOT = Path(__file__).resolve().parent.parent.parent
PRODUCT = ("agenda", "storage", "sources", "presentation", "alerts", "jobs", "handlers", "bot")
HOME = Path("agenda/events.py")
KINDS = {k.value for kinds in (EventKind, AlertKind, DocumentKind) for k in kinds}
EVENTS = {k.value for k in EventKind}
MAKERS = {"insert_event", "PlannedEvent", "Change"}
# The same word in another vocabulary, compared with another `kind`: a title's evidence
# (`storage.item_titles.Kind`: document | name | case).
OTHER_WORDS = {"presentation/render_titles.py"}
SQL_KIND = re.compile(r"\bkind\s*(?:=|!=|<>|\bIN\b|\bNOT IN\b)\s*\(?([^)]*)", re.IGNORECASE)


def _is_kind(node: ast.expr) -> bool:
    """`x.kind`, `kind`, `row["kind"]`."""
    if isinstance(node, ast.Attribute):
        return node.attr == "kind"
    if isinstance(node, ast.Name):
        return node.id == "kind"
    if isinstance(node, ast.Subscript):
        return isinstance(node.slice, ast.Constant) and node.slice.value == "kind"
    return False


def _strings(node: ast.AST) -> Iterator[tuple[int, str]]:
    for found in ast.walk(node):
        if isinstance(found, ast.Constant) and isinstance(found.value, str):
            yield found.lineno, found.value


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _kind_sets(tree: ast.AST) -> set[str]:
    """Names a kind is tested against: `x.kind in NAME`."""
    return {
        side.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Compare) and _is_kind(node.left)
        for op, side in zip(node.ops, node.comparators, strict=True)
        if isinstance(op, ast.In | ast.NotIn) and isinstance(side, ast.Name)
    }


def _meant(node: ast.AST, sets: set[str]) -> list[ast.AST]:
    """The parts of `node` where a kind is meant."""
    if isinstance(node, ast.Compare):
        sides = [node.left, *node.comparators]
        return [s for s in sides if not _is_kind(s)] if any(_is_kind(s) for s in sides) else []
    if isinstance(node, ast.keyword) and node.arg == "kind":
        return [node.value]
    if isinstance(node, ast.Call) and _name(node.func) in MAKERS:
        return [*node.args, *(k.value for k in node.keywords)]
    if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        named = {t.id for t in targets if isinstance(t, ast.Name)}
        return [node.value] if named & (sets | {"kind"}) else []
    return []


def _spelled_in(node: ast.AST) -> list[tuple[int, str]]:
    """Kinds spelled inside SQL text, or at the head of an event's dedup key."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [
            (node.lineno, value)
            for match in SQL_KIND.finditer(node.value)
            for value in re.findall(r"'(\w+)'", match.group(1))
        ]
    if isinstance(node, ast.JoinedStr) and node.values:
        head = node.values[0]
        if isinstance(head, ast.Constant) and isinstance(head.value, str) and ":" in head.value:
            word = head.value.split(":", 1)[0]
            return [(node.lineno, word)] if word in EVENTS else []
    return []


def kind_literals(source: str) -> list[tuple[int, str]]:
    """(line, literal) of every kind spelled where a kind is meant."""
    tree = ast.parse(source)
    sets = _kind_sets(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        found += _spelled_in(node)
        for part in _meant(node, sets):
            found += _strings(part)
    return [(line, value) for line, value in found if value in KINDS]


def test_the_check_finds_each_way_a_kind_is_spelled() -> None:
    source = """
if event.kind == "new" or row["kind"] in ("minutes", "other"):
    enqueue(kind="admin")
_REPLIES = frozenset({"moved"})
NEWS_KINDS = ("added", "document")  # another vocabulary: never tested against a kind
reply = event.kind in _REPLIES
insert_event(conn, 1, "case", {}, f"case:{n}")
sql = "SELECT 1 FROM outbox WHERE kind != 'reminder' AND kind IN ('watch', 'x')"
if upsert.status == "new" or mark == "changed":  # other words, not kinds
    pass
"""
    assert sorted(v for _, v in kind_literals(source)) == [
        "admin",
        "case",
        "case",
        "minutes",
        "moved",
        "new",
        "reminder",
        "watch",
    ]


def test_no_module_but_agenda_events_spells_a_kind() -> None:
    spelled = [
        f"{path.relative_to(ROOT)}:{line}: {value!r}"
        for package in PRODUCT
        for path in sorted((ROOT / package).rglob("*.py"))
        if path.relative_to(ROOT) != HOME
        for line, value in kind_literals(path.read_text(encoding="utf-8"))
    ]
    spelled = [s for s in spelled if s.split(":")[0] not in OTHER_WORDS or "'case'" not in s]
    assert not spelled, "use agenda.events' EventKind, AlertKind or DocumentKind:\n" + "\n".join(
        spelled
    )
