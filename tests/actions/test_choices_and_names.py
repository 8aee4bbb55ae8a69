"""Typed answers at button questions (actions/choices.py) and names typed with hedges
(actions/names.py), and how the form reads them back (engine env)."""

from __future__ import annotations

import copy

import pytest

import catalogue
from actions import frequency, reading
from actions.ask import draft_text
from actions.choices import choice_value, choose, settles, yes_or_no
from actions.conversation import Conversation
from actions.form import NOTES, PENDING, ValidateToolForm
from actions.names import candidates, person
from catalogue.schema import problems
from tests.support.actions import run, slot_events, tracker

MATURITY = catalogue.tool("maturity")
FOLLOWUP = catalogue.tool("followup")
LEADER = catalogue.tool("leader")
IDS = ["attention", "initiatives", "agenda", "values", "expectations", "backing"]


def step(tool, slot):
    return catalogue.tool(tool).known_step(slot)


# -- which option, and how sure ------------------------------------------------------------


@pytest.mark.parametrize(
    "slot,typed,value,inferred",
    [
        # as said: the value a button sends, the label (also without æ/ø/å), a plain yes or no
        ("maturity_agenda", "2", "2", False),
        ("maturity_agenda", "Sjældent", "2", False),
        ("maturity_agenda", "sjaeldent", "2", False),
        ("maturity_agenda", "sjaldent.", "2", False),
        ("maturity_agenda", "Sjældent, tak", "2", False),
        # as Scandinavian speakers and a tired owner put it
        ("maturity_agenda", "vi tar det opp regelmessig, noen ganger i året", "4", True),
        ("followup_item1_status", "skrottede den", "dropped", True),
        ("maturity_initiatives", "enkelte, på eget initiativ", "3", False),
        ("leader_has_leader", "ja, jeg har en chef", "yes", False),
        ("leader_has_leader", "nej, jeg ejer selv firmaet", "no", False),
        ("followup_item1_status", "i gang", "ongoing", False),
        ("maturity_attention", "we know its a topic", "2", False),  # the apostrophe left out, as phones do
        # read from other words: read back
        ("maturity_agenda", "sjældent, vi har haft det oppe en gang i år", "2", True),
        ("maturity_agenda", "sjældnt", "2", True),
        ("maturity_agenda", "sjeldent", "2", True),
        ("maturity_agenda", "næsten aldrig", "2", True),  # nearest to rarely, and hedged
        ("maturity_agenda", "næsten aldrig, men det er sket et par gange", "2", True),  # not the "aldrig" of a no
        ("maturity_agenda", "almost never tbh", "2", True),
        ("maturity_agenda", "næsten altid", "4", True),  # nearly the top of the scale is the one below it
        ("followup_item1_status", "det er mest gjort, der mangler lige de sidste samtaler", "ongoing", True),
        ("followup_item1_status", "mostly done", "ongoing", True),
        ("followup_item1_status", "stort set færdig", "ongoing", True),
        # ... but only on a scale: themes and options outside it have no next one; "mest" confirms
        ("energy_gives", "mest mening og anerkendelse", "meaning", True),
        ("maturity_backing", "mest mig selv, jeg er selv topledelsen", "self", True),
        ("followup_item1_status", "mest droppet", "dropped", True),
        ("maturity_agenda", "det der fylder mest, aldrig", "1", True),
        ("maturity_agenda", "vi tager det op på hvert ledermøde", "5", True),
        ("maturity_attention", "næsten ingen", "1", True),
        ("maturity_initiatives", "yes, Mette in HR owns the programme", "5", True),
        ("maturity_initiatives", "ja, HR har ansvaret for det", "5", True),
        ("maturity_initiatives", "no, nobody owns it", "1", True),
        ("maturity_initiatives", "jo da, der er lagt en plan, men ingen har ejerskab endnu", "4", True),
        # planned and owned: the option that says both (`outranks:`), not the first one named (a development set's)
        ("maturity_initiatives", "ja planlagt, og Mette er tovholder på det", "5", True),
        ("maturity_initiatives", "yes, planned, and our ops manager owns it", "5", True),
        ("maturity_values", "ja, det er på vej", "3", True),
        ("maturity_values", "ja", "5", True),  # the one yes among the options
        ("maturity_backing", "den er positiv men ikke aktiv", "3", False),
        ("maturity_backing", "positiv, men ikke aktiv", "3", True),
        ("maturity_backing", "de går forrest", "5", True),
        ("leader_has_leader", "ja, tror jeg", "yes", True),
        ("leader_has_leader", "jeg er chefen", "no", True),
        ("followup_item1_status", "halvt. jens tar den", "ongoing", True),
        ("followup_item1_status", "jo det gor jeg stadig hver dag", "ongoing", True),  # a third user walk
        ("followup_item1_status", "næsten", "ongoing", True),
        ("followup_item1_status", "kom aldrig i gang", "dropped", True),
        ("followup_item1_status", "vi er godt i gang", "ongoing", True),
        ("followup_item1_status", "nope dropped it", "dropped", True),
        ("followup_item1_status", "gjrot", "done", True),
        ("followup_item1_status", "færdig", "done", True),
        ("followup_item1_status", "igang", "ongoing", True),
        # as Swedish, Norwegian and German speakers put it
        ("followup_item1_status", "ferdig, det gikk bra", "done", True),
        ("followup_item1_status", "påbörjad men inte klar", "ongoing", True),
        ("followup_item1_status", "lagt på is til foråret", "dropped", True),
        # how often, as a count (actions/frequency.py; the options' per_year), read back
        ("maturity_agenda", "0 gange i 2026 så vidt vi kan tælle", "1", True),
        ("maturity_agenda", "2-3 gange aarligt, på strategidagene", "4", True),
        ("maturity_agenda", "once a quarter", "4", True),
        ("maturity_agenda", "to gange om måneden", "5", True),
        ("maturity_agenda", "det har været oppe 2 gange i år", "4", True),
        # the other option's words naming whom the yes is about
        ("leader_has_leader", "yep, I report to the owner", "yes", False),
        ("leader_has_leader", "vi er 3 ejere, ingen over os", "no", True),
        ("followup_item1_status", "den skød vi ned", "dropped", True),
        # spelled as said, and phone shorthand written out
        ("followup_item1_status", "drobbet", "dropped", True),
        ("followup_item1_status", "gjordt", "done", True),
        ("maturity_agenda", "vert kvartal", "4", True),
        ("followup_item1_status", "det blev ik til noget", "dropped", True),
        # a group that names two and says which it landed on; more ways to say an option (a development set's)
        ("maturity_agenda", "Vi er enige om sjældent. Lars sagde aldrig, men vi endte på sjældent", "2", True),
        ("maturity_agenda", "we agreed on rarely, though Tom said never", "2", True),
        ("maturity_agenda", "every single meeting, it's item 1", "5", True),
        ("followup_item1_status", "det er dødt, vi lagde det i skuffen", "dropped", True),
        # how it went, said as it went (a user walk was told "Jeg er ikke helt sikker på, hvad du mener")
        ("followup_item1_status", "det gik egentlig fint, konen er glad", "done", True),
        ("followup_item1_status", "det virker", "done", True),
        ("followup_item1_status", "har holdt det de fleste weekender", "ongoing", True),
        # how much attention, said as how often (a fourth walk's got the four buttons)
        ("maturity_attention", "naesten aldrig tbh", "1", True),
        ("maturity_attention", "vi ved godt det er et emne men vi snakker aldrig om det", "2", True),
        # told to a scribe (a development set in dictation's style got "Jeg er ikke helt sikker")
        ("leader_has_leader", "sæt kryds ved ja", "yes", False),
        ("leader_has_leader", "tick no", "no", False),
        # the owner-manager's title said of themselves (a user walk's were read as a yes)
        ("leader_has_leader", "jeg er direktør, har ikke nogen over mig", "no", True),
        ("leader_has_leader", "er selv direktør", "no", True),
        ("leader_has_leader", "har ikke nogen chef", "no", True),
        # typed for the leader, the answer passed on ("han siger ...")
        ("maturity_agenda", "han siger aldrig nogensinde", "1", True),
        ("followup_item1_status", "she says done", "done", False),
    ],
)
def test_typed_answers_find_their_option(slot, typed, value, inferred):
    tool = slot.split("_")[0]
    chosen = choose(step(tool, slot), typed, "da")
    assert chosen is not None and (chosen.value, chosen.inferred) == (value, inferred), chosen
    assert choice_value(step(tool, slot), typed, "da") == value  # the value alone, as before


