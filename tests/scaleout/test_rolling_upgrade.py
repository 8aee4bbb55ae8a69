"""A release replaces the engine pairs (with a new trained model) and then the gateways, one at a
time, while leaders are mid-conversation: no answer is lost or shifted (transcript, saved file and
PDF), and a model whose domain would break those conversations is refused at start."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tarfile
import tempfile
import threading
import time
import urllib.request
import uuid
from functools import partial
from pathlib import Path
from typing import Any, Dict, List

import pytest

from launcher.running import PG, REDIS, ROOT, RunningStack, _wait_http, sql
from tests.scaleout.test_scaleout import SecondGateway
from tests.support.client import handed_over
from tests.support.release_model import model_id, release_model
from tests.support.resending_client import LEADER_ANSWERS_UNDER, FastClient
from tests.support.walkthrough import answers_not_under_their_labels, leader_script, squash

pytestmark = pytest.mark.scaleout
# A Redis database of this test's own (the scale-out tests use the one in TRIVSEL_TEST_REDIS).
OWN_REDIS = re.sub(r"/\d+$", "", REDIS) + "/11"
LEADERS = 6
# A gateway is ready once its PDF workers are; on a machine busy with other jobs that took over two minutes.
GATEWAY_READY_S = 240


@pytest.fixture(scope="module")
def database():
    name = f"trivsel_upgrade_{uuid.uuid4().hex[:10]}"
    sql(f"{PG}/postgres", f'CREATE DATABASE "{name}"')
    yield f"{PG}/{name}"
    sql(f"{PG}/postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def new_model():
    return release_model()  # trained before the stack starts, so training does not compete with it


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, database, new_model):
    subprocess.run(["redis-cli", "-u", OWN_REDIS, "FLUSHDB"], check=True, capture_output=True)
    stack = RunningStack(
        tmp_path_factory.mktemp("upgrade"), engines=2, tracker_db=database, redis_url=OWN_REDIS, gateway_db=database
    )
    second = SecondGateway(stack)
    try:  # stopped also when a start fails: no gateway outlives the test
        stack.start(GATEWAY_READY_S)
        second.start(GATEWAY_READY_S)
        yield stack, second
    finally:
        if second.process is not None:
            stop_second_gateway(second)
        if stack.gateway is not None:
            stop_gateway(stack)
        stack.engine.stop()


def serving(stack: RunningStack, i: int) -> str:
    """The id of the model Rasa server i serves (its /status)."""
    url = f"{stack.settings.rasa_urls[i]}/status?token={stack.settings.rasa_token}"
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)["model_id"]


def start_rasa_with(stack: RunningStack, i: int, model: Path) -> None:
    """Rasa server i started again as it was, only with another model (as a new release's image would)."""
    args, env = stack.engine.commands[f"rasa{i}"]
    args = list(args)
    args[args.index("--model") + 1] = str(model)
    stack.engine._spawn(f"rasa{i}", args, env)


def stop_pair(stack: RunningStack, i: int) -> None:
    stack.engine.stop_process(f"rasa{i}")
    stack.engine.stop_process(f"actions{i}")


def start_pair(stack: RunningStack, i: int, model: Path) -> None:
    stack.engine.start_actions(i)
    start_rasa_with(stack, i, model)
    stack.engine.wait_ready()


def stop_gateway(stack: RunningStack) -> None:
    assert stack.gateway is not None, "started"
    stack.gateway.terminate()  # as Kubernetes stops a container: SIGTERM, 30 s to finish, then SIGKILL
    try:
        stack.gateway.wait(30)
    except subprocess.TimeoutExpired:
        stack.gateway.kill()
        stack.gateway.wait()


def stop_second_gateway(second: SecondGateway) -> None:
    assert second.process is not None, "started"
    second.process.terminate()
    try:
        second.process.wait(30)
    except subprocess.TimeoutExpired:
        second.process.kill()
        second.process.wait()


def start_gateway(stack: RunningStack) -> None:
    stack.start_gateway(GATEWAY_READY_S)
    _wait_http(stack.base + "/readyz", GATEWAY_READY_S)


class Leaders:
    """Leaders talking through both gateways the whole time: each begins a new conversation as
    soon as one ends, until told to stop; every finished one is kept for the checks."""

    def __init__(self, stack: RunningStack, second: SecondGateway, count: int):
        bases = [stack.base, second.base]
        self.clients = [FastClient(bases if i % 2 else bases[::-1]) for i in range(count)]
        self.finished: List[Dict[str, Any]] = []
        self.talking = [False] * count  # mid-conversation now
        self.errors: List[str] = []
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._talk, args=(i,)) for i in range(count)]

    def _talk(self, i: int) -> None:
        client = self.clients[i]
        while not self.stopping.is_set():
            result: Dict[str, Any] = {"client": client}
            self.talking[i] = True
            try:
                client.conversation(result)
            except BaseException as error:  # reported by the test, with the conversation it broke
                self.errors.append(f"{result.get('id', '?')[:6]}…: {error!r}")
                return
            finally:
                self.talking[i] = False
            self.finished.append(result)

    def mid_conversation(self) -> int:
        return sum(self.talking)

    def start(self) -> None:
        for t in self.threads:
            t.start()

    def stop(self) -> None:
        self.stopping.set()
        for t in self.threads:
            t.join(600)


