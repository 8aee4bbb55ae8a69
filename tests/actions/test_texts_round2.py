"""Findings of a second user walk of every tool on a phone, in both languages (issue 22): asking what a
reflection question means, "ved ikke" at a button question, a question that repeats the one before,
the ladder's count, and a date on a weekend."""

from __future__ import annotations

import pytest

import catalogue
from actions.control import ActionControl
from catalogue import StepKind
from tests.support.actions import run, tracker

# The open questions a leader reflects on: each says what it asks when asked "hvad mener du med det?".
REFLECTION = {
    "leader": None,  # every open question of Værktøj 1
    "group": {"why_now", "works", "obstacles", "try", "action", "notice"},
    "organisation": {"timeline", "why", "good", "obstacles", "first", "actions", "follow", "involve_how", "report_how"},
}


def asked_at(tool_id, step, said, language, intent="help"):
    t = tracker(slots={"tool": tool_id, "language": language}, text=said, intent=intent, requested=step.slot)
    return run(ActionControl(), t)[0]


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("tool_id", sorted(REFLECTION))
def test_asking_what_an_open_question_means_explains_it_and_why_still_gives_the_reason(tool_id, language):
    """ "hvad mener du med det?" at Værktøj 1's reflection questions got the reason ("Det, der virker, er
    det nemmeste at bygge videre på"), not what the question asks."""
    tool = catalogue.tool(tool_id)
    wanted = REFLECTION[tool_id]
    steps = {s.id: s for s in tool.steps if s.kind == StepKind.TEXT and (wanted is None or s.id in wanted)}
    assert wanted is None or set(steps) == wanted
    conv_text = lambda texts: catalogue.pick(texts, language)  # noqa: E731
    for step in steps.values():
        said = asked_at(tool_id, step, "hvad mener du med det?" if language == "da" else "what do you mean?", language)[0]["text"]
        assert step.spec.get("explain"), step.slot
        why = conv_text(step.spec.get("why")) if step.spec.get("why") else None
        assert said != why and "{" not in said, (step.slot, said)
        if why and "{" not in why:
            assert asked_at(tool_id, step, "/help", language)[0]["text"] == why  # the button still gives the reason


@pytest.mark.parametrize("language", ["da", "en"])
def test_dont_know_at_a_button_question_says_choose_the_closest_never_write(language):
    """ "ved ikke" at the ladder's Q5 got "Skriv det første, der falder dig ind", though nothing can be typed."""
    step = catalogue.tool("maturity").known_step("maturity_expectations")
    said = asked_at("maturity", step, "ved ikke" if language == "da" else "no idea", language, "dont_know")[0]["text"]
    assert said == catalogue.message("dont_know_choice_plural", language)
    assert ("tættest på" in said and "I kan altid rette det" in said) if language == "da" else "comes closest" in said
    assert "falder" not in said and "Write" not in said


def test_dont_know_at_a_theme_question_offers_the_closest_or_own_words_and_an_optional_one_can_be_left():
    leader = catalogue.tool("leader")
    said = asked_at("leader", leader.known_step("leader_theme1"), "ved ikke", "da", "dont_know")[0]["text"]
    assert said.startswith(catalogue.message("dont_know_theme", "da")) and "falder" not in said
    third = asked_at("leader", leader.known_step("leader_theme3"), "ved ikke", "da", "dont_know")[0]["text"]
    assert "»To temaer er nok«" in third


def test_a_group_is_spoken_to_as_i_at_its_open_questions():
    """Værktøj 2's meeting steps said "falder dig ind" to the group (past "Vi holder mødet nu")."""
    step = catalogue.tool("group").known_step("group_meet1_works")
    t = tracker(
        slots={"tool": "group", "group_theme1": {"key": "recovery", "words": None}, "group_guide": catalogue.CONTINUE},
        text="ved ikke",
        intent="dont_know",
        requested=step.slot,
    )
    said = run(ActionControl(), t)[0][0]["text"]
    assert "falder jer ind" in said and " dig " not in said
    alone = asked_at("leader", catalogue.tool("leader").known_step("leader_theme1_works"), "ved ikke", "da", "dont_know")[0][
        "text"
    ]
    assert "falder dig ind" in alone
    # preparing alone, before the meeting, the leader is "du"; the ladder speaks to its group from the start
    preparing = tracker(
        slots={"tool": "group", "group_theme1": {"key": "recovery", "words": None}},
        text="ved ikke",
        intent="dont_know",
        requested="group_why_now",
    )
    assert "falder dig ind" in run(ActionControl(), preparing)[0][0]["text"]
    ladder = catalogue.tool("maturity").known_step("maturity_attention")
    assert "I kan altid rette det" in asked_at("maturity", ladder, "ved ikke", "da", "dont_know")[0]["text"]


