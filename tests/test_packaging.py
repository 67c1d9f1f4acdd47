"""The lock files agree with pyproject.toml's pins, and the console script is declared.

Why: `dev.py` and the Dockerfile install from the hashed lock files, while people edit
`pyproject.toml`. A pin changed in one place only would test one set of packages and ship
another; this test names the command that brings them back in step (`python3 dev.py lock`).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")
LOCKS = {
    "requirements.lock": (),
    "requirements-dev.lock": ("dev",),
    "requirements-bench.lock": ("bench",),
}
FIX = "run `python3 dev.py lock` and commit the lock files"


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lines: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in lines:
        match = PIN.match(line.strip())
        if match:
            found[normalize(match.group(1))] = match.group(2)
    return found


def declared(extras: tuple[str, ...]) -> dict[str, str]:
    project = PYPROJECT["project"]
    specs = list(project["dependencies"])
    for extra in extras:
        specs += project["optional-dependencies"][extra]
    unpinned = [s for s in specs if not PIN.match(s)]
    assert not unpinned, f"pyproject.toml: pin with == : {unpinned}"
    return pins(specs)


@pytest.mark.parametrize(("lock", "extras"), LOCKS.items())
def test_lock_has_every_pin_of_pyproject(lock: str, extras: tuple[str, ...]) -> None:
    locked = pins((ROOT / lock).read_text(encoding="utf-8").splitlines())
    wrong = {
        name: (version, locked.get(name))
        for name, version in declared(extras).items()
        if locked.get(name) != version
    }
    assert not wrong, f"{lock} disagrees with pyproject.toml (pin, locked): {wrong}; {FIX}"


@pytest.mark.parametrize("lock", LOCKS)
def test_every_locked_package_has_hashes(lock: str) -> None:
    text = (ROOT / lock).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    missing = [e.split()[0] for e in entries if PIN.match(e) and "--hash=sha256:" not in e]
    assert not missing, f"{lock}: no hashes for {missing}; {FIX}"
    assert "python3 dev.py lock" in text.splitlines()[1]


def test_bench_packages_stay_out_of_the_test_set_up() -> None:
    dev = pins((ROOT / "requirements-dev.lock").read_text(encoding="utf-8").splitlines())
    bench_only = set(declared(("bench",))) - set(declared(()))
    assert bench_only and not bench_only & set(dev)


def test_the_dev_lock_extends_the_runtime_lock_with_the_same_pins() -> None:
    """`run` installs the runtime lock, `test` the dev lock into the same `.venv`; `dev.py`
    skips `run`'s install after `test` only because every runtime pin is in the dev lock."""
    runtime = pins((ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines())
    dev = pins((ROOT / "requirements-dev.lock").read_text(encoding="utf-8").splitlines())
    differ = {name: (v, dev.get(name)) for name, v in runtime.items() if dev.get(name) != v}
    assert runtime and not differ, f"runtime pin vs dev lock: {differ}; {FIX}"


def test_console_script_and_license() -> None:
    assert PYPROJECT["project"]["scripts"] == {"namndbot": "bot.__main__:main"}
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")


def test_the_build_backend_is_pinned_and_installed_from_the_locks() -> None:
    """setuptools builds the project: pinned in `[build-system]`, locked with its hashes in
    every lock, and used from there (`--no-build-isolation`), never fetched unchecked by pip."""
    requires = PYPROJECT["build-system"]["requires"]
    backend = pins(requires)
    assert backend and len(backend) == len(requires), f"pin the build backend with ==: {requires}"
    for lock in LOCKS:
        locked = pins((ROOT / lock).read_text(encoding="utf-8").splitlines())
        wrong = {n: (v, locked.get(n)) for n, v in backend.items() if locked.get(n) != v}
        assert not wrong, f"{lock}: build backend (pin, locked): {wrong}; {FIX}"
    dev = (ROOT / "dev.py").read_text(encoding="utf-8")
    recipes = "\n".join(
        (ROOT / name).read_text(encoding="utf-8")
        for name in ("Dockerfile", "deploy/namndbot.service")
    )
    project_installs = [  # pip installing the project itself, not a lock file
        *re.findall(r'\[\*pip, "--no-deps".*?\]', dev),
        *re.findall(r"pip install --no-deps (?!.*-r ).*", recipes),
    ]
    assert len(project_installs) == 3, project_installs
    assert all("--no-build-isolation" in line for line in project_installs), project_installs


def test_the_container_base_image_is_pinned_by_digest() -> None:
    images = re.findall(r"^FROM\s+(\S+)", (ROOT / "Dockerfile").read_text(encoding="utf-8"), re.M)
    assert images and all(re.search(r"@sha256:[0-9a-f]{64}$", i) for i in images), images
