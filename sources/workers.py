"""A small pool of worker processes, each task under a deadline and a memory cap.

Why: parsing a page and reading a PDF are where a hostile input hurts: a 4.9 MB page with
300,000 attributes parsed for 385 s, and a 51 KB PDF took PDFium to 3 GB. In the bot's process
that stops every other source's alerts, or gets the bot killed (and every restart reads the
same file again). Here the work runs in child processes (`sources.worker_child`: they cap their
own address space and die with the bot, even on `kill -9`). A task past its deadline has its
worker killed; a worker that runs out of memory or dies fails its one task; either way the
task raises `LimitExceeded`, the caller counts it as that input's problem, and the next task
gets a fresh worker. Several workers serve one pool; one key (a source) holds at most all of
them but one, and a freed worker goes to the waiting task whose key holds the fewest: one
source's slow pages cannot queue another source's page behind them.

Plain `asyncio` subprocesses with pipes, not `multiprocessing`: nothing to share, a worker can
be killed alone without breaking the others (a `ProcessPoolExecutor` breaks as a whole), and
there is no resource-tracker process to outlive the bot.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import os
import pickle
import signal
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from sources.worker_child import HEADER, READY

log = logging.getLogger(__name__)

T = TypeVar("T")
MB = 1024 * 1024
START_SECONDS = 60.0  # a worker's start (Python and its imports), apart from any deadline
Reason = Literal["time", "memory", "crash"]
_BOOT = (
    "import json, sys; sys.path[:] = json.loads(sys.argv[1]);"
    " from sources.worker_child import main; sys.exit(main(sys.argv[2:]))"
)


@dataclass(frozen=True, slots=True)
class WorkerLimits:
    """What one task may take: wall-clock seconds, and the worker's address space."""

    seconds: float = 20.0
    memory_bytes: int = 384 * MB

    def describe(self) -> str:
        return f"{self.seconds:g} s, {self.memory_bytes // MB} MB"


