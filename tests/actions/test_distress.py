"""The distress net (rasa_components/distress.py): acute, strain, or an ordinary answer.

A missed acute signal is the worst error the product can make; a false alarm on an
ordinary answer is the second worst. Every case asserts the exact tier.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Tuple

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
    "jeg har tænkt på at tage mig af dage",  # the old euphemism
    "left a note for my wife on the kitchen table for after",  # a farewell, said without the word
    "jeg vil gerne være væk fra det hele for altid",
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
    # a softening word after the negation (a user walk's was printed in the document)
    "ærligt sover jeg rigtig darligt og kan ikke rigtig klare det mere",
    "i cant really cope any more tbh",
    "i'm running on empty",
    "helt udbrændt efter sæsonen",
    "jeg er træt og udbrændt",
    "jeg tror at jeg er ved at brænde ud",
    "jeg er gået ned med stress",
    "jeg er stresssygemeldt",
    "om natten sover jeg ikke",
    "jeg sover dårligt for tiden",  # a leader's own words in a user test: it got no check-in
    "for mange opgaver, for få folk. jeg sover dårligt for tiden",
    "i've been sleeping badly since the summer",
    "jeg har sovet dårligt i flere uger",
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
    # a user walk had these read as "I don't know what to answer"
    "jeg ved ikke hvor længe jeg kan holde til det",
    "moeder hele dagen uden pause og jeg ved ikke hvor laenge jeg kan holde til det",
    "I dont know how long I can keep this up",
]


@pytest.mark.parametrize("text", STRAIN_CASES)
def test_strain(text):
    assert tier(text) == STRAIN


def test_there_are_enough_strain_cases():
    assert len(STRAIN_CASES) >= 30


# -- ordinary answers: neither ---------------------------------------------------------------------

ORDINARY = [
    "jeg tager mig af dagens opgaver på kontoret",  # not "tage sig af dage"
    "a letter to my wife for after the holidays about the budget",
    "jeg vil gerne være væk fra det hele en uge i sommer",
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
    "jeg sover ikke dårligt længere",
    "jeg sover dårligt",  # a theme (recovery), as the training data has it
    "jeg sover lidt dårligt for tiden",
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
    "jeg kan ikke huske mere",  # the softening words are a few, never any word ("kan ikke [huske] mere")
    "min værkfører sover ikke om natten",
    "min kone sover dårligt",
    "børnene sover dårligt",
    "they're all exhausted and running on empty",
    "one of my leaders is depressed",
    "jeg har en leder der er udbrændt",
    "burnout is common in our trade",
    "det sker vel en sjælden gang, typisk når nogen er gået ned med stress",
    "someone on my team is burnt out",
    "jeg ved ikke hvor længe maskinen holder",
    "jeg ved ikke hvor længe jeg kan holde til at lave det hele selv, så vi ansætter",
]


@pytest.mark.parametrize("text", ORDINARY + SOMEONE_ELSE)
def test_ordinary_answers_get_no_tier(text):
    assert tier(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "One of my staff lost her husband to suicide last year; we have a counsellor on call now",
        "kunden begik selvmord i sommer",
        "hun har haft selvmordstanker, så vi har lavet en plan sammen med hendes læge",
        "min kollega begik selvmord",
    ],
)
def test_the_word_suicide_told_of_someone_else_is_asked_about_gently(text):
    assert tier(text) == distress.TOLD


@pytest.mark.parametrize(
    "text",
    [
        "min bror begik selvmord, og jeg tænker på det samme",
        "my brother died by suicide and I keep thinking about doing it too",
        "kunden begik selvmord, og siden har jeg ikke kunnet sove",
        "selvmordstanker",
        "har planlagt mit eget selvmord",
        # an article or a possessive before it is no one else (a reviewer's)
        "Mine tanker kredser om selvmord",
        "My thoughts are suicidal",
        "the suicidal thoughts are back",
        "Et selvmord virker som eneste udvej",
        "er det normalt at have selvmordstanker?",
        "man tænker jo på selvmord",
        "Det ender med selvmord",
        "Mein Leben hat keinen Sinn mehr, ich denke an Selbstmord",
    ],
)
def test_the_word_suicide_with_any_word_of_the_writer_stays_acute(text):
    assert tier(text) == ACUTE


def test_there_are_enough_ordinary_cases():
    assert len(ORDINARY) >= 60 and len(SOMEONE_ELSE) >= 5


# -- phrasings that are in no data file ----------------------------------------------------------------
# Written for the widened patterns, never trained on (checked below): how tired leaders actually type it
# on a phone, Danish and English, with typos and mixed languages.

# Said outright, with typos and slang.
NEW_ACUTE_DIRECT = [
    "jeg tænker på at tage mit eget liv i weekenden",
    "har planlagt mit selvmord",
    "i've decided to kill myself",
    "i keep having suicidal urges",
    "jeg vil slå mig selv ihjel",
    "jeg har lyst til at dø hver eneste dag",
    "i want to end my life tonight",
    "jeg har selvmordsplaner",
    "i cut myself last night",
    "jeg har skåret i håndleddet igen",
    "tænker på selvmoord igen",
    "i'm gonna kms",
    "jeg vil ik leve mer",
    "orker ik at leve mer",
    "ive been self harming",
]

# Said around it: passive wishes, preparations, methods, places, burdensomeness.
NEW_ACUTE_INDIRECT = [
    # thirteenth round, a development set's families: praying to be taken in one's sleep, a beam that would
    # hold one's weight, not continuing with life as a second-language speaker says it
    "i ask god every night to take me in my sleep",
    "jeg beder til gud om at han tager mig i søvne",
    "i've worked out which beam in the barn would hold my weight",
    "krogen i loftet på lageret kan bære mere end en voksen mand, det har jeg tjekket",
    "i cannot continue with the life",
    "det ville være nemmest for alle hvis jeg bare ikke vågnede",
    "har søgt på nettet efter hvordan man gør det smertefrit",
    "har lige skrevet et afskedsbrev til min kone",
    "jeg tænker på at styre bilen ind i en betonpille",
    "i've been giving away my things to friends",
    "everyone would be happier if i just disappeared",
    "i wish i could go to sleep and not wake up",
    # an adverb between the wish and the waking
    "some mornings i hope i just don't wake up",
    "jeg håber simpelthen at jeg ikke vågner",
    "i'd like to fall asleep and just never come back",
    "sometimes i think about just swerving into oncoming traffic",
    "jeg har lyst til bare at forsvinde og aldrig komme tilbage",
    "hvis jeg ikke vågner i morgen gør det ikke noget",
    "i've looked up how many sleeping pills it takes",
    "i stood on the platform and thought about stepping off",
    "my wife would get the life insurance and be better off",
    "tanken om ikke at være her mere er beroligende",
    "i just want to go to sleep for good",
    "no one would care if i wasn't around anymore",
    "jeg har sparet sovepiller op",
    "det ville være en lettelse ikke at vågne",
    "i'd be doing everyone a favour by not being here",
    "jeg er bange for hvad jeg kunne finde på i aften",
    # as German and Swedish speakers write it (families of the second development set)
    "ich mag nicht mehr leben, ehrlich gesagt",
    "jag orkar inte leva så här",
    "har tænkt på selbstmord hele ugen",
]

# Strain about oneself, not acute.
NEW_STRAIN = [
    "jeg kan ikke slukke tankerne om aftenen",
    "jeg er gået helt i sort på arbejdet",
    "jeg føler mig som en tom skal",
    "jeg har ingen energi tilbage til noget",
    "i can't turn my head off at night",
    "i feel like i'm going under",
    "i'm crying in the toilets at work",
    "running on fumes and caffeine",
    "alt sejler og jeg kan ikke overskue noget",
    "min læge har sygemeldt mig pga stress",
    "jeg føler mig helt numb for tiden",
    "i'm so overwhelmed i can't think straight",
    "jeg er på vej ind i muren",
    "i've hit a wall and can't get back up",
    "tårerne presser sig på hele tiden",
    "jeg er helt ved at gå til",
    "my anxiety is through the roof",
    "jeg har mistet mig selv helt",
    "jeg er ved at knække sammen",
    "i feel dead inside",
]

# Ordinary answers with the words the new patterns look for: idioms, work, other people, happy tears.
NEW_ORDINARY = [
    "the ladder will hold my weight fine",
    "we checked the new beam can hold a grown man, the inspector was happy",
    "god take me now, this meeting is endless",
    "i pray to god the customer takes the offer",
    "i cannot continue with the old supplier",
    "min far døde stille i søvne sidste år, og vi fik sagt ordentligt farvel",
    "vi knækkede endelig koden på varelageret",
    "projektet døde en stille død",
    "broen over fjorden er lukket i weekenden",
    "jeg piller for meget ved småting i tilbuddene",
    "vi skærer ned på kørslen i år",
    "we're cutting costs on fuel",
    "killing two birds with one stone at the trade fair",
    "the old printer is dying",
    "leaving the business for good isn't on the table",
    "my sleep is fine now the rush is over",
    "other people's stress rubs off on me a bit",
    "jeg googlede hvordan man laver lønsedler",
    "vi sagde farvel til den gamle leverandør",
    "i'd kill for a quiet monday",
    "i'm swamped but fine",
    "i fell asleep on the sofa and didn't wake up until midnight",
    "vi springer julefrokosten over i år",
    "jeg hopper på cyklen hver morgen",
    "the new booking tool is a lifesaver",
    "jeg har givet mine gamle ting til genbrug",
    "jeg er færdig med livet som lønmodtager",
    "the team would be better off without me micromanaging",
    "vi har taget livet af den gamle hjemmeside",
    "jeg slog mig selv i hovedet over den pris",
    "it was a suicide mission to take that job",
    "the market crashed and burned in 2009",
    "i need to cut myself off from email at weekends",
    "jeg hænger mig i kommaer",
    "i'm dead set on hiring a bookkeeper",
    "my phone battery is dead again",
    "jeg tænkte på at køre hjem over broen",
    "vi gik ned med flaget, men rejste os igen",
    "der er ingen vej udenom en ny maskine",
    "i'd rather not be here on fridays",
    "the thought of a week off is comforting",
    "jeg græd af stolthed da vi fik prisen",
    "hjertet banker stadig for håndværket",
    "jeg er ved at blive skør af alle de mails",
    "jeg drukner i bilag i marts",
    "mine folk er helt flade efter messen",
    "my wife would kill me if i missed our anniversary",
    "vi kørte lageret helt ned før flytningen",
    "we're ending it with the old supplier tonight",
    "jeg har lyst til at leve lidt mere i nuet om sommeren",
    "i cut my thigh on a sheet of glass at the site",
]


@pytest.mark.parametrize("text", NEW_ACUTE_DIRECT + NEW_ACUTE_INDIRECT)
def test_new_acute_phrasings(text):
    assert tier(text) == ACUTE


@pytest.mark.parametrize("text", NEW_STRAIN)
def test_new_strain_phrasings(text):
    assert tier(text) == STRAIN


@pytest.mark.parametrize("text", NEW_ORDINARY)
def test_new_ordinary_answers_get_no_tier(text):
    assert tier(text) is None


def _data_examples():
    """(text, intent) for every example in data/nlu/*.yml."""
    found: List[Tuple[str, str]] = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            if "intent" in block:
                found.extend(
                    (line.strip()[2:].strip(), block["intent"])
                    for line in block["examples"].splitlines()
                    if line.strip().startswith("- ")
                )
    return found


def _plain(text):
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def test_there_are_enough_new_cases():
    assert len(NEW_ACUTE_INDIRECT) >= 15
    assert len(NEW_ACUTE_DIRECT + NEW_ACUTE_INDIRECT + NEW_STRAIN) >= 40 and len(NEW_ORDINARY) >= 40


def test_new_cases_are_in_no_data_file():
    trained = {_plain(t) for t, _ in _data_examples()}
    new = NEW_ACUTE_DIRECT + NEW_ACUTE_INDIRECT + NEW_STRAIN + NEW_ORDINARY
    assert [t for t in new if _plain(t) in trained] == []
    assert len({_plain(t) for t in new}) == len(new)


def test_no_answer_or_request_in_the_data_raises_an_alarm():
    """Every answer, theme and request example in data/nlu gets None: the patterns never fire on them."""
    assert [t for t, intent in _data_examples() if intent not in ("distress", "strain") and tier(t) is not None] == []


def test_distress_and_wellbeing_examples_are_unique_in_the_data():
    """No example of distress.yml or answers_wellbeing.yml appears twice anywhere in data/nlu
    (lower case, punctuation removed)."""

    def plain_examples(name):
        data = yaml.safe_load((ROOT / "data" / "nlu" / name).read_text(encoding="utf-8"))
        return [
            _plain(line.strip()[2:])
            for block in data["nlu"]
            for line in block["examples"].splitlines()
            if line.strip().startswith("- ")
        ]

    counts: Dict[str, int] = {}
    for text, _ in _data_examples():
        counts[_plain(text)] = counts.get(_plain(text), 0) + 1
    ours = plain_examples("distress.yml") + plain_examples("answers_wellbeing.yml")
    assert sorted({t for t in ours if counts[t] > 1}) == []


# -- the module itself ------------------------------------------------------------------------------


def test_constants():
    assert (ACUTE, STRAIN) == ("acute", "strain")
    assert distress.ACUTE_PATTERNS and distress.STRAIN_PATTERNS


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("I’M  NOT\tOK", "i'm not ok"),
        ("i dont know", "i don't know"),
        ("im tired", "i'm tired"),
        ("jg vil ik", "jeg vil ikke"),
        ("self-harm", "self harm"),
    ],
)
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
        found: Dict[str, List[str]] = {}
        for block in data["nlu"]:
            found.setdefault(block["intent"], []).extend(
                line.strip()[2:] for line in block["examples"].splitlines() if line.strip().startswith("- ")
            )
        return found

    nlu = examples("distress.yml")
    assert len(nlu["distress"]) >= 60 and len(nlu["strain"]) >= 60
    assert [t for t in nlu["distress"] if tier(t) != ACUTE] == []
    assert [t for t in nlu["strain"] if tier(t) != STRAIN] == []
    answers = examples("answers_wellbeing.yml")["answer"]
    assert len(answers) >= 200
    assert [t for t in answers if tier(t) is not None] == []


@pytest.mark.parametrize(
    "text",
    [
        "Asking for help before I'm drowning",
        "spørge om hjælp før jeg drukner",
        "før jeg går ned med stress",
        "take a real holiday to avoid burning out",
    ],
)
def test_strain_that_has_not_happened_is_an_ordinary_answer(text):
    assert tier(text) is None


def test_a_plan_to_die_stays_acute_whatever_comes_before():
    assert tier("jeg skal bare lige ordne papirerne før jeg tager mit liv") == ACUTE


# -- the lexicon: the words and phrases as data (rasa_components/lexicon/) ---------------------


def test_every_lexicon_list_has_named_families_with_patterns():
    assert set(distress.FAMILIES) == {
        "acute",
        "acute_unless_told_of_others",
        "acute_unless_other",
        "acute_self",
        "strain",
        "strain_self",
        "idioms",
        "past",
        "over_now",
    }
    for key, families in distress.FAMILIES.items():
        assert families, key
        for name, patterns in families.items():
            assert name.strip() and patterns, (key, name)


def test_every_lexicon_pattern_compiles_with_its_blocks_filled_in():
    for key, families in distress.FAMILIES.items():
        for name, patterns in families.items():
            for pattern in patterns:
                assert not re.search(r"<[A-Z][A-Z0-9_]*>", pattern), (key, name, pattern)
                re.compile(distress._fold(pattern))


def test_the_public_lists_are_the_families_in_order():
    def flat(key):
        return [p for patterns in distress.FAMILIES[key].values() for p in patterns]

    public = {
        "acute": distress.ACUTE_PATTERNS,
        "acute_unless_told_of_others": distress.ACUTE_UNLESS_TOLD,
        "acute_unless_other": distress.ACUTE_UNLESS_OTHER,
        "acute_self": distress.ACUTE_SELF,
        "strain": distress.STRAIN_PATTERNS,
        "strain_self": distress.STRAIN_SELF,
        "idioms": distress.IDIOMS,
    }
    assert [key for key, patterns in public.items() if flat(key) != patterns] == []
    # none lost when the lists moved out of the code (262, 19, 13, 205, 16, 23 patterns then; the
    # word suicide's 4 moved from "acute" to "acute_unless_told_of_others" in the sixth round)
    sizes = [len(flat(k)) for k in ("acute", "acute_unless_other", "acute_self", "strain", "strain_self", "idioms")]
    assert len(flat("acute_unless_told_of_others")) >= 4
    assert [s >= n for s, n in zip(sizes, (258, 19, 13, 205, 16, 23))] == [True] * 6


def test_every_building_block_is_used():
    files = ("distress_acute.yml", "distress_strain.yml", "idioms.yml", "checks.yml", "blocks.yml")
    text = "".join((distress.LEXICON / f).read_text(encoding="utf-8") for f in files)
    assert [name for name in distress.BLOCKS if f"<{name}>" not in text] == []


def test_the_word_lists_keep_their_ascii_spellings():
    assert {"tænkt", "taenkt", "tenkt"} <= distress.NEUTRAL
    assert "far" not in distress.LINK
    assert "i" in distress.SELF_WORDS and "i" not in distress.OWN_WORDS and "my" in distress.OWN_WORDS
    assert "the" in distress.LINK and "kunderne" not in distress.LINK and "ikke" not in distress.LINK


@pytest.mark.parametrize(
    "text,expected",
    [
        ("jeg vil bare sige at jeg ikke kan mere", STRAIN),  # a room's private step got no check-in
        ("fordi jeg ik orker mere", STRAIN),
        ("de ved godt at jeg ikke kan mere", STRAIN),
        ("at jeg ikke kan mere end 10 timer om dagen", None),
        ("min kone siger at hun ikke kan mere", None),
    ],
)
def test_a_clause_of_its_own_puts_ikke_before_the_verb(text, expected):
    assert tier(text) == expected


# Everyday words in either language that a concept word must not fold to (typing.fold makes
# "dø" into "do" and "ar" into what "år" becomes): a leader writes these in every other message.
COMMON_WORDS = (
    "do you know how to do it i dont know what do you mean "
    "piles i am scared scary "
    "i år for to år siden tre år et år hvert år gør det godt vi gør det "
    "and the it is we are in on at of to for with have has was were be been a an or not no yes my me "
    "jeg du vi de det er var har og at en et på i med til for om ikke ja nej min mig os dem men så"
)


@pytest.mark.parametrize("text", ["orders pile up", "the work piles up", "I'm scared of the audit"])
def test_everyday_phrases_that_fold_to_a_concept_word_name_none(text):
    """ "orders pile up" got the care message: folded, "pile" is "pille"."""
    from rasa_components.typing import concepts, fold

    assert concepts(fold(text), everyday=False) == ""


@pytest.mark.parametrize("text", ["i have my pills ready", "sleeping pills", "en pille", "sovepiller"])
def test_pills_in_any_spelling_name_means(text):
    from rasa_components.typing import concepts, fold

    assert "zzmeans" in concepts(fold(text), everyday=False)


def test_no_concept_word_reads_as_an_everyday_word():
    """A concept word that folds to a common word would add its concept to ordinary messages
    ("do you have an example" read as naming death)."""
    from rasa_components.typing import concepts, fold

    named = {word: concepts(fold(word), everyday=False) for word in COMMON_WORDS.split()}
    assert {word: found for word, found in named.items() if found} == {}


def test_no_word_in_a_lexicon_is_read_as_a_yes_or_no_by_yaml():
    """YAML reads a bare yes, no, on or off as true or false: "nope: no" had written "nope" out as
    "False" for the classifiers and the typed-choice reader, and "yes" was missing from oneself.yml."""
    import pathlib

    import yaml

    def booleans(value, where):
        if isinstance(value, bool):
            yield where
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from booleans(item, f"{where}/{key}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield from booleans(item, f"{where}/{i}")

    lexicon = pathlib.Path(distress.__file__).with_name("lexicon")
    found = [w for path in sorted(lexicon.glob("*.yml")) for w in booleans(yaml.safe_load(path.read_text()), path.name)]
    assert not found, found


@pytest.mark.parametrize(
    "text,expected",
    [
        # the word as a topic of work, nothing of the writer: asked gently, never the care message at once
        ("HR har lavet en fin politik for selvmordsforebyggelse, efter at en medarbejder forsøgte", "told"),
        ("Our suicide prevention procedure is on the intranet", "told"),
        ("Alarmcentralen har fået en ny rutine for opkald fra selvmordstruede", "told"),
        # the writer's own, or a plan: acute whatever stands beside it
        ("jeg har selvmordstanker", "acute"),
        ("har lagt en plan for selvmord", "acute"),
        ("har en selvmordsplan klar", "acute"),
        ("mine tanker om selvmord fylder", "acute"),
        ("jeg har googlet selvmordsforebyggelse for at se om det er mig", "acute"),
        # its own thoughts, or a topic word a comma or a full stop away (a reviewer's): acute
        ("har tænkt på selvmord efter kurset", "acute"),
        ("selvmordstanker er rutine nu", "acute"),
        ("selvmordstanker. kurset i dag var for meget", "acute"),
        ("tænker på selvmord, beredskab?", "acute"),
        ("suicidal since training", "acute"),
        ("suicide. training done. nothing left", "acute"),
        ("a policy on suicide went round to all staff", "told"),
        # said of oneself without "jeg", as phones type: still acute
        ("er selvmordstruet, ved ikke hvad der skal ske", "acute"),
        ("ringede til selvmordslinjen i nat", "acute"),
    ],
)
def test_the_word_suicide_as_a_topic_of_work_is_told_not_acute(text, expected):
    assert tier(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("vi har en overdosis af møder", None),  # a walk's got the care message
        ("an overdose of meetings and emails", None),
        ("jeg har tænkt på en overdosis af piller", "acute"),
        ("I could take an overdose of my pills", "acute"),
    ],
)
def test_an_overdose_of_work_is_an_idiom_and_of_pills_is_not(text, expected):
    assert tier(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "asking for a friend: how do you stop wanting to kill yourself",
        "hvordan holder man op med at ville dø",
        "i keep wanting to die, sorry",
    ],
)
def test_wanting_to_die_said_in_the_generic_voice_is_acute(text):
    """A development set's "asking for a friend" was kept as an answer: the generic you is how many say it."""
    assert distress.tier(text) == distress.ACUTE


@pytest.mark.parametrize(
    "text",
    [
        "undskyld jeg var væk, lad os fortsætte",
        "jeg var væk i en uge, men det der virker er fredagsmødet",
        "lol I'm literally crying, best day in months, nobody booked a meeting after three",
        "dagen var så god at jeg næsten græd",
        "wanting to die of embarrassment after that demo, but the team laughed with me",
    ],
)
def test_back_from_a_break_and_tears_of_a_good_day_get_no_tier(text):
    """'jeg var væk' was read as a wish to be gone; happy tears as strain (a data writer's answers)."""
    assert distress.tier(text) is None


@pytest.mark.parametrize("text", ["gid jeg var væk", "det ville være bedre for alle hvis jeg var væk", "jeg tuder hver aften"])
def test_the_same_words_said_as_a_wish_or_of_tears_that_do_not_stop_still_count(text):
    assert distress.tier(text) is not None


@pytest.mark.parametrize(
    "text,tier",
    [
        ("There's nothing left to charge, not at home, not in me. I don't want to keep going.", distress.ACUTE),
        ("jeg vil ikke blive ved mere", distress.ACUTE),
        ("i dont want to keep going with the project, it's dead", None),
        ("they don't want to keep going, the team is tired", None),
        ("jeg vil ikke fortsætte med projektet", None),
    ],
)
def test_not_wanting_to_go_on_is_acute_only_about_going_on_itself(text, tier):
    """A development set's "I don't want to keep going." after a flat battery was only a check-in."""
    assert distress.tier(text) == tier


# Masked so a filter would not catch it: the net reads the word meant ("k*ll", "su1c1de", letters spaced out,
# algospeak), and the same masking of an everyday swear word about a thing stays an ordinary answer.
@pytest.mark.parametrize(
    "typed, expected",
    [
        ("k*ll myself. that's the thought that keeps coming", ACUTE),
        ("the s-word thoughts are back, su1c1de, there I said it", ACUTE),
        ("jeg vil sl* mig selv ihjel", ACUTE),
        ("s/h igen i nat", ACUTE),
        ("s-cide tanker hver aften", ACUTE),
        ("I want to d!e", ACUTE),
        ("u n a l i v e is all I think about", ACUTE),
        ("helt udbr*ndt, sover ikke", STRAIN),
        ("den f*cking printer er endelig skiftet ud", None),
        ("we k*lled that project off in march, good riddance", None),
        ("b2b-salget på 3.sal kører", None),
    ],
)
def test_masked_words_are_read_as_the_word_meant(typed, expected):
    assert tier(typed) == expected
