"""Backup and restore on the machine's real PostgreSQL (python -m bot.backup): leaders answer, a
backup is taken while one of them is mid-conversation, a conversation is deleted and more answers
come in, and the backup is restored into new databases that a new gateway and engine then serve."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from typing import Any, Dict, List

import pytest

from launcher.running import PG, ROOT, RunningStack, sql
from tests.support.client import Api, handed_over, pdf_text
from tests.support.walkthrough import assert_in_pdf, finish, leader_script

pytestmark = pytest.mark.scaleout
ANSWERS = [step for step in leader_script() if not step.startswith("/")]
START_S = 300  # a gateway warms its PDF workers up at low priority before it listens: slow on a busy machine
ROLES = ("gateway", "tracker", "gateway_restored", "tracker_restored", "gateway_no_log", "tracker_no_log")


@pytest.fixture(scope="module")
def databases():
    """A database per role: the live service's two, and two pairs of new, empty ones to restore into."""
    names = {role: f"trivsel_backup_{role}_{uuid.uuid4().hex[:8]}" for role in ROLES}
    for name in names.values():
        sql(f"{PG}/postgres", f'CREATE DATABASE "{name}"')
    yield {role: f"{PG}/{name}" for role, name in names.items()}
    for name in names.values():
        sql(f"{PG}/postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def backup_command(*args: str, gateway: str, tracker: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), TRIVSEL_GATEWAY_DB=gateway, TRIVSEL_TRACKER_DB=tracker)
    return subprocess.run(
        [sys.executable, "-m", "bot.backup", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def said_by_leader(api: Api, cid: str) -> List[str]:
    status, transcript, _ = api.call("GET", f"/api/v1/conversations/{cid}")
    assert status == 200, transcript
    return [m["text"] for m in transcript["messages"] if m["from"] == "leader" and "text" in m]


@pytest.fixture(scope="module")
def history(tmp_path_factory, databases) -> Dict[str, Any]:
    """The live service's story: what was there at the backup, and what changed after it."""
    stack = RunningStack(tmp_path_factory.mktemp("live"), tracker_db=databases["tracker"], gateway_db=databases["gateway"])
    stack.start(timeout_s=START_S)
    api = Api(stack.base)
    seen: Dict[str, Any] = {}
    try:
        finished = api.start("leader", "da")["id"]
        done, document, pdf = finish(api, finished, api.play(finished, leader_script()))
        assert_in_pdf(pdf, ANSWERS)
        seen["finished"] = {
            "id": finished,
            "said": said_by_leader(api, finished),
            "pdf_url": document["url"],
            "save_url": handed_over(done)[0][0],
        }
        halfway = api.start("leader", "da")["id"]
        api.play(halfway, leader_script()[:6])
        deleted = api.start("leader", "da")["id"]
        api.play(deleted, leader_script()[:4])

        # A leader answers while the backup is taken: pg_dump reads one snapshot, so the restored
        # conversation stops at some turn, whole, and goes on from there.
        busy = api.start("leader", "da")["id"]
        answering = threading.Thread(target=api.play, args=(busy, leader_script()[:14]))
        answering.start()
        made = backup_command(
            "create", str(tmp_path_factory.mktemp("backups")), gateway=databases["gateway"], tracker=databases["tracker"]
        )
        answering.join(120)
        assert made.returncode == 0, made.stderr
        seen["backup"] = Path(made.stdout.strip())

        # After the backup: a delete-my-data, later answers, a new conversation.
        assert api.call("DELETE", f"/api/v1/conversations/{deleted}")[0] == 204
        api.play(halfway, ["Skrevet efter backuppen"])
        later = api.start("leader", "da")["id"]
        seen.update(halfway=halfway, deleted=deleted, busy=busy, later=later, busy_said=said_by_leader(api, busy))
        seen["halfway_said"] = said_by_leader(api, halfway)[:-1]  # as of the backup
    finally:
        stack.stop()
    return seen


def test_a_backup_is_a_directory_of_custom_format_dumps_only_its_owner_reads(history):
    backup = history["backup"]
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["dumps"] == {"gateway": "gateway.dump", "tracker": "tracker.dump"}
    for dump in manifest["dumps"].values():
        assert (backup / dump).read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format, for pg_restore
        assert (backup / dump).stat().st_mode & 0o077 == 0, "the dumps hold what leaders wrote"
    listed = subprocess.run(["pg_restore", "--list", str(backup / "tracker.dump")], capture_output=True, text=True, check=True)
    assert "TABLE DATA public events" in listed.stdout


def test_without_the_erasure_log_a_conversation_deleted_after_the_backup_comes_back(history, databases):
    restored = backup_command(
        "restore",
        str(history["backup"]),
        "--no-erasure-log",
        gateway=databases["gateway_no_log"],
        tracker=databases["tracker_no_log"],
    )
    assert restored.returncode == 0, restored.stderr
    assert "conversations deleted since the backup are back" in restored.stdout
    deleted = history["deleted"]
    assert sql(databases["tracker_no_log"], "SELECT count(*) FROM events WHERE sender_id = $1", deleted)[0][0] > 0
    assert sql(databases["gateway_no_log"], "SELECT count(*) FROM conversations WHERE id = $1", deleted)[0][0] == 1


@pytest.fixture(scope="module")
def restored(tmp_path_factory, history, databases):
    """The backup restored with the live database's erasure log, served by a new gateway and engine."""
    done = backup_command(
        "restore",
        str(history["backup"]),
        "--erasures-from",
        databases["gateway"],
        gateway=databases["gateway_restored"],
        tracker=databases["tracker_restored"],
    )
    assert done.returncode == 0, done.stderr
    assert "erasure log: 1 ids, 1 of them were in the backup and are erased again" in done.stdout, done.stdout
    stack = RunningStack(
        tmp_path_factory.mktemp("restored"), tracker_db=databases["tracker_restored"], gateway_db=databases["gateway_restored"]
    )
    stack.start(timeout_s=START_S)
    yield Api(stack.base)
    stack.stop()


def test_a_restore_serves_every_conversation_as_of_the_backup_with_every_answer(restored, history):
    finished = history["finished"]
    assert said_by_leader(restored, finished["id"]) == finished["said"]
    assert set(ANSWERS) <= set(finished["said"])
    status, pdf, _ = restored.call("GET", finished["pdf_url"])
    assert status == 200
    assert_in_pdf(pdf_text(pdf), ANSWERS)
    status, saved, _ = restored.call("GET", finished["save_url"])
    assert status == 200
    assert all(answer in json.dumps(saved, ensure_ascii=False) for answer in ANSWERS)
    # Answers given after the backup are not in it: the leader finds the conversation as it was then.
    assert said_by_leader(restored, history["halfway"]) == history["halfway_said"]
    assert "Skrevet efter backuppen" not in said_by_leader(restored, history["halfway"])


def test_a_conversation_mid_answer_at_the_backup_goes_on_from_where_the_backup_caught_it(restored, history):
    said = said_by_leader(restored, history["busy"])
    assert said == history["busy_said"][: len(said)], "a whole prefix of what was answered, in order"
    reply = restored.say(history["busy"], "Svar efter gendannelsen")
    assert said_by_leader(restored, history["busy"]) == [*said, "Svar efter gendannelsen"]
    assert reply["state"] == "active"


def test_a_conversation_deleted_after_the_backup_stays_deleted_and_one_started_after_it_is_unknown(restored, history, databases):
    assert restored.call("GET", f"/api/v1/conversations/{history['deleted']}")[0] == 404
    assert sql(databases["tracker_restored"], "SELECT count(*) FROM events WHERE sender_id = $1", history["deleted"])[0][0] == 0
    # The restored database keeps the log, so a later restore of this same backup erases it too.
    assert (
        sql(databases["gateway_restored"], "SELECT count(*) FROM erasures WHERE conversation_id = $1", history["deleted"])[0][0]
        == 1
    )
    assert restored.call("GET", f"/api/v1/conversations/{history['later']}")[0] == 404


def test_a_restore_into_a_database_in_use_is_refused(restored, history, databases):
    again = backup_command(
        "restore",
        str(history["backup"]),
        "--no-erasure-log",
        gateway=databases["gateway_restored"],
        tracker=databases["tracker_restored"],
    )
    assert again.returncode == 1
    assert "is not empty: restore into a new, empty database" in again.stderr
