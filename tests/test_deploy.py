"""`namndbot doctor` as each recipe of the README runs it, with `.env` copied from `.env.example`.

Why: the recipes combine settings from several places, and which one wins depends on the tool:
systemd lets `EnvironmentFile=` override `Environment=`, `docker run --env-file` overrides the
image's `ENV`, compose's `environment:` overrides its `env_file:`. A live `SOURCES_FILE=` or
`HTTP_PORT=` line in the copied `.env` once beat the unit's and the container's own, so doctor
found no sources file and `/healthz` was off. Each recipe here is read from its own file
(`deploy/namndbot.service`, `Dockerfile`, `compose.yaml`), its environment assembled in the
tool's order and its working directory used, with its absolute paths (`/data`, `/config`,
`/var/lib/namndbot`, `/etc/namndbot`) moved under tmp_path. Docker and systemd themselves are not
run; the token and the portal are the fake Bot API and the sample portal.
"""

from __future__ import annotations

import asyncio
import io
import os
import shlex
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values

from demo.fake_api import FakeBotApi
from demo.sample_portal import SamplePortal

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).parent / "namndbot"


@dataclass
class Recipe:
    name: str
    env: dict[str, str]  # what the process sees, absolute paths already moved
    cwd: Path
    sources: Path  # where the operator puts sources.toml
    database: str  # how doctor must name the database
    healthz: str  # how doctor must say where /healthz is


def operators_env_file(fake: FakeBotApi) -> str:
    """`.env.example` copied and filled in as the README says (token, admins, contact); the
    Bot API address points at the fake, so nothing leaves this machine."""
    fills = {
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_BASE_URL": fake.base_url,
        "ADMIN_CHAT_IDS": "4242",
        "CONTACT": "drift@example.invalid",
    }
    lines = []
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        name = line.partition("=")[0]
        lines.append(f"{name}={fills[name]}" if name in fills else line)
    return "\n".join(lines) + "\n"


def env_file(text: str) -> dict[str, str]:
    return {k: v for k, v in dotenv_values(stream=io.StringIO(text)).items() if v is not None}


def moved(values: Mapping[str, str], root: Path) -> dict[str, str]:
    """The recipe's absolute paths, under `root`."""
    return {k: f"{root}{v}" if v.startswith("/") else v for k, v in values.items()}


def dockerfile() -> tuple[dict[str, str], str]:
    """The final image's ENV (PATH aside) and WORKDIR."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    final = text.split("\nFROM ")[-1]
    env: dict[str, str] = {}
    workdir = "/"
    for line in final.splitlines():
        if line.startswith("ENV "):
            for pair in shlex.split(line[4:]):
                key, _, value = pair.partition("=")
                env[key] = value
        elif line.startswith("WORKDIR "):
            workdir = line.split()[1]
    env.pop("PATH", None)
    return env, workdir


def compose_environment() -> dict[str, str]:
    """The `environment:` block of the service in compose.yaml."""
    env: dict[str, str] = {}
    lines = (ROOT / "compose.yaml").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "environment:")
    indent = len(lines[start]) - len(lines[start].lstrip())
    for line in lines[start + 1 :]:
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        key, _, value = line.strip().partition(":")
        env[key] = value.strip().strip("\"'")
    return env


def systemd_unit() -> tuple[dict[str, str], str]:
    """The unit's `Environment=` settings and its `WorkingDirectory=`."""
    env: dict[str, str] = {}
    workdir = "/"
    for line in (ROOT / "deploy" / "namndbot.service").read_text(encoding="utf-8").splitlines():
        if line.startswith("Environment="):
            key, _, value = line.removeprefix("Environment=").partition("=")
            env[key] = value
        elif line.startswith("WorkingDirectory="):
            workdir = line.removeprefix("WorkingDirectory=")
    return env, workdir


def recipes(root: Path, dotenv: str) -> list[Recipe]:
    operator = env_file(dotenv)
    image, image_dir = dockerfile()
    unit, unit_dir = systemd_unit()
    container = f"{root}/container"
    service = f"{root}/systemd"
    on_8080 = "/healthz on 0.0.0.0:8080"
    return [
        Recipe(  # README "Running for real": .env and sources.toml in the checkout
            "checkout", operator, root / "checkout", root / "checkout" / "sources.toml",
            "data/namndbot.sqlite3", "/healthz off",
        ),
        Recipe(  # README: docker compose (env_file, then environment: wins)
            "compose",
            moved({**image, **operator, **compose_environment()}, Path(container)),
            Path(container + image_dir), Path(container + "/config/sources.toml"),
            f"{container}/data/namndbot.sqlite3", on_8080,
        ),
        Recipe(  # the Dockerfile's own: docker run --env-file .env (it wins over ENV)
            "docker run",
            moved({**image, **operator}, Path(container)),
            Path(container + image_dir), Path(container + "/config/sources.toml"),
            f"{container}/data/namndbot.sqlite3", on_8080,
        ),
        Recipe(  # deploy/namndbot.service: EnvironmentFile= (the .env) wins over Environment=
            "systemd",
            moved({**unit, **operator}, Path(service)),
            Path(service + unit_dir), Path(service + "/etc/namndbot/sources.toml"),
            f"{service}/var/lib/namndbot/namndbot.sqlite3", "/healthz off",
        ),
    ]  # fmt: skip


async def doctor(recipe: Recipe) -> tuple[int | None, str]:
    recipe.cwd.mkdir(parents=True, exist_ok=True)
    env = {"PATH": os.environ.get("PATH", ""), **recipe.env}
    proc = await asyncio.create_subprocess_exec(
        str(SCRIPT), "doctor", cwd=recipe.cwd, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _ = await asyncio.wait_for(proc.communicate(), timeout=90)
    return proc.returncode, out.decode()


async def test_doctor_passes_as_each_readme_recipe_runs_it(
    tmp_path: Path, fake_api: FakeBotApi, sample_portal: SamplePortal
) -> None:
    dotenv = operators_env_file(fake_api)
    (tmp_path / "checkout").mkdir()
    (tmp_path / "checkout" / ".env").write_text(dotenv, encoding="utf-8")
    all_recipes = recipes(tmp_path, dotenv)
    for recipe in all_recipes:
        recipe.sources.parent.mkdir(parents=True, exist_ok=True)
        recipe.sources.write_text(
            f'[[source]]\nkind = "meetingsplus"\nname = "Exempel"\n'
            f'url = "{sample_portal.base_url}"\n',
            encoding="utf-8",
        )
    results = await asyncio.gather(*(doctor(recipe) for recipe in all_recipes))
    for recipe, (code, out) in zip(all_recipes, results, strict=True):
        assert code == 0, f"{recipe.name}:\n{out}"
        assert f"database {recipe.database}: absent; created at first start" in out, recipe.name
        assert recipe.healthz in out, f"{recipe.name}:\n{out}"
