"""The engine refuses, at start, a model whose domain would break conversations in progress
(rasa_components/domain_fence.py), on SQLite and on PostgreSQL: the check reads the model's
domain from its archive and the served domains from the tracker store's database."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import time
import uuid
from pathlib import Path
from typing import Any, Dict, Iterator
from urllib.parse import urlparse

import pytest
import yaml

from rasa_components import domain_fence
from rasa_components.domain_fence import DomainBreaksConversations, breaks, check, summary
from tests.support.domains import domain, grown_domain, text_slot

ROOT = Path(__file__).resolve().parents[2]
PG = os.environ.get("TRIVSEL_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
TRACKER_STORE = "rasa_components.tracker_store.CachingSQLTrackerStore"


def model(folder: Path, the_domain: Dict[str, Any]) -> Path:
    """A model archive holding what the check reads: metadata.json with the domain and a new id."""
    path = folder / f"model-{uuid.uuid4().hex[:8]}.tar.gz"
    data = json.dumps({"model_id": uuid.uuid4().hex, "domain": the_domain}).encode()
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("metadata.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return path


def model_id(path: Path) -> str:
    return domain_fence.model_metadata(path)["model_id"]


@pytest.fixture(params=["sqlite", "postgresql"])
def endpoints(request, tmp_path) -> Iterator[Path]:
    """Rasa's endpoints with the tracker store on SQLite, or on a database of its own in PostgreSQL."""
    if request.param == "sqlite":
        store: Dict[str, Any] = {"type": TRACKER_STORE, "dialect": "sqlite", "db": str(tmp_path / "rasa.db")}
        name = None
    else:
        import psycopg2

        name = f"trivsel_fence_{uuid.uuid4().hex[:10]}"
        try:
            admin = psycopg2.connect(f"{PG}/postgres")
        except psycopg2.OperationalError:
            if os.environ.get("CI") == "true":
                raise
            pytest.skip("no PostgreSQL here (CI=true makes this a failure)")
        admin.autocommit = True
        admin.cursor().execute(f'CREATE DATABASE "{name}"')
        url = urlparse(PG)
        store = {
            "type": TRACKER_STORE,
            "dialect": "postgresql",
            "url": url.hostname,
            "port": url.port or 5432,
            "db": name,
            "username": url.username or "",
            "password": url.password or "",
        }
    path = tmp_path / "endpoints.yml"
    path.write_text(yaml.safe_dump({"tracker_store": store}), encoding="utf-8")
    yield path
    if name:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_texts_and_additions_are_compatible_removals_and_retyping_are_not():
    old = summary(domain())
    assert breaks(old, old) == []
    grown = grown_domain()
    assert breaks(old, summary(grown)) == []
    retyped = domain(slots={**domain()["slots"], "first": {"type": "list", "mappings": [{"type": "custom"}]}})
    assert breaks(old, summary(retyped)) == ["slot 'first' changes type from text to list"]
    shrunk = domain(
        intents=["answer"],
        slots={"first": text_slot(), "language": text_slot()},
        forms={"tool_form": {"required_slots": ["first"]}},
        actions=["validate_tool_form"],
        responses={},
    )
    assert breaks(old, summary(shrunk)) == [
        "slot 'second' is removed (an answer stored in it would be dropped)",
        "form 'tool_form' no longer asks 'second' (a conversation waiting on it would lose that answer)",
        "action 'action_start' is removed",
        "action 'utter_hello' is removed",
        "intent 'help' is removed",
    ]
    renamed_form = domain(forms={"leader_form": {"required_slots": ["first", "second"]}})
    assert breaks(old, summary(renamed_form)) == ["form 'tool_form' is removed (a conversation in it could not go on)"]


def test_a_breaking_model_is_refused_with_what_breaks_and_what_to_do(endpoints, tmp_path):
    serving = model(tmp_path, domain())
    assert check(serving, endpoints) is not None  # the first model: nothing to compare with; recorded
    breaking = model(tmp_path, domain(slots={"first": text_slot(), "language": text_slot()}))
    with pytest.raises(DomainBreaksConversations) as refused:
        check(breaking, endpoints)
    message = str(refused.value)
    assert f"against model {model_id(serving)}" in message
    assert "slot 'second' is removed" in message
    assert f"TRIVSEL_BREAKING_MODEL={model_id(breaking)}" in message  # what to set for a deliberate break
    assert "docs/operator.md" in message
    # Refused again on the next try, and from any machine: the record is in the database.
    with pytest.raises(DomainBreaksConversations):
        check(breaking, endpoints)


