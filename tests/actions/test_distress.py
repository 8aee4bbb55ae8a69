"""The distress net (rasa_components/distress.py): acute, strain, or an ordinary answer.

A missed acute signal is the worst error the product can make; a false alarm on an
ordinary answer is the second worst. Every case asserts the exact tier.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rasa_components import distress
from rasa_components.distress import ACUTE, STRAIN, normalise, tier

ROOT = Path(__file__).resolve().parents[2]

# -- acute ------------------------------------------------------------------------------------

# Direct suicidal statements, Danish and English, in several inflections and word orders.
SUICIDAL = [
    "jeg har overvejet at tage livet af mig",
    "har tænkt på selvmord",
    "jeg vil ikke leve mere",
    "i've been thinking about ending it",
    "i want to die",
    "i've thought about killing myself",
    "jeg orker ikke at leve",
    "jeg har haft selvmordstanker de sidste par uger",
    "Jeg har overvejet at begå selvmord",
    "nogle gange tænker jeg på at tage livet af mig selv",
    "jeg har planer om at tage mit eget liv",
    "selvmordstanker har jeg haft længe",
    "jeg kan ikke stoppe med at tænke på selvmord",
    "i've had thoughts of suicide",
    "I have considered taking my own life",
    "i'm thinking about ending my life",
    "i want to end it all",
    "I can't stop thinking about suicide",
    "im planning to kill myself",
    "sometimes i just want to die",
    "jeg tror det er bedst at jeg tager mit liv",
    "tænkt på at gøre en ende på det hele",
]

# Not wanting to live, wanting to be dead or gone, "can't go on" about life itself.
NOT_WANTING_TO_LIVE = [
    "jeg har lyst til at forsvinde for altid",
    "no point in living",
    "jeg tror ikke jeg vil leve længere",
    "jeg har ikke lyst til at leve længere",
    "jeg ved ikke om jeg gider leve længere",
    "livet føles meningsløst",
    "jeg har lyst til og dø",
    "gid jeg var død",
    "nogle gange håber jeg at jeg ikke vågner",
    "det er lige meget om jeg lever eller dør",
    "min familie ville have det bedre uden mig",
    "jeg ser ingen udvej end at dø",
    "I don’t want to be alive anymore",
    "i dont wanna live anymore",
    "i no longer want to live",
    "I'm not sure I want to go on",
    "i cant go on living this way",
    "there's no reason to live",
    "what's the point of going on",
    "my kids would be better off without me",
    "i wish i'd never been born",
    "i just want to disappear forever",
    "i'd be better off dead",
]

SELF_HARM = [
    "skader mig selv",
    "jeg har skåret i mig selv igen",
    "jeg har lyst til at skade mig selv",
    "jeg er bange for at gøre noget ved mig selv",
    "i've been cutting myself",
    "i hurt myself on purpose last night",
    "i've started self-harming again",
    "i cut my wrists",
]

# Typos, missing apostrophes, capitals, ASCII for æøå, emoji, a signal inside a longer answer.
SPELLING = [
    "jg har tænkt på selvmord",
    "slevmordstanker",
    "jeg vil ik leve mere",
    "jeg vil ikke vaere her mere",
    "jeg har taenkt paa selvmord",
    "I DONT WANT TO LIVE",
    "ive thought about killing my self",
    "i wanna die 😞",
    "arbejdet går fint, men jeg har tænkt meget på selvmord den sidste tid",
    "mine folk ved det ikke - jeg har overvejet at ende mit liv",
]

ACUTE_CASES = SUICIDAL + NOT_WANTING_TO_LIVE + SELF_HARM + SPELLING


@pytest.mark.parametrize("text", ACUTE_CASES)
def test_acute(text):
    assert tier(text) == ACUTE


def test_there_are_enough_acute_cases():
    assert len(SUICIDAL) >= 15 and len(ACUTE_CASES) >= 40


# -- strain -----------------------------------------------------------------------------------

STRAIN_CASES = [
    "jeg er udbrændt",
    "burnt out",
    "jeg er ved at gå ned med stress",
    "jeg sover ikke om natten",
    "I panic at my desk",
    "jeg græder på arbejdet",
    "I've been crying at work",
    "jeg er helt tom",
    "jeg kan ikke mere",
    "i'm running on empty",
    "helt udbrændt efter sæsonen",
    "jeg er træt og udbrændt",
    "jeg tror at jeg er ved at brænde ud",
    "jeg er gået ned med stress",
    "jeg er stresssygemeldt",
    "om natten sover jeg ikke",
    "jeg vågner kl. 3 hver nat og tænker på arbejdet",
    "jeg har haft angstanfald på kontoret",
    "jeg får hjertebanken når jeg åbner mailen",
    "jeg tuder i bilen på vej hjem",
    "jeg er tom for energi",
    "orker ikke mere",
    "jeg har det ad helvede til",
    "jeg føler mig nede for tiden",
    "det hele vokser mig over hovedet",
    "jeg slider mig selv helt op",
    "i'm burning out",
    "I am burned out",
    "i had a burnout last year and it's coming back",
    "i've been signed off with stress",
    "i haven't slept properly in weeks",
    "i have panic attacks before meetings",
    "i burst into tears in a meeting",
    "i can't cope",
    "i'm not okay",
    "i'm killing myself working 70 hours a week",
    "barely holding on",
    "im running on fumes",
]


@pytest.mark.parametrize("text", STRAIN_CASES)
def test_strain(text):
    assert tier(text) == STRAIN


def test_there_are_enough_strain_cases():
    assert len(STRAIN_CASES) >= 30


# -- ordinary answers: neither ---------------------------------------------------------------------

ORDINARY = [
    # the examples from the brief
    "Vi er helt nede på to mand i weekenden",
    "helt nede i detaljerne",
    "I'm not ok with how our budget meetings run",
    "medarbejderne er stressede i højsæsonen",
    "jeg vil ikke mere have møder om fredagen",
    "stop med at dræbe tiden i møder",
    "ikke stresset, bare travlt",
    "I'm not burnt out, just busy",
    "killing it this quarter",
    "dead tired after the season but fine",
    # tiredness, stress, pressure, busy seasons
    "jeg er træt om aftenen i marts",
    "jeg er stresset i perioder, men det går",
    "presset er størst lige før jul",
    "travlt i foråret, roligt om vinteren",
    "i'm tired after a long week but happy",
    "a bit of stress before the audit",
    "too much pressure from the bank",
    "i'm swamped in may",
    # "nede", "ikke mere", "kan ikke", "orker ikke", "give up"
    "vi er nede på tre svende i juli",
    "jeg går for meget ned i detaljerne",
    "ikke mere arbejde om søndagen",
    "jeg kan ikke nå det hele selv",
    "jeg kan ikke mere end 45 timer om ugen",
    "jeg orker ikke flere møder efter fyraften",
    "jeg giver ikke op, jeg har bare brug for hjælp",
    "i've given up on answering every email the same day",
    "i can't be in two places at once",
    "no more sunday emails",
    # "død", "dræbe", "kill", "die" idioms
    "markedet var dødt i januar",
    "jeg er dødtræt efter højsæsonen",
    "jeg vil hellere dø end at holde flere budgetmøder",
    "jeg var ved at dø af grin",
    "regnskabet tager livet af mig hvert kvartal",
    "the paperwork is killing me",
    "we're killing it with the new kitchens",
    "i'm dying to get back on the tools",
    "my laptop died during the call",
    "that would be commercial suicide",
    "it's a suicide mission to bid on that tender",
    # words that sit in the acute patterns, used in ordinary ways
    "jeg kan ikke leve op til alle forventninger",
    "jeg kan ikke leve af de priser",
    "I don't want to live in the city",
    "jeg hænger mig i småting på byggepladsen",
    "i cut myself some slack on fridays",
    "i shot myself in the foot with that price",
    "i hurt my back lifting boxes",
    "jeg har lyst til at forsvinde en uge til Mallorca",
    "bekymringerne forsvinder ikke af sig selv",
    "customers disappear if we don't answer",
    "vi skal gøre en ende på de lange møder",
    "i want to end the deal with our cleaning company",
    "we can't go on with the old booking system",
    "der er ingen vej ud af lejekontrakten før næste år",
    "the company will cease to exist if we don't adapt",
    "jeg vil ikke være her hver lørdag",
    "min far døde sidste år, og jeg overtog firmaet",
    "jeg vil gerne dø gammel og glad",
    "nobody would notice if i took friday off",
    # negated: no acute signal, no strain
    "jeg har ikke tanker om selvmord",
    "jeg har aldrig tænkt på selvmord",
    "selvmordstanker har jeg ikke",
    "i'm not suicidal, just very busy",
    "I would never hurt myself",
    "jeg er ikke udbrændt, bare lidt træt i hovedet",
    "jeg er ikke gået ned med stress",
    "I've never been burnt out",
    "jeg græder ikke på arbejdet",
    "I don't have panic attacks anymore",
    "jeg vil undgå at brænde ud igen",
    # strain words that are not strain
    "jeg er tom for idéer",
    "the truck is running on empty",
    "the machine keeps breaking down",
    "the negotiations with the landlord broke down",
    "the project is falling apart",
    "jeg sover fint",
    "jeg får ikke sovet nok i højsæsonen",
    "jeg har det dårligt med at sige nej",
    "i'm struggling to find staff",
    "jeg græd af grin til julefrokosten",
    "vi gik i panik over leverancen",
    "a bit of panic when the server went down",
]

# Strain, but about someone else: not the writer's own state.
SOMEONE_ELSE = [
    "min medarbejder er udbrændt",
    "flere af mine folk er gået ned med stress",
    "my foreman is burnt out",
    "my team is burnt out after the summer",
    "two of my staff have panic attacks",
    "my partner can't sleep because of the business",
    "hun kan ikke mere",
    "medarbejderne kan ikke mere",
    "min værkfører sover ikke om natten",
    "they're all exhausted and running on empty",
    "one of my leaders is depressed",
    "jeg har en leder der er udbrændt",
    "burnout is common in our trade",
]


@pytest.mark.parametrize("text", ORDINARY + SOMEONE_ELSE)
def test_ordinary_answers_get_no_tier(text):
    assert tier(text) is None


def test_there_are_enough_ordinary_cases():
    assert len(ORDINARY) >= 60 and len(SOMEONE_ELSE) >= 5


# -- the module itself ------------------------------------------------------------------------------

def test_constants():
    assert (ACUTE, STRAIN) == ("acute", "strain")
    assert distress.ACUTE_PATTERNS and distress.STRAIN_PATTERNS


@pytest.mark.parametrize("raw, expected", [
    ("I’M  NOT\tOK", "i'm not ok"),
    ("i dont know", "i don't know"),
    ("im tired", "i'm tired"),
    ("jg vil ik", "jeg vil ikke"),
    ("self-harm", "self harm"),
])
def test_normalise(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize("text", ["", "   ", "ja", "nej", "😀", "?"])
def test_empty_or_trivial(text):
    assert tier(text) is None


def test_the_training_data_agrees():
    """Every acute and strain example the classifier learns from is caught by the net, and
    no ordinary wellbeing answer raises an alarm."""
    def examples(name):
        data = yaml.safe_load((ROOT / "data" / "nlu" / name).read_text(encoding="utf-8"))
        found = {}
        for block in data["nlu"]:
            found.setdefault(block["intent"], []).extend(
                line.strip()[2:] for line in block["examples"].splitlines() if line.strip().startswith("- "))
        return found

    nlu = examples("distress.yml")
    assert len(nlu["distress"]) >= 60 and len(nlu["strain"]) >= 60
    assert [t for t in nlu["distress"] if tier(t) != ACUTE] == []
    assert [t for t in nlu["strain"] if tier(t) != STRAIN] == []
    answers = examples("answers_wellbeing.yml")["answer"]
    assert len(answers) >= 200
    assert [t for t in answers if tier(t) is not None] == []