def asked_question(tool_id, slot, slots, language="da"):
    from rasa_sdk.executor import CollectingDispatcher

    from actions.ask import ask
    from actions.conversation import Conversation

    dispatcher = CollectingDispatcher()
    conv = Conversation(tracker(slots={"tool": tool_id, "language": language, **slots}, requested=slot))
    ask(dispatcher, conv, conv.tool.known_step(slot))
    return dispatcher.messages[0]


@pytest.mark.parametrize(
    "tool_id, earlier, slot, other",
    [
        ("group", "group_meet1_try", "group_deal1_action", {"group_theme1": {"key": "recovery", "words": None}}),
        (
            "organisation",
            "organisation_qualify1_first",
            "organisation_card1_actions",
            {"organisation_priority1": {"key": "recovery", "words": None}},
        ),
    ],
)
@pytest.mark.parametrize("language", ["da", "en"])
def test_the_question_after_what_they_would_try_names_it_and_a_button_takes_it(tool_id, earlier, slot, other, language):
    """ "Hvad vil I prøve?" was followed by "Hvilken konkret handling …?" as if nothing had been said."""
    said = "Vi starter ledermødet med en runde om, hvordan vi har det"
    asked = asked_question(tool_id, slot, {**other, earlier: said}, language)
    assert f"»{said}«" in asked["text"] if language == "da" else f"“{said}”" in asked["text"]
    use = next(b for b in asked["buttons"] if b["title"] == catalogue.button("use_earlier", language))
    t = tracker(
        slots={"tool": tool_id, "language": language, **other, earlier: said, slot: said},
        text=use["payload"],
        intent="choose",
        requested=slot,
        candidates=[slot],
    )
    from actions.form import ValidateToolForm
    from tests.support.actions import slot_events

    assert slot_events(run(ValidateToolForm(), t)[1])[slot] == said
    # typed instead of tapped ("ja brug det", which a user walk had printed on the card)
    typed = "ja brug det" if language == "da" else "yes use it"
    t = tracker(
        slots={"tool": tool_id, "language": language, **other, earlier: said, slot: typed},
        text=typed,
        requested=slot,
        candidates=[slot],
    )
    assert slot_events(run(ValidateToolForm(), t)[1])[slot] == said
    skipped = asked_question(tool_id, slot, {**other, earlier: catalogue.SKIPPED}, language)
    assert skipped["text"] == catalogue.pick(
        catalogue.tool(tool_id).known_step(slot).ask_texts(),
        language,
        theme=skipped["text"].split("»")[1].split("«")[0] if language == "da" else skipped["text"].split("“")[1].split("”")[0],
    )


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_ladder_says_as_many_questions_as_its_progress_counts(language):
    """The ladder said "Seks korte spørgsmål" under "Trin 1 af 8" (the review and the document counted)."""
    from actions.conversation import Conversation

    tool = catalogue.tool("maturity")
    first = asked_question("maturity", tool.steps[0].slot, {}, language)
    total = first["custom"]["progress"]["total"]
    assert total == 6 and first["custom"]["progress"]["step"] == 1
    assert catalogue.common()["numbers"][language][total] in first["text"].split()
    answered = {s.slot: s.spec["options"][0]["value"] for s in tool.steps if s.kind == StepKind.CHOICE}
    review = asked_question("maturity", tool.known_step("maturity_review").slot, answered, language)["custom"]["progress"]
    assert (review["step"], review["total"]) == (6, 6)
    done = Conversation(tracker(slots={"tool": "maturity", "language": language, **answered})).progress(completed=True)
    assert (done["step"], done["total"]) == (6, 6)


def read_back(slot, said, tool_id="group", language="da"):
    from actions.form import ValidateToolForm

    t = tracker(slots={"tool": tool_id, "language": language, slot: said}, text=said, requested=slot, candidates=[slot])
    return run(ValidateToolForm(), t)[0][0]


@pytest.mark.parametrize(
    "slot, said, language, expected",
    [
        ("group_followup_date", "6/3 2027", "da", "Jeg skriver »lørdag 6. marts 2027«. Det er en lørdag – passer det?"),
        ("group_followup_date", "7 March 2027", "en", "I'll put down “Sunday 7 March 2027”. That's a Sunday. Is that right?"),
        (
            "group_meeting_date",
            "lørdag 6. marts 2027 kl 9",
            "da",
            "Jeg skriver »lørdag 6. marts 2027 kl 9«. Det er en lørdag – passer det?",
        ),
        ("group_deal1_by_when", "fra 7/3 2027", "da", "Jeg skriver »fra søndag 7. marts 2027«. Det er en søndag – passer det?"),
    ],
)
def test_a_date_on_a_weekend_is_said_to_be_one_so_the_leader_can_pick_another_day(slot, said, language, expected):
    """ "om 3 mdr" and "om 14 dage" landed on a Saturday and were accepted without a word."""
    message = read_back(slot, said, language=language)
    assert message["text"] == expected
    assert [b["payload"] for b in message["buttons"]][:2] == ["/keep", "/resume"]  # "Nej, en anden dag" asks again