def test_a_compatible_model_starts_and_is_compared_with_from_then_on(endpoints, tmp_path):
    assert check(model(tmp_path, domain()), endpoints) is not None
    added = model(tmp_path, domain(slots={**domain()["slots"], "third": text_slot()}))
    assert check(added, endpoints) is not None
    # A later release that drops what the second one added breaks its conversations.
    with pytest.raises(DomainBreaksConversations, match="slot 'third' is removed"):
        check(model(tmp_path, domain()), endpoints)


def test_the_override_names_the_model_and_retires_the_domains_it_breaks(endpoints, tmp_path):
    old = model(tmp_path, domain())
    check(old, endpoints)
    breaking = model(tmp_path, domain(forms={}))
    with pytest.raises(DomainBreaksConversations):
        check(breaking, endpoints, override="some-other-model")  # an override for another model does nothing
    check(breaking, endpoints, override=model_id(breaking))
    check(breaking, endpoints)  # restarting it needs no override: the old domain is retired
    # Only the old model itself, started again, brings its domain back (and is compared with the new one: fine).
    assert check(old, endpoints) is not None


def test_domains_that_served_before_the_retention_period_are_not_compared(endpoints, tmp_path, monkeypatch):
    monkeypatch.setenv("TRIVSEL_RETENTION_DAYS", "30")
    month_ago = time.time() - 31 * 86400
    check(model(tmp_path, domain()), endpoints, now=month_ago)
    # Every conversation it served is purged by now (bot/conversations/retention.py): nothing to break.
    assert check(model(tmp_path, domain(forms={})), endpoints) is not None


def test_without_a_sql_tracker_store_there_is_nothing_to_compare(tmp_path):
    path = tmp_path / "endpoints.yml"
    path.write_text(yaml.safe_dump({"action_endpoint": {"url": "http://127.0.0.1:1/webhook"}}), encoding="utf-8")
    assert check(model(tmp_path, domain()), path) is None


def test_the_engine_refuses_to_start_with_one_plain_message(tmp_path):
    """Through the engine's entry point, as the launcher and the engine image start it."""
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        yaml.safe_dump({"tracker_store": {"type": TRACKER_STORE, "dialect": "sqlite", "db": str(tmp_path / "rasa.db")}}),
        encoding="utf-8",
    )
    check(model(tmp_path, domain()), endpoints)
    breaking = model(tmp_path, domain(intents=["answer"]))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "ignore", "TF_CPP_MIN_LOG_LEVEL": "3"}
    env.pop(domain_fence.OVERRIDE, None)
    started = subprocess.run(
        [sys.executable, "-m", "rasa_components.cli", "run", "--model", str(breaking), "--endpoints", str(endpoints)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode == 3, started.stderr[-2000:]
    refusal = started.stderr[started.stderr.index("The engine refuses to start.") :]  # after library warnings
    assert refusal.startswith(f"The engine refuses to start. The model {breaking} (id {model_id(breaking)})"), refusal
    assert "intent 'help' is removed" in refusal
    assert "Traceback" not in started.stderr


def test_a_serving_engine_keeps_its_domain_in_the_comparison_beyond_the_retention_period(endpoints, tmp_path, monkeypatch):
    """The heartbeat: an engine serving for longer than the retention period still counts."""
    monkeypatch.setenv("TRIVSEL_RETENTION_DAYS", "30")
    month_ago = time.time() - 31 * 86400
    old = model(tmp_path, domain())
    checked = check(old, endpoints, now=month_ago)
    assert checked is not None
    served, old_id = checked
    served.still_serving(old_id, time.time())  # what its heartbeat does every HEARTBEAT_S
    with pytest.raises(DomainBreaksConversations):
        check(model(tmp_path, domain(forms={})), endpoints)


def test_two_servers_starting_on_an_empty_database_both_start(tmp_path, monkeypatch):
    """`make run` starts two Rasa servers: the one that loses the race between the check for the table
    and its creation finds it made by the other, and goes on (a user walk's first start failed)."""
    import sqlalchemy as sa

    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    domain_fence.ServedDomains(url)  # the other server made the table after this one had checked
    real_create_all = sa.MetaData.create_all

    def checked_too_early(self, bind=None, tables=None, checkfirst=True):
        return real_create_all(self, bind=bind, tables=tables, checkfirst=False)

    monkeypatch.setattr(sa.MetaData, "create_all", checked_too_early)
    served = domain_fence.ServedDomains(url)
    assert served.serving(0) == {}
