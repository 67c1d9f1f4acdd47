"""Every SQL statement of the product is in `storage/`: no other package runs a query.

Why: one owner per table and per status set, and parameterised SQL in repository modules that
return dataclasses; a raw SELECT elsewhere (three of them sat in the alerts' fan-out) reads
a table behind its owner's back. The check reads the product's code for a statement (a string
that starts with an SQL verb) or a call that runs one (`execute`, `executemany`,
`executescript`); and that the presentation's wall in pyproject.toml keeps it from every
storage module that runs one.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
OUTSIDE = ("agenda", "sources", "presentation", "alerts", "jobs", "handlers", "bot")
STATEMENT = re.compile(
    r"^\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|PRAGMA|CREATE|ALTER|DROP|WITH|BEGIN|VACUUM)\s"
)
RUNNERS = {"execute", "executemany", "executescript"}


def sql_in(source: str) -> list[tuple[int, str]]:
    """(line, what) of each SQL statement or statement run in `source`."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if STATEMENT.match(node.value):
                found.append((node.lineno, node.value.strip()[:40]))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) in RUNNERS:
            found.append((node.lineno, f".{getattr(node.func, 'attr', '')}(…)"))
    return found


def test_the_check_sees_a_statement_and_a_run() -> None:
    source = 'rows = conn.execute("SELECT text FROM documents WHERE id = ?", (1,))\n'
    source += 'note = "Select a body"  # words, not SQL\n'
    assert sql_in(source) == [(1, ".execute(…)"), (1, "SELECT text FROM documents WHERE id = ?")]


def test_no_sql_outside_storage() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for package in OUTSIDE
        for path in sorted((ROOT / package).rglob("*.py"))
        for line, what in sql_in(path.read_text(encoding="utf-8"))
    ]
    assert not found, "move the SQL into a storage/ module:\n" + "\n".join(found)


def _storage_imports(source: str) -> set[str]:
    modules = [n.module for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ImportFrom)]
    return {m.removeprefix("storage.") for m in modules if m and m.startswith("storage.")}


def query_free_modules() -> set[str]:
    """The storage modules that run no SQL and import only such modules (the dataclasses)."""
    sources = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "storage").glob("*.py")}
    free = {name for name, source in sources.items() if not sql_in(source)}
    while True:
        still = {name for name in free if _storage_imports(sources[name]) <= free}
        if still == free:
            return free - {"__init__"}
        free = still


def test_the_presentation_wall_names_every_module_that_runs_a_query() -> None:
    """pyproject's contract "the presentation runs no query" forbids exactly the storage modules
    that run SQL (or import one that does): a new repository module is walled off too."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (wall,) = [
        c
        for c in contracts["tool"]["importlinter"]["contracts"]
        if c["name"] == "the presentation runs no query"
    ]
    modules = {p.stem for p in (ROOT / "storage").glob("*.py")} - {"__init__"}
    free = query_free_modules()
    assert {"body_rows", "meeting_rows", "document_rows", "outbox_payload"} <= free
    assert set(wall["forbidden_modules"]) == {f"storage.{m}" for m in sorted(modules - free)}
