#!/usr/bin/env python3
"""Set up the project's virtual environment and run the bot, the tests or the benchmarks.

Why this file exists: the README promises commands that work on a fresh machine with only
Python 3.11+, and CI must install everything from the repository. This script is the one place
that knows how: it creates `.venv`; `run` installs only what the bot needs
(`requirements.lock`, every package pinned with its hashes, the build backend setuptools
among them), then the project itself without dependencies and without build isolation (so the
locked setuptools builds it, not one fetched unchecked); `test` adds the dev tools on top
(`requirements-dev.lock`, a superset of the runtime lock with the same pins). Both share that
one environment: once the dev tools are in, `run` installs nothing, and after `run` the first
`test` installs only the tools. A lock is installed again only when it or `pyproject.toml`
changes. The benchmarks' extra libraries live in their own `.venv-bench`.

    python3 dev.py run [ARGS...]          # set up, then start the bot (the demo without a token)
    python3 dev.py test [PYTEST ARGS...]  # set up, then ruff, mypy and the whole test suite
    python3 dev.py bench SCRIPT [ARGS...] # set up .venv-bench, then run bench/SCRIPT.py
    python3 dev.py lock                   # after editing pyproject.toml: rewrite the lock files
    python3 dev.py timeshift [PYTEST ARGS...]  # the suite again with the clock moved (CI)

`timeshift` runs pytest under libfaketime (Debian's `libfaketime`, installed here when missing
and running as root) at moments where date-dependent code breaks, so a test that reads the
day instead of its own clock fails in CI, not on some future morning.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
import venv
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent
PIP_QUIET = ["--quiet", "--disable-pip-version-check"]
# lock file -> the pyproject extras it holds (runtime dependencies are in all of them)
LOCKS = {
    "requirements.lock": (),
    "requirements-dev.lock": ("dev",),
    "requirements-bench.lock": ("bench",),
}


def _python(env: Path) -> Path:
    return env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


RUNTIME = "requirements.lock"


def _stamp(env: Path, lock: str) -> Path:
    """The marker that `lock`, as it is now (and pyproject.toml), is installed in `env`."""
    content = (ROOT / lock).read_bytes() + (ROOT / "pyproject.toml").read_bytes()
    return env / f".installed-{_kind(lock)}-{hashlib.sha256(content).hexdigest()[:16]}"


def _kind(lock: str) -> str:
    """'runtime', 'dev' or 'bench': the stamp's prefix, never a prefix of another kind's."""
    return lock.removesuffix(".lock").removeprefix("requirements").lstrip("-") or "runtime"


def _covered(lock: str) -> tuple[str, ...]:
    """The locks an installation of `lock` satisfies: itself, and the runtime lock it extends."""
    return (lock,) if lock == RUNTIME else (lock, RUNTIME)


def setup(env: Path, lock: str) -> Path:
    """Create `env` and install `lock` (hash-checked), then the project; once per content.

    Locks add up in one environment: pip skips what is installed already, so `test` after
    `run` installs only the dev tools, and `run` after `test` installs nothing.
    """
    if sys.version_info < (3, 11):
        sys.exit("Nämndbot needs Python 3.11 or newer.")
    py = _python(env)
    if not py.exists():
        venv.EnvBuilder(with_pip=True).create(env)
    if _stamp(env, lock).exists():
        return py
    pip = [str(py), "-m", "pip", "install", *PIP_QUIET]
    subprocess.run([*pip, "--require-hashes", "--no-deps", "-r", str(ROOT / lock)], check=True)
    subprocess.run([*pip, "--no-deps", "--no-build-isolation", "-e", str(ROOT)], check=True)
    for covered in _covered(lock):
        for old in env.glob(f".installed-{_kind(covered)}-*"):
            old.unlink()
        _stamp(env, covered).touch()
    return py


def lock() -> int:
    """Resolve pyproject.toml again and write every lock file with hashes (needs the registry).

    Each lock also holds the build backend (`[build-system] requires`, read on standard input
    as `-`), so the project is built from hashed packages too.
    """
    import tomllib  # here: Python 3.10 must reach setup()'s "needs 3.11" message

    py = setup(ROOT / ".venv", "requirements-dev.lock")
    backend = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    build = "\n".join(backend["build-system"]["requires"]) + "\n"
    for name, extras in LOCKS.items():
        command = [str(py), "-m", "uv", "pip", "compile", "pyproject.toml", "-", "--quiet"]
        command += ["--generate-hashes", "--universal", "--python-version", "3.11"]
        command += ["--custom-compile-command", "python3 dev.py lock", "-o", name]
        command += [arg for extra in extras for arg in ("--extra", extra)]
        code = subprocess.run(command, cwd=ROOT, input=build, text=True, check=False).returncode
        if code:
            return code
        print(f"wrote {name}")
    return 0


def test(py: Path, rest: list[str]) -> int:
    for check in (
        [str(py), "-m", "ruff", "check", "."],
        [str(py), "-m", "ruff", "format", "--check", "."],
        [str(py), "-m", "mypy", "."],
        [str(py.parent / "lint-imports")],
    ):
        code = subprocess.call(check, cwd=ROOT)
        if code:
            return code
    return subprocess.call([str(py), "-m", "pytest", *rest], cwd=ROOT)


# (what the moment is, when it is in UTC): the machine's clock is set there, then runs on.
# 2027-03-28 02:30 in Stockholm is inside the spring-forward gap; like Python's zoneinfo
# (fold=0) it is read with the winter offset: 01:30 UTC, half an hour after the switch.
SHIFTED = (
    ("2027-03-28 02:30 Stockholm (summer time starts)", "2027-03-28 01:30:00"),
    ("2027-12-31 23:59:30 Stockholm (a new year in 30 s)", "2027-12-31 22:59:30"),
    ("2028-06-15 12:00 Stockholm (a leap year, 18 months on)", "2028-06-15 10:00:00"),
)


def faketime_library() -> str | None:
    found = sorted(Path("/usr/lib").glob("*/faketime/libfaketime.so.1"))
    if not found and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        apt = ["apt-get", "-q", "-y", "-o", "Dpkg::Use-Pty=0"]
        subprocess.run([*apt, "update"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([*apt, "install", "libfaketime"], check=True, stdout=subprocess.DEVNULL)
        found = sorted(Path("/usr/lib").glob("*/faketime/libfaketime.so.1"))
    return str(found[0]) if found else None


def timeshift(py: Path, rest: list[str]) -> int:
    """The test suite once per moment of `SHIFTED`, the process clock set there from outside."""
    library = faketime_library()
    if library is None:
        print("timeshift needs libfaketime: sudo apt-get install libfaketime", file=sys.stderr)
        return 1
    for label, start in SHIFTED:
        print(f"== the suite at {label}", flush=True)
        # An offset, not "@start": every process the tests start (a sender, `poll --once`)
        # must see the same moment as pytest, and "@" would restart each one at `start`.
        moment = datetime.strptime(start, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
        offset = round(moment.timestamp() - time.time())
        env = {**os.environ, "LD_PRELOAD": library, "FAKETIME": f"{offset:+d}", "TZ": "UTC"}
        code = subprocess.call([str(py), "-m", "pytest", *rest], cwd=ROOT, env=env)
        if code:
            return code
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "bench", "lock", "timeshift"}:
        print(__doc__)
        return 2
    cmd, rest = argv[0], argv[1:]
    if cmd == "lock":
        return lock()
    if cmd == "bench":
        if not rest:
            print("usage: python3 dev.py bench SCRIPT [ARGS...]  (a file in bench/, e.g. search)")
            return 2
        py = setup(ROOT / ".venv-bench", "requirements-bench.lock")
        script = f"bench.{rest[0].removesuffix('.py').removeprefix('bench/')}"
        return subprocess.call([str(py), "-m", script, *rest[1:]], cwd=ROOT)
    if cmd == "run":
        py = setup(ROOT / ".venv", RUNTIME)
        return subprocess.call([str(py), "-m", "bot", "run", *rest], cwd=ROOT)
    py = setup(ROOT / ".venv", "requirements-dev.lock")
    if cmd == "timeshift":
        return timeshift(py, rest)
    return test(py, rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
