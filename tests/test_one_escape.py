"""Escaping has one door: no module of the product escapes HTML by hand, formats a message text
without escaping its values, or declares a string safe markup, except `presentation/html.py`.

Why: escaping used to be each caller's job, and one forgotten call makes Telegram refuse a
message (or shows a portal's markup as the bot's). Messages are now built from
`presentation.html` (`Html`, `fmt`, `t`, `b`, `a`, `join`): a grep keeps it that way, so a new
module cannot quietly go back to `html.escape` and f-strings.

The product is every module outside `tests/` and `demo/` (the fake portal in `demo/` writes web
pages, not Telegram messages, and may not import `presentation`). `re.escape` is not HTML.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_PRODUCT = {"tests", "demo", ".venv", "build", "dist"}
BUILDER = "presentation/html.py"
ESCAPE_CALL = re.compile(r"(?<!\bre\.)\b(?:escape|esc)\(")


def _product() -> dict[str, str]:
    files = {}
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in NOT_PRODUCT or relative.parts[0].startswith("."):
            continue
        files[relative.as_posix()] = path.read_text(encoding="utf-8")
    return files


def test_no_escape_outside_the_builder() -> None:
    escaping = {name for name, text in _product().items() if ESCAPE_CALL.search(text)}
    assert BUILDER in escaping, "the builder itself escapes: the search must find it"
    stray = escaping - {BUILDER}
    assert not stray, f"build messages with presentation.html instead of escaping in {stray}"


def test_message_texts_are_filled_by_the_builder() -> None:
    """`presentation.texts.t`/`tn` fill a text's placeholders as they are (the tests' expected
    texts); the product uses `presentation.html.t`/`tn` (values escaped) or `texts.plain` (for
    what is not HTML: a toast, a button, a topic's name, the menu)."""
    raw = []
    for name, text in _product().items():
        if name == BUILDER:
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom) and node.module == "presentation.texts":
                raw += [f"{name}: {a.name}" for a in node.names if a.name in {"t", "tn"}]
    assert not raw, f"import t/tn from presentation.html, or plain from presentation.texts: {raw}"


def test_only_the_builder_declares_markup_safe() -> None:
    """`Html(...)` says "this string is safe markup"; only the builders may say it."""
    declared = [
        name
        for name, text in _product().items()
        if name != BUILDER and re.search(r"\bHtml\(", text)
    ]
    assert not declared, f"build with presentation.html's functions instead of Html(): {declared}"


def test_toasts_are_plain_text() -> None:
    """A toast (`query.answer`) is shown as typed, like a button's label: `&amp;` would show.
    Its text comes from `texts.plain`, never from the message builders' `t`/`tn`."""
    markup_toasts = [
        f"{name}: {match.group(0)}"
        for name, text in _product().items()
        for match in re.finditer(r"\.answer\(\s*tn?\(", text)
    ]
    assert not markup_toasts, f"use texts.plain for a toast: {markup_toasts}"
