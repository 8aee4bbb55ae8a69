"""Alembic's environment: runs the migrations on the connection bot/migrations hands it."""

from __future__ import annotations

from alembic import context

# Any number fits, as long as it is ours alone: gateways starting together on one PostgreSQL
# database take turns, and the second finds the schema already upgraded.
LOCK_ID = 0x7472697673656C  # "trivsel"

connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit("Run the gateway's migrations with `python -m bot.migrate`, not with the alembic command.")
context.configure(connection=connection, target_metadata=None)
with context.begin_transaction():
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({LOCK_ID})")
    context.run_migrations()
