#!/usr/bin/env python3
"""Set up the project's virtual environment and run the bot or the tests.

Why this file exists: the README promises two commands that work on a fresh machine with only
Python 3.11+, and CI must install everything from the repository. This script is the one place
that knows how: it creates `.venv`, installs the project (with the dev and bench extras for the
tests) and then runs `python -m bot run` or the checks (ruff, mypy, pytest).

    python3 dev.py run [ARGS...]    # set up, then start the bot (the demo without a token)
    python3 dev.py test [PYTEST ARGS...]  # set up, then ruff, mypy and the whole test suite
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
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


def main(argv: list[str]) -> int:
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
    ):
        code = subprocess.call(check, cwd=ROOT)
        if code:
            return code
    return subprocess.call([str(PY), "-m", "pytest", *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