@pytest.mark.parametrize(
    "slot,typed",
    [
        ("leader_has_leader", "måske"),
        ("leader_has_leader", "nej, jeg har en chef"),  # says both
        ("maturity_initiatives", "ja"),  # which of the two yes-options?
        ("maturity_initiatives", "nej, vi har en plan"),
        ("maturity_agenda", "ikke særlig tit"),  # negated
        ("maturity_agenda", "sometimes, I guess"),
        ("maturity_values", "det er ikke på vej"),
        ("maturity_expectations", "det er ikke normalt"),
        ("maturity_attention", "igen"),  # a short word is not a typo of "ingen"
        ("followup_item1_status", "hmm"),
        ("leader_has_leader", "nej, jeg har en chef, men jeg er også medejer"),  # says both, the opposite first
        ("followup_item1_status", "ikke kort"),  # sounds a little like "ikke gjort", but is two edits away
        ("maturity_agenda", "Lars sagde aldrig, Mette sagde sjældent"),  # two named, none settled on
        ("followup_item1_status", "det virker ikke"),  # the negation after the verb, as Danish puts it
        ("followup_item1_status", "gik ikke godt"),
        # a "settled" word must say a decision, not any "siger"/"valgte" (a reviewer's)
        ("maturity_agenda", "vi siger aldrig nej til et punkt, men det kommer sjældent på"),
    ],
)
def test_words_that_fit_no_option_clearly_give_none(slot, typed):
    assert choose(step(slot.split("_")[0], slot), typed, "da") is None


@pytest.mark.parametrize(
    "typed,taken",
    [
        ("ja", True),
        ("Det passer", True),
        ("ok", True),
        ("that's right", True),
        ("nej", False),
        ("det passer ikke", False),
        ("ya thats it", True),  # a user walk's
        ("jaaa", True),
        ("neeej", False),
    ],
)
def test_words_that_take_or_turn_down_what_we_read_back(typed, taken):
    assert settles(typed) is taken


def test_a_typed_yes_that_we_read_back_answers_the_question_whatever_the_classifier_thought():
    agenda = MATURITY.known_step("maturity_agenda")
    held = {"kind": "choice", "slot": "maturity_agenda", "text": "sjældnt", "choice": "2"}
    assert reading.answers_step(agenda, "det passer", held)
    assert not reading.answers_step(agenda, "det passer", None)


# -- the form: read back, kept when taken ---------------------------------------------------


def maturity_at(slot, typed, pending=None, intent="answer"):
    answered = {f"maturity_{i}": "2" for i in IDS[: IDS.index(slot.split("_", 1)[1])]}
    slots = {"tool": "maturity", **answered, slot: typed, PENDING: pending}
    return tracker(slots=slots, text=typed, intent=intent, requested=slot, candidates=[slot])


