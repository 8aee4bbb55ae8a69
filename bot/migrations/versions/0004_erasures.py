"""The erasure log: the id and time of each delete-my-data, so a restore from an older backup re-applies it.

Revision ID: 0004
Revises: 0003

Ids only (random, unguessable): nothing a leader wrote. Kept TRIVSEL_BACKUP_DAYS, as long as the
oldest backup that may still hold the conversation (bot/backup.py).
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE TABLE IF NOT EXISTS erasures (conversation_id TEXT PRIMARY KEY, erased_at DOUBLE PRECISION NOT NULL)")


def downgrade() -> None:
    raise NotImplementedError("the gateway's migrations go forward only; restore a backup to go back")
