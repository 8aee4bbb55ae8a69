"""The gateway's tables as the releases before migrations made them.

Revision ID: 0001
Revises:

A database from such a release already has them (`IF NOT EXISTS` leaves them and their rows
alone); a new database gets them here. The rooms' `revealed` column came later: 0002.
"""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TABLES = [
    """CREATE TABLE IF NOT EXISTS conversations (
        id TEXT PRIMARY KEY, tool TEXT NOT NULL, language TEXT NOT NULL, partner TEXT,
        state TEXT NOT NULL DEFAULT 'active', progress TEXT,
        created_at DOUBLE PRECISION NOT NULL, updated_at DOUBLE PRECISION NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS rest_senders (
        sender_hash TEXT PRIMARY KEY, conversation_id TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS usage (
        month TEXT NOT NULL, tool TEXT NOT NULL, partner TEXT NOT NULL,
        started INTEGER NOT NULL DEFAULT 0, completed INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (month, tool, partner))""",
    """CREATE TABLE IF NOT EXISTS replies (
        conversation_id TEXT NOT NULL, idem_key TEXT NOT NULL, reply TEXT NOT NULL,
        created_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (conversation_id, idem_key))""",
    """CREATE TABLE IF NOT EXISTS rooms (
        id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, host_hash TEXT NOT NULL UNIQUE,
        warmup TEXT NOT NULL, language TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'open',
        created_at DOUBLE PRECISION NOT NULL, expires_at DOUBLE PRECISION NOT NULL,
        version BIGINT NOT NULL DEFAULT 0)""",
    """CREATE TABLE IF NOT EXISTS room_members (
        conversation_id TEXT PRIMARY KEY, room_id TEXT NOT NULL, joined_at DOUBLE PRECISION NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS room_members_room ON room_members (room_id)",
    """CREATE TABLE IF NOT EXISTS room_answers (
        room_id TEXT NOT NULL, conversation_id TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL,
        PRIMARY KEY (room_id, conversation_id, question))""",
    """CREATE TABLE IF NOT EXISTS room_hidden (
        room_id TEXT NOT NULL, word TEXT NOT NULL, PRIMARY KEY (room_id, word))""",
]


def upgrade() -> None:
    for table in TABLES:
        op.execute(table)


def downgrade() -> None:
    raise NotImplementedError("the gateway's migrations go forward only; restore a backup to go back")
