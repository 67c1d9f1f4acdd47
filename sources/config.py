"""The sources file: which portals and feeds to watch (TOML, `[[source]]` tables).

Why: operators list their portals once, and a typo must stop the bot at start with one clear
line naming the line and the key, not fail silently at 3 a.m. Format (see
`sources.example.toml`):

    [[source]]
    kind = "meetingsplus"             # or "feed", or "webpage"
    name = "Region Jämtland Härjedalen"
    url = "https://forum.regionjh.se"
    bodies = ["regionstyrelsen"]      # optional (meetingsplus only): all bodies when absent
    organisation = "Region JH"        # optional: shown with the bodies' names

    [[source]]
    kind = "webpage"                  # a page listing a body's kallelser/protokoll as links
    name = "Tyresö KS"
    url = "https://www.tyreso.se/kommunstyrelsen/sammantraden"
    body = "Kommunstyrelsen"          # optional (webpage only): else the documents' own header
    organisation = "Tyresö kommun"

Sources share their bodies by where the bodies live: the sources of one portal (scheme://host;
a Meetings Plus portal and its feed) must agree on the organisation, and a webpage source's
bodies are its page's own (one body, one listing page: a `body` read from two pages would be
two bodies of one name, so it is refused).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

SourceKind = Literal["meetingsplus", "feed", "webpage"]
KINDS: tuple[SourceKind, ...] = ("meetingsplus", "feed", "webpage")
_KEYS = {"kind", "name", "url", "bodies", "body", "organisation"}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class SourcesError(ValueError):
    """A broken sources file; the message is one line naming the file, line and key."""


@dataclass(frozen=True, slots=True)
class SourceConfig:
    kind: SourceKind
    name: str
    url: str
    bodies: tuple[str, ...] | None = None
    body: str | None = None  # webpage only: the body its documents are meetings of
    organisation: str | None = None  # the municipality or region, shown with its bodies' names

    @property
    def portal(self) -> str:
        """scheme://host of the source."""
        parsed = urlparse(self.url)
        return f"{parsed.scheme}://{parsed.netloc}"

    @property
    def home(self) -> str:
        """Where the source's bodies are stored (`bodies.portal`): the portal's scheme://host,
        or for a webpage source its page (a site or a republisher may list several
        organisations' bodies of one name on one host)."""
        return source_home(self.kind, self.url)


def source_home(kind: str, url: str) -> str:
    """`SourceConfig.home` from a source's kind and URL (as the sources table keeps them)."""
    if kind == "webpage":
        return url
    parsed = urlparse(url)
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
    for index, source in enumerate(sources):
        problem = _clash(source, sources[:index])
        if problem is not None:
            key, message = problem
            raise SourcesError(f"{where}:{_line_of(text, index, key)}: key {key!r}: {message}")
    return sources


def _clash(source: SourceConfig, before: list[SourceConfig]) -> tuple[str, str] | None:
    """(key, problem) when `source` contradicts an earlier one."""
    for other in before:
        if other.name == source.name:
            return "name", f"duplicate source name {source.name!r}"
        if source.kind == "webpage" and other.kind == "webpage" and other.url == source.url:
            return "url", f"the same page as source {other.name!r}"
        if other.home == source.home and other.organisation != source.organisation:
            said = repr(other.organisation) if other.organisation else "none"
            return "organisation", (
                f"source {other.name!r} reads the bodies of {source.home} too and names "
                f"{said}; give both the same organisation"
            )
        if source.body and (source.body, source.organisation) == (other.body, other.organisation):
            return "body", (
                f"{source.body!r} is read from source {other.name!r} already; one body, one "
                "listing page (or name another organisation)"
            )
    return None


def _source(table: Any, index: int, text: str, where: str) -> SourceConfig:
    def fail(key: str, problem: str) -> SourcesError:
        return SourcesError(f"{where}:{_line_of(text, index, key)}: key {key!r}: {problem}")

    if not isinstance(table, dict):
        raise fail("source", "must be a [[source]] table")
    extra = sorted(set(table) - _KEYS)
    if extra:
        raise fail(extra[0], "unknown key (expected kind, name, url, bodies, body, organisation)")
    for key in ("kind", "name", "url"):
        if not isinstance(table.get(key), str) or not table[key].strip():
            raise fail(key, "missing or not a non-empty string")
    kind = table["kind"]
    if kind not in KINDS:
        raise fail("kind", f'must be "meetingsplus", "feed" or "webpage", got {kind!r}')
    url = table["url"].strip()
    url = url if kind == "webpage" else url.rstrip("/")  # a page's own URL is kept as written
    parsed = urlparse(url)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        raise fail("url", f"expected an http(s) URL, got {table['url']!r}")
    if "body" in table and kind != "webpage":
        raise fail("body", "only a webpage source has body (a portal names its own bodies)")
    return SourceConfig(
        kind,
        table["name"].strip(),
        url,
        _bodies(table, kind, fail),
        _text(table, "body", fail),
        _text(table, "organisation", fail),
    )


def _text(table: dict[str, Any], key: str, fail: Callable[[str, str], SourcesError]) -> str | None:
    if key not in table:
        return None
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise fail(key, "must be a non-empty string")
    return " ".join(value.split())


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
