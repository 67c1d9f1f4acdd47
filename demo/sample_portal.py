"""A local Meetings Plus look-alike served over real HTTP, for tests, the demo and operators.

Why: ingestion must be tested against a real HTTP server (conditional GET, redirects, timeouts,
oversized bodies), and the demo must show a new agenda travelling from the portal to Telegram.
`SamplePortal` serves a `SampleSite` on 127.0.0.1 with a free port, honours ETag/If-None-Match
and Last-Modified/If-Modified-Since, counts requests per path, injects faults per path, serves
canned answers (`serve`: any status, headers and bytes at a path, e.g. a maintenance page, a
gzip bomb or a redirect to another host), and accepts live changes: in-process
(`publish_meeting`, `edit_item`, `cancel_meeting`, `publish_minutes`) or over HTTP
(`POST /_control/<action>` with a JSON body, see `demo.sample_control`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import Counter
from datetime import date
from types import TracebackType
from typing import Literal
from urllib.parse import urlsplit

from agenda.clock import Clock
from demo.sample_control import apply_control
from demo.sample_site import Page, SampleSite, not_modified, with_linkless_entry

Fault = Literal[
    "500", "slow", "drip", "redirect_loop", "huge", "garbage", "not_xml", "no_link_entry"
]
HUGE_BYTES = 20 * 1024 * 1024
_HTML = "text/html; charset=utf-8"
_REASONS = {
    200: "OK",
    302: "Found",
    304: "Not Modified",
    400: "Bad Request",
    404: "Not Found",
    500: "Internal Server Error",
}


class SamplePortal:
    """`async with SamplePortal(clock=...) as portal:` → serving at `portal.base_url`."""

    def __init__(
        self,
        site: SampleSite | None = None,
        *,
        clock: Clock,
        host: str = "127.0.0.1",
        port: int = 0,
        slow_seconds: float = 2.0,
    ) -> None:
        self.site = site or SampleSite.bundled(clock)
        self.host = host
        self.port = port
        self.slow_seconds = slow_seconds
        self.faults: dict[str, Fault] = {}
        self.canned: dict[str, tuple[int, bytes, dict[str, str]]] = {}
        self.requests: Counter[str] = Counter()
        self.conditional: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.user_agents: set[str] = set()
        self.in_flight = 0
        self.max_in_flight = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def __aenter__(self) -> SamplePortal:
        self._server = await asyncio.start_server(self._handle, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            for writer in list(self._writers):
                writer.close()
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            await self._server.wait_closed()
            self._server = None

    # -- test helpers ----------------------------------------------------------------------

    def inject(self, path: str, fault: Fault) -> None:
        self.faults[path] = fault

    def heal(self, path: str | None = None) -> None:
        if path is None:
            self.faults.clear()
            self.canned.clear()
        else:
            self.faults.pop(path, None)
            self.canned.pop(path, None)

    def serve(
        self,
        path: str,
        content: bytes,
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer every GET of `path` with exactly this (until `heal`)."""
        self.canned[path] = (status, content, {"Content-Type": _HTML, **(headers or {})})

    def reset_counters(self) -> None:
        self.requests.clear()
        self.conditional.clear()
        self.not_modified.clear()

    def url(self, path: str) -> str:
        return self.base_url + path

    def publish_meeting(
        self,
        body_slug: str,
        day: date,
        items: list[tuple[int, str]] | None = None,
        *,
        slug: str | None = None,
    ) -> str:
        return self.site.publish_meeting(body_slug, day, items, slug=slug)

    def edit_item(
        self, path: str, number: int, *, title: str | None = None, text: str | None = None
    ) -> None:
        self.site.edit_item(path, number, title=title, text=text)

    def cancel_meeting(self, path: str) -> None:
        self.site.cancel_meeting(path)

    def publish_minutes(self, path: str) -> None:
        self.site.publish_minutes(path)

    # -- HTTP ------------------------------------------------------------------------------

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        self._writers.add(writer)
        try:
            while await self._one_request(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        except asyncio.CancelledError:  # the portal is closing: end quietly
            pass
        finally:
            if task is not None:
                self._tasks.discard(task)
            self._writers.discard(writer)
            with contextlib.suppress(Exception):
                writer.close()

    async def _one_request(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> bool:
        line = await reader.readline()
        if not line:
            return False
        method, target, _version = [*line.decode("latin-1").split(" "), "", ""][:3]
        headers: dict[str, str] = {}
        while (raw := await reader.readline()) not in (b"\r\n", b"\n", b""):
            name, _, value = raw.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        body = await reader.readexactly(int(headers.get("content-length", "0") or 0))
        path = urlsplit(target).path
        if method == "POST" and path.startswith("/_control/"):
            status, payload = apply_control(self.site, path.removeprefix("/_control/"), body)
            await self._send(writer, status, json.dumps(payload).encode(), "application/json")
            return True
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            return await self._serve_get(path, headers, writer)
        finally:
            self.in_flight -= 1

    async def _serve_get(
        self, path: str, headers: dict[str, str], writer: asyncio.StreamWriter
    ) -> bool:
        self.requests[path] += 1
        self.user_agents.add(headers.get("user-agent", ""))
        conditional = "if-none-match" in headers or "if-modified-since" in headers
        if conditional:
            self.conditional[path] += 1
        canned = self.canned.get(path)
        if canned is not None:
            status, content, extra = canned
            await self._send(writer, status, content, None, headers=extra)
            return True
        fault = self.faults.get(path)
        if fault is not None:
            handled = await self._fault(fault, path, writer)
            if handled is not None:
                return handled
        page = self.site.page(path, self.base_url)
        if page is None:
            await self._send(writer, 404, b"Sidan finns inte", "text/plain; charset=utf-8")
            return True
        if fault == "no_link_entry":
            page = with_linkless_entry(page)
        if not_modified(page, headers):
            self.not_modified[path] += 1
            await self._send(writer, 304, b"", None, page)
            return True
        await self._send(writer, 200, page.content, page.content_type, page)
        return True

    async def _fault(self, fault: Fault, path: str, writer: asyncio.StreamWriter) -> bool | None:
        """Apply a fault: None = serve normally after it, else whether to keep the connection."""
        if fault == "500":
            await self._send(writer, 500, b"Internal error", "text/plain")
        elif fault == "slow":
            await asyncio.sleep(self.slow_seconds)
            return None
        elif fault == "redirect_loop":
            await self._send(writer, 302, b"", None, location=path)
        elif fault == "huge":
            await self._send_huge(writer)
            return False
        elif fault == "drip":
            await self._send_drip(writer)
            return False
        elif fault == "garbage":
            junk = bytes(range(256)) * 64
            await self._send(writer, 200, junk, "text/html; charset=utf-8")
        elif fault == "not_xml":
            await self._send(writer, 200, b"<html>this is { not a feed", "application/rss+xml")
        else:
            return None
        return True

    async def _send_huge(self, writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n")
        chunk = b"<p>" + b"x" * 65533
        for _ in range(HUGE_BYTES // len(chunk)):
            writer.write(chunk)
            await writer.drain()

    async def _send_drip(self, writer: asyncio.StreamWriter) -> None:
        """A page that never ends: one byte every 50 ms, so no read ever times out."""
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n")
        while True:
            writer.write(b"<")
            await writer.drain()
            await asyncio.sleep(0.05)

    async def _send(
        self,
        writer: asyncio.StreamWriter,
        status: int,
        content: bytes,
        content_type: str | None,
        page: Page | None = None,
        location: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        lines = [
            f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}",
            f"Content-Length: {len(content)}",
        ]
        if content_type:
            lines.append(f"Content-Type: {content_type}")
        if page is not None:
            lines += [f"ETag: {page.etag}", f"Last-Modified: {page.last_modified}"]
        if location:
            lines.append(f"Location: {location}")
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + content)
        await writer.drain()


def serve_forever(host: str, port: int, clock: Clock) -> int:
    """`python -m bot sample-portal`: serve until Ctrl-C (exit 0)."""

    async def main() -> None:
        async with SamplePortal(clock=clock, host=host, port=port) as portal:
            print(
                f"Sample portal at {portal.base_url}/committees (feed: {portal.base_url}/feed.rss)"
            )
            print(
                f"Control: curl -X POST {portal.base_url}/_control/publish "
                '-d \'{"body": "regionstyrelsen", "days": 7}\'',
                flush=True,
            )
            await asyncio.Event().wait()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        return 0
    except OSError as exc:
        print(f"sample-portal: cannot listen on {host}:{port}: {exc.strerror or exc}")
        return 1
    return 0