def saved_items(saved: Any) -> List[tuple]:
    """Every (label, answer) in a saved file, wherever its sections put them."""
    found = []
    if isinstance(saved, dict):
        if isinstance(saved.get("label"), str) and isinstance(saved.get("answer"), str):
            found.append((saved["label"], saved["answer"]))
        for value in saved.values():
            found += saved_items(value)
    elif isinstance(saved, list):
        for value in saved:
            found += saved_items(value)
    return found


def answers_out_of_place(result: Dict[str, Any]) -> Dict[str, Any]:
    """What a leader would find amiss in the transcript, the saved file and the PDF; {} if nothing."""
    client, cid = result["client"], result["id"]
    typed = [s for s in leader_script() if not s.startswith("/")]
    amiss: Dict[str, Any] = {}
    status, transcript, _ = client.other_call("GET", f"/api/v1/conversations/{cid}")
    assert status == 200, transcript
    said = [m.get("text") for m in transcript["messages"] if m.get("from") == "leader"]
    if [t for t in said if t in typed] != typed:  # each answer once, in the order given
        amiss["transcript"] = said
    (url,), _ = handed_over(result["done"])
    status, saved, _ = client.other_call("GET", url)
    assert status == 200, saved
    items = [(squash(label).lower(), squash(answer).lower()) for label, answer in saved_items(saved)]
    wrong = []
    for label, answer in LEADER_ANSWERS_UNDER:  # each answer once, and under its own label
        under = [lab for lab, ans in items if ans == squash(answer).lower()]
        if len(under) != 1 or not under[0].startswith(squash(label).lower()):
            wrong.append((label, answer, under))
    if wrong:
        amiss["saved file"] = wrong
    if wrong_in_pdf := answers_not_under_their_labels(result["pdf"], LEADER_ANSWERS_UNDER):
        amiss["pdf"] = wrong_in_pdf
    return amiss


