"""The polite HTTP client every source uses: conditional GET, limits, retries, size cap.

Why: portals are public services run by small municipalities; the bot must be cheap to them and
robust to them. One shared client (created by the composition root with `make_http_client`)
carries an honest User-Agent; `Fetcher` adds per-host concurrency limits, conditional requests
(ETag / Last-Modified) plus content hashes so an unchanged page costs a 304 and no parse,
retries with exponential back-off and jitter on timeouts, 5xx and connection errors, a hard cap
on the response size (streamed and inflated piece by piece, never buffered or decompressed past
the cap, `sources.inflate`) and a bounded number of redirects (a loop is an error, not a hang)
that never leave the page's host. The client's timeouts bound each connect and each read; a
server trickling bytes forever never trips them, so every request also has a deadline for the
whole exchange (`deadline_seconds`): one misbehaving portal cannot hold the poll cycle, and
with it every other source's alerts. Every body is read to its end (a 304's, a redirect's, an
error page's up to `DRAIN_BYTES`), so its connection goes back to the pool: closed unread,
every 304 cost a new connection (3,113 for the 3,113 requests of a cycle; on HTTPS each one a
TLS handshake too).

Which library carries the requests was chosen by measurement (issue 23, `bench/http_client.py`,
one run, 304s on localhost): aiohttp's client (already a dependency: the doctor's web server,
the test doubles) costs about 0.1 ms of CPU per request, httpx about 0.6 ms with `sniffio`
installed and 0.7-0.9 ms without it (httpcore looks it up for every lock, and each miss walks
`sys.path`), and httpx over an aiohttp transport about 0.27 ms. An unchanged nationwide cycle
is some 15,000 of them on a loop that also answers members, so the requests go through aiohttp
(`sources.http_exchange`). The shared client stays an `httpx.AsyncClient` subclass
(`PortalClient`) so what hands it around keeps its type, and a `Fetcher` given a plain httpx
client still works, through httpx.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import random
from collections import Counter
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin, urlsplit

import httpx

from agenda.backoff import backoff
from agenda.parse import MAX_PAGE_BYTES
from sources.http_exchange import REDIRECTS, Answer, BadUrl, PortalClient, Unreachable, exchange
from sources.inflate import EncodingError, Inflater
from storage.http_cache import CacheEntry

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class HttpSettings:
    timeout_seconds: float = 20.0
    per_host: int = 4
    retries: int = 2
    backoff_base_seconds: float = 0.5
    backoff_max_seconds: float = 8.0
    max_bytes: int = MAX_PAGE_BYTES
    max_redirects: int = 5
    deadline_seconds: float = 60.0  # a whole request, body included (timeouts are per read)


class FetchError(Exception):
    """A page could not be fetched; the message is one human line naming the URL."""


@dataclass(slots=True)
class Fetched:
    """A fetch outcome. `changed` is False on 304 or when the body hash is the cached one."""

    url: str
    changed: bool
    content: bytes = b""
    entry: CacheEntry | None = None  # what to cache once the content was processed
    status: int = 200


def make_http_client(user_agent: str, settings: HttpSettings | None = None) -> httpx.AsyncClient:
    """The one shared client: honest User-Agent, timeouts, bounded redirects and pool."""
    settings = settings or HttpSettings()
    return PortalClient(
        {"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
        settings.timeout_seconds,
        settings.max_redirects,
    )


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class _Retryable(Exception):
    pass


#: A body we do not need (a 304's, a redirect's, an error page's) is read up to this size so the
#: connection goes back to the pool; a longer one is not worth it and its connection is closed.
DRAIN_BYTES = 64 * 1024


async def _drain(answer: Answer) -> None:
    """Read what is left of an unneeded body (closed unread, its connection would be too)."""
    read = 0
    async for chunk in answer.raw():
        read += len(chunk)
        if read > DRAIN_BYTES:
            return


@dataclass
class Fetcher:
    """Fetches pages for one poll cycle with the cached validators of the previous ones."""

    client: httpx.AsyncClient
    cache: dict[str, CacheEntry]
    settings: HttpSettings = field(default_factory=HttpSettings)
    requests: int = 0
    visited: set[str] = field(default_factory=set)  # meeting pages claimed this cycle
    statuses: Counter[int] = field(default_factory=Counter)  # answers by HTTP status
    _hosts: dict[str, asyncio.Semaphore] = field(default_factory=dict)

    def with_max_bytes(self, max_bytes: int) -> Fetcher:
        """A fetcher for larger files (documents) sharing this one's cache and host limits."""
        return Fetcher(
            self.client,
            self.cache,
            replace(self.settings, max_bytes=max_bytes),
            visited=self.visited,
            statuses=self.statuses,
            _hosts=self._hosts,
        )

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        host = urlsplit(url).netloc
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.settings.per_host)
        return self._hosts[host]

    async def fetch(self, url: str, *, conditional: bool = True) -> Fetched:
        """GET `url` politely; raises FetchError after the retries are used up."""
        cached = self.cache.get(url) if conditional else None
        attempt = 0
        while True:
            try:
                async with self._host_limit(url):
                    return await self._get_within_deadline(url, cached)
            except _Retryable as exc:
                if attempt >= self.settings.retries:
                    raise FetchError(f"{url}: {exc} (after {attempt + 1} attempts)") from None
                base, cap = self.settings.backoff_base_seconds, self.settings.backoff_max_seconds
                delay = backoff(attempt + 1, base, cap, jitter=random.random)
                log.info("retrying %s in %.2fs: %s", url, delay, exc)
                attempt += 1
                await asyncio.sleep(delay)

    async def _get_within_deadline(self, url: str, cached: CacheEntry | None) -> Fetched:
        deadline = self.settings.deadline_seconds
        try:
            async with asyncio.timeout(deadline):
                return await self._get(url, cached)
        except TimeoutError:
            raise _Retryable(f"no complete answer within the {deadline:g} s deadline") from None

    async def _get(self, url: str, cached: CacheEntry | None) -> Fetched:
        headers: dict[str, str] = {}
        if cached and cached.etag:
            headers["If-None-Match"] = cached.etag
        if cached and cached.last_modified:
            headers["If-Modified-Since"] = cached.last_modified
        current = url
        try:
            for _hop in range(self.settings.max_redirects + 1):
                self.requests += 1
                async with exchange(self.client, current, headers) as answer:
                    self.statuses[answer.status] += 1
                    location = answer.headers.get("location")
                    if answer.status in REDIRECTS and location is not None:
                        current = self._redirect_target(url, current, location)
                        await _drain(answer)
                        continue
                    return await self._answer(url, answer, cached)
        except Unreachable as exc:
            raise _Retryable(str(exc)) from None
        except BadUrl as exc:  # a link the parser let through but HTTP cannot use
            raise FetchError(f"{url[:200]}: not a URL that can be fetched ({exc})") from None
        raise FetchError(f"{url}: too many redirects (a redirect loop?)")

    def _redirect_target(self, url: str, current: str, location: str) -> str:
        """Where a redirect leads; only ever to the host `url` is on."""
        try:
            target = urljoin(current, location)
            host = urlsplit(target).netloc
        except ValueError:
            raise FetchError(f"{url}: malformed redirect location") from None
        if host != urlsplit(url).netloc:
            raise FetchError(f"{url}: redirect to another host ({host}) not followed")
        return target

    async def _answer(self, url: str, answer: Answer, cached: CacheEntry | None) -> Fetched:
        status = answer.status
        if status == 304 and cached is not None:
            await _drain(answer)
            return Fetched(url, changed=False, entry=cached, status=304)
        if status >= 500 or status == 429:
            await _drain(answer)
            raise _Retryable(f"HTTP {status}")
        if status >= 400:
            await _drain(answer)
            raise FetchError(f"{url}: HTTP {status}")
        content = await self._read_capped(url, answer)
        return self._fresh(url, answer, content, cached)

    async def _read_capped(self, url: str, response: Answer) -> bytes:
        """The decoded body, read and inflated in small pieces; stops once past the cap."""
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > limit:
            raise FetchError(f"{url}: page too large ({int(declared)} bytes, limit {limit})")
        try:
            inflater = Inflater(response.headers.get("content-encoding"))
            buffer = bytearray()
            async for raw in response.raw():
                for piece in inflater.feed(raw):
                    buffer += piece
                    if len(buffer) > limit:
                        raise FetchError(
                            f"{url}: page too large (over {limit} bytes, stopped reading)"
                        )
        except EncodingError as exc:
            raise FetchError(f"{url}: {exc}") from None
        return bytes(buffer)

    def _fresh(
        self, url: str, response: Answer, content: bytes, cached: CacheEntry | None
    ) -> Fetched:
        digest = content_hash(content)
        entry = CacheEntry(
            url, response.headers.get("etag"), response.headers.get("last-modified"), digest
        )
        changed = cached is None or cached.content_hash != digest
        return Fetched(url, changed=changed, content=content, entry=entry, status=200)
