"""The inside of a worker process (`sources.workers`): capped memory, no life of its own.

Why: the work the bot hands to a worker (parsing a page, reading a PDF) is what a hostile input
attacks, so the worker is the place that may blow up, and only the worker. At start it:

- asks Linux to kill it when the bot dies (`PR_SET_PDEATHSIG`, set through `prctl` with ctypes;
  the bot's pid is checked right after, closing the race where the bot died first), so even a
  `kill -9` of the bot leaves no worker behind; elsewhere a watchdog thread polls the parent;
- caps its own address space (`RLIMIT_AS`): an allocation past the cap fails in the worker
  (Python's `MemoryError`, or PDFium aborting), never in the bot;
- moves its standard output aside: the bot's requests come in on stdin and the answers go out
  on the original stdout, framed (8-byte length + pickle); anything a library prints goes to
  stderr, so it can never corrupt an answer.

A task is `(function, args)`; the answer is `("ok", value)`, `("error", exception)` or
`("memory", detail)` (after which the worker exits: its heap may be in any state). Native code
does not always say it ran out of memory (libxml2 under the cap gives lxml's "unknown error"),
so an exception raised after the worker's address space came within 10% of its cap is also
answered as `memory`. End of input
(the bot closed the pipe) ends the worker. Pickle is safe here: both ends are our own code.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import json
import os
import pickle
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

PR_SET_PDEATHSIG = 1
HEADER = 8  # bytes of the big-endian length before each frame
READY = b"ready"


def die_with_parent(parent: int) -> None:
    """Be killed when `parent` dies: the kernel's parent-death signal, else a watchdog."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the bot died before the signal was armed
                    os._exit(1)
                return
    threading.Thread(target=_watch, args=(parent,), daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def limit_memory(max_bytes: int) -> None:
    """Cap the address space (POSIX; where `resource` is missing the cap is not set)."""
    try:
        import resource  # POSIX only: this module must import everywhere
    except ImportError:
        return
    if max_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))


def _read(fd: int, size: int) -> bytes | None:
    """Exactly `size` bytes from `fd`, or None at end of input."""
    chunks: list[bytes] = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _write(fd: int, payload: bytes) -> None:
    view = memoryview(len(payload).to_bytes(HEADER, "big") + payload)
    while view:
        view = view[os.write(fd, view) :]


def _peak_bytes() -> int:
    """The most address space this process ever had (VmPeak), 0 when unknown."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmPeak:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _answer(payload: bytes, max_bytes: int) -> tuple[str, Any]:
    try:
        function, args = pickle.loads(payload)  # noqa: S301 (from the bot that started us)
        return "ok", function(*args)
    except MemoryError:
        return "memory", "ran out of memory"
    except Exception as exc:
        if max_bytes > 0 and _peak_bytes() >= 0.9 * max_bytes:
            return "memory", f"ran out of memory ({type(exc).__name__})"
        return "error", exc


def _encode(answer: tuple[str, Any]) -> bytes:
    try:
        return pickle.dumps(answer)
    except MemoryError:
        return pickle.dumps(("memory", "ran out of memory sending the answer"))
    except Exception:  # an answer or exception that cannot be pickled: say what it was
        kind, value = answer
        if kind == "ok":
            value = TypeError(f"the answer ({type(value).__name__}) cannot be sent back")
        return pickle.dumps(("error", RuntimeError(f"{type(value).__name__}: {value}")))


def serve(parent: int, max_bytes: int, warm: list[str]) -> int:
    die_with_parent(parent)
    channel = os.dup(1)
    os.dup2(2, 1)  # stray prints and native messages go to stderr, never into an answer
    for module in warm:
        importlib.import_module(module)
    limit_memory(max_bytes)
    _write(channel, READY)
    while True:
        header = _read(0, HEADER)
        if header is None:
            return 0
        payload = _read(0, int.from_bytes(header, "big"))
        if payload is None:
            return 0
        answer = _answer(payload, max_bytes)
        _write(channel, _encode(answer))
        if answer[0] == "memory":
            return 1


def main(argv: list[str]) -> int:
    """`argv`: the bot's pid, the memory cap in bytes, a JSON list of modules to import first."""
    return serve(int(argv[0]), int(argv[1]), list(json.loads(argv[2])))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
