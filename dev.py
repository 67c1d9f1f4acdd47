#!/usr/bin/env python3
"""Set up the project's virtual environment and run the bot or the tests.

Why this file exists: the README promises two commands that work on a fresh machine with only
Python 3.11+, and CI must install everything from the repository. This script is the one place
that knows how: it creates `.venv`, installs the project (with the dev and bench extras for the
tests) and then runs `python -m bot run` or the checks (ruff, mypy, pytest).

    python3 dev.py run [ARGS...]    # set up, then start the bot (the demo without a token)
    python3 dev.py test [PYTEST ARGS...]  # set up, then ruff, mypy and the whole test suite
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
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def _stamp(extras: str) -> Path:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    return VENV / f".installed-{digest[:16]}"


def setup(extras: str) -> None:
    """Create the venv and install the project once per pyproject.toml content."""
    if sys.version_info < (3, 11):
        sys.exit("Nämndbot needs Python 3.11 or newer.")
    if not PY.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = _stamp(extras)
    if stamp.exists():
        return
    spec = f"{ROOT}[{extras}]" if extras else str(ROOT)
    subprocess.run(
        [str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", spec],
        check=True,
    )
    for old in VENV.glob(".installed-*"):
        old.unlink()
    stamp.touch()


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


def timeshift(rest: list[str]) -> int:
    """The test suite once per moment of `SHIFTED`, the process clock set there from outside."""
    setup("dev,bench")
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
        code = subprocess.call([str(PY), "-m", "pytest", *rest], cwd=ROOT, env=env)
        if code:
            return code
    return 0


def main(argv: list[str]) -> int:
    if argv and argv[0] == "timeshift":
        return timeshift(argv[1:])
    if not argv or argv[0] not in {"run", "test"}:
        print(__doc__)
        return 2
    cmd, rest = argv[0], argv[1:]
    if cmd == "run":
        setup("")
        return subprocess.call([str(PY), "-m", "bot", "run", *rest], cwd=ROOT)
    setup("dev,bench")
    for check in (
        [str(PY), "-m", "ruff", "check", "."],
        [str(PY), "-m", "mypy", "."],
        [str(BIN / "lint-imports")],
    ):
        code = subprocess.call(check, cwd=ROOT)
        if code:
            return code
    return subprocess.call([str(PY), "-m", "pytest", *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
