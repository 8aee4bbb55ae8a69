"""Facilitator rooms on the real stack: participants' warm-ups reach the room as anonymous
counts; what they write stays private; rooms and answers survive a gateway crash."""

from __future__ import annotations

import json
import signal

import pytest

import catalogue
from launcher.running import _wait_http
from tests.support.client import Api, button, pdf_text, texts
from tests.support.live_rooms import EventReader, chart, wait_for

pytestmark = pytest.mark.e2e
PRIVATE = "Mælkebøtte-9c1e går tur med hunden"


def open_room(api: Api, warmup: str, language: str = "da"):
    status, room, _ = api.call("POST", "/api/v1/rooms", {"warmup": warmup, "language": language})
    assert status == 201, room
    return room


def join(api: Api, room):
    status, reply, _ = api.call("POST", "/api/v1/conversations", {"room": room["code"]})
    assert status == 201, reply
    return reply


def host(api: Api, room):
    status, view, _ = api.call("GET", f"/api/v1/hosted/{room['host_key']}")
    assert status == 200, view
    return view


def energy_check(api: Api, room, gives: str, drains: str, word: str):
    joined = join(api, room)
    cid = joined["id"]
    assert "fælles skærm" in texts(joined) and "ser kun du" in texts(joined)
    api.tap(cid, f'/choose{{"value": "{gives}"}}')
    asked = api.tap(cid, f'/choose{{"value": "{drains}"}}')
    assert "ser kun du" in texts(asked)  # the private question says so
    asked = api.say(cid, PRIVATE)
    assert "skærmen uden dit navn" in texts(asked)
    done = api.say(cid, word) if word else api.tap(cid, button(asked, "Spring over"))
    assert done["state"] == "completed"
    return cid, done


def test_an_energy_check_room_counts_choices_and_shared_words_only(api):
    room = open_room(api, "energy")
    energy_check(api, room, "recovery", "workload", "Kaffe")
    view = host(api, room)
    assert view["members"] == 1 and not chart(view, "gives")["ready"]
    energy_check(api, room, "recovery", "workload", "kaffe")
    cid, done = energy_check(api, room, "meaning", "workload", "")
    assert button(done, "hele samtalen") == '/open_tool{"tool": "leader"}'
    view = host(api, room)
    assert view["members"] == 3 and view["answered"] == 3
    assert chart(view, "gives")["bars"] == [{"value": "recovery", "label": "Pauser og restitution", "count": 2}]
    assert chart(view, "gives")["hidden"] == 1
    assert chart(view, "drains")["bars"][0]["count"] == 3
    assert not chart(view, "word")["ready"]  # only two shared a word
    assert PRIVATE not in json.dumps(view, ensure_ascii=False)
    status, summary, _ = api.call("GET", f"/api/v1/hosted/{room['host_key']}/summary.pdf")
    assert status == 200
    text = pdf_text(summary)
    assert "Resultat: Energitjek" in text and "Krav og ressourcer" in text and "Mælkebøtte" not in text


def test_the_maturity_ladder_in_a_room_shows_how_many_stand_on_each_step(api):
    room = open_room(api, "maturity", "en")
    for _ in range(3):
        reply = join(api, room)
        cid = reply["id"]
        for _ in range(6):
            reply = api.tap(cid, reply["messages"][-1]["buttons"][1]["payload"])  # the second option each time
        done = api.tap(cid, button(reply, "make the document"))
        assert done["state"] == "completed" and any(m.get("document") for m in done["messages"])
    levels = chart(host(api, room), "level")
    assert levels["ready"] and sum(b["count"] for b in levels["bars"]) == 3
    assert [b["label"] for b in levels["bars"]][0] == "1. Unrecognised"
    assert max(levels["bars"], key=lambda b: b["count"])["count"] == 3


THEMES = ["autonomy", "trust", "recovery", "support", "workload", "clarity", "boundaries", "meaning"]


