"""The gateway's tables and their versions: Alembic migrations for SQLite and PostgreSQL.

The database holds its schema version (Alembic's `alembic_version` table). The gateway brings
it to this release's version when it starts (TRIVSEL_MIGRATE=start, the default), or only checks
it and refuses to start on another version (TRIVSEL_MIGRATE=check), for operators who run
`python -m bot.migrate upgrade` themselves before a release goes live.

Alembic runs on SQLAlchemy's async engines over the drivers the stores already use (aiosqlite,
asyncpg), inside the gateway's own start-up coroutine before it serves: one set of drivers, no
second PostgreSQL client to install, and no thread or event loop of its own. The stores keep
their plain SQL; SQLAlchemy is here only for Alembic.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

log = logging.getLogger("trivsel.migrations")
HERE = Path(__file__).resolve().parent


class SchemaError(RuntimeError):
    """The database's schema is not the one this release runs on, and it was not to be upgraded."""


def url(target: str) -> str:
    """SQLAlchemy's URL for a store target: a SQLite file path or a postgresql:// URL."""
    if target.startswith(("postgresql://", "postgres://")):
        return "postgresql+asyncpg://" + target.split("://", 1)[1]
    return f"sqlite+aiosqlite:///{Path(target).resolve()}"


def config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    return cfg


def head() -> str:
    revision = ScriptDirectory.from_config(config()).get_current_head()
    assert revision is not None  # there is always a first migration
    return revision


async def _with_connection(target: str, work):
    from sqlalchemy.ext.asyncio import create_async_engine
    from sqlalchemy.pool import NullPool

    if not target.startswith(("postgresql://", "postgres://")):
        Path(target).resolve().parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url(target), poolclass=NullPool)
    try:
        async with engine.begin() as connection:
            return await connection.run_sync(work)
    finally:
        await engine.dispose()


def _current(connection) -> Optional[str]:
    return MigrationContext.configure(connection).get_current_revision()


async def current(target: str) -> Optional[str]:
    """The database's schema version (None: made before migrations, or empty)."""
    return await _with_connection(target, _current)


async def upgrade(target: str) -> Optional[str]:
    """Brings the database to this release's schema; returns the version it had before."""

    def work(connection) -> Optional[str]:
        before = _current(connection)
        if before != head():
            cfg = config()
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
            log.warning("gateway database schema upgraded from %s to %s", before or "none", head())
        return before

    return await _with_connection(target, work)


async def check(target: str) -> None:
    """Raises SchemaError unless the database is at this release's schema."""
    found = await current(target)
    if found != head():
        raise SchemaError(
            f"The gateway's database is at schema version {found or 'none'}; this release needs {head()}. "
            "Run `python -m bot.migrate upgrade` (or start with TRIVSEL_MIGRATE=start)."
        )


async def prepare(target: str, mode: str) -> None:
    """What the gateway does with its database's schema at start: upgrade it, or check it."""
    if mode == "start":
        await upgrade(target)
    else:
        await check(target)
