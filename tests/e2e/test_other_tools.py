"""Værktøj 2, Værktøj 3, the maturity ladder and follow-ups through the real stack."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from tests.support.client import button, handed_over, pdf_text, texts
from tests.support.walkthrough import answers_not_under_their_labels, assert_in_pdf, squash

pytestmark = pytest.mark.e2e


def documents(reply):
    return {m["document"]["kind"]: m["document"] for m in reply["messages"] if "document" in m}


def fetch(api, url):
    status, body, headers = api.call("GET", url)
    assert status == 200, (url, body)
    return body, headers


def pages(pdf: bytes):
    reader = PdfReader(io.BytesIO(pdf))
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]


A3, A4, A5 = (842, 1191), (595, 842), (420, 595)


@pytest.fixture(scope="module")
def group_meeting(api):
    """A whole Værktøj 2 conversation in Danish: preparation, guide, meeting, agreement."""
    cid = api.start("group", "da")["id"]
    typed = {}

    def say(key, text):
        typed[key] = text
        return api.answer(cid, text)

    say("name", "Ledergruppen i Hansen VVS")
    say("size", "Vi er fem")
    typed["size"] = "5"  # a count is printed as the number (a user walk's guide read "Antal i gruppen: Vi er 4")
    say("date", "Efter nytår, kl. 8 i frokoststuen")
    r = say("why", "Vi har haft et hårdt år og taler kun drift")
    r = api.tap(cid, button(r, "Tryghed og tillid"))
    typed["theme2"] = "Vi når ikke det hele, der er for mange opgaver og for få folk"
    r = api.theme(cid, typed["theme2"], "Krav og ressourcer")
    assert "Krav og ressourcer" in texts(r)
    r = api.tap(cid, "/skip")  # two themes
    guide = documents(r)["group-meeting-guide"]
    guide_reply = r
    guide_transcript = api.call("GET", f"/api/v1/conversations/{cid}")[1]["messages"]  # a reload before the meeting
    assert r["progress"]["label"] == "Mødeguide"
    guide_pdf, _ = fetch(api, guide["url"])
    r = api.tap(cid, button(r, "Vi holder mødet nu"))
    meeting = {
        "works1": "Tjek-ind hver mandag virker for os",
        "obstacles1": "Travlheden før jul står i vejen",
        "try1": "En gåtur sammen en gang om måneden",
        "works2": "Kunderne roser vores service",
        "obstacles2": "For mange små sager fylder dagen",
        "try2": "At sige nej oftere til hastesager",
    }
    for key, text in meeting.items():
        r = say(key, text)
    # who leads an action is printed as the person named (actions/names.py), so it is typed as one
    owners = {"owner1": "Mette fra lageret", "owner2": "Jens fra kontoret"}
    for key in ["action1", "owner1", "when1", "notice1", "action2", "owner2", "when2", "notice2"]:
        r = say(key, owners.get(key) or f"Aftalens {key}: Mette tager den")
    r = say("followup", "15. marts 2027")
    assert "Jeg skriver »mandag 15. marts 2027« – passer det?" in texts(r)  # read back with its weekday
    r = api.tap(cid, button(r, "Ja, det passer"))
    assert r["progress"]["label"] == "Gennemsyn"
    done = api.tap(cid, button(r, "lav dokumentet"))
    assert done["state"] == "completed"
    return {
        "cid": cid,
        "typed": typed,
        "guide_pdf": guide_pdf,
        "guide": guide,
        "guide_reply": guide_reply,
        "guide_transcript": guide_transcript,
        "done": done,
    }


def test_group_meeting_guide_has_agenda_times_and_theme_questions(group_meeting):
    text = pdf_text(group_meeting["guide_pdf"])
    assert "Dagsorden" in text and "20 min" in text
    assert "Tryghed og tillid" in text and "Krav og ressourcer" in text
    assert "Kan vi sige det, vi mener, til hinanden" in text  # the question that opens the trust theme
    assert_in_pdf(text, [group_meeting["typed"]["name"], group_meeting["typed"]["why"]])
    flat = " ".join(text.split())
    # The leader's own reason is printed once, in their part of the guide, after the shared agenda.
    assert flat.count(group_meeting["typed"]["why"]) == 1
    assert flat.index("Kun til dig, der leder mødet") < flat.index(group_meeting["typed"]["why"])


def test_group_agreement_is_an_a3_poster_also_on_a4_with_every_answer(api, group_meeting):
    poster = documents(group_meeting["done"])["group-agreement"]
    a3, headers = fetch(api, poster["url"])
    assert pages(a3)[0] == A3 and headers["Content-Type"] == "application/pdf"
    a4, _ = fetch(api, poster["url"] + "?paper=a4")
    assert pages(a4)[0] == A4
    typed = group_meeting["typed"]
    for pdf in (a3, a4):
        assert_in_pdf(
            pdf_text(pdf),
            [typed[k] for k in ["action1", "owner1", "when1", "notice1", "action2", "notice2"]] + ["15. marts 2027"],
        )


def test_every_answer_of_the_group_reaches_a_document(api, group_meeting):
    made = documents(group_meeting["done"])
    assert set(made) == {"group-agreement", "group-meeting-notes"}
    notes = pdf_text(fetch(api, made["group-meeting-notes"]["url"])[0])
    poster = pdf_text(fetch(api, made["group-agreement"]["url"])[0])
    printed = squash(pdf_text(group_meeting["guide_pdf"]) + notes + poster)  # hyphenated words whole again
    typed = group_meeting["typed"]
    missing = [key for key, text in typed.items() if key != "followup" and squash(text) not in printed]
    assert not missing, f"answers in no document: {missing}"
    # The meeting's own words are in the notes, each under what was asked.
    labels = ("Det virker", "Det står i vejen", "Det vil vi prøve")
    pairs = [
        (label, typed[key]) for label, key in zip(labels * 2, ["works1", "obstacles1", "try1", "works2", "obstacles2", "try2"])
    ]
    notes_pdf = fetch(api, made["group-meeting-notes"]["url"])[0]
    assert answers_not_under_their_labels(notes_pdf, pairs) == []


def test_group_agreement_offers_a_calendar_entry_and_a_file_to_save(api, group_meeting):
    poster = documents(group_meeting["done"])["group-agreement"]
    ics, headers = fetch(api, poster["calendar_url"])
    assert headers["Content-Type"].startswith("text/calendar")
    assert b"DTSTART;VALUE=DATE:20270315" in ics and b"BEGIN:VEVENT" in ics
    # A reminder the day before, and a second download is the same entry (a calendar updates it).
    assert b"BEGIN:VALARM" in ics and b"TRIGGER:-P1D" in ics
    again, _ = fetch(api, poster["calendar_url"])
    assert _uid(again) == _uid(ics)
    saved, headers = fetch(api, poster["save_url"])
    assert saved["schema"] == "trivsel.agreement" and saved["version"] == 1 and saved["kind"] == "group-agreement"
    assert "attachment" in headers["Content-Disposition"]


def test_the_a3_and_a4_posters_download_under_their_own_names(api, group_meeting):
    """Both were vores-aftale.pdf, so the second download overwrote the first (a user test)."""
    poster = documents(group_meeting["done"])["group-agreement"]
    names = [fetch(api, poster[url])[1]["Content-Disposition"] for url in ("url", "a4_url")]
    assert names == ['attachment; filename="vores-aftale.pdf"', 'attachment; filename="vores-aftale-a4.pdf"']
    # A document without an A4 variant keeps its one name, whatever the address asks.
    notes = documents(group_meeting["done"])["group-meeting-notes"]["url"]
    assert fetch(api, notes + "?paper=a4")[1]["Content-Disposition"] == fetch(api, notes)[1]["Content-Disposition"]


def test_the_poster_card_says_it_is_an_a3_poster_and_offers_a4(group_meeting):
    """'Hent PDF: Vores aftale' was the A3 poster without saying so; a small firm mostly prints A4."""
    offered = documents(group_meeting["done"])
    assert (offered["group-agreement"]["paper"], offered["group-agreement"]["paper_a4"]) == ("plakat i A3", "Også i A4")
    assert "paper" not in offered["group-meeting-notes"]


def test_follow_up_from_the_saved_agreement(api, group_meeting):
    saved, _ = fetch(api, documents(group_meeting["done"])["group-agreement"]["save_url"])
    status, start, _ = api.call("POST", "/api/v1/conversations", {"followup": saved})
    assert status == 201, start
    cid = start["id"]
    assert "Velkommen tilbage" in texts(start) and "Tryghed og tillid" in texts(start)
    assert group_meeting["typed"]["action1"] in texts(start)  # the first action, to follow up
    r = api.tap(cid, button(start, "Gjort"))
    r = api.answer(cid, "Tjek-ind virker, når vi tager det først på mødet")
    assert "Krav og ressourcer" in texts(r)
    r = api.say(cid, "i gang")  # typed, matched to "I gang"
    r = api.answer(cid, "Vi skal øve os i at sige nej")
    r = api.say(cid, "uge 36")
    r = api.say(cid, "ja")  # the date read back, confirmed in words
    done = api.tap(cid, button(r, "lav dokumentet"))
    updated = documents(done)["group-agreement"]
    files, entries = handed_over(done)
    assert files == [updated["save_url"]] and entries == [updated["calendar_url"]]
    again, headers = fetch(api, updated["save_url"])
    named = headers["Content-Disposition"]
    assert (
        named.startswith('attachment; filename="opfoelgning-vores-aftale-2027-')
        and named != 'attachment; filename="opfoelgning-vores-aftale-2027-03-15.json"'
    )
    assert api.call("POST", "/api/v1/conversations", {"followup": again})[0] == 201
    text = pdf_text(fetch(api, updated["url"])[0])
    assert_in_pdf(
        text,
        [
            "Opfølgning",
            "Gjort",
            "I gang",
            "Tjek-ind virker, når vi tager det først på mødet",
            "Vi skal øve os i at sige nej",
            group_meeting["typed"]["action1"],
        ],
    )
    ics, _ = fetch(api, updated["calendar_url"])
    assert b"DTSTART;VALUE=DATE:2027" in ics
    first, _ = fetch(api, documents(group_meeting["done"])["group-agreement"]["calendar_url"])
    assert _uid(ics) == _uid(first), "the follow-up moves the same calendar entry to the next date"


def _uid(ics: bytes) -> str:
    return next(line for line in ics.decode().splitlines() if line.startswith("UID:"))


@pytest.mark.parametrize(
    "change,code",
    [
        (lambda d: {"schema": "someone.else", "version": 1}, "not_our_file"),
        (lambda d: {**d, "version": 2}, "unknown_version"),
        (lambda d: {**d, "title": {"nested": "x"}}, "damaged_file"),
        (lambda d: {**d, "sections": "<script>alert(1)</script>"}, "damaged_file"),
        (lambda d: [d], "not_our_file"),
        (lambda d: {**d, "tool": "taste", "kind": "taste"}, "nothing_to_follow_up"),
    ],
)
def test_bad_uploads_are_refused_clearly(api, group_meeting, change, code):
    saved, _ = fetch(api, documents(group_meeting["done"])["group-agreement"]["save_url"])
    status, body, _ = api.call("POST", "/api/v1/conversations", {"followup": change(saved)})
    assert status == 422 and body["error"]["code"] == code
    assert "script" not in body["error"]["message"]


def test_the_meeting_guide_is_a_pdf_to_print_and_offers_no_file_to_keep(api, group_meeting):
    """The guide offered 'Gem filen til opfølgning', and that file was then refused (a user test):
    the guide prepares the meeting; what is followed up is the agreement made at it."""
    assert handed_over(group_meeting["guide_reply"]) == ([], [])
    status, body, _ = api.call("GET", group_meeting["guide"]["url"].replace(".pdf", ".json"))
    assert status == 404 and body["error"]["code"] == "not_a_file_to_keep"
    # A guide file saved before this change is still refused plainly.
    saved, _ = fetch(api, documents(group_meeting["done"])["group-agreement"]["save_url"])
    status, body, _ = api.call("POST", "/api/v1/conversations", {"followup": {**saved, "kind": "group-meeting-guide"}})
    assert status == 422 and body["error"]["code"] == "not_for_follow_up"
    assert "agreement" in body["error"]["message"]


def test_the_guides_text_its_document_and_then_its_buttons_in_that_order(api, group_meeting):
    """The text says 'Hent det', so the document comes right after it, and the buttons for what
    comes next ('Vi holder mødet nu', 'Hold pause') after the document: live and after a reload."""
    transcript = group_meeting["guide_transcript"]
    at_guide = next(i for i, m in enumerate(transcript) if "document" in m)
    for messages in (group_meeting["guide_reply"]["messages"], transcript[at_guide - 1 : at_guide + 2]):
        shape = [
            ("text" if "text" in m else "") + ("document" if "document" in m else "") + ("buttons" if "buttons" in m else "")
            for m in messages
        ]
        assert shape[-3:] == ["text", "document", "buttons"], shape
        assert "Hent det" in messages[-3]["text"]
        assert "Vi holder mødet nu" in [b["title"] for b in messages[-1]["buttons"]]


def test_the_finished_group_tool_hands_over_one_file_to_keep_and_one_calendar_entry(api, group_meeting):
    """Poster and notes each offered a file, with no word on which to keep (a user test)."""
    files, entries = handed_over(group_meeting["done"])
    assert len(files) == 1 and len(entries) == 1, (files, entries)
    assert "group-agreement" in files[0] and "group-agreement" in entries[0]
    saved, headers = fetch(api, files[0])
    assert headers["Content-Disposition"] == 'attachment; filename="opfoelgning-vores-aftale-2027-03-15.json"'
    status, start, _ = api.call("POST", "/api/v1/conversations", {"followup": saved})
    assert status == 201 and "Velkommen tilbage" in texts(start), start


def test_upload_for_another_tool_and_too_large(api, group_meeting):
    saved, _ = fetch(api, documents(group_meeting["done"])["group-agreement"]["save_url"])
    status, body, _ = api.call("POST", "/api/v1/conversations", {"tool": "leader", "followup": saved})
    assert status == 422 and body["error"]["code"] == "other_tool"
    huge = {**saved, "notes": ["x" * 1999] * 40}
    status, body, _ = api.call("POST", "/api/v1/conversations", {"followup": huge})
    assert status == 413


@pytest.fixture(scope="module")
def organisation_en(api):
    """A whole Værktøj 3 conversation in English: the finishing reply and what was typed."""
    cid = api.start("organisation", "en")["id"]
    typed = ["Hansen Group", "Mette Hansen", "Our CEO, Jens", "Plan in January, cards from March"]
    for t in typed:
        r = api.answer(cid, t)
    r = api.tap(cid, button(r, "Support and a sounding board"))
    why1 = "Lonely leaders leave us, and customers notice"
    r = api.answer(cid, why1)
    r = api.theme(cid, "Our middle managers never get a break", "Breaks and recovery")  # own words for the second theme
    assert "Breaks and recovery" in texts(r)
    why2 = "Tired leaders make expensive mistakes"
    r = api.answer(cid, why2)
    r = api.tap(cid, button(r, "A short survey"))
    r = api.answer(cid, "In February")
    answers = [f"Leaders meet in pairs once a month, round {i}" for i in range(6)]
    for a in answers:
        r = api.answer(cid, a)
    cards = [f"Card answer {i} with actions, who and when" for i in range(8)]
    for a in cards:
        r = api.answer(cid, a)
    assert "Dear leaders" in texts(r) and "Mette Hansen" in texts(r)  # the proposed draft
    r = api.tap(cid, button(r, "Use the draft"))
    r = api.answer(cid, "Each leader group sends two lines a month")
    r = api.say(cid, "1 June 2027")
    assert "I'll put down “Tuesday 1 June 2027”. Is that right?" in texts(r)
    r = api.tap(cid, button(r, "Yes, that's right"))
    done = api.tap(cid, button(r, "make the document"))
    return {"done": done, "typed": typed, "why": [why1, why2], "answers": answers, "cards": cards}


def test_organisation_plan_and_action_cards_in_english(api, organisation_en):
    typed, answers, cards = organisation_en["typed"], organisation_en["answers"], organisation_en["cards"]
    why1, why2 = organisation_en["why"]
    made = documents(organisation_en["done"])
    assert set(made) == {"organisation-plan", "action-cards"}
    plan = pdf_text(fetch(api, made["organisation-plan"]["url"])[0])
    assert_in_pdf(
        plan, typed + answers + [why1, why2, "Dear leaders", "Each leader group sends two lines a month", "1 June 2027"]
    )
    one_per_page, _ = fetch(api, made["action-cards"]["url"])
    assert pages(one_per_page) == [A5, A5]
    sheet, _ = fetch(api, made["action-cards"]["url"] + "?sheet=a4")
    assert pages(sheet) == [A4]
    for pdf in (one_per_page, sheet):
        assert_in_pdf(pdf_text(pdf), cards + [why1, "Support and a sounding board", "Breaks and recovery"])
    # The plan and its cards share the follow-up: one calendar entry, whichever address is opened.
    entries = [fetch(api, made[kind]["url"].replace(".pdf", ".ics"))[0] for kind in ("organisation-plan", "action-cards")]
    assert len({_uid(ics) for ics in entries}) == 1
    # Two paper sizes, two names in a downloads folder.
    names = [fetch(api, made["action-cards"]["url"] + q)[1]["Content-Disposition"] for q in ("", "?sheet=a4")]
    assert names[0].endswith('.pdf"') and names[1] == names[0].replace('.pdf"', '-a4.pdf"'), names


def test_the_finished_organisation_tool_hands_over_one_file_to_keep_and_one_calendar_entry(api, organisation_en):
    """The plan and the cards each offered a file and a calendar entry, and the plan's file was
    refused for a follow-up (a user test): the file to keep is the cards', which the follow-up goes through."""
    files, entries = handed_over(organisation_en["done"])
    assert len(files) == 1 and len(entries) == 1, (files, entries)
    assert "action-cards" in files[0] and "action-cards" in entries[0]
    saved, headers = fetch(api, files[0])
    assert headers["Content-Disposition"] == 'attachment; filename="follow-up-action-cards-2027-06-01.json"'
    status, start, _ = api.call("POST", "/api/v1/conversations", {"followup": saved})
    assert status == 201 and "Welcome back" in texts(start), start