class LimitExceeded(Exception):
    """A task broke its limits (`reason`: time, memory, or the worker died); one human line."""

    def __init__(self, reason: Reason, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class WorkerUnavailable(RuntimeError):
    """No worker could be started (the task itself is not to blame)."""


class _Worker:
    """One child process and its framed pipes."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    @classmethod
    async def start(cls, limits: WorkerLimits, warm: tuple[str, ...]) -> _Worker:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", _BOOT, json.dumps(sys.path),
            str(os.getpid()), str(limits.memory_bytes), json.dumps(list(warm)),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        worker = cls(process)
        try:
            async with asyncio.timeout(START_SECONDS):
                if await worker._receive() != READY:
                    raise WorkerUnavailable("the worker process did not start")
        except (TimeoutError, asyncio.IncompleteReadError, ConnectionError) as exc:
            worker.kill()
            raise WorkerUnavailable(f"the worker process did not start: {exc!r}") from None
        except BaseException:
            worker.kill()
            raise
        return worker

    async def call(self, payload: bytes) -> tuple[str, Any]:
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(len(payload).to_bytes(HEADER, "big") + payload)
        await stdin.drain()
        # S301: our own child, same user and files as the bot: no boundary to guard here
        answer: tuple[str, Any] = pickle.loads(await self._receive())  # noqa: S301
        return answer

    async def _receive(self) -> bytes:
        stdout = self.process.stdout
        assert stdout is not None
        size = int.from_bytes(await stdout.readexactly(HEADER), "big")
        return await stdout.readexactly(size)

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill(self) -> None:
        """Kill it now (its pipe is closed too, so nothing is left to the garbage collector)."""
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
        if self.process.stdin is not None:
            self.process.stdin.close()

    async def stop(self) -> None:
        """End at once: close its input (it exits), kill it if it does not within a second."""
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            async with asyncio.timeout(1.0):
                await self.process.wait()
        except TimeoutError:
            self.kill()
        await self.reap()

    async def reap(self) -> None:
        """Wait for a killed or stopped worker to be gone, its output read to the end."""
        await self.process.wait()
        if self.process.stdout is not None:
            with contextlib.suppress(ConnectionError):
                await self.process.stdout.read()

    async def death(self) -> str:
        """How it ended (after its pipe closed)."""
        try:
            async with asyncio.timeout(2.0):
                code = await self.process.wait()
        except TimeoutError:
            self.kill()
            code = await self.process.wait()
        if code < 0:
            with contextlib.suppress(ValueError):
                return f"killed by {signal.Signals(-code).name}"
        return f"exit status {code}"


class WorkerPool:
    """Up to `size` workers; `await pool.run(function, *args, key=...)` (see the module)."""

    def __init__(
        self, name: str, limits: WorkerLimits, *, size: int = 1, warm: tuple[str, ...] = ()
    ) -> None:
        self.name = name
        self.limits = limits
        self.size = max(1, size)
        self.warm = warm
        self._idle: list[_Worker] = []
        self._live: set[_Worker] = set()
        self._slots = 0  # tasks holding a slot
        self._running: Counter[str] = Counter()
        self._waiting: list[tuple[str, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._reaping: set[asyncio.Task[None]] = set()
        self._closed = False

    def pids(self) -> list[int]:
        return sorted(w.pid for w in self._live)

    async def run(self, function: Callable[..., T], *args: Any, key: str = "") -> T:
        """`function(*args)` in a worker within the limits; its exception comes back as is.

        Raises `LimitExceeded` when the task ran past the deadline, out of memory, or its
        worker died; the worker is then replaced."""
        if self._closed:
            raise RuntimeError(f"the {self.name} workers are closed")
        payload = pickle.dumps((function, args))
        await self._take_slot(key)
        try:
            worker = self._idle_worker() or await self._start()
            kind, value = await self._call(worker, payload)
        finally:
            self._give_slot(key)
        if kind == "ok":
            return value  # type: ignore[no-any-return]
        if kind == "memory":
            raise LimitExceeded("memory", f"{value} ({self.limits.memory_bytes // MB} MB)")
        raise value

    def _idle_worker(self) -> _Worker | None:
        while self._idle:
            worker = self._idle.pop()
            if worker.process.returncode is None:
                return worker
            self._live.discard(worker)  # died while idle (killed from outside)
        return None

    async def _start(self) -> _Worker:
        worker = await _Worker.start(self.limits, self.warm)
        self._live.add(worker)
        return worker

    async def _call(self, worker: _Worker, payload: bytes) -> tuple[str, Any]:
        deadline = self.limits.seconds
        try:
            async with asyncio.timeout(deadline):
                answer = await worker.call(payload)
        except TimeoutError:
            self._discard(worker)
            log.debug("%s worker %d killed at its %g s deadline", self.name, worker.pid, deadline)
            raise LimitExceeded("time", f"took longer than {deadline:g} s") from None
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            self._discard(worker)
            how = await worker.death()
            cap = self.limits.memory_bytes // MB
            raise LimitExceeded("crash", f"the worker stopped ({how}; limit {cap} MB)") from exc
        except BaseException:  # cancelled mid-task: the worker's state is unknown
            self._discard(worker)
            raise
        if answer[0] == "memory":
            self._discard(worker)  # it exits after such an answer
        else:
            self._idle.append(worker)
        return answer

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        self._live.discard(worker)
        reaper = asyncio.get_running_loop().create_task(worker.reap())
        self._reaping.add(reaper)
        reaper.add_done_callback(self._reaping.discard)

    @property
    def per_key(self) -> int:
        """Workers one key (source) may hold at once: all but one, so another key always
        finds one (unless several keys are slow at once)."""
        return max(1, self.size - 1)

    def _next_waiter(self) -> tuple[str, int, asyncio.Future[None]] | None:
        """The waiting task whose key holds the fewest workers (oldest first), if any may run."""
        # a waiter whose task was cancelled (its future done) until its task leaves the queue
        ready = [e for e in self._waiting if not e[2].done() and self._running[e[0]] < self.per_key]
        return min(ready, key=lambda e: (self._running[e[0]], e[1]), default=None)

    async def _take_slot(self, key: str) -> None:
        if (
            self._slots < self.size
            and self._running[key] < self.per_key
            and self._next_waiter() is None
        ):
            self._slots += 1
            self._running[key] += 1
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (key, next(self._order), turn)
        self._waiting.append(entry)
        try:
            await turn
        except asyncio.CancelledError:
            if entry in self._waiting:
                self._waiting.remove(entry)
            elif turn.done() and not turn.cancelled():  # handed a slot: pass it on
                self._give_slot(key)
            raise

    def _give_slot(self, key: str) -> None:
        self._running[key] -= 1
        if self._running[key] <= 0:
            del self._running[key]
        chosen = self._next_waiter()
        if chosen is None:
            self._slots -= 1
            return
        self._waiting.remove(chosen)
        self._running[chosen[0]] += 1  # counted now, so no second hand-over passes its cap
        chosen[2].set_result(None)

    async def close(self) -> None:
        """Stop every worker (idle ones end cleanly; busy ones are killed)."""
        self._closed = True
        idle, self._idle = self._idle, []
        busy = [w for w in self._live if w not in idle]
        self._live.clear()
        for worker in busy:
            worker.kill()
        stopping = [*(w.stop() for w in [*idle, *busy]), *self._reaping]
        await asyncio.gather(*stopping, return_exceptions=True)
