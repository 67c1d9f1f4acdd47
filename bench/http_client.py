"""Benchmark: the cost of one conditional GET answered 304, per HTTP client, in one run.

Why: an unchanged poll cycle is thousands of 304s, so the client's own cost per request decides
the cycle's time (issue 23). This compares, against one local server in its own process, the
ways `sources.http` could send them, each in a fresh interpreter and interleaved round by round
(A B C D A B C D …) so the machine's load hits every variant alike:

- `httpx`: httpx over httpcore (its default transport) with `sniffio` hidden: httpcore looks it
  up for every lock and event, and each failed import walks `sys.path` (as before issue 23);
- `httpx+sniffio`: the same with `sniffio` importable;
- `httpx+aiohttp`: httpx's client over aiohttp's connection pool (the `httpx-aiohttp` transport);
- `aiohttp`: aiohttp's client alone;
- `fetcher`: `sources.http.Fetcher` as shipped (`make_http_client`), the product's path.

Each variant sends `--requests` GETs with `If-None-Match` at `--concurrency` at a time (the
per-host limit), reads every (empty) body so the connection returns to the pool, and reports
its process CPU time per request, the wall time, and the connections the server accepted.
Variants whose library is not installed are left out.

    .venv-bench/bin/python bench/http_client.py [--requests 5000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.machinery
import importlib.util
import json
import multiprocessing
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ETAG = '"bench-etag"'
BODY = b"<html><body>" + b"<p>Punkt</p>" * 2000 + b"</body></html>"
PATHS = [f"/committees/namnd-{n:04d}" for n in range(200)]
VARIANTS = ("httpx", "httpx+sniffio", "httpx+aiohttp", "aiohttp", "fetcher")


# -- the server (its own process) ---------------------------------------------------------------


def serve(conn: Connection) -> None:
    from aiohttp import web

    peers: set[Any] = set()

    async def page(request: web.Request) -> web.Response:
        peers.add(request.transport.get_extra_info("peername") if request.transport else None)
        if request.headers.get("If-None-Match") == ETAG:
            return web.Response(status=304, headers={"ETag": ETAG})
        return web.Response(body=BODY, headers={"ETag": ETAG, "Content-Type": "text/html"})

    async def connections(request: web.Request) -> web.Response:
        count = len(peers)
        peers.clear()
        return web.json_response({"connections": count})

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/_connections", connections)
        app.router.add_get("/{tail:.*}", page)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        conn.send(int(runner.addresses[0][1]))
        await asyncio.Event().wait()

    asyncio.run(main())


# -- the clients (one variant per interpreter) --------------------------------------------------


class _HideSniffio:
    """A failed `import sniffio` that costs what it costs when the package is absent: the
    search along sys.path, then ModuleNotFoundError."""

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> None:
        if name != "sniffio":
            return None
        # the same walk as for an absent module, through the import system's cached finders
        importlib.machinery.PathFinder.find_spec("sniffio_absent", path)
        raise ModuleNotFoundError("No module named 'sniffio'", name=name)


async def _httpx(base: str, n: int, concurrency: int, transport: Any = None) -> None:
    import httpx

    async with httpx.AsyncClient(transport=transport, timeout=20.0) as client:

        async def one(url: str) -> None:
            headers = {"If-None-Match": ETAG}
            async with client.stream("GET", url, headers=headers) as response:
                async for _ in response.aiter_raw():
                    pass

        await _drive(base, n, concurrency, one)


async def _httpx_aiohttp(base: str, n: int, concurrency: int) -> None:
    from httpx_aiohttp import AiohttpTransport

    transport = AiohttpTransport()
    await _httpx(base, n, concurrency, transport)


async def _aiohttp(base: str, n: int, concurrency: int) -> None:
    import aiohttp

    async with aiohttp.ClientSession(auto_decompress=False) as session:

        async def one(url: str) -> None:
            headers = {"If-None-Match": ETAG}
            async with session.get(url, headers=headers, allow_redirects=False) as response:
                async for _ in response.content.iter_any():
                    pass

        await _drive(base, n, concurrency, one)


async def _fetcher(base: str, n: int, concurrency: int) -> None:
    from sources.http import Fetcher, HttpSettings, make_http_client
    from storage.http_cache import CacheEntry

    settings = HttpSettings(per_host=concurrency)
    cache = {base + p: CacheEntry(base + p, ETAG, None, "hash") for p in PATHS}
    async with make_http_client("Namndbot-bench (bench@example.invalid)", settings) as client:
        fetcher = Fetcher(client, cache, settings)

        async def one(url: str) -> None:
            fetched = await fetcher.fetch(url)
            assert fetched.status == 304

        await _drive(base, n, 10**6, one)  # the fetcher's own per-host limit bounds it


async def _drive(
    base: str, n: int, concurrency: int, one: Callable[[str], Awaitable[None]]
) -> None:
    limit = asyncio.Semaphore(concurrency)

    async def bounded(k: int) -> None:
        async with limit:
            await one(base + PATHS[k % len(PATHS)])

    await asyncio.gather(*(bounded(k) for k in range(n)))


CLIENTS: dict[str, Callable[[str, int, int], Coroutine[Any, Any, None]]] = {
    "httpx": _httpx,
    "httpx+sniffio": _httpx,
    "httpx+aiohttp": _httpx_aiohttp,
    "aiohttp": _aiohttp,
    "fetcher": _fetcher,
}


def available(variant: str) -> bool:
    needs = {"httpx+sniffio": "sniffio", "httpx+aiohttp": "httpx_aiohttp"}.get(variant)
    return needs is None or importlib.util.find_spec(needs) is not None


def run_client(variant: str, port: int, n: int, concurrency: int) -> dict[str, float]:
    if variant == "httpx":
        sys.meta_path.insert(0, _HideSniffio())
    base = f"http://127.0.0.1:{port}"
    asyncio.run(CLIENTS[variant](base, 50, concurrency))  # warm-up: imports, first connects
    _connections(base)
    cpu, wall = time.process_time(), time.perf_counter()
    asyncio.run(CLIENTS[variant](base, n, concurrency))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {"cpu": cpu, "wall": wall, "connections": _connections(base)}


def _connections(base: str) -> int:
    from urllib.request import urlopen

    with urlopen(base + "/_connections") as answer:
        return int(json.load(answer)["connections"])


# -- the comparison -----------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--client", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        print(json.dumps(run_client(args.client, args.port, args.requests, args.concurrency)))
        return 0
    variants = [v for v in args.variants.split(",") if available(v)]
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    server = context.Process(target=serve, args=(child,), daemon=True)
    server.start()
    try:
        port = parent.recv()
        results: dict[str, list[dict[str, float]]] = {v: [] for v in variants}
        for _round in range(args.rounds):
            for variant in variants:
                command = [sys.executable, __file__, "--client", variant, "--port", str(port)]
                command += ["--requests", str(args.requests)]
                command += ["--concurrency", str(args.concurrency)]
                out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
                results[variant].append(json.loads(out))
    finally:
        server.terminate()
        server.join()
    _print(results, args.requests, args.rounds)
    return 0


def _print(results: dict[str, list[dict[str, float]]], n: int, rounds: int) -> None:
    print(f"{n} conditional GETs answered 304 per run, {rounds} runs per client, interleaved\n")
    print("| client | CPU ms/request (median) | min–max | wall s (median) | connections |")
    print("|---|---:|---:|---:|---:|")
    base = None
    for variant, runs in results.items():
        per = sorted(1000 * r["cpu"] / n for r in runs)
        median = statistics.median(per)
        base = base or median
        conns = sorted({int(r["connections"]) for r in runs})
        print(
            f"| {variant} | {median:.3f} ({median / base:.2f}x) | {per[0]:.3f}–{per[-1]:.3f} "
            f"| {statistics.median(r['wall'] for r in runs):.2f} "
            f"| {', '.join(map(str, conns))} |"
        )


if __name__ == "__main__":
    sys.exit(main())