def test_maturity_ladder_places_the_organisation_and_proposes_the_next_step(api):
    start = api.start("maturity", "da")
    cid = start["id"]
    r = api.tap(cid, button(start, "Vi ved, at det er et emne"))
    r = api.say(cid, "enkelte, på eget initiativ")
    r = api.tap(cid, button(r, "Sjældent"))
    r = api.tap(cid, button(r, "Det er på vej"))
    r = api.tap(cid, button(r, "Det bliver hørt"))
    r = api.tap(cid, button(r, "positiv, men ikke aktiv"))
    done = api.tap(cid, button(r, "lav dokumentet"))
    said = texts(done)
    assert "trin 2 af 6: Bevidsthed" in said and "næste skridt" in said
    assert "Lav en plan for organisationen" in [b["title"] for m in done["messages"] for b in m.get("buttons", [])]
    ladder = documents(done)["maturity-ladder"]
    # One file to keep (to take the ladder again); no calendar entry, as the ladder asks no date.
    assert handed_over(done) == ([ladder["save_url"]], [])
    assert fetch(api, ladder["save_url"])[1]["Content-Disposition"] == (
        'attachment; filename="opfoelgning-vores-trin-paa-modenhedstrappen.json"'
    )
    pdf, _ = fetch(api, ladder["url"])
    assert len(pages(pdf)) == 1
    text = pdf_text(pdf)
    ladder_file, _ = fetch(api, ladder["save_url"])
    assert "Trin 2: Bevidsthed" in text and "Kulturel" in text and "Start i det små" in text

    # Months later: the saved ladder starts the ladder again, and both show the change.
    status, again, _ = api.call("POST", "/api/v1/conversations", {"followup": ladder_file})
    assert status == 201, again
    assert "Sidst stod I på trin 2: Bevidsthed" in texts(again)
    r = again
    for _ in range(6):  # further along now: the highest offered answer up to step 4
        chosen = [
            (json.loads(b["payload"][len("/choose") :])["value"], b["payload"])
            for m in r["messages"]
            for b in m.get("buttons", [])
            if b["payload"].startswith("/choose")
        ]
        # the levels (0-5); "Jeg er selv topledelsen" (value "self") places no level
        offered = {int(value): sent for value, sent in chosen if str(value).isdigit()}
        r = api.tap(again["id"], offered[max(v for v in offered if v <= 4)])
    done = api.tap(again["id"], button(r, "lav dokumentet"))
    now = int(texts(done).split("I står på trin ")[1][0])
    assert now > 2 and f"Sidst trin 2, nu trin {now}." in texts(done)
    retaken = pdf_text(fetch(api, documents(done)["maturity-ladder"]["url"])[0])
    assert f"Sidst trin 2, nu trin {now}." in retaken and f"Trin {now}" in retaken and "Sidst" in retaken
