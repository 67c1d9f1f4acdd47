"""`namndbot backup PATH`: a consistent copy of the live database, safe while the bot runs.

Why: operators need a backup they can take from cron or before an upgrade without stopping the
bot; a plain `cp` of a WAL database while it is written is not one. The work is
`storage.backup`; this module reads the configuration and prints one line.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.config import ConfigError, load_config
from storage.backup import BackupError, backup_database


def run_backup(path: str) -> int:
    try:
        config = load_config()
    except ConfigError as exc:
        print(f"backup: configuration error: {'; '.join(exc.problems)}", file=sys.stderr)
        return 1
    try:
        result = backup_database(config.database_path, Path(path))
    except BackupError as exc:
        print(f"backup: {exc}", file=sys.stderr)
        return 1
    print(
        f"backed up {config.database_path} to {result.path} "
        f"({result.size_bytes // 1024} KiB, {result.migrations} migrations, "
        f"integrity {result.integrity})"
    )
    return 0