def test_a_typo_at_a_button_question_is_read_back_with_the_options_and_asks_nothing_new():
    messages, events = run(ValidateToolForm(), maturity_at("maturity_agenda", "sjældnt"))
    slots = slot_events(events)
    assert slots["maturity_agenda"] is None
    assert slots[PENDING] == {"kind": "choice", "slot": "maturity_agenda", "text": "sjældnt", "choice": "2"}
    assert slots["requested_slot"] == "maturity_agenda"
    assert len(messages) == 1  # the read-back alone: the next question waits
    assert messages[0]["text"] == "Jeg skriver »Sjældent« – passer det?"
    buttons = [(b["title"], b["payload"]) for b in messages[0]["buttons"]]
    assert buttons[0] == ("Det passer", '/choose{"value": "2"}')
    assert [t for t, _ in buttons[1:]] == ["Aldrig", "Fast, nogle gange om året", "Det er en fast del af vores møder"]


@pytest.mark.parametrize(
    "typed,intent,stored",
    [
        ("2", "choose", "2"),  # "Det passer"
        ("1", "choose", "1"),  # another option
        ("ja", "answer", "2"),
        ("det passer", "answer", "2"),
        ("Aldrig", "answer", "1"),
        ("sjældnt tror jeg", "answer", "2"),  # the same said again (a user walk got the read-back twice)
    ],
)
def test_what_we_read_back_is_kept_when_taken_or_corrected(typed, intent, stored):
    held = {"kind": "choice", "slot": "maturity_agenda", "text": "sjældnt", "choice": "2"}
    payload = f'/choose{{"value": "{typed}"}}' if intent == "choose" else typed
    t = maturity_at("maturity_agenda", typed, held, intent)
    t.latest_message["text"] = payload
    messages, events = run(ValidateToolForm(), t)
    slots = slot_events(events)
    assert slots["maturity_agenda"] == stored and slots[PENDING] is None
    assert slots["requested_slot"] == "maturity_values"
    assert "lederes trivsel i jeres værdier" in messages[-1]["text"]  # the next question


def test_turned_down_the_question_is_asked_again_with_its_options():
    held = {"kind": "choice", "slot": "maturity_agenda", "text": "sjældnt", "choice": "2"}
    messages, events = run(ValidateToolForm(), maturity_at("maturity_agenda", "nej", held))
    slots = slot_events(events)
    assert slots["maturity_agenda"] is None and slots[PENDING] is None
    assert "dagsordenen" in messages[-1]["text"] and len(messages[-1]["buttons"]) >= 4


@pytest.mark.parametrize("typed", ["nej", "nej tak"])
def test_a_bare_no_to_a_read_back_of_never_turns_it_down_though_never_is_said_no_in_other_words(typed):
    """A user walk typed "nej" under "Jeg skriver »Aldrig« – passer det?": "nej" is one way to say never,
    so it was taken as "the same said again" and stored."""
    held = {"kind": "choice", "slot": "maturity_agenda", "text": "næsten aldrig", "choice": "1"}
    messages, events = run(ValidateToolForm(), maturity_at("maturity_agenda", typed, held))
    slots = slot_events(events)
    assert slots["maturity_agenda"] is None and slots[PENDING] is None
    assert len(messages[-1]["buttons"]) >= 4


def test_an_option_corrected_at_its_read_back_is_read_back_anew():
    held = {"kind": "choice", "slot": "maturity_agenda", "text": "sjældnt", "choice": "2"}
    messages, events = run(ValidateToolForm(), maturity_at("maturity_agenda", "ja, nej vent, aldrig", held))
    slots = slot_events(events)
    assert slots["maturity_agenda"] is None and slots[PENDING]["choice"] == "1"
    assert "Aldrig" in messages[-1]["text"]


@pytest.mark.parametrize("typed", ["no", "no thanks", "nej tak", "Nope."])
def test_a_bare_no_to_what_we_read_back_turns_it_down_even_where_an_option_is_called_no(typed):
    """A user walk typed "no" under "I'll put down “It's on its way”": the option "No" was stored."""
    held = {"kind": "choice", "slot": "maturity_values", "text": "sort of on its way", "choice": "3"}
    t = maturity_at("maturity_values", typed, held)
    t.slots["language"] = "en"
    messages, events = run(ValidateToolForm(), t)
    slots = slot_events(events)
    assert slots["maturity_values"] is None and slots[PENDING] is None
    assert len(messages[-1]["buttons"]) >= 4  # the question again, with its options


def test_an_option_typed_as_it_reads_is_kept_without_a_read_back():
    messages, events = run(ValidateToolForm(), maturity_at("maturity_agenda", "sjældent"))
    assert slot_events(events)["maturity_agenda"] == "2"
    assert "Jeg skriver" not in " ".join(m.get("text") or "" for m in messages)


def test_words_that_fit_no_option_get_the_options_and_are_kept_as_a_note():
    messages, events = run(ValidateToolForm(), maturity_at("maturity_agenda", "det kommer an på vejret"))
    slots = slot_events(events)
    assert slots["maturity_agenda"] is None and slots["notes"] == ["det kommer an på vejret"]
    assert messages[0]["text"].startswith("Jeg er ikke helt sikker")
    assert [b["title"] for b in messages[-1]["buttons"]][:2] == ["Aldrig", "Sjældent"]


def test_a_status_said_in_words_is_read_back_in_english():
    upload = {"document": {"title": "Vores aftale", "date": "1. marts 2027"}, "items": [{"heading": "Trust", "summary": "x"}]}
    slots = {"tool": "followup", "language": "en", "upload": upload, "followup_item1_status": "nope dropped it"}
    t = tracker(slots=slots, text="nope dropped it", requested="followup_item1_status", candidates=["followup_item1_status"])
    messages, events = run(ValidateToolForm(), t)
    assert slot_events(events)[PENDING]["choice"] == "dropped"
    assert messages[0]["text"] == "I'll put down “Dropped”. Is that right?"
    assert [b["title"] for b in messages[0]["buttons"]] == ["That's right", "Done", "Under way"]


