"""Serve an aiohttp application on 127.0.0.1 inside the caller's event loop, and stop it cleanly.

Why: the fake Bot API and the sample portal are real HTTP servers that tests, benchmarks and the
demo run beside python-telegram-bot in one event loop. aiohttp's web server does the HTTP
(keep-alive, chunked and multipart bodies, malformed requests); this module only holds the
runner's start-up and shutdown, which both doubles need the same way: a free port unless one is
given, no access log, no signal handling, and a short shutdown so a request that never ends (a
long poll, a dripping page, a delayed answer) is cancelled instead of holding the test.
"""

from __future__ import annotations

from aiohttp import web

MAX_BODY_BYTES = 50 * 1024 * 1024  # the Bot API's upload limit for bots
SHUTDOWN_SECONDS = 0.2


class WebServer:
    """`await server.start()` serves `app` at `server.port`; `await server.stop()` ends it."""

    def __init__(self, app: web.Application, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = app
        self.host = host
        self._port = port
        self._runner: web.AppRunner | None = None

    @property
    def port(self) -> int:
        if self._runner is None:
            raise RuntimeError("server not started")
        return self._port

    @property
    def running(self) -> bool:
        return self._runner is not None

    async def start(self) -> int:
        """Listen and serve; returns the port (the chosen free port when 0 was given)."""
        runner = web.AppRunner(
            self.app, handle_signals=False, access_log=None, shutdown_timeout=SHUTDOWN_SECONDS
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self._port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._port = int(runner.addresses[0][1])
        self._runner = runner
        return self._port

    async def stop(self) -> None:
        """Close the listener and every connection; idempotent."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()


def new_app() -> web.Application:
    """An application that accepts request bodies up to the Bot API's upload size."""
    return web.Application(client_max_size=MAX_BODY_BYTES)
