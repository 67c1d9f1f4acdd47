"""Which processes are alive, and the children (descendants) of a process (test helper, Linux
/proc).

Why: the worker tests must show that no worker outlives the bot; after a `kill -9` the workers
are reparented, so they are found by pid, and a zombie (dead, waiting to be reaped by init)
counts as gone.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path


def alive(pid: int) -> bool:
    """Running (a zombie waiting for init to reap it is not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def children(pid: int) -> list[int]:
    """The live processes whose parent is `pid`."""
    found: list[int] = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if fields[1] == str(pid) and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return sorted(found)


def descendants(pid: int) -> list[int]:
    """The live processes below `pid`: its children, theirs, and so on."""
    found: list[int] = []
    todo = [pid]
    while todo:
        below = children(todo.pop())
        found += below
        todo += below
    return sorted(found)


async def survivors(pids: list[int], seconds: float = 5.0) -> list[int]:
    """The processes of `pids` still alive after waiting up to `seconds` for them to end."""
    for _ in range(int(seconds / 0.05)):
        if not any(alive(pid) for pid in pids):
            return []
        await asyncio.sleep(0.05)
    return [pid for pid in pids if alive(pid)]


def peak_rss_bytes(pid: int | str = "self") -> int:
    """A process's peak resident memory (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise LookupError(f"no VmHWM for {pid}")


def command_line(pid: int) -> str:
    """The process's command line, arguments joined by spaces."""
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")


def moved_clock_env() -> dict[str, str]:
    """The variables that move the clock when CI runs the suite under libfaketime
    (`python3 dev.py timeshift`): a process a test starts must see the test's day."""
    return {
        k: v for k, v in os.environ.items() if k in {"LD_PRELOAD", "TZ"} or k.startswith("FAKETIME")
    }