# -- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("Karin", ("Karin", False)),
        ("Karin fra HR", ("Karin fra HR", False)),
        ("mig", ("mig", False)),
        ("mig og Karin", ("mig og Karin", False)),
        ("Min kone og værkføreren", ("Min kone og værkføreren", False)),
        (
            "Min værkfører – og min kone, som gerne må minde mig om det",
            ("Min værkfører – og min kone, som gerne må minde mig om det", False),
        ),
        ("Det er vigtigt at HR er med", ("Det er vigtigt at HR er med", False)),
        ("måske Karin", ("Karin", True)),
        # the small words around a name as they are said: "de", "blir", "mej"; and the group voice
        ("de bliver vel karin", ("karin", True)),
        ("tror de bliver mej", ("mig", True)),
        ("mig sel", ("mig selv", False)),
        ("vi ha valgt lone", ("lone", True)),
        ("vi har peget på Mette", ("Mette", True)),
        ("we picked Sarah", ("Sarah", True)),
        ("Mejse", ("Mejse", False)),  # a name is never respelled
        # an oath around a name says nothing of who; a double name is one name
        ("Fanden tage det, det må blive Jens-Ole.", ("Jens-Ole", True)),
        ("Karin, damn it", ("Karin", True)),
        ("for søren, det bliver Søren", ("Søren", True)),
        ("jeg tror anne-mette tager den", ("anne-mette", True)),
        ("tja det bliver nok Karin tror jeg", ("Karin", True)),
        ("Karin, tror jeg", ("Karin", True)),
        ("øh, Jens vel", ("Jens", True)),
        ("Det er Karin", ("Karin", True)),
        ("me i guess, Peter", ("Peter", True)),
        ("Det er mig, Karin fra HR", ("Karin fra HR", True)),
        ("det er vel mig", ("mig", True)),
        ("i guess it's me", ("me", True)),
        ("idk. my accountant i guess", ("my accountant", True)),  # a user walk printed "idk. my accountant"
        ("prob the missus", ("the missus", True)),
        ("idk tbh", (None, True)),
        ("Karin tbh", ("Karin", True)),
        ("jeg tager den", ("mig", True)),
        ("I think it'll be Sam", ("Sam", True)),
        ("Probably Sam from finance", ("Sam from finance", True)),
        ("Karin eller Peter", (None, True)),
        ("måske Karin eller Peter", (None, True)),
        ("ved ikke", (None, True)),
        ("nogen", (None, True)),
        ("maybe", (None, True)),
        # typed on a phone or dictated: the words at the edges that are never a name go
        ("tror d blir karin", ("karin", True)),
        ("mske jens", ("jens", True)),
        ("prolly lisa tbh", ("lisa", True)),
        ("det bliver vel ham søren", ("søren", True)),
        ("øhm ja altså det bliver nok Søren fra lageret", ("Søren fra lageret", True)),
        ("hun hedder Mette", ("Mette", True)),
        ("I think it will be our HR manager Lisa", ("Lisa", True)),
        # doubt inside a longer answer is asked back, never printed with it
        ("øh ja altså jeg tænker egentlig det bliver nok Karin fordi hun har styr på det", (None, True)),
        # a sentence that says more than who: the person it names, read back ("Tovholder: Karin")
        ("Karin, fordi hun kender alle", ("Karin", True)),
        ("probably Sofie, she volunteered", ("Sofie", True)),
        ("Bente – hun er TR", ("Bente", True)),
        # a note's label before the name
        ("TR: Bente", ("Bente", True)),
        ("tovholder: måske Jens", ("Jens", True)),
        # ... but not when the rest names someone else, an alternative or a doubt, nor a time or a verb
        ("Karin, hun tager det sammen med Peter", ("Karin, hun tager det sammen med Peter", False)),
        ("Jens (han er ny) eller Lise", (None, True)),
        ("Jens, han er vist syg", (None, True)),
        ("My business partner, who'll remind me", ("My business partner, who'll remind me", False)),
        ("14:30 Jens", ("14:30 Jens", False)),
        ("Spørg HR: de ved det", ("Spørg HR: de ved det", False)),
        ("Jens Hansen - værkfører", ("Jens Hansen", True)),
        ("altså det er jo vores værkfører Jens Hansen der har styr på det", ("Jens Hansen", True)),
        ("the lead will be Tom from sales since he knows everyone", ("Tom from sales", True)),
        ("jamen det ender med soeren fra lageret han er den eneste med tid", ("soeren fra lageret", True)),
        ("jeg tager den selv for jeg har tiden", ("mig", True)),
        # two people, oneself among them, or a name that is also a word: as written
        ("Karin og Peter tager den sammen", ("Karin og Peter tager den sammen", False)),
        ("det bliver Karin og mig der tager den", ("det bliver Karin og mig der tager den", False)),
        ("per uge tager vi det på mødet", ("per uge tager vi det på mødet", False)),
        # no name in it at all: asked who, with no buttons made of its digits (a user walk got [1] [3])
        ("1/3", (None, True)),
        ("hans kone hjælper til med det", ("hans kone hjælper til med det", False)),
        # a condition or an alternative leaves it open: asked back (a user test printed them)
        ("me prob, or mette from hr if she has time", (None, True)),
        ("nok bjarne fra bni gruppen hvis han gider", (None, True)),
        ("mette i think. maybe", (None, True)),
        # a filler the hedges did not know, an emoji, a role after the name, the name taking it on
        ("uhm anne vel", ("anne", True)),
        ("Det må nok blive Birgitte", ("Birgitte", True)),
        ("Jonas 👍", ("Jonas", False)),
        ("Birgit Holm (AMR)", ("Birgit Holm", True)),
        ("Peter, souschefen", ("Peter", True)),
        ("Tom, our ops manager", ("Tom", True)),
        # ... and the role said before the name, as the writer's own ("min souschef Kasper")
        ("min souschef Kasper", ("Kasper", True)),
        ("our hospice coordinator, Ruth Adeyemi", ("Ruth Adeyemi", True)),
        ("our CFO, Sam", ("Sam", True)),
        ("min souschef", ("min souschef", False)),  # a role and no name: as written
        ("Ahmed tar ansvaret", ("Ahmed", True)),
        ("Mette tager den", ("Mette", True)),
        # ... but a list, an alternative or a doubt after the comma is no role
        ("Karin, Peter", ("Karin, Peter", False)),
        # words a phone capitalises are no name (a reviewer's)
        ("Jeg tager den", ("mig", True)),
        ("Ingen, desværre", ("Ingen, desværre", False)),
        ("Vi tager den", ("Vi tager den", False)),
        ("Jonas :)", ("Jonas", False)),
        ("Mette eh", ("Mette", True)),
        ("mette igen", ("mette", True)),  # a user walk printed "Mette igen" on an action card
        ("Jens, eller Lise", (None, True)),
        # a hedge of more than one word, a vote said first, "vær" as said (a development set's)
        ("mest sandsynligt direktøren", ("direktøren", True)),
        ("vi stemte 4 mod 2: Karin", ("Karin", False)),
        ("we voted 5 to 1, Sam", ("Sam", False)),
        ("de ska vær torben", ("torben", True)),
        # a day typed at a who-question is when, not who (a user walk's poster: TOVHOLDER "Naeste tors")
        ("naeste tors tror jeg", (None, True)),
        ("Maj", ("Maj", False)),  # a name that is a month too stays a name
        # said as a question, the role asked about said first, a shrug that it is obvious (a development set's)
        ("det bliver vel Bente?", ("Bente", True)),
        ("probably Dave?", ("Dave", True)),
        ("Jørgen, hvem ellers?", ("Jørgen", True)),
        ("Tovholder bliver Karin", ("Karin", True)),
        ("the lead will be Sam", ("Sam", True)),
        ("den får Søren", ("Søren", True)),
        ("det gør Anders Holm", ("Anders Holm", True)),
        ("that'll be Tom, I suppose", ("Tom", True)),
        ("Lars må tage den?", ("Lars", True)),
        ("Mette? hun har styr på det", ("Mette", True)),
        ("Torben, ham der har været her længst", ("Torben", True)),
        # ... but no one named after "det gør": as it was typed, less its edge words
        ("det gør vi sammen", ("gør vi sammen", True)),
        # first names from many languages, found inside a sentence
        ("I am thinking Priya will be taking the ownership", ("Priya", True)),
        ("jeg tror det bliver mohammad fra lageret, han kender alle", ("mohammad fra lageret", True)),
        # told to a scribe, and a dictated full stop before who the person is
        ("skriv Jonas Bak", ("Jonas Bak", True)),
        ("noter Kasper Riis", ("Kasper Riis", True)),
        ("skriv at det er Karin", ("Karin", True)),
        ("Tom Andersen. he's our ops manager", ("Tom Andersen", True)),
        ("Mark Jensen", ("Mark Jensen", False)),  # a name, not an instruction
        ("sæt Ole Krogh på", ("Ole Krogh", True)),
        ("she says put Karin", ("Karin", True)),
    ],
)
def test_who_a_hedged_answer_names(typed, expected):
    assert person(typed) == expected


