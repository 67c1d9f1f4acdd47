"""The sources file: which portals and feeds to watch (TOML, `[[source]]` tables).

Why: operators list their portals once, and a typo must stop the bot at start with one clear
line naming the line and the key, not fail silently at 3 a.m. Format (see
`sources.example.toml`):

    [[source]]
    kind = "meetingsplus"             # or "feed"
    name = "Region Jämtland Härjedalen"
    url = "https://forum.regionjh.se"
    bodies = ["regionstyrelsen"]      # optional (meetingsplus only): all bodies when absent
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

SourceKind = Literal["meetingsplus", "feed"]
KINDS: tuple[SourceKind, ...] = ("meetingsplus", "feed")
_KEYS = {"kind", "name", "url", "bodies"}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class SourcesError(ValueError):
    """A broken sources file; the message is one line naming the file, line and key."""


@dataclass(frozen=True, slots=True)
class SourceConfig:
    kind: SourceKind
    name: str
    url: str
    bodies: tuple[str, ...] | None = None

    @property
    def portal(self) -> str:
        """scheme://host of the source (the `portal` of its bodies)."""
        parsed = urlparse(self.url)
        return f"{parsed.scheme}://{parsed.netloc}"


def load_sources(path: Path | str) -> list[SourceConfig]:
    """Read and validate the sources file; raises SourcesError with one clear line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourcesError(f"{path}: sources file not found (set SOURCES_FILE)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path}: cannot read the sources file: {exc}") from None
    return parse_sources(text, str(path))


def parse_sources(text: str, where: str = "sources.toml") -> list[SourceConfig]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{where}: invalid TOML: {exc}") from None
    unknown = sorted(set(data) - {"source"})
    if unknown:
        raise SourcesError(f"{where}: unknown top-level key {unknown[0]!r} (expected [[source]])")
    tables = data.get("source", [])
    if not isinstance(tables, list) or not tables:
        raise SourcesError(f"{where}: no [[source]] tables; add at least one source")
    sources = [_source(table, index, text, where) for index, table in enumerate(tables)]
    names = [s.name for s in sources]
    for index, name in enumerate(names):
        if name in names[:index]:
            line = _line_of(text, index, "name")
            raise SourcesError(f"{where}:{line}: key 'name': duplicate source name {name!r}")
    return sources


def _source(table: Any, index: int, text: str, where: str) -> SourceConfig:
    def fail(key: str, problem: str) -> SourcesError:
        return SourcesError(f"{where}:{_line_of(text, index, key)}: key {key!r}: {problem}")

    if not isinstance(table, dict):
        raise fail("source", "must be a [[source]] table")
    extra = sorted(set(table) - _KEYS)
    if extra:
        raise fail(extra[0], "unknown key (expected kind, name, url, bodies)")
    for key in ("kind", "name", "url"):
        if not isinstance(table.get(key), str) or not table[key].strip():
            raise fail(key, "missing or not a non-empty string")
    kind = table["kind"]
    if kind not in KINDS:
        raise fail("kind", f'must be "meetingsplus" or "feed", got {kind!r}')
    url = table["url"].strip().rstrip("/")
    parsed = urlparse(url)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        raise fail("url", f"expected an http(s) URL, got {table['url']!r}")
    return SourceConfig(kind, table["name"].strip(), url, _bodies(table, kind, fail))


def _bodies(
    table: dict[str, Any], kind: str, fail: Callable[[str, str], SourcesError]
) -> tuple[str, ...] | None:
    if "bodies" not in table:
        return None
    bodies = table["bodies"]
    if kind != "meetingsplus":
        raise fail("bodies", "only a meetingsplus source has bodies")
    if not isinstance(bodies, list) or not all(isinstance(b, str) for b in bodies):
        raise fail("bodies", 'expected a list of body slugs such as ["regionstyrelsen"]')
    bad = [b for b in bodies if not _SLUG.match(b)]
    if bad:
        raise fail("bodies", f"{bad[0]!r} is not a body slug (lowercase letters, digits, -)")
    return tuple(bodies)


def _line_of(text: str, index: int, key: str) -> int:
    """1-based line of `key` in the index-th [[source]] table (its header line if absent)."""
    lines = text.splitlines()
    headers = [n for n, line in enumerate(lines) if re.match(r"^\s*\[\[\s*source\s*\]\]", line)]
    if index >= len(headers):
        return 1
    start = headers[index]
    end = headers[index + 1] if index + 1 < len(headers) else len(lines)
    key_re = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for n in range(start, end):
        if key_re.match(lines[n]):
            return n + 1
    return start + 1
