"""The gateway's database schema by hand: `python -m bot.migrate upgrade|current`.

Reads TRIVSEL_GATEWAY_DB (or the SQLite file under TRIVSEL_VAR_DIR) as the gateway does.
`upgrade` brings the database to this release's schema (what the gateway does at start unless
TRIVSEL_MIGRATE=check); `current` prints the version it is at, and this release's.
"""

from __future__ import annotations

import argparse
import asyncio
import logging

from bot import migrations
from bot.settings import Settings, SettingsError


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["upgrade", "current"])
    action = parser.parse_args().action
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    try:
        target = Settings.from_env().gateway_db
    except SettingsError as error:
        raise SystemExit(str(error)) from None
    if action == "upgrade":
        before = asyncio.run(migrations.upgrade(target))
        print(f"schema {migrations.head()} (was {before or 'none'})")
    else:
        found = asyncio.run(migrations.current(target))
        print(f"schema {found or 'none'}; this release needs {migrations.head()}")
        if found != migrations.head():
            raise SystemExit(1)


if __name__ == "__main__":
    main()