def test_the_names_an_unclear_answer_offers():
    assert candidates("måske Karin eller Peter") == ["Karin", "Peter"]
    assert candidates("1/3") == [] and candidates("Karin/Peter") == ["Karin", "Peter"]
    # doubt inside a sentence: asked back with the one name it holds as a button
    assert candidates("øh ja altså jeg tænker egentlig det bliver nok Karin fordi hun har styr på det") == ["Karin"]
    assert candidates("ved ikke, måske Karin") == ["Karin"]
    assert candidates("ved ikke") == []
    assert candidates("det bliver nok mette? eller mig") == ["mette", "mig"]  # each once (a walk got »mette?« too)


def organisation_lead(typed, language="da", pending=None, intent="answer"):
    slots = {"tool": "organisation", "language": language, "organisation_org_name": "Hansen VVS", "organisation_lead": typed}
    slots[PENDING] = pending
    return tracker(slots=slots, text=typed, intent=intent, requested="organisation_lead", candidates=["organisation_lead"])


@pytest.mark.parametrize(
    "typed,language,stored,said",
    [
        ("tja det bliver nok Karin tror jeg", "da", "Karin", "Jeg skriver »Karin« som tovholder."),
        ("me i guess, Peter", "en", "Peter", "I'll write “Peter” as project lead."),
    ],
)
def test_a_hedged_name_is_kept_without_the_hedge_and_said_back_then_the_next_question(typed, language, stored, said):
    messages, events = run(ValidateToolForm(), organisation_lead(typed, language))
    slots = slot_events(events)
    assert slots["organisation_lead"] == stored
    assert messages[0]["text"] == said
    assert slots["requested_slot"] == "organisation_sponsor"  # not asked again


def card_owner(typed, pending=None):
    slots = {"tool": "organisation", "language": "da", "organisation_org_name": "Hansen VVS", PENDING: pending}
    step = next(s for s in catalogue.tool("organisation").steps if s.person and s.id != "lead")
    slots[step.slot] = typed
    return step, tracker(slots=slots, text=typed, intent="answer", requested=step.slot, candidates=[step.slot])


