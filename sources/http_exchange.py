"""One HTTP exchange, as `sources.http.Fetcher` needs it, over aiohttp's client or httpx's.

Why: the fetcher's rules (conditional GET, redirects kept on the host, the size cap as the body
streams, retries) are the same whichever library carries the bytes, so they are written once
against the small `Answer` shape here: a status, case-insensitive headers and the raw (still
encoded) body in pieces. `PortalClient` (the shared client `make_http_client` builds) carries
an aiohttp session, and its requests go through aiohttp (`bench/http_client.py`: about a sixth
of httpx's cost per request); a plain `httpx.AsyncClient` handed to a `Fetcher` still works
through httpx. Each library's failures become one `Unreachable` (a timeout, a refused or
dropped connection, a malformed answer: all worth a retry).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from types import TracebackType
from typing import Protocol

import aiohttp
import httpx

REDIRECTS = frozenset({301, 302, 303, 307, 308})
POOL_CONNECTIONS = 64  # across all hosts; the per-host limits are the fetcher's
KEEPALIVE_SECONDS = 5.0  # an idle connection is closed after this (httpx's default too)


class Unreachable(Exception):
    """The exchange failed before a whole answer arrived; the message is one short line."""

    def __init__(self, message: str, *, timeout: bool = False) -> None:
        super().__init__(message)
        self.timeout = timeout


class BadUrl(Exception):
    """The URL cannot be requested at all (malformed, or not http/https): never retried."""


class Answer(Protocol):
    @property
    def status(self) -> int: ...

    @property
    def headers(self) -> Mapping[str, str]: ...

    def raw(self) -> AsyncIterator[bytes]:
        """The body as sent (Content-Encoding not undone), piece by piece."""
        ...


class PortalClient(httpx.AsyncClient):
    """The shared client of the sources. An `httpx.AsyncClient` (the type the poller, the
    doctor and the tests hand around), which also owns the aiohttp session the fetcher's
    requests go through: created on first use in the running loop, closed with the client."""

    def __init__(self, headers: dict[str, str], timeout_seconds: float, max_redirects: int) -> None:
        super().__init__(
            headers=headers,
            timeout=httpx.Timeout(timeout_seconds),
            follow_redirects=True,
            max_redirects=max_redirects,
            limits=httpx.Limits(max_connections=POOL_CONNECTIONS, max_keepalive_connections=32),
        )
        self._session_headers = headers
        self._timeout_seconds = timeout_seconds
        self._session: aiohttp.ClientSession | None = None

    def session(self) -> aiohttp.ClientSession:
        if self.is_closed:
            raise RuntimeError("the HTTP client is closed")
        if self._session is None:
            connector = aiohttp.TCPConnector(
                limit=POOL_CONNECTIONS,
                keepalive_timeout=KEEPALIVE_SECONDS,
                ssl=httpx.create_ssl_context(),  # the same certificate store as httpx
            )
            seconds = self._timeout_seconds
            self._session = aiohttp.ClientSession(
                connector=connector,
                headers=self._session_headers,
                timeout=aiohttp.ClientTimeout(
                    connect=seconds, sock_connect=seconds, sock_read=seconds
                ),
                auto_decompress=False,  # the fetcher inflates, within its cap (sources.inflate)
                # No proxy or .netrc from the environment: aiohttp would look them up in a
                # worker thread for every request (a 304 cost 0.40 ms of CPU so, 0.16 without),
                # and the portals are public sites, reached directly.
                trust_env=False,
            )
        return self._session

    async def aclose(self) -> None:
        await self._close_session()
        await super().aclose()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        await self._close_session()
        await super().__aexit__(exc_type, exc_value, traceback)

    async def _close_session(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            await session.close()


class _AiohttpAnswer:
    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response

    @property
    def status(self) -> int:
        return self._response.status

    @property
    def headers(self) -> Mapping[str, str]:
        return self._response.headers

    async def raw(self) -> AsyncIterator[bytes]:
        async for piece in self._response.content.iter_any():
            yield piece


class _HttpxAnswer:
    def __init__(self, response: httpx.Response) -> None:
        self._response = response

    @property
    def status(self) -> int:
        return self._response.status_code

    @property
    def headers(self) -> Mapping[str, str]:
        return self._response.headers

    async def raw(self) -> AsyncIterator[bytes]:
        async for piece in self._response.aiter_raw():
            yield piece


@asynccontextmanager
async def exchange(
    client: httpx.AsyncClient, url: str, headers: dict[str, str]
) -> AsyncIterator[Answer]:
    """GET `url` without following redirects; leaving the block releases the connection (to
    the pool when the body was read to its end, closed otherwise)."""
    if isinstance(client, PortalClient):
        async with _aiohttp_get(client.session(), url, headers) as answer:
            yield answer
    else:
        async with _httpx_get(client, url, headers) as answer:
            yield answer


@asynccontextmanager
async def _aiohttp_get(
    session: aiohttp.ClientSession, url: str, headers: dict[str, str]
) -> AsyncIterator[Answer]:
    try:
        async with session.get(url, headers=headers, allow_redirects=False) as response:
            yield _AiohttpAnswer(response)
    except TimeoutError:  # aiohttp's connect and read timeouts are TimeoutErrors
        raise Unreachable("timed out", timeout=True) from None
    except aiohttp.InvalidURL as exc:
        raise BadUrl(type(exc).__name__) from None
    except aiohttp.ClientError as exc:
        raise Unreachable(f"connection error: {type(exc).__name__}") from None


@asynccontextmanager
async def _httpx_get(
    client: httpx.AsyncClient, url: str, headers: dict[str, str]
) -> AsyncIterator[Answer]:
    try:
        async with client.stream("GET", url, headers=headers, follow_redirects=False) as response:
            yield _HttpxAnswer(response)
    except httpx.TimeoutException:
        raise Unreachable("timed out", timeout=True) from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise BadUrl(type(exc).__name__) from None
    except httpx.TransportError as exc:
        raise Unreachable(f"connection error: {type(exc).__name__}") from None
