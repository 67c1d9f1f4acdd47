"""`namndbot doctor [--live]`: check a deployment before going live, one line per check.

Why: see `bot.doctor`. This module runs the checks in order and prints them; exit status 0 when
all pass, 1 otherwise, so it also serves scripts (and, with `--live`, a container HEALTHCHECK that
asks the running bot's `/healthz`).
"""

from __future__ import annotations

import asyncio

from bot.config import Config, ConfigError, load_config
from bot.doctor import Check, check_database, check_sources, check_token, live_check
from sources.config import SourcesError, load_sources


async def _checks() -> list[Check]:
    try:
        config = load_config()
    except ConfigError as exc:
        fix = "fix it in .env or the environment (see .env.example)"
        return [Check("configuration", False, problem, fix) for problem in exc.problems]
    checks = [Check("configuration", True, f"every setting valid; {_served(config)}")]
    try:
        sources = load_sources(config.sources_file)
    except SourcesError as exc:
        checks.append(Check("sources file", False, str(exc), "see README, Sources"))
        sources = []
    else:
        checks.append(Check("sources file", True, f"{len(sources)} source(s)"))
    checks.append(await check_token(config))
    checks += await check_sources(config, sources)
    checks.append(check_database(config.database_path))
    return checks


def _served(config: Config) -> str:
    """Where /healthz is served (a deployment's settings must not lose it to a copied .env)."""
    if config.http_port is None:
        return "/healthz off (HTTP_PORT empty)"
    return f"/healthz on {config.http_host}:{config.http_port}"


async def _live() -> list[Check]:
    try:
        config = load_config()
    except ConfigError as exc:
        return [Check("configuration", False, "; ".join(exc.problems))]
    return [await live_check(config)]


def run_doctor(live: bool) -> int:
    checks = asyncio.run(_live() if live else _checks())
    for check in checks:
        print(check.line(), flush=True)
    return 0 if all(check.ok for check in checks) else 1