def test_oneself_named_for_others_to_read_is_asked_for_a_name_once_and_me_kept_on_a_tap():
    # a user walk printed "Tovholder: mig selv" / "Hvem: mig" on a poster and on action cards
    step, asked = card_owner("mig selv")
    messages, events = run(ValidateToolForm(), asked)
    slots = slot_events(events)
    assert slots[step.slot] is None and slots[PENDING]["self"]
    assert messages[0]["text"].startswith("Skal der stå dit navn i stedet?")
    assert [b["title"] for b in messages[0]["buttons"]] == ["Behold »mig«"]
    held = slots[PENDING]
    _, events = run(ValidateToolForm(), card_owner("Jens", pending=held)[1])
    assert slot_events(events)[step.slot] == "Jens"
    _, events = run(ValidateToolForm(), card_owner("mig selv", pending=held)[1])  # asked once only
    assert slot_events(events)[step.slot] == "mig selv"


def test_oneself_in_the_leaders_own_letter_is_kept_and_said_back():
    messages, events = run(ValidateToolForm(), organisation_lead("det er vel mig"))
    assert slot_events(events)["organisation_lead"] == "mig" and messages[0]["text"] == "Jeg skriver dig som tovholder."


def test_a_clear_name_is_kept_as_typed_without_a_read_back():
    messages, events = run(ValidateToolForm(), organisation_lead("Karin Holm"))
    assert slot_events(events)["organisation_lead"] == "Karin Holm"
    assert not any("Jeg skriver" in (m.get("text") or "") for m in messages)


def test_unclear_who_is_asked_back_with_a_button_per_name_and_the_tapped_name_kept():
    messages, events = run(ValidateToolForm(), organisation_lead("måske Karin eller Peter"))
    slots = slot_events(events)
    assert slots["organisation_lead"] is None and slots["requested_slot"] == "organisation_lead"
    held = slots[PENDING]
    assert held["kind"] == "person" and held["candidates"] == ["Karin", "Peter"] and held["value"] == "Karin eller Peter"
    assert messages[0]["text"].startswith("Hvem mener du?")
    assert [b["title"] for b in messages[0]["buttons"]] == [
        "Karin",
        "Peter",
        "Gem det som vores svar",
    ]  # the plan speaks to its group
    t = organisation_lead("Peter", pending=held, intent="choose")
    t.latest_message["text"] = '/choose{"value": "Peter"}'
    _, events = run(ValidateToolForm(), t)
    assert slot_events(events)["organisation_lead"] == "Peter" and slot_events(events)[PENDING] is None


def test_the_announcement_names_the_person_not_the_hedge():
    slots = {
        "tool": "organisation",
        "language": "en",
        "organisation_lead": person("me i guess, Peter")[0],
        "organisation_priority1": {"key": "support", "words": None},
        "organisation_priority2": {"key": "recovery", "words": None},
    }
    conv = Conversation(tracker(slots=slots))
    draft = draft_text(conv, catalogue.tool("organisation").known_step("organisation_announcement"))
    assert "Peter is leading the work" in draft and "guess" not in draft


def test_person_steps_are_marked_and_checked_by_the_schema():
    marked = {(t.id, s.id) for t in catalogue.tools().values() for s in t.steps if s.person}
    assert marked >= {("organisation", "lead"), ("group", "owner"), ("leader", "support"), ("leader", "meet_who")}
    spec = copy.deepcopy(catalogue.specs()["maturity"])
    spec["steps"][0]["person"] = True
    assert any("`person` is for a question answered in words" in p for p in problems(spec, catalogue.common()))
    spec["steps"][0]["person"] = "yes"
    assert any("person" in p for p in problems(spec, catalogue.common()))


@pytest.mark.parametrize(
    "typed,said",
    [
        ("jeps, det er min bestyrelse", "yes"),
        ("ofc", "yes"),
        ("klart", "yes"),
        ("næ jeg er selv chefen", "no"),
        ("nix", "no"),
        ("slet ikke", "no"),
        # as a Swede, a Norwegian or a German writes it, and the answer said as a sentence
        ("japp", "yes"),
        ("ja visst, hver måned", "yes"),
        ("det har vi, på hvert ledermøde", "yes"),
        ("det har vi ikke endnu", "no"),
        ("nei, ikke ennå", "no"),
        ("nein", "no"),
        ("ikke endnu, men snart", "no"),
        ("we haven't, not really", "no"),
    ],
)
def test_a_yes_or_no_as_typed_on_a_phone(typed, said):
    assert yes_or_no(typed) == said


@pytest.mark.parametrize(
    "typed,times",
    [
        ("2-3 gange om året", 2.5),
        ("no times a year", 0),
        ("ingen gange i år", 0),
        ("tre gange om ugen", 156),
        ("once a quarter", 4),
        ("et par gang om året", 2.5),
        ("a few times a year", 3),
        ("hvert kvartal", 4),
        ("Det har vi haft på dagsordenen", None),
        ("vi er 3 ejere", None),
    ],
)
def test_how_often_words_say_something_happens(typed, times):
    assert frequency.per_year(typed) == times


@pytest.mark.parametrize(
    "typed,expected",
    [
        # a question tag asks to agree: the name, read back (a reviewer's)
        ("Karin, ikke?", ("Karin", True)),
        ("Peter, eller hvad?", ("Peter", True)),
        # a shrug only at the end: "hvem andre end Karin" names Karin
        ("hvem andre end Karin", ("Karin", True)),
    ],
)
def test_a_name_with_a_question_tag_or_a_shrug_is_the_name(typed, expected):
    assert person(typed) == expected


@pytest.mark.parametrize(
    "typed",
    ["planlagt, men der mangler en tovholder", "planlagt, tovholder mangler", "a plan, owner TBD"],
)
def test_an_option_that_says_more_is_not_taken_when_the_words_say_it_is_missing(typed):
    step = catalogue.tool("maturity").known_step("maturity_initiatives")
    assert choice_value(step, typed) == "4"