# About 5 minutes on a busy 2-core machine; the first run after `make train` also trains the release's
# model (1-4 minutes), and under heavy load a gateway's start and the PDFs take minutes more.
@pytest.mark.timeout(900)
def test_a_rolling_release_of_engines_and_gateways_loses_and_shifts_no_answer(cluster, new_model):
    stack, second = cluster
    old_id, new_id = serving(stack, 0), model_id(new_model)
    assert old_id != new_id and serving(stack, 1) == old_id
    leaders = Leaders(stack, second, LEADERS)
    started = time.monotonic()
    leaders.start()
    steps: List[Dict[str, Any]] = []

    def replace(what: str, stop, start) -> None:
        deadline = time.monotonic() + 60
        while leaders.mid_conversation() < LEADERS // 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        talking = leaders.mid_conversation()
        began = time.monotonic()
        stop()
        start()
        steps.append({"what": what, "mid_conversation": talking, "seconds": round(time.monotonic() - began, 1)})
        time.sleep(2)  # a few turns on the new one before the next goes

    try:
        time.sleep(3)  # everyone a few turns in
        for i in range(2):  # one engine pair at a time: stop the old, start the new, wait until it is ready
            replace(f"engine pair {i}", partial(stop_pair, stack, i), partial(start_pair, stack, i, new_model))
            assert serving(stack, i) == new_id
        replace("gateway 1", partial(stop_gateway, stack), partial(start_gateway, stack))
        replace("gateway 2", partial(stop_second_gateway, second), partial(second.start, GATEWAY_READY_S))
        upgraded = len(leaders.finished)
        deadline = time.monotonic() + 120
        while len(leaders.finished) < upgraded + LEADERS and not leaders.errors and time.monotonic() < deadline:
            time.sleep(0.2)  # and conversations begun before the release finish on it
    finally:
        leaders.stop()
    if leaders.errors:
        pytest.fail("\n\n".join(leaders.errors), pytrace=False)  # whole: pytest would cut each log short
    took = time.monotonic() - started
    resends = sum(c.resends for c in leaders.clients)
    print(f"\nrolling release: {steps}; {len(leaders.finished)} conversations finished in {took:.0f}s, {resends} resends")
    assert all(step["mid_conversation"] >= 1 for step in steps), steps  # each replacement met leaders mid-way
    assert len(leaders.finished) >= 2 * LEADERS
    amiss = {r["id"][:8]: found for r in leaders.finished if (found := answers_out_of_place(r))}
    assert not amiss, amiss
    # Conversations begun on the old model were finished by the new one.
    events = sql(stack.settings.tracker_db, "SELECT DISTINCT data::json->'metadata'->>'model_id' FROM events")
    assert {old_id, new_id} <= {row[0] for row in events}


def with_domain_changed(model: Path, folder: Path, change) -> Path:
    """A copy of `model` whose domain (in metadata.json) is changed by `change`, with an id of its own."""
    unpacked = folder / "unpacked"
    with tarfile.open(model, mode="r:gz") as archive:
        archive.extractall(unpacked)
    metadata = json.loads((unpacked / "metadata.json").read_text(encoding="utf-8"))
    change(metadata["domain"])
    metadata["model_id"] = uuid.uuid4().hex
    (unpacked / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    changed = folder / "changed.tar.gz"
    with tarfile.open(changed, "w:gz") as archive:
        for path in sorted(unpacked.iterdir()):
            archive.add(path, arcname=path.name)
    shutil.rmtree(unpacked)
    return changed


def test_an_engine_with_a_model_that_breaks_conversations_in_progress_refuses_to_start(cluster, new_model):
    """The real engine, started as the launcher starts it, on the database the running ones record in."""
    from launcher.ports import free_port

    stack, _ = cluster

    def drop_a_question(domain: Dict[str, Any]) -> None:
        del domain["slots"]["leader_theme1_works"]
        domain["forms"]["tool_form"]["required_slots"].remove("leader_theme1_works")

    with tempfile.TemporaryDirectory() as tmp:
        breaking = with_domain_changed(new_model, Path(tmp), drop_a_question)
        breaking_id = model_id(breaking)
        args, env = stack.engine.commands["rasa0"]
        args = list(args)
        args[args.index("--model") + 1] = str(breaking)
        args[args.index("--port") + 1] = str(free_port())  # never listened on: the fence stops it first
        refused = subprocess.run(
            args, cwd=ROOT, env={**stack.engine._env(), **(env or {})}, capture_output=True, text=True, timeout=120
        )
    assert refused.returncode == 3, refused.stderr[-3000:]
    message = refused.stderr[refused.stderr.index("The engine refuses to start.") :]
    assert "slot 'leader_theme1_works' is removed" in message, message
    assert "form 'tool_form' no longer asks 'leader_theme1_works'" in message, message
    assert "TRIVSEL_BREAKING_MODEL=" in message
    recorded = sql(stack.settings.tracker_db, "SELECT model_id FROM trivsel_served_domains WHERE retired IS NULL")
    assert breaking_id not in {row[0] for row in recorded}  # a refused model is not recorded as served
