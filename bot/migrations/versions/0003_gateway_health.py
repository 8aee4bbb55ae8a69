"""A one-row table /readyz writes to: a full disk still reads, so only a write tells it can store an answer.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE TABLE IF NOT EXISTS gateway_health (id INTEGER PRIMARY KEY, checked_at DOUBLE PRECISION NOT NULL)")


def downgrade() -> None:
    raise NotImplementedError("the gateway's migrations go forward only; restore a backup to go back")
