"""Backups of the service's PostgreSQL databases: `python -m bot.backup create|restore|prune|erasures`.

What is stored lives in two places, both named by the same settings the gateway reads:
TRIVSEL_GATEWAY_DB (the gateway's tables: conversations, rooms without Redis, the erasure log) and
TRIVSEL_TRACKER_DB (Rasa's tracker store: every event, so every answer; documents and saved files
are made from it on request, so no file on disk needs a backup). They may be one database.

- `create DIR` dumps each database with pg_dump's custom format into a new DIR/trivsel-<time>/.
  pg_dump reads one snapshot per database while the service runs. The gateway's database is
  dumped first: a conversation started between the two dumps is then in the tracker's dump only,
  which the gateway does not serve and retention later purges.
- `restore BACKUP` loads a backup into the empty databases the settings name, brings the gateway's
  schema to this release, and re-applies the erasure log: every conversation deleted since the
  backup (read from the database being replaced, or a copy of its log) is erased again. It then
  purges conversations idle past TRIVSEL_RETENTION_DAYS, as the gateway would within the hour.
- `prune DIR` deletes backups older than TRIVSEL_BACKUP_DAYS: a deleted conversation is in no backup
  after that many days, and the erasure log forgets its id then too.
- `erasures` prints the erasure log (ids and times, nothing a leader wrote), to copy off the
  database's machine so a restore after losing that database can still re-apply it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from bot import migrations
from bot.conversations.erase import erase_conversation
from bot.conversations.retention import purge
from bot.conversations.store import ConversationStore
from bot.rooms import store as room_store
from bot.settings import Settings, SettingsError

MANIFEST = "manifest.json"
PREFIX = "trivsel-"
STAMP = "%Y%m%dT%H%M%SZ"


class BackupError(RuntimeError):
    """Something the operator must fix before a backup or restore can go on; the message says what."""


def _postgres(target: str, setting: str) -> str:
    if not target.startswith(("postgresql://", "postgres://")):
        raise BackupError(
            f"{setting} is not a postgresql:// URL; this command backs up PostgreSQL only "
            "(the embedded SQLite files: stop the service and copy them, or sqlite3 FILE '.backup COPY')"
        )
    return target


def _databases(settings: Settings) -> Dict[str, str]:
    """The databases to dump, by role: one entry when gateway and tracker share a database."""
    gateway = _postgres(settings.gateway_db, "TRIVSEL_GATEWAY_DB")
    tracker = _postgres(settings.tracker_target, "TRIVSEL_TRACKER_DB")
    return {"both": gateway} if gateway == tracker else {"gateway": gateway, "tracker": tracker}


def _run(command: List[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        # pg_dump's and pg_restore's messages name tables and settings, never rows.
        raise BackupError(f"{command[0]} failed:\n{done.stderr.strip()}")


def create(settings: Settings, into: Path, now: Optional[float] = None) -> Path:
    """Dumps the databases into a new directory under `into`; returns it."""
    databases = _databases(settings)
    taken = time.time() if now is None else now
    name = PREFIX + datetime.fromtimestamp(taken, timezone.utc).strftime(STAMP)
    final, partial = into / name, into / (name + ".partial")
    if final.exists():
        raise BackupError(f"{final} exists already")
    os.umask(0o077)  # the dumps hold what leaders wrote: readable by this user only
    partial.mkdir(parents=True, exist_ok=False)
    try:
        schema = asyncio.run(migrations.current(settings.gateway_db))
        for role in ("both", "gateway", "tracker"):  # the gateway's first (see the module's notes)
            if role in databases:
                _run(["pg_dump", "--format=custom", f"--file={partial / (role + '.dump')}", f"--dbname={databases[role]}"])
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    manifest = {"taken_at": taken, "schema": schema, "dumps": {role: role + ".dump" for role in databases}}
    (partial / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    partial.rename(final)  # a backup directory without .partial is whole
    return final


def read_manifest(backup: Path) -> dict:
    try:
        return json.loads((backup / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError(f"{backup} is not a backup made by this command (no {MANIFEST})") from None


async def _is_empty(url: str) -> bool:
    import asyncpg

    try:
        connection = await asyncpg.connect(url)
    except asyncpg.InvalidCatalogNameError:
        raise BackupError(f"the database {url.rsplit('/', 1)[-1]} does not exist: make it first (createdb)") from None
    try:
        tables = await connection.fetchval("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
    finally:
        await connection.close()
    return tables == 0


async def _erasure_log(source: str) -> List[Tuple[str, float]]:
    """The erasure log of the database being replaced (a gateway database's URL or SQLite file),
    or a copy of it made by `erasures` (lines of id and time)."""
    path = Path(source)
    if not source.startswith(("postgresql://", "postgres://")) and path.is_file():
        with path.open("rb") as file:
            is_sqlite = file.read(16) == b"SQLite format 3\x00"
        if not is_sqlite:
            log = []
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    conversation_id, erased_at = line.split("\t")[:2]
                    log.append((conversation_id, float(erased_at)))
            return log
    store = ConversationStore(source, migrate="check")  # only read: the old database is left as it is
    try:
        await store.driver.open()
        return await store.erasures()
    except Exception as error:  # unreachable, or from before the log (no table): the operator decides
        raise BackupError(
            f"could not read the erasure log from --erasures-from ({type(error).__name__}): give a copy made by "
            "`python -m bot.backup erasures`, or --no-erasure-log if there is none"
        ) from None
    finally:
        await store.close()


async def _reapply(settings: Settings, log: List[Tuple[str, float]]) -> Tuple[int, int, int]:
    """Erases every logged id again in the restored databases (keeping the log, with its times, for
    the next restore), then purges what retention would; returns (ids logged, found, purged)."""
    store = ConversationStore(settings.gateway_db)  # opening it brings an older backup's schema to this release
    await store.open()
    rooms = room_store.for_settings(settings, store.driver)
    await rooms.open()
    try:
        log = sorted(set(log) | set(await store.erasures()))
        found = 0
        for conversation_id, erased_at in log:
            found += bool(await store.get(conversation_id))
            await erase_conversation(conversation_id, settings.tracker_target, store, rooms, erased_at)
        purged = await purge(settings, store, settings.retention_days)
    finally:
        await rooms.close()
        await store.close()
    return len({conversation_id for conversation_id, _ in log}), found, purged


def restore(settings: Settings, backup: Path, erasures_from: Optional[str]) -> str:
    """Loads the backup into the (empty) databases the settings name; returns what it did, in words."""
    manifest = read_manifest(backup)
    databases = _databases(settings)
    if "both" in manifest["dumps"] and "both" not in databases:
        raise BackupError(
            "this backup holds the gateway's tables and the tracker store in one database: "
            "set TRIVSEL_GATEWAY_DB and TRIVSEL_TRACKER_DB to the same new database"
        )
    log = asyncio.run(_erasure_log(erasures_from)) if erasures_from else []
    targets = set(databases.values())
    for url in targets:
        if not asyncio.run(_is_empty(url)):
            raise BackupError(f"the database {url.rsplit('/', 1)[-1]} is not empty: restore into a new, empty database")
    for role, dump in manifest["dumps"].items():
        url = databases.get(role) or databases["both"]
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={url}",
                str(backup / dump),
            ]
        )
    logged, found, purged = asyncio.run(_reapply(settings, log))
    taken = datetime.fromtimestamp(manifest["taken_at"], timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"restored the backup of {taken} (schema {manifest['schema']}, now {migrations.head()}); "
        f"erasure log: {logged} ids, {found} of them were in the backup and are erased again; "
        f"{purged} conversations idle for more than {settings.retention_days} days purged"
    )


def prune(into: Path, days: float, now: Optional[float] = None) -> List[Path]:
    """Deletes the backups under `into` taken more than `days` ago (and any left .partial); returns them."""
    cutoff = (time.time() if now is None else now) - days * 86400
    gone = []
    for backup in sorted(into.glob(PREFIX + "*")):
        if not backup.is_dir():
            continue
        if backup.name.endswith(".partial"):
            old = backup.stat().st_mtime < cutoff
        else:
            try:
                old = read_manifest(backup)["taken_at"] < cutoff
            except BackupError:
                continue  # not ours: left alone
        if old:
            shutil.rmtree(backup)
            gone.append(backup)
    return gone


async def _print_erasures(settings: Settings) -> None:
    for conversation_id, erased_at in await _erasure_log(settings.gateway_db):
        print(f"{conversation_id}\t{erased_at:.3f}")


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.backup", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("create", help="dump the databases into a new DIR/trivsel-<time>/").add_argument("dir", type=Path)
    restoring = commands.add_parser("restore", help="load a backup into the empty databases the settings name")
    restoring.add_argument("backup", type=Path)
    source = restoring.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--erasures-from",
        metavar="DB_OR_FILE",
        help="the replaced gateway database (URL or SQLite file), or a file made by `erasures`",
    )
    source.add_argument(
        "--no-erasure-log", action="store_true", help="there is none: conversations deleted since the backup come back"
    )
    pruning = commands.add_parser("prune", help="delete backups older than TRIVSEL_BACKUP_DAYS")
    pruning.add_argument("dir", type=Path)
    pruning.add_argument("--days", type=float)
    commands.add_parser("erasures", help="print the erasure log: id and time, one a line")
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
        if args.command == "create":
            print(create(settings, args.dir))
        elif args.command == "restore":
            print(restore(settings, args.backup, args.erasures_from))
            if args.no_erasure_log:
                print(
                    "no erasure log of the replaced database: conversations deleted since the backup are back "
                    "(retention erases them once idle for TRIVSEL_RETENTION_DAYS)"
                )
        elif args.command == "prune":
            days = settings.backup_days if args.days is None else args.days
            gone = prune(args.dir, days)
            print(f"deleted {len(gone)} backups older than {days:g} days")
        else:
            asyncio.run(_print_erasures(settings))
    except (SettingsError, BackupError) as error:
        print(error, file=sys.stderr)
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
