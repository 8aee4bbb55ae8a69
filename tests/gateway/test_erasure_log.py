"""Delete-my-data and backups: the erasure log a restore re-applies, how long it and the backups are
kept, and what the backup command says where it cannot help. The restore itself, on PostgreSQL
with the real engine: tests/scaleout/test_backup.py."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from bot import backup
from bot.conversations.store import ConversationStore
from bot.settings import Settings
from tests.support.fakes import app_with


async def test_a_delete_logs_the_id_and_its_time_and_nothing_else(aiohttp_client, tmp_path):
    client = await aiohttp_client(app_with(tmp_path))
    kept = (await (await client.post("/api/v1/conversations", json={"tool": "leader"})).json())["id"]
    gone = (await (await client.post("/api/v1/conversations", json={"tool": "leader"})).json())["id"]
    before = time.time()
    assert (await client.delete(f"/api/v1/conversations/{gone}")).status == 204
    with sqlite3.connect(tmp_path / "gateway.db") as db:
        log = db.execute("SELECT * FROM erasures").fetchall()
        ids = [row[0] for row in db.execute("SELECT id FROM conversations")]
    assert len(log) == 1 and log[0][0] == gone and before <= log[0][1] <= time.time()
    assert ids == [kept]
    # An id nobody holds is refused before anything is logged.
    assert (await client.delete("/api/v1/conversations/" + "A" * 32)).status == 404
    with sqlite3.connect(tmp_path / "gateway.db") as db:
        assert db.execute("SELECT count(*) FROM erasures").fetchone()[0] == 1


async def test_the_log_forgets_an_id_once_no_kept_backup_can_hold_it(tmp_path):
    store = ConversationStore(str(tmp_path / "gateway.db"))
    await store.open()
    try:
        await store.record_erasure("old" * 11, erased_at=time.time() - 31 * 86400)
        await store.record_erasure("new" * 11)
        await store.forget_old_erasures(days=30)  # TRIVSEL_BACKUP_DAYS; the gateway does this every hour
        assert [conversation_id for conversation_id, _ in await store.erasures()] == ["new" * 11]
    finally:
        await store.close()


async def test_a_copy_of_the_log_made_by_the_erasures_command_is_read_back_at_a_restore(tmp_path):
    copy = tmp_path / "erasures.txt"
    copy.write_text(f"{'a' * 32}\t1764990000.123\n\n{'b' * 32}\t1764990001.000\n", encoding="utf-8")
    assert await backup._erasure_log(str(copy)) == [("a" * 32, 1764990000.123), ("b" * 32, 1764990001.0)]
    store = ConversationStore(str(tmp_path / "gateway.db"))  # a replaced gateway's SQLite file is read as a database
    await store.open()
    await store.record_erasure("c" * 32, erased_at=5.0)
    await store.close()
    assert await backup._erasure_log(str(tmp_path / "gateway.db")) == [("c" * 32, 5.0)]


async def test_a_replaced_database_without_a_log_stops_the_restore_with_what_to_do_instead(tmp_path):
    with sqlite3.connect(tmp_path / "old.db") as db:
        db.execute("CREATE TABLE conversations (id TEXT)")  # a release from before the log
    with pytest.raises(backup.BackupError, match="--no-erasure-log if there is none"):
        await backup._erasure_log(str(tmp_path / "old.db"))


def made(into, days_ago: float, now: float) -> str:
    taken = now - days_ago * 86400
    path = into / f"trivsel-{days_ago:g}"
    path.mkdir()
    (path / "manifest.json").write_text(json.dumps({"taken_at": taken, "schema": "0004", "dumps": {}}))
    return path.name


def test_prune_deletes_backups_older_than_the_kept_days_and_leaves_everything_else(tmp_path):
    now = time.time()
    old, fresh = made(tmp_path, 31, now), made(tmp_path, 29, now)
    (tmp_path / "trivsel-someone-elses").mkdir()  # no manifest: not ours
    (tmp_path / "notes.txt").write_text("kept")
    gone = backup.prune(tmp_path, days=30, now=now)
    assert [path.name for path in gone] == [old]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh, "trivsel-someone-elses", "notes.txt"])


def test_the_days_backups_are_kept_is_a_setting():
    assert Settings().backup_days == 30
    assert Settings.from_env({"TRIVSEL_BACKUP_DAYS": "14"}).backup_days == 14


def test_a_backup_of_the_embedded_sqlite_files_is_refused_with_what_to_do_instead(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRIVSEL_VAR_DIR", str(tmp_path))
    monkeypatch.delenv("TRIVSEL_GATEWAY_DB", raising=False)
    monkeypatch.delenv("TRIVSEL_TRACKER_DB", raising=False)
    with pytest.raises(SystemExit) as stopped:
        backup.main(["create", str(tmp_path / "backups")])
    assert stopped.value.code == 1
    assert "TRIVSEL_GATEWAY_DB is not a postgresql:// URL" in capsys.readouterr().err
    assert not (tmp_path / "backups").exists()
