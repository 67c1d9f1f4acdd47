"""A local Meetings Plus look-alike served over real HTTP, for tests, the demo and operators.

Why: ingestion must be tested against a real HTTP server (conditional GET, redirects, timeouts,
oversized bodies), and the demo must show a new agenda travelling from the portal to Telegram.
`SamplePortal` serves a `SampleSite` on 127.0.0.1 with a free port (aiohttp's web server,
started by `demo.web`, as the fake Bot API is), honours ETag/If-None-Match and
Last-Modified/If-Modified-Since, counts requests per path and the connections they came on,
injects faults per path, serves canned answers (`serve`: any status, headers and bytes at a
path, e.g. a maintenance page, a gzip bomb or a redirect to another host), and accepts live
changes: in-process
(`publish_meeting`, `edit_item`, `cancel_meeting`, `publish_minutes`) or over HTTP
(`POST /_control/<action>` with a JSON body, see `demo.sample_control`).
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Callable
from datetime import date
from types import TracebackType
from typing import Literal

from aiohttp import web

from agenda.clock import Clock
from demo.sample_control import apply_control
from demo.sample_site import Page, SampleSite, not_modified, with_linkless_entry
from demo.web import WebServer, new_app

Fault = Literal[
    "500", "slow", "drip", "redirect_loop", "huge", "garbage", "not_xml", "no_link_entry"
]
HUGE_BYTES = 20 * 1024 * 1024
DRIP_SECONDS = 0.05  # one byte this often: no read ever times out
_HTML = "text/html; charset=utf-8"


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
        self.peers: set[object] = set()  # the client ends (address, port) of the connections
        self.in_flight = 0
        self.max_in_flight = 0
        app = new_app()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._server = WebServer(app, host, port)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def __aenter__(self) -> SamplePortal:
        self.port = await self._server.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        await self._server.stop()

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
        self.peers.clear()

    def _take_counters(self) -> dict[str, int]:
        """Requests, 304s and connections since the last reset, then reset (a benchmark in
        another process reads them per cycle: `POST /_control/counters`)."""
        counters = {
            "requests": sum(self.requests.values()),
            "not_modified": sum(self.not_modified.values()),
            "connections": self.connections,
        }
        self.reset_counters()
        return counters

    @property
    def connections(self) -> int:
        """TCP connections that carried requests since the counters were reset (a client
        that reuses its connections makes a few, one that does not makes one per request)."""
        return len(self.peers)

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

    def add_attachment(self, path: str, number: int, title: str, name: str, pdf: bytes) -> None:
        self.site.add_attachment(path, number, title, name, pdf)

    # -- HTTP ------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.rel_url.raw_path
        if request.method == "POST" and path == "/_control/counters":
            return _response(200, json.dumps(self._take_counters()).encode(), "application/json")
        if request.method == "POST" and path.startswith("/_control/"):
            body = await request.read()
            status, payload = apply_control(self.site, path.removeprefix("/_control/"), body)
            return _response(status, json.dumps(payload).encode(), "application/json")
        headers = {name.lower(): value for name, value in request.headers.items()}
        if request.transport is not None:
            self.peers.add(request.transport.get_extra_info("peername"))
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            return await self._serve_get(request, path, headers)
        finally:
            self.in_flight -= 1

    async def _serve_get(
        self, request: web.Request, path: str, headers: dict[str, str]
    ) -> web.StreamResponse:
        self.requests[path] += 1
        self.user_agents.add(headers.get("user-agent", ""))
        if "if-none-match" in headers or "if-modified-since" in headers:
            self.conditional[path] += 1
        canned = self.canned.get(path)
        if canned is not None:
            status, content, extra = canned
            return web.Response(status=status, body=content or None, headers=extra)
        fault = self.faults.get(path)
        if fault is not None:
            answer = await self._fault(fault, path, request)
            if answer is not None:
                return answer
        page = self.site.page(path, self.base_url)
        if page is None:
            return _response(404, b"Sidan finns inte", "text/plain; charset=utf-8")
        if fault == "no_link_entry":
            page = with_linkless_entry(page)
        if not_modified(page, headers):
            self.not_modified[path] += 1
            return _response(304, b"", None, page)
        return _response(200, page.content, page.content_type, page)

    async def _fault(
        self, fault: Fault, path: str, request: web.Request
    ) -> web.StreamResponse | None:
        """The answer a fault gives instead of the page; None = serve normally after it."""
        if fault == "500":
            return _response(500, b"Internal error", "text/plain")
        if fault == "slow":
            await asyncio.sleep(self.slow_seconds)
        elif fault == "redirect_loop":
            return _response(302, b"", None, location=path)
        elif fault == "huge":
            return await _stream(request, b"<p>" + b"x" * 65533, HUGE_BYTES // 65536, 0.0)
        elif fault == "drip":  # until healed: `heal` also ends the drips in progress
            going = lambda: self.faults.get(path) == "drip"  # noqa: E731
            return await _stream(request, b"<", None, DRIP_SECONDS, going)
        elif fault == "garbage":
            return _response(200, bytes(range(256)) * 64, "text/html; charset=utf-8")
        elif fault == "not_xml":
            return _response(200, b"<html>this is { not a feed", "application/rss+xml")
        return None


def _response(
    status: int,
    content: bytes,
    content_type: str | None,
    page: Page | None = None,
    location: str | None = None,
) -> web.Response:
    """An answer with exactly the given headers (no Content-Type unless given)."""
    headers: dict[str, str] = {}
    if content_type:
        headers["Content-Type"] = content_type
    if page is not None:
        headers |= {"ETag": page.etag, "Last-Modified": page.last_modified}
    if location:
        headers["Location"] = location
    return web.Response(status=status, body=content or None, headers=headers)


async def _stream(
    request: web.Request,
    chunk: bytes,
    times: int | None,
    pause: float,
    going: Callable[[], bool] = lambda: True,
) -> web.StreamResponse:
    """An HTML body without a length, `chunk` by `chunk` (`times` or forever, while `going()`),
    then closed."""
    response = web.StreamResponse(headers={"Content-Type": "text/html"})
    response.force_close()
    await response.prepare(request)
    sent = 0
    try:
        while (times is None or sent < times) and going():
            await response.write(chunk)
            sent += 1
            if pause:
                await asyncio.sleep(pause)
    except ConnectionError:
        pass  # the client gave up reading, which is what these faults are for
    return response


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
