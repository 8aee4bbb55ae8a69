"""Rooms get `revealed` (the host's toggle); rooms made before it stay shown, as they were then.

Revision ID: 0002
Revises: 0001

The release before migrations added this column with a hand-written ALTER TABLE at start, so a
database from it may have the column already.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    columns = {column["name"] for column in sa.inspect(op.get_bind()).get_columns("rooms")}
    if "revealed" not in columns:
        op.execute("ALTER TABLE rooms ADD COLUMN revealed INTEGER NOT NULL DEFAULT 1")


def downgrade() -> None:
    raise NotImplementedError("the gateway's migrations go forward only; restore a backup to go back")