def test_a_preparation_room_starts_the_host_s_group_conversation_with_its_themes(api):
    room = open_room(api, "prep")
    for talk_about in ({"workload"}, {"workload", "clarity"}, {"workload", "clarity"}):
        reply = join(api, room)
        cid = reply["id"]
        for theme in THEMES:
            reply = api.tap(cid, '/choose{"value": "%s"}' % ("3" if theme in talk_about else "1"))
        assert api.tap(cid, button(reply, "Spring over"))["state"] == "completed"
    ranked = chart(host(api, room), "rating")["bars"]
    assert [b["value"] for b in ranked[:2]] == ["workload", "clarity"] and ranked[0]["score"] == 3.0
    status, started, _ = api.call("POST", "/api/v1/conversations", {"tool": "group", "prepared": room["host_key"]})
    assert status == 201
    reply = api.play(started["id"], ["Ledergruppen i Hansen VVS", "4", "tirsdag i uge 5"])
    if "/keep" in {b["payload"] for m in reply["messages"] for b in m.get("buttons", [])}:
        reply = api.tap(started["id"], "/keep")  # the date read back
    # Started from the facilitator's screen: the leader's own "why now" is not asked on it.
    assert catalogue.tool("group").known_step("group_why_now").spec["ask"]["da"] not in texts(reply)
    assert "3 i gruppen" in texts(reply) and "»Krav og ressourcer«, »Klare roller og forventninger«" in texts(reply)
    assert [b["title"] for b in reply["messages"][-1]["buttons"][:2]] == ["Krav og ressourcer", "Klare roller og forventninger"]


def test_a_gateway_crash_loses_no_room_and_no_answer_and_the_live_view_comes_back(api, stack):
    room = open_room(api, "taste")
    reader = EventReader(f"{stack.base}/api/v1/hosted/{room['host_key']}/events")
    reader.start()
    people = [join(api, room)["id"] for _ in range(3)]
    for cid in people:
        api.tap(cid, '/choose{"value": "support"}')
    wait_for(lambda: reader.latest and reader.latest["answered"] == 3)
    stack.gateway.send_signal(signal.SIGKILL)  # a crash, not a polite stop
    stack.gateway.wait(10)
    stack.start_gateway()
    _wait_http(stack.base + "/readyz", 60)
    view = host(api, room)
    assert view["members"] == 3 and chart(view, "theme")["bars"] == [
        {"value": "support", "label": "Sparring og støtte", "count": 3}
    ]
    api.tap(join(api, room)["id"], '/choose{"value": "trust"}')  # someone joins after the restart
    wait_for(
        lambda: (
            reader.connections >= 2
            and reader.latest is not None
            and reader.latest["answered"] == 4
            and chart(reader.latest, "theme")["hidden"] == 1
        )
    )
    reader.stopped = True


def test_what_the_guard_flags_where_participants_type_is_honoured_and_never_reaches_the_screen(api):
    """The private step and the word for the screen go through the same guard and form as Værktøj 1:
    acute gets the care message and is kept nowhere, strain gets the check-in, and strain typed as
    the word for the screen neither ends the warm-up under the check-in nor shows on the screen."""
    room = open_room(api, "energy")
    for person in range(3):
        cid = join(api, room)["id"]
        api.tap(cid, '/choose{"value": "recovery"}')
        private = api.tap(cid, '/choose{"value": "workload"}')
        if person == 0:
            r = api.say(cid, "jeg har tænkt på at tage mit liv")
            assert "70 201 201" in texts(r) and "ser kun du" not in texts(r)
            r = api.say(cid, "fortsæt")
            # a word on the way back, then the private question again, nothing kept
            assert texts(r).startswith("Godt. Vi tager det i dit tempo") and texts(r).endswith(texts(private))
            # heavy words typed to the question the care message brought back: where to find help again, no keep
            r = api.say(cid, "jeg er ved at gå ned med stress")
            assert "70 201 201" in texts(r) and "Gem det som mit svar" not in texts(r)
            r = api.tap(cid, button(r, "Fortsæt"))
            r = api.say(cid, "mest travlhed")  # a plain answer now is the answer
        else:
            r = api.say(cid, "jeg er ved at gå ned med stress")
            assert "klogt at tage det alvorligt" in texts(r) and "skærmen" not in texts(r)
            r = api.tap(cid, button(r, "Gem det som mit svar"))  # theirs to keep, on the private step
        assert "skærmen uden dit navn" in texts(r)
        r = api.say(cid, "jeg er udbrændt")
        assert "klogt at tage det alvorligt" in texts(r) and r["state"] == "active"
        r = api.tap(cid, button(r, "Fortsæt"))  # going on keeps nothing: the word is asked for again
        assert "skærmen uden dit navn" in texts(r) and r["state"] == "active"
        done = api.say(cid, "travlt")
        assert done["state"] == "completed"
    view = host(api, room)
    assert view["members"] == 3 and chart(view, "gives")["ready"]
    shown = json.dumps(view, ensure_ascii=False)
    assert "udbrændt" not in shown and "mit liv" not in shown and "stress" not in shown