@pytest.mark.parametrize(
    "typed,expected",
    [
        # corrected in the same message: the name meant, read back
        ("Karin? nej vent, Peter", ("Peter", True)),
        ("karin.. no wait Peter!", ("Peter", True)),
        ("Ahmed, wait, no, Ali", ("Ali", True)),
        # an addition is no correction, and words that say more than a name are read as typed
        ("Karin, I mean she's the obvious choice", ("Karin", True)),
        ("Jens – hov nej, Hanne tager den", ("Hanne", True)),
        # an apology first is no correction
        ("Undskyld, det bliver Karin", ("Karin", True)),
        ("sorry, it's Ahmed 🙏", ("Ahmed", True)),  # a development set's was printed with its apology
        ("Jonas, beklager", ("Jonas", True)),
        # a polite title or particle after a name is not printed with it
        ("Rajesh sir will take it", ("Rajesh", True)),
        ("Kemal abi", ("Kemal", True)),
        ("Maricel Santos po", ("Maricel Santos", True)),
    ],
)
def test_a_name_corrected_in_the_message_or_said_with_a_title_is_the_name_meant(typed, expected):
    assert person(typed) == expected


def test_a_corrected_name_at_the_who_question_is_the_answer_not_a_pause():
    step = catalogue.tool("organisation").known_step("organisation_lead")
    half_a_pause = {"text": "Karin? nej vent, Peter", "intent": {"name": "answer"}, "understanding": {"signal": "clarify:pause"}}
    assert reading.read(step, half_a_pause).kind == reading.ANSWER


@pytest.mark.parametrize(
    "slot,typed,value",
    [
        ("maturity_agenda", "sjældent.. nej vent, aldrig", "1"),
        ("maturity_agenda", "Fast, nogle gange om året – sorry, I mean rarely", "2"),
        ("followup_item1_status", "i gang, nej undskyld, gjort", "done"),
        ("leader_has_leader", "ja, nej vent, jeg er selv øverst", "no"),
    ],
)
def test_an_option_corrected_in_the_message_is_the_one_meant_and_read_back(slot, typed, value):
    step = catalogue.tool(slot.split("_")[0]).known_step(slot)
    chosen = choose(step, typed)
    assert chosen is not None and chosen.value == value and chosen.inferred


@pytest.mark.parametrize("typed,said", [("y", "yes"), ("j", "yes"), ("n", "no"), ("Y", "yes"), ("y would i", None)])
def test_a_single_letter_alone_is_a_yes_or_a_no(typed, said):
    """ "y" at a read-back was printed as the answer (»When: Y«)."""
    from actions.choices import yes_or_no

    assert yes_or_no(typed) == said


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("karin.. nej peter", ("peter", True)),  # a plain no between two names corrects the first
        ("Karin, nej Peter", ("Peter", True)),
        ("karin.. nej vent, peter min bror", ("peter", True)),  # the writer's word for him after the name
        ("Sam my business partner", ("Sam", True)),
    ],
)
def test_a_name_corrected_by_a_plain_no_or_followed_by_a_role_is_the_name(typed, expected):
    assert person(typed) == expected


@pytest.mark.parametrize(
    "typed,value",
    [("sjældent.. nej aldrig", "1"), ("sjældent, nej aldrig faktisk", "1"), ("aldrig.. nej sjældent", "2")],
)
def test_an_option_corrected_by_a_plain_no_is_the_option_corrected_to(typed, value):
    from actions.choices import CORRECTED, choose

    step = catalogue.tool("maturity").known_step("maturity_agenda")
    chosen = choose(step, typed)
    assert chosen is not None and (chosen.value, chosen.how) == (value, CORRECTED)  # read back: it was inferred


def test_a_number_after_no_is_no_correction():
    """ "item no. 2" named the option with the value 2 as a correction (a development set's)."""
    step = catalogue.tool("maturity").known_step("maturity_agenda")
    chosen = choose(step, "every meeting, it's standing item no. 2")
    assert chosen is None or chosen.value == "5"


def test_english_chat_shorthand_at_a_button_question_is_written_out_when_nothing_else_matches():
    step = catalogue.tool("maturity").known_step("maturity_expectations")
    chosen = choose(step, "u dont say that here honestly", "en")  # a walk's got "not quite sure what you mean"
    assert chosen is not None and chosen.value == "1"


@pytest.mark.parametrize("typed", ["ja", "yes", "ja da"])
def test_a_bare_yes_where_several_options_say_yes_asks_which_and_keeps_no_note(typed):
    """A walk's "yes" at the initiatives question (three options start with a yes) got "I'm not quite sure
    what you mean" and a note of "yes"."""
    messages, events = run(ValidateToolForm(), maturity_at("maturity_initiatives", typed))
    slots = slot_events(events)
    assert slots["maturity_initiatives"] is None and NOTES not in slots
    assert messages[0]["text"] == catalogue.message("which_yes", "da")
    assert [b["title"] for b in messages[-1]["buttons"]][:2] == ["Nej", "Enkelte, på eget initiativ"]  # the options follow


@pytest.mark.parametrize(
    "typed,expected",
    [
        # a reviewer's: the one not meant, or words after the name, are never printed as the person
        ("min chef ikke Karin", (None, True)),
        ("my boss not Karin", (None, True)),
        ("min søn Peter døde", ("Peter", True)),  # read back, never "Peter døde"
        ("our manager Sam quit", ("Sam", True)),
    ],
)
def test_a_role_before_a_name_prints_the_name_alone_or_asks(typed, expected):
    assert person(typed) == expected