@pytest.mark.parametrize(
    "slot, said, language, expected",
    [
        (
            "group_followup_date",
            "mandag d. 14/12 2027",
            "da",
            "Jeg skriver »tirsdag 14. december 2027«. Du skrev mandag – passer datoen?",
        ),
        (
            "group_deal1_by_when",
            "friday 16/12 2027",
            "en",
            "I'll put down “Thursday 16 December 2027”. You wrote Friday: is that the right date?",
        ),
    ],
)
def test_a_date_on_another_weekday_than_the_one_typed_says_both(slot, said, language, expected):
    """ "mandag d. 15/12" (a Tuesday) was read back as the Tuesday without a word about the Monday typed."""
    message = read_back(slot, said, language=language)
    assert message["text"] == expected
    assert [b["payload"] for b in message["buttons"]][:2] == ["/keep", "/resume"]


def test_a_weekday_and_a_week_are_read_back_in_the_one_form_without_a_weekend_word():
    """Date questions said "Lørdag den 6. marts 2027 – passer det?", when-questions "Jeg skriver »…« – passer
    det?": one form for both."""
    assert read_back("group_followup_date", "5/3 2027")["text"] == "Jeg skriver »fredag 5. marts 2027« – passer det?"
    assert read_back("group_meeting_date", "uge 9 2027")["text"] == "Jeg skriver »uge 9 (1.–5. marts 2027)« – passer det?"


def all_texts():
    """Every text in content/, as (where, language, text)."""
    import yaml

    from catalogue import CONTENT_DIR

    found = []

    def walk(node, where):
        if isinstance(node, dict):
            for language in ("da", "en"):
                if isinstance(node.get(language), str):
                    found.append((where, language, node[language]))
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]")

    for path in sorted(CONTENT_DIR.rglob("*.yml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.stem)
    return found


# Phrases the user walk found, each read as a translation or saying something untrue.
FOUND = [
    "Tag hele samtalen",  # an anglicism ("take the conversation")
    "kan du tage hele samtalen",
    "ret det gerne til",  # a PDF cannot be edited
    "ret dem til",
    "Hvad er erfaringen indtil nu",  # after »Gjort«: ask what they learned
    "du skal bruge den, når du følger op",  # says the same thing twice
    "Skriv ét til tre ord",  # after "ét ord"
    "taking up your wellbeing",
    "take up as well",
    "what to take up",
    "strengthen your cooperation",
    "strengthens our cooperation",
    "Cultural anchoring",
]


def test_the_texts_the_user_walk_found_are_gone():
    hits = [(where, text) for where, _, text in all_texts() for phrase in FOUND if phrase in text]
    assert hits == []


def test_the_talk_with_ones_partner_is_called_a_talk_not_a_meeting():
    """Værktøj 1 called the talk with one's partner at home "mødet" ("Hvornår vil du holde mødet?")."""
    tool = catalogue.tool("leader")
    said = [catalogue.pick(s.spec.get(k), "da") for s in tool.steps for k in ("ask", "explain", "why") if s.spec.get(k)]
    said += [catalogue.pick(d["heading"], "da") for doc in tool.spec["documents"] for d in doc["sections"]]
    said += [tool.section_name("meeting", "da"), catalogue.message("finished", "da")]
    assert not [t for t in said if "mødet" in t or "møde om" in t]
    assert "Hvornår vil du tage samtalen?" in catalogue.pick(tool.known_step("leader_meet_when").spec["ask"], "da")


@pytest.mark.parametrize(
    "typed, language, said, kept",
    [
        ("det bliver nok min kone, hanne", "da", "Jeg skriver »min kone, Hanne«.", "min kone, Hanne"),
        ("probably my wife sarah", "en", "I'll write “my wife Sarah”.", "my wife Sarah"),
        ("det er vel mig", "da", "Jeg skriver dig.", "mig"),
    ],
)
def test_a_name_is_read_back_in_quotes_with_its_capital(typed, language, said, kept):
    """ "Jeg skriver min kone, hanne." and "I'll put my wife sarah down" read badly."""
    from actions.form import ValidateToolForm
    from tests.support.actions import slot_events

    slot = "leader_support"
    t = tracker(slots={"language": language, slot: typed}, text=typed, requested=slot, candidates=[slot])
    messages, events = run(ValidateToolForm(), t)
    assert messages[0]["text"] == said and slot_events(events)[slot] == kept
