"""A client that resends at once through crashes and kills (tests/scaleout, tests/deploy), and what
a leader's finished PDF must hold after the whole conversation it runs (tests/support/walkthrough.py).
"""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any, Dict, List, Sequence, Tuple

from tests.support.client import Api, button
from tests.support.walkthrough import leader_script

# What a leader reads in the finished PDF: each answer under the label it was asked for.
LEADER_ANSWERS_UNDER = [
    ("Det fungerer", "Søndagene er fri"),
    ("Det slider", "Telefonen om aftenen"),
    ("Det kan jeg selv gøre noget ved", "Lydløs efter kl. 19"),
    ("Det fungerer", "Min makker"),
    ("Det slider", "At stå alene"),
    ("Det kan jeg selv gøre noget ved", "Ringe til netværket"),
    ("Det bliver jeg ved med", "Gå tur med hunden"),
    ("Det vil jeg gøre mere af", "Spørge om hjælp"),
    ("Det vil jeg gøre mindre af", "Færre mails"),
    ("Mit første lille skridt", "Frokost væk fra skrivebordet"),
    ("Hvornår", "Når sæsonen er slut"),
    ("Sådan mærker jeg, at det hjælper", "Jeg sover bedre"),
    ("Dem, der kan støtte mig", "Min kone"),
    ("Hvem jeg taler med", "Min nærmeste leder"),
    ("Det vil jeg fortælle", "At aftenerne løber fra mig"),
    ("Det vil jeg bede om", "At vi deler vagttelefonen"),
    ("Hvornår", "Efter morgenmødet"),
]


class FastClient:
    """A widget that resends at once: the same text with the same Idempotency-Key, to whichever
    gateway answers, until the turn is taken (as the widget does, only without waiting)."""

    def __init__(self, bases):
        self.gateways = [Api(base) for base in bases]
        self.turn = 0
        self.resends = 0
        self.answered = 0  # turns taken: the test kills servers once every client is this far in
        self.log = []  # (what was sent, the step it led to, resends so far, what the bot said): shown if a turn goes astray

    def send(self, cid: str, body: dict) -> dict:
        key = uuid.uuid4().hex
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            api = self.gateways[self.turn % len(self.gateways)]
            self.turn += 1
            try:
                status, reply, headers = api.call(
                    "POST", f"/api/v1/conversations/{cid}/messages", body, headers={"Idempotency-Key": key}
                )
            except OSError:  # a gateway that is down, or a connection cut mid-turn
                status, reply, headers = 0, None, {}
            if status == 200:
                self.answered += 1
                said = " | ".join(m.get("text", "")[:50] for m in reply["messages"])
                self.log.append((body.get("text") or body.get("payload"), reply["progress"]["step"], self.resends, said))
                return reply
            assert status in (0, 429, 500, 502, 503, 504), (status, reply)
            self.resends += 1
            time.sleep(min(float(headers.get("Retry-After", 0.2)), 1.0) * 0.3)
        raise AssertionError("a turn was never taken")

    def other_call(self, method: str, path: str, body=None) -> tuple:
        """Any other call, to whichever gateway is up (one of them may be down for a moment)."""
        for attempt in range(200):
            try:
                return self.gateways[attempt % len(self.gateways)].call(method, path, body)
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"no gateway answered {method} {path}")

    def start(self) -> dict:
        """A new conversation, started again while the engine is away (a 503 during a rolling release
        failed a run: as a leader does with the widget's "Prøv igen", the start is tried again; the
        half-started one expires)."""
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            status, started, headers = self.other_call("POST", "/api/v1/conversations", {"tool": "leader", "language": "da"})
            if status == 201:
                return started
            assert status in (429, 500, 502, 503, 504), (status, started)
            self.resends += 1
            time.sleep(min(float((headers or {}).get("Retry-After", 0.2)), 1.0) * 0.3)
        raise AssertionError("a conversation was never started")

    def conversation(self, result: dict) -> None:
        cid = self.start()["id"]
        result["id"] = cid
        for step in leader_script():
            time.sleep(0.2)  # a moment to read: the kills below land mid-conversation, not after it
            reply = self.send(cid, {"payload": step} if step.startswith("/") else {"text": step})
            if any(b["payload"] == "/keep" for m in reply["messages"] for b in m.get("buttons", [])):
                reply = self.send(cid, {"payload": "/keep"})  # "Gem det som mit svar"
        if reply["progress"]["label"] != "Gennemsyn":  # spelled out: pytest would cut the log short
            turns = "\n".join(f"  {sent!r} -> {step} (resends {n}): {said}" for sent, step, n, said in self.log)
            raise AssertionError(f"{cid[:6]}… ended at {reply['progress']} instead of the review:\n{turns}")
        done = self.send(cid, {"payload": button(reply, "lav dokumentet")})
        document = next(m["document"] for m in done["messages"] if "document" in m)
        status, pdf, _ = self.other_call("GET", document["url"])
        assert status == 200
        result["pdf"] = pdf
        result["done"] = done  # the finishing reply: what it offers to save (tests/scaleout/test_rolling_upgrade.py)


def talk_side_by_side(clients: Sequence[FastClient]) -> Tuple[List[threading.Thread], List[Dict[str, Any]], List[str]]:
    """Each client holds a whole conversation in a thread of its own, all started at once: the
    threads (to join), each conversation's result, and what broke a conversation, if anything."""
    results: List[Dict[str, Any]] = [{} for _ in clients]
    errors: List[str] = []

    def run(client: FastClient, result: Dict[str, Any]) -> None:
        try:
            client.conversation(result)
        except BaseException as error:  # reported by the test, with the conversation it broke
            errors.append(repr(error))

    threads = [threading.Thread(target=run, args=pair) for pair in zip(clients, results)]
    for t in threads:
        t.start()
    return threads, results, errors