@pytest.mark.parametrize("typed", ["Karin min sidste udvej", "Sam my last hope", "min souschef Kasper"])
def test_only_a_bare_name_passes_the_care_models_reading_at_a_who_question(typed):
    """A role around a name is read as the guard read it: "Karin min sidste udvej" must reach the care message."""
    from actions.names import only_a_name

    assert not only_a_name(typed)


@pytest.mark.parametrize(
    "typed", ["Yes, planned ones, no one is responsible", "ja planlagte, nej ingen ansvarlig", "planned, no one responsible"]
)
def test_a_no_that_negates_the_words_after_it_is_no_correction(typed):
    """A reviewer's "no one is responsible" was read as a correction to "Yes, and someone is responsible"."""
    step = catalogue.tool("maturity").known_step("maturity_initiatives")
    chosen = choose(step, typed, "en")
    assert chosen is not None and chosen.value == "4"


def test_a_no_with_an_option_under_the_gentle_question_is_that_option_not_the_held_words():
    """A walk's "nej, i gang" under "Har du det svært lige nu?" took the option of the words held (»Droppet«)."""
    held = {"kind": "clarify", "slot": "maturity_agenda", "text": "aldrig, det hele er sort", "request": "distress"}
    messages, events = run(ValidateToolForm(), maturity_at("maturity_agenda", "nej, fast nogle gange om året", held))
    assert slot_events(events)["maturity_agenda"] == "4"


@pytest.mark.parametrize("typed", ["min chef ikke Karin", "my boss not Karin"])
def test_a_name_ruled_out_is_never_offered_as_the_one_meant(typed):
    """A walk's "min chef ikke Karin" was asked "Hvem mener du?" with the one button [Karin]."""
    assert person(typed) == (None, True) and candidates(typed) == []


@pytest.mark.parametrize(
    "typed,where_a_role_is_asked,at_who_supports_you",
    [
        ("min souschef Kasper", "Kasper", "min souschef Kasper"),
        ("peter min bror", "peter", "peter min bror"),
        ("karin.. nej vent, peter min bror", "peter", "peter min bror"),
        # a second person named by a role after "og": both kept (a user walk printed only the husband)
        ("min mand Henrik og næstformanden", "min mand Henrik og næstformanden", "min mand Henrik og næstformanden"),
        ("Henrik and the treasurer", "Henrik and the treasurer", "Henrik and the treasurer"),
        # ... or before it: "min kone og mette (souschef)" printed only Mette (a user walk)
        ("min kone og mette (souschef)", "min kone og mette (souschef)", "min kone og mette (souschef)"),
        ("Min kone. Og Mette, min souschef", "Min kone. Og Mette, min souschef", "Min kone. Og Mette, min souschef"),
        # oneself first, then the other: both (a second user walk printed only Jonas)
        ("jeg selv og Jonas fra HR", "jeg selv og Jonas fra HR", "jeg selv og Jonas fra HR"),
    ],
)
def test_the_writers_word_for_a_person_is_printed_only_where_no_role_is_asked(typed, where_a_role_is_asked, at_who_supports_you):
    """ "Hvem er tovholder?" prints the person; "Hvem kan støtte dig?" keeps who they are to the leader."""
    assert person(typed)[0] == where_a_role_is_asked
    assert person(typed, keep_role=True)[0] == at_who_supports_you


@pytest.mark.parametrize("typed", ["ikke ret meget", "meget lidt", "not much"])
def test_little_said_with_the_word_much_is_the_small_option_not_the_top_one(typed):
    """A second user walk's "ikke ret meget" at the ladder's first question was read back as »Det er helt
    naturligt at tale om« (its option says "meget")."""
    attention = catalogue.tool("maturity").known_step("maturity_attention")
    assert choice_value(attention, typed) == "2"
    assert choice_value(attention, "rigtig meget") == "6"


@pytest.mark.parametrize(
    "slot,typed,language,value",
    [
        ("leader_has_leader", "👍", "da", "yes"),
        ("leader_has_leader", "👍🏽", "en", "yes"),
        ("leader_has_leader", "👎", "da", "no"),
        ("followup_item1_status", "✅", "da", "done"),
        ("followup_item1_status", "✔️", "en", "done"),
    ],
)
def test_an_emoji_alone_at_a_button_question_is_the_option_it_plainly_says(slot, typed, language, value):
    """A development set's thumbs-up at "Har du selv en leder over dig?" and tick at a follow-up status got
    "Jeg er ikke helt sikker på, hvad du mener" (lexicon/typing.yml `emoji_alone`)."""
    assert choice_value(step(slot.split("_")[0], slot), typed, language) == value


@pytest.mark.parametrize("typed", ["😭", "🍷🍷", "🤔"])
def test_an_emoji_with_no_plain_meaning_is_no_option(typed):
    assert choose(step("leader", "leader_has_leader"), typed, "da") is None


@pytest.mark.parametrize(
    "typed,value",
    [
        ("nej i gang", "ongoing"),
        ("no, under way", "ongoing"),
        ("nej", "dropped"),
        ("nej droppet", "dropped"),
        ("gjort naesten", "ongoing"),  # read back as done in the same walk
        ("done mostly", "ongoing"),
        ("gjort, næsten alle sammen", "done"),
    ],
)
def test_a_no_then_the_option_meant_is_that_option(typed, value):
    """A fourth user walk's "nej i gang" under "Jeg skriver »Gjort« – passer det?" was read as dropped ("nej"
    is one of its words)."""
    assert choice_value(step("followup", "followup_item1_status"), typed, "da") == value


@pytest.mark.parametrize("typed,taken", [("👍", True), ("👍🏻", True), ("👎", False)])
def test_a_thumb_under_a_read_back_takes_or_turns_it_down(typed, taken):
    """A second walk's 👍 under "Jeg skriver … – passer det?" was kept as the answer and printed on a poster."""
    assert settles(typed) is taken
