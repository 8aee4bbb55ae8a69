"""Who an answer to a "who?" question names, without the hedges around it.

A step marked `person:` in a tool's YAML asks for a person ("Hvem er tovholder?"). Leaders
type the name with the doubt around it: "måske Karin", "tja det bliver nok Karin tror jeg",
"me i guess, Peter". What is printed is the person meant ("Karin", "Peter"); oneself stays
"mig"/"me", which a draft then fits into its sentence (actions/drafts.py). When it is unclear who
is meant ("Karin eller Peter", "ved ikke"), `person` gives None and the form asks back, with
a button for each name it found (`candidates`).
"""

from __future__ import annotations

import contextvars
import re
from typing import List, Optional, Tuple

import catalogue
from rasa_components.corrections import correction
from rasa_components.scribe import without_instruction
from rasa_components.typing import only_oneself, without_question_tag

_SPACE = r"[\s,.:;!?–—-]*"


def _alternation(phrases: str) -> str:
    """ "a|b c" -> a regex that matches any of them as whole words, longest first."""
    parts = sorted((p.strip() for p in phrases.split("|") if p.strip()), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts) + ")"


# Words around a name that say nothing about who ("øh", "well"), or only how sure the writer is.
_FILLER = "øh|øhm|øhh|oeh|uhm|uhmm|ehm|eh|hmm|hm|mm|mmm|umm|tja|nja|nå|naa|altså|well|um|uh|erm|ok|okay|jamen|so|tbh|tbf|ngl|imo|honestly|ærligt|ærligt talt"
_HEDGE = (
    "måske|maaske|maske|nok|vel|vist|sikkert|formentlig|sandsynligvis|umiddelbart|vel nok|mon ikke|"
    "mest sandsynligt|højst sandsynligt|hoejst sandsynligt|sandsynligt|"
    "jeg tror|jeg tror nok|jeg tror at|jeg tror vel|jeg tænker|jeg taenker|jeg gætter på|jeg gaetter paa|"
    "jeg regner med|jeg vil tro|tror jeg|tror nok|tror|tænker jeg|taenker jeg|vil jeg tro|går jeg ud fra|gaar jeg ud fra|"
    "regner jeg med|gætter jeg på|gaetter jeg paa|i guess|i think|i suppose|i'd say|i reckon|i believe|"
    "probably|maybe|perhaps|possibly|likely|most likely|guess|i'd guess|prob|probs|prolly|idk|dunno|i dunno"
)
# A shrug at the end that the choice is obvious ("Jørgen, hvem ellers?"): sure, not in doubt. Only at the
# end: "hvem andre end Karin" names Karin after it.
_SHRUG = "hvem ellers|hvem skulle ellers|hvem andre|who else|who else would"
# Fondness at the end says nothing of who ("Gemma, bless her", "Knud, den skat").
_FONDNESS = (
    "bless her|bless him|bless them|bless 'em|bless her heart|bless his heart|god bless her|god bless him|"
    "the dear|the darling|love her|love him|den skat|den søde|den kære|gudskelov"
)
# An oath around a name says nothing of who ("Fanden tage det, det må blive Jens-Ole", "Sam, damn it").
_OATH = (
    "fanden tage det|fanden ta det|for fanden|fandeme|fanme|fanden|for helvede|helvede|for pokker|pokker|sgu|"
    "satans|for søren|for satan|damn it|dammit|damn|bloody hell|for god's sake|for fuck's sake|ffs|fuck it|fuck|"
    "fucking|hell|shit|christ"
)
# An apology around a name says nothing of who ("sorry, it's Ahmed", "Jonas, beklager"): a development set's
# "sorry, it's Ahmed" was printed with its apology.
_APOLOGY = "sorry|so sorry|undskyld|beklager|my bad|excuse me|pardon|soz"
# "det bliver ...", "it'll be ...": the sentence around a name.
_INTRO = (
    "det bliver|det er|det må blive|det maa blive|det må være|det skal være|det kunne være|det ville være|"
    "det bliver nok|det er nok|det er vel|det bliver vel|det bliver jo|det er jo|"
    "it's|it is|it'll be|it will be|it would be|it'd be|that'd be|that would be|that's|that is|"
    "it's going to be|it is going to be|going to be|gonna be|that'll be|that will be|it'll have to be|"
    "det gør|det gør nok|det gør vel|den får|den tager|den går til|den gaar til|giver den til|it goes to|give it to|"
    # the role asked about, said first ("tovholder bliver Karin", "the lead will be Sam")
    "tovholder bliver|tovholderen bliver|tovholder er|tovholderen er|tovholder skal være|ansvarlig bliver|"
    "den ansvarlige bliver|den ansvarlige er|ansvarlig er|projektleder bliver|projektlederen bliver|"
    "the lead will be|the lead is|lead will be|lead is|the owner will be|owner will be|the owner is|"
    # the group voice: one person typing for the table ("vi har peget på Mette")
    "vi har valgt|vi har peget på|vi har peget paa|vi har udpeget|vi er enige om|vi blev enige om|vi stemte for|"
    "we picked|we chose|we agreed on|we went with|we voted for"
)
# Doubt that leaves it open who it is: asked back.
_OPEN = re.compile(
    r"\b"
    + _alternation(
        "ved ikke|ved det ikke|det ved jeg ikke|aner det ikke|aner ikke|ikke sikker|usikker|ikke afklaret|"
        "uafklaret|ikke besluttet|ikke bestemt|ikke fundet|hvem ved|don't know|dont know|do not know|not sure|"
        "no idea|unsure|not decided|undecided|tbd|to be decided|not yet decided"
    )
    + r"\b",
    re.IGNORECASE,
)
_VAGUE = re.compile(
    r"^" + _alternation("nogen|en eller anden|en af os|someone|somebody|one of us|anyone|whoever|hvem som helst") + r"$",
    re.IGNORECASE,
)
# Single words at the edge of a short answer that are never (part of) the name: the rest of
# "det bliver vel ham søren", "tror d blir karin", "prolly lisa tbh", "it'll be our cfo".
_EDGE_WORDS = set(
    [
        "øh",
        "øhm",
        "hmm",
        "tja",
        "nja",
        "nå",
        "altså",
        "jamen",
        "ja",
        "nej",
        "well",
        "um",
        "uh",
        "erm",
        "so",
        "ok",
        "okay",
        "det",
        "d",
        "den",
        "der",
        "bliver",
        "blive",
        "blir",
        "bli",
        "er",
        "var",
        "må",
        "maa",
        "skal",
        "ska",
        "vil",
        "kan",
        "ku",
        "kunne",
        "være",
        "vaere",
        "bare",
        "lige",
        "jo",
        "da",
        "sgu",
        "nok",
        "vel",
        "vist",
        "måske",
        "maaske",
        "maske",
        "mske",
        "msk",
        "tror",
        "tror",
        "tænker",
        "taenker",
        "tenker",
        "gætter",
        "gaetter",
        "regner",
        "ham",
        "hende",
        "han",
        "hun",
        "hedder",
        "hedder",
        "hed",
        "his",
        "her",
        "he",
        "she",
        "name's",
        "names",
        "is",
        "called",
        "named",
        "it",
        "it's",
        "its",
        "itll",
        "it'll",
        "that",
        "that's",
        "thats",
        "will",
        "would",
        "be",
        "'ll",
        "gonna",
        "going",
        "to",
        "probably",
        "prolly",
        "prob",
        "maybe",
        "perhaps",
        "guess",
        "think",
        "reckon",
        "suppose",
        "i'd",
        "id",
        "tbh",
        "igen",
        "again",
        "lol",
        "haha",
        "hehe",
    ]
)
# Titles and polite particles said after a name ("Rajesh sir", "Kemal abi", "Maricel Santos po"): left
# out of the printed name when typed in lower case after it; capitalised they may be the name ("Liu Po").
_HONORIFICS = {"sir", "madam", "ma'am", "abi", "abla", "bhai", "bhaiya", "ji", "po", "brormand", "habibi"}
# Words that end a sentence about a name as often as they start one: "Mette tager den", "Karin er".
_NOT_AT_THE_END = {"det", "d", "den", "der", "er", "var", "it", "that", "is", "be", "ham", "hende", "her", "him"}
# Doubt, wherever it stands in what would be printed ("Karin nok, fordi hun kender alle").
_DOUBT_WORDS = {
    "måske",
    "maaske",
    "maske",
    "mske",
    "nok",
    "vel",
    "vist",
    "formentlig",
    "sandsynligvis",
    "tror",
    "tænker",
    "gætter",
    "gaetter",
    "probably",
    "prolly",
    "maybe",
    "perhaps",
    "guess",
    "reckon",
    "suppose",
    "think",
    "prob",
    # a condition or an alternative leaves it open too: "bjarne hvis han gider", "me, or mette if she has time"
    "hvis",
    "if",
    "eller",
    "or",
    "unless",
    "medmindre",
}
_END = r"(?=$|[\s,.:;!?–—-])"
_LEAD = re.compile(r"^" + _alternation(f"{_FILLER}|{_HEDGE}|{_OATH}|{_APOLOGY}") + _END + _SPACE, re.IGNORECASE)
_LEAD_INTRO = re.compile(r"^" + _alternation(_INTRO) + _END + _SPACE, re.IGNORECASE)
_TAIL = re.compile(
    _SPACE + r"(?<![\w'])" + _alternation(f"{_FILLER}|{_HEDGE}|{_SHRUG}|{_FONDNESS}|{_OATH}|{_APOLOGY}") + _SPACE + r"$",
    re.IGNORECASE,
)
# Oneself: "mig", "me", also said as "jeg tager den", "I'll do it".
_SELF = re.compile(r"^(?:mig selv|jeg selv|mig|jeg|undertegnede|myself|me|i)" + _END, re.IGNORECASE)
_SELF_DOES_WORDS = (
    r"^(?:jeg\s+|i\s+|i(?=[’']))(?:tager|tar|gør|goer|klarer|kører|koerer|står\s+for|staar\s+for|['’]ll\s+take|"
    r"will\s+take|['’]ll\s+do|will\s+do|['’]ll\s+lead|will\s+lead|['’]ll\s+run|will\s+run|take|do|lead|run)"
    r"(?:\s+(?:den|det|it|that|this|the\s+lead|the\s+job))?"
)
_SELF_DOES = re.compile(_SELF_DOES_WORDS + r"\s*$", re.IGNORECASE)
# "jeg tager den selv, for jeg har tiden": oneself, with the reason after it
_SELF_DOES_FIRST = re.compile(_SELF_DOES_WORDS + r"(?:\s+selv|\s+myself)?(?=$|[\s,.:;!?–—-])", re.IGNORECASE)
_ENGLISH_SELF = {"me", "myself", "i"}
_AND = re.compile(r"^(?:og|and|&|\+)\b", re.IGNORECASE)
_OR = re.compile(r"\s+(?:eller|or)\s+|(?<=[^\W\d_])\s*/\s*(?=[^\W\d_])", re.IGNORECASE)  # not "1/3"
_LETTER = re.compile(r"[^\W\d_]")
# A name said after oneself ("mig, Karin fra HR"): short, and no list ("mig, Karin og Peter").
_LIST = re.compile(r"\b(?:og|and)\b|,|&", re.IGNORECASE)
SENTENCE = 3  # words: more says something beside who ("Karin, fordi hun kender alle")
SHORT = 6  # words: "Karin eller Peter" is a choice to ask about; a longer sentence is an answer as written


def _trimmed(text: str) -> str:
    return _SMILEY.sub("", _SYMBOLS.sub("", text)).strip().strip(" \t\n,.;:!–—-\"'«»“”").strip()


_SMILEY = re.compile(r"\s*[:;=]-?[()DPp3]+\s*$")  # "Jonas :)", "Lise ;-)"


# Emoji and other symbols at the edges are never part of a name ("Jonas 👍").
_SYMBOLS = re.compile(r"^[^\w(]+(?=\w)|(?<=[\w)])[^\w)?]*[^\w\s)?.,;:!'\"«»“”–—-][^\w)?]*$")


def _unhedged(text: str) -> Tuple[str, bool]:
    """The words without the fillers, hedges and "det bliver" around them, and whether any went."""
    cleaned, changed = _trimmed(text), False
    while True:
        shorter = _trimmed(_TAIL.sub("", _LEAD.sub("", cleaned, count=1), count=1))
        shorter = _trimmed(without_instruction(shorter))  # "skriv Jonas Bak", "put down Karin": told to a scribe
        # "det bliver Karin": only before a name, not a sentence ("det er vigtigt, at HR er med")
        introduced = _trimmed(_LEAD_INTRO.sub("", shorter, count=1))
        # "det gør vi sammen", "den tager de": no one named, the sentence stays as written
        pronoun = bool(introduced) and _bare(introduced.split()[0]) in _NO_NAME and not _SELF.match(introduced)
        if introduced and not pronoun and (len(introduced.split()) <= SHORT // 2 or _SELF.match(introduced)):
            shorter = introduced
        shorter = _without_edge_words(shorter)
        if shorter == cleaned:
            break
        cleaned, changed = shorter, True
    if cleaned.endswith("?"):  # "Karin?": a question about it, not the name
        cleaned, changed = _trimmed(cleaned.rstrip("?")), True
    return cleaned, changed


def _without_edge_words(text: str) -> str:
    """A short answer less the words at its edges that are never a name ("det bliver vel ham Søren")."""
    words = text.split()
    start, end = 0, len(words)
    while start < end - 1 and _bare(words[start]) in _EDGE_WORDS:
        start += 1
    while end - 1 > start and _bare(words[end - 1]) in _EDGE_WORDS - _NOT_AT_THE_END:
        end -= 1
    kept = words[start:end]
    if len(kept) == len(words) or len(kept) > 4:
        return text  # a sentence is an answer as written ("det er vigtigt at HR er med")
    return _trimmed(" ".join(kept))


def _doubtful(text: str) -> bool:
    words = [_bare(w) for w in text.split()]
    # "mette i think. maybe" cut to "mette i": an English "I" left at the end of a name
    return bool(_DOUBT_WORDS & set(words)) or (len(words) > 1 and words[-1] == "i")


def _bare(word: str) -> str:
    return word.lower().replace("’", "'").strip(",.:;!?–—-\"'«»“”")


# "Sofie, she volunteered", "Bente – hun er TR", "Tom Andersen. he's our ops manager": a short name, then a
# clause about that person.
_ABOUT = re.compile(
    r"^(?P<name>[^,;:–—()?]{1,40}?)\s*(?:,|–|—|\s-\s|\(|\?|\.)\s*"
    r"(?:hun|han|ham|hende|den der|de|she|he|they|him|her|the one who|som|who|for|fordi|because|since)\b",
    re.IGNORECASE,
)
# "Peter, souschefen", "Birgit Holm (AMR)", "Tom, our ops manager": a name, then who that person is.
_ROLE = re.compile(r"^(?P<name>[^,;:–—()]{1,40}?)\s*(?:,|–|—|\s-\s|\()\s*(?P<role>[^,;:()]{1,40}?)\s*\)?$")
# "Ahmed tar ansvaret", "Mette tager den", "Sam will take it": a name, then that the person takes it on.
_TAKES = re.compile(
    r"^(?P<name>.{1,40}?)\s+(?:tager|tar|klarer|kører|koerer|står for|staar for|takes|will take|'ll take|is taking|"
    r"må tage|maa tage|skal tage|ska tage|kan tage|må tag|has to take|can take|should take|"
    r"will lead|leads|owns|will run|runs|will do|does)(?:\s+(?:den|det|it|that|this|ansvaret|the lead|lead|tråden|traaden))?"
    r"(?:\s+(?:selv|on))?\s*[.!]*$",
    re.IGNORECASE,
)
# "TR: Bente", "tovholder: Jens": a label from a note, then the name.
_LABELLED = re.compile(r"^(?P<label>[^:]{1,30}?)\s*:\s*(?P<name>[^:]+)$")


# Words a phone may capitalise that are never a name: "Jeg tager den", "Ingen, desværre", "ikke Mette".
_NO_NAME = {
    "jeg",
    "i",
    "vi",
    "we",
    "du",
    "you",
    "han",
    "hun",
    "he",
    "she",
    "de",
    "they",
    "man",
    "mig",
    "me",
    "os",
    "us",
    "hvem",
    "who",
    "ingen",
    "nobody",
    "none",
    "alle",
    "everyone",
    "everybody",
    "nogen",
    "someone",
    "somebody",
    "ikke",
    "not",
    "no",
    "nej",
    "det",
    "den",
    "it",
    "that",
}


def only_a_name(text: str) -> bool:
    """Whether a who-answer is a name and nothing else but its hedges, a role or "tager den"
    ("det bliver nok Mette, tror jeg", "ahmed tager den"; not "Peter. jeg har googlet piller"), also
    when the writer corrects one name to another ("Karin? nej vent, Peter")."""
    corrected = correction(text, _only_a_name)  # "karin.. nej peter" too: a plain no between two names
    return all(_only_a_name(said) for said in corrected) if corrected else _only_a_name(text)


def _only_a_name(text: str) -> bool:
    cleaned, _ = _unhedged(_as_written(_trimmed(_without_honorific(without_question_tag(text) or text))))
    takes = _TAKES.match(cleaned)
    named = takes.group("name") if takes else cleaned  # never a "role" after a comma: it may say anything
    # the name and nothing more ("Karin. Farvel", "Peter. Piller nok" say more than who)
    return len(named.split()) <= 3 and _names_in(named) == [_trimmed(named)]


def _a_name(words: str) -> bool:
    """A first name we know among a few words, or one or two capitalised words ("Bente", "Tom Hansen";
    not "My business partner")."""
    said = words.split()
    if not 0 < len(said) <= 3 or any(_bare(w) in _NO_NAME for w in said):
        return False
    capitalised = len(said) <= 2 and all(w[:1].isupper() for w in said) and _bare(said[0]) not in _POSSESSIVE
    return capitalised or any(_is_first_name(w, False) for w in said)


def _a_role(words: str) -> bool:
    """A few words that say who a person is ("souschefen", "our ops manager", "AMR"), naming no one
    else, no alternative and no doubt ("Karin, Peter", "Jens, eller Lise", "Jens, vist")."""
    said = words.split()
    joined = re.search(r"\b(?:og|and|med|with)\b", words, re.IGNORECASE)
    return 0 < len(said) <= 3 and not (_OR.search(f" {words} ") or _names_in(words) or _doubtful(words) or joined)


# Words for a person said with "min"/"our" around a name ("min souschef Kasper", "peter min bror"): the
# role's last word is one of these, ends in one of the endings, or is an acronym ("vores nye TR Bente").
_PERSON_ROLES = frozenset(
    [
        "kone",
        "mand",
        "kæreste",
        "kaereste",
        "partner",
        "makker",
        "bror",
        "broder",
        "søster",
        "soester",
        "soster",
        "mor",
        "far",
        "søn",
        "soen",
        "son",
        "datter",
        "ven",
        "veninde",
        "nabo",
        "kollega",
        "kollegaen",
        "chef",
        "leder",
        "mester",
        "svend",
        "lærling",
        "laerling",
        "elev",
        "assistent",
        "sekretær",
        "formand",
        "næstformand",
        "naestformand",
        "direktør",
        "direktoer",
        "ejer",
        "medejer",
        "medhjælper",
        "coach",
        "mentor",
        "rådgiver",
        "wife",
        "husband",
        "girlfriend",
        "boyfriend",
        "brother",
        "sister",
        "mother",
        "mum",
        "mom",
        "father",
        "dad",
        "son",
        "daughter",
        "friend",
        "neighbour",
        "neighbor",
        "colleague",
        "boss",
        "manager",
        "owner",
        "co-owner",
        "assistant",
        "secretary",
        "chair",
        "chairman",
        "director",
        "coordinator",
        "supervisor",
        "mentor",
        "coach",
        "advisor",
        "adviser",
        "deputy",
        "apprentice",
        "kasserer",
        "treasurer",
        "præst",
        "priest",
        "vicar",
        "træner",
        "trainer",
    ]
)
_PERSON_ROLE_ENDINGS = (
    "chef",
    "leder",
    "fører",
    "foerer",
    "mester",
    "ansvarlig",
    "koordinator",
    "manager",
    "partner",
    "director",
    "officer",
    "lead",
    "coordinator",
    "direktør",
)
_NOT_THIS_ONE = frozenset(["ikke", "not", "no", "never", "aldrig", "uden", "without", "except", "undtagen"])


def _a_person_role(role: List[str]) -> bool:
    """A few words that say who someone is to the writer, ending in a word for a person, nothing else."""
    words = [w.strip(",.!") for w in role]
    if not words or len(words) > 3 or any(_bare(w) in _NOT_THIS_ONE for w in words):
        return False
    if not all(w.islower() or (w.isupper() and len(w) <= 5) for w in words):
        return False
    last = words[-1]
    # the Danish definite form too: "næstformanden", "kassereren", "chefen"
    definite = next((last[: -len(end)] for end in ("en", "n") if last.endswith(end) and last[: -len(end)] in _PERSON_ROLES), None)
    return last.isupper() or last in _PERSON_ROLES or definite is not None or last.endswith(_PERSON_ROLE_ENDINGS)


def _only_the_name(words: List[str]) -> Optional[str]:
    """One or two words that are a name and nothing else ("Kasper", "Ruth Adeyemi", "kasper")."""
    if not 0 < len(words) <= 2:
        return None
    first = words[0].strip(",.!")
    if len(first) > 1 and first.isupper():
        return None  # "TR Bente": TR is the role
    if not all(w[:1].isupper() or _is_first_name(w.strip(",.!"), True) for w in words):
        return None
    if not (first[:1].isupper() or _is_first_name(first, True)):
        return None
    return _trimmed(" ".join(words))


def _before_role(text: str) -> Optional[str]:
    """The name before the writer's own word for the person ("peter min bror", "Sam my business partner")."""
    words = text.split()
    for cut in (1, 2):
        if len(words) >= cut + 2 and _bare(words[cut]) in _POSSESSIVE | {"mine"} and _a_person_role(words[cut + 1 :]):
            name = _only_the_name(words[:cut])
            if name:
                return name
    return None


def _after_role(text: str) -> Optional[str]:
    """The name after the writer's own word for the person ("min souschef Kasper", "our hospice
    coordinator, Ruth Adeyemi", "vores nye TR Bente"): a possessive, a role ending in a word for a
    person, then a name and nothing more ("min søn Peter døde" is no name alone; "min chef ikke Karin"
    names no one to print)."""
    words = text.split()
    if len(words) < 3 or _bare(words[0]) not in _POSSESSIVE | {"mine"}:
        return None
    for cut in range(2, min(len(words), 5)):
        if _a_person_role(words[1:cut]):
            name = _only_the_name(words[cut:])
            if name:
                return name
    return None


def _from_note(text: str) -> Optional[str]:
    """The name in a note-style answer ("TR: Bente", "Sofie, she volunteered"), or None when the rest
    names someone else, an alternative or a doubt ("Karin, hun tager det med Peter": as written), or
    the words before it are no name we know ("My business partner, who'll remind me": as written)."""
    about = _ABOUT.match(text)
    if about and _a_name(about.group("name")):
        rest = text[about.end("name") :]
        closed = not rest.lstrip().startswith("(") or rest.rstrip().endswith(")")
        others = _OR.search(rest) or _names_in(rest) or _doubtful(rest) or re.search(r"\b(?:og|and|med|with)\b", rest)
        if closed and not others:
            return _trimmed(about.group("name"))
    role = _ROLE.match(text)
    if role and _a_name(role.group("name")) and _a_role(role.group("role")):
        return _trimmed(role.group("name"))
    around_role = _around_a_role(text)
    if around_role:
        return around_role
    takes = _TAKES.match(text)
    if takes and (_a_name(takes.group("name")) or _names_in(takes.group("name")) == [takes.group("name")]):
        return _trimmed(takes.group("name"))
    labelled = _LABELLED.match(text)
    if labelled and re.fullmatch(r"[^\W\d_]+(?:\s+[^\W\d_]+)?", labelled.group("label").strip()):
        name = _trimmed(labelled.group("name"))
        last = name.split()[-1] if name.split() else ""
        if 0 < len(name.split()) <= 3 and (last[:1].isupper() or _names_in(name)):
            return name  # "TR: Bente", "tovholder: måske Jens"; never "Spørg HR: de ved det"
    return None


# The small words around a name as they are said and often spelled ("de blir nok mej", "vi ha valgt
# lone"): written as the rules below read them. Names themselves are never respelled.
_SPOKEN = [
    (re.compile(p, re.IGNORECASE), written)
    for p, written in (
        (r"\b(?:mej|mæ|meg)\b", "mig"),
        (r"\b(?:jæ|jei)\b", "jeg"),
        (r"(^|\b(?:tror|nok|vel|måske|maaske)\s+)de(?=\s+(?:bliver|blir|bli|er|må|maa|skal|ska)\b)", r"\1det"),
        (r"\bblir\b", "bliver"),
        (r"\bbli\b", "blive"),
        (r"\bska\b", "skal"),
        (r"\bve(?:d)?\s+ik(?:k|ke)?\b", "ved ikke"),
        (r"\b(mig|jeg)\s+sel\b", r"\1 selv"),
        (r"\bvi\s+ha\b", "vi har"),
        (r"\b(skal|må|maa|kan|vil)\s+vær\b", r"\1 være"),
        # a vote reported before the name ("vi stemte 4 mod 2: Karin", "3-1 for Jens", "we voted 5 to 1, Sam")
        (r"^(?:(?:vi|we)\s+(?:stemte|voted)\s+)?\d+\s*(?:mod|to|-)\s*\d+(?:\s+(?:for|til|på|paa))?\s*[:,–-]?\s*", ""),
    )
]


def _as_written(text: str) -> str:
    for pattern, written in _SPOKEN:
        text = pattern.sub(written, text)
    return text


# Whether the writer's word for the person stays with the name: at "Hvem kan støtte dig?" ("min kone,
# Hanne" says who she is to the leader, in the leader's own document), not where a role is asked for
# ("Hvem er tovholder?": "min souschef Kasper" prints Kasper). Set by `person` for the calls beneath it.
_KEEP_ROLE: contextvars.ContextVar[bool] = contextvars.ContextVar("keep_role", default=False)


def person(text: str, keep_role: Optional[bool] = None) -> tuple[str | None, bool]:
    """(what to print, whether it was cleaned or inferred) for an answer that names a person.

    "måske Karin" -> ("Karin", True); "Karin" -> ("Karin", False); "det er vel mig" -> ("mig", True);
    "me i guess, Peter" -> ("Peter", True); "Karin eller Peter", "ved ikke", "nogen" -> (None, True).
    A question tag at the end asks to agree ("Karin, ikke?"): the name, read back; so is the name
    a writer corrects themselves to ("Karin? nej vent, Peter": "Peter"). `keep_role`: see _KEEP_ROLE.
    """
    if keep_role is not None:
        token = _KEEP_ROLE.set(keep_role)
        try:
            return person(text)
        finally:
            _KEEP_ROLE.reset(token)
    corrected = correction(text, _only_a_name)
    if corrected and (_only_a_name(corrected[1]) or _around_a_role(corrected[1])):
        return person(corrected[1])[0], True  # "karin.. nej vent, peter min bror": Peter (or "peter min bror")
    untagged = without_question_tag(text)
    if untagged:
        return _person(untagged)[0], True
    return _person(text)


def _around_a_role(text: str) -> Optional[str]:
    """The name beside the writer's word for the person ("min souschef Kasper", "peter min bror"): the
    name alone, or, where the role is kept, the words as written."""
    name = _after_role(text) or _before_role(text)
    return (_trimmed(text) if _KEEP_ROLE.get() else name) if name else None


def _without_honorific(text: str) -> str:
    """ "Rajesh sir will take it" -> "Rajesh will take it": a title typed in lower case after a name."""
    words = text.split()
    kept = [w for i, w in enumerate(words) if not (i > 0 and w.strip(",.!?") in _HONORIFICS and words[i - 1][:1].isupper())]
    return " ".join(kept)


def _person(text: str) -> tuple[str | None, bool]:
    unhonoured = _without_honorific(text)
    if unhonoured != text.strip():
        return _person(unhonoured)[0], True
    said = _trimmed(text)
    if not said:
        return None, False
    said = _as_written(said)
    if _OPEN.search(said):
        return None, True
    if not _names_in(said) and _a_day(said):
        return None, True  # "naeste tors tror jeg" at "Hvem er tovholder?" is when, not who: asked back
    cleaned, changed = _unhedged(said)
    noted = _from_note(cleaned)
    if noted and noted != cleaned:
        printed, _ = person(noted)
        return printed, True
    if not cleaned or _VAGUE.match(cleaned) or not _LETTER.search(cleaned):
        return None, True  # "1/3" at "Hvem er tovholder?" names no one: asked
    if len(cleaned.split()) <= SHORT and len(_OR.split(cleaned)) > 1:
        return None, True
    if _SELF_DOES.match(cleaned):
        return _myself(cleaned), True
    me = _SELF.match(cleaned)
    if me:
        rest, _ = _unhedged(cleaned[me.end() :])
        if not rest:
            return (_myself(me.group(0)), True) if changed else (cleaned, False)
        # "mig, Karin fra HR" (or "me i guess, Peter"): the writer says who they are.
        said_after = cleaned[me.end() :].lstrip()
        introduces = said_after[:1] in ",:–—-" or rest != _trimmed(said_after)
        if introduces and not _AND.match(rest) and not _LIST.search(rest) and len(rest.split()) <= 4:
            return (None, True) if _doubtful(rest) else (rest, True)
    if len(cleaned.split()) > SENTENCE:
        named = _named_in_sentence(cleaned)
        if named:
            return named
        if _SELF_DOES_FIRST.match(cleaned) and not _names_in(cleaned):
            return _myself(cleaned), True
    if _doubtful(cleaned):
        return None, True  # doubt left inside a longer answer: asked back, never printed with it
    return cleaned, changed


# A name inside a sentence: a known first name, a surname written with a capital after it, and
# where the person is from ("Jens Hansen", "Søren fra lageret", "Sam from finance").
_FROM = {"fra", "from"}
_POSSESSIVE = {"vores", "vor", "min", "mit", "our", "my"}
_JOINS = {"og", "and", "&", "+"}
# Oneself beside the one named, after or before ("Jonas og mig", "jeg selv og Jonas fra HR": a walk printed Jonas)
_OTHER_PERSON = re.compile(
    r"\b(?:og|and)\s+(?:mig|jeg|me|i|os|us)\b|^(?:mig|jeg|me|i|myself)(?:\s+selv)?\s+(?:og|and|&|\+)\s", re.IGNORECASE
)


def _is_first_name(word: str, first: bool) -> bool:
    bare = _bare(word)
    always, capitalised = catalogue.first_names()
    if "-" in bare.strip("-"):  # "Jens-Ole", "Anne-Mette": each part a first name
        return all(_is_first_name(part, first) for part in word.split("-"))
    return bare in always or (not first and word[:1].isupper() and bare in capitalised)


def capitalised(text: str) -> str:
    """A who-answer with the first names in it written with a capital ("min kone, hanne" -> "min kone,
    Hanne"); only names that are never everyday words."""
    words = text.split(" ")
    return " ".join(
        "-".join(p[:1].upper() + p[1:] for p in w.split("-"))
        if w[:1].islower() and _is_first_name(w.strip(",.;:!?"), first=True)
        else w
        for w in words
    )


def is_first_name(word: str) -> bool:
    """A capitalised word that is a first name ("Hanne", "Bo"): drafts keep its capital mid-sentence."""
    return _is_first_name(word, first=False)


def _names_in(text: str) -> List[str]:
    """The people a sentence names by first name, each with what follows the name ("Jens Hansen",
    "Søren fra lageret"); "Karin og Peter tager den" names two."""
    words = text.split()
    found: List[str] = []
    i = 0
    while i < len(words):
        if not _is_first_name(words[i], first=i == 0):
            i += 1
            continue
        end = i + 1
        ended = words[end - 1].endswith((".", ",", "!", "?", ";", ":"))  # "Karin. Farvel": a new sentence
        if end < len(words) and not ended and words[end][:1].isupper() and _bare(words[end]) not in _EDGE_WORDS | _JOINS:
            end += 1  # a surname
        if end + 1 < len(words) and _bare(words[end]) in _FROM and not words[end - 1].endswith(","):
            end += 2  # "fra lageret"
        start = i
        for back in range(max(0, i - 3), i) if _KEEP_ROLE.get() else ():  # the role said before it: "vores værkfører Jens"
            if _bare(words[back]) in _POSSESSIVE and not {_bare(w) for w in words[back + 1 : i]} & (_EDGE_WORDS | _JOINS):
                start = back
                break
        # elsewhere the role before the name is not printed ("vores værkfører Jens" is Jens), as after it ("Tom, our ops manager")
        name = _trimmed(" ".join(words[start:end]))
        if name and name not in found:
            found.append(name)
        i = end
    return found


def _named_in_sentence(cleaned: str) -> Optional[Tuple[Optional[str], bool]]:
    """Who a sentence names when it says more than the name ("Karin, fordi hun kender alle"):
    the one person found, read back; asked back when doubt stays; None when it names no one or more."""
    found = _names_in(cleaned)
    if len(found) != 1 or _OTHER_PERSON.search(cleaned) or _a_role_joined(cleaned):
        return None
    if _ruled_out(cleaned, found[0]):
        return None, True  # "min chef ikke Karin": not Karin, so asked back
    return (None, True) if _doubtful(cleaned) else (found[0], True)


def _a_role_joined(said: str) -> bool:
    """Whether a second person is named by a role before or after "og"/"and" ("min mand Henrik og
    næstformanden", "min kone og Mette": user walks' supports printed only one of the two)."""
    words = said.split()
    for i, word in enumerate(words):
        if _bare(word) in _JOINS:
            after = [w for w in words[i + 1 :] if _bare(w) not in _POSSESSIVE | {"the", "en", "a"}]
            before = [w for w in words[:i] if _bare(w) not in _POSSESSIVE | {"the", "en", "a"}]
            if any(_a_person_role(after[:cut]) for cut in (1, 2, 3)) or any(
                _a_person_role(before[-cut:]) for cut in (1, 2, 3) if len(before) >= cut
            ):
                return True
    return False


def _ruled_out(said: str, name: str) -> bool:
    """Whether the words rule the person out ("min chef ikke Karin", "not Karin"): never offered as a button."""
    words = [_bare(w) for w in said.split()]
    first = _bare(name.split()[0])
    return first in words and words.index(first) > 0 and words[words.index(first) - 1] in _NOT_THIS_ONE


def _a_day(text: str) -> bool:
    from actions import dates

    return dates.parse(text) is not None


def is_oneself(name: str) -> bool:
    """Whether what would be printed is the writer ("mig", "mig selv", "me", "myself")."""
    said = name.strip()
    me = _SELF.match(said)
    return me is not None and me.end() == len(said)


def _myself(word: str) -> str:
    first = word.split()[0].lower()
    return "me" if first in _ENGLISH_SELF else "mig"


def candidates(text: str) -> List[str]:
    """The people an unclear answer names, to offer as buttons ("måske Karin eller Peter" -> Karin, Peter);
    a name corrected away is not offered ("Karin, nej vent, Peter eller Ali" -> Peter, Ali)."""
    corrected = correction(text, _only_a_name)
    if corrected:
        text = corrected[1]
    cleaned = _without_doubt(text)
    found: List[str] = []
    for part in _OR.split(cleaned):
        name, _ = person(part)
        if name and len(name.split()) <= 4 and name not in found and not _ruled_out(part, name):
            found.append(name)
    # a sentence with doubt in it ("jeg tænker det bliver nok Karin, hun har styr på det"): its names
    found += [name for name in _names_in(cleaned) if not _ruled_out(cleaned, name)]
    # each once, as a button reads it: "mette? eller mig" offered »mette« and »mette?« to a user walk
    offered: List[str] = []
    for name in (_trimmed(n.rstrip("?")) for n in found):
        if name and name.lower() not in {o.lower() for o in offered}:
            offered.append(name)
    return offered[:4]


def only_names(text: str) -> bool:
    """Whether a who-answer is two or more people to choose between and nothing else ("poul eller mig?",
    "måske Karin eller Peter"): each part of it alone a name or oneself."""
    parts = [p for p in _OR.split(_without_doubt(without_question_tag(text) or text)) if p.strip()]
    return len(parts) >= 2 and all(_only_a_name(p) or only_oneself(p.strip(" ?!.")) for p in parts)


def _without_doubt(text: str) -> str:
    """The words of a who-answer less the doubt that leaves it open and the hedges around them, to split
    at "eller"/"or"."""
    cleaned, _ = _unhedged(_OPEN.sub(" ", _trimmed(text)))
    return cleaned


def without_hedges(text: str) -> Optional[str]:
    """The words as written, less the hedges around them: what "keep my words" keeps."""
    cleaned, _ = _unhedged(text)
    return cleaned or None


# -- the name of a workplace --------------------------------------------------------------------------
# Said with words around it that are no part of its name ("det er vel jensens tømrer aps, hele butikken",
# "hansen & sons plumbing, the whole company i guess"): a user walk printed them on every card's heading.
_CALLED = re.compile(
    r"^(?:det er|det hedder|vi hedder|den hedder|firmaet hedder|butikken hedder|it's|it is|it's called|"
    r"it is called|we're called|we are called|the company is called)(?:\s+(?:bare|just|vel|nok|jo|simply))*\s+",
    re.IGNORECASE,
)
_ALL_OF_IT = re.compile(
    r"\s*[,–—(-]\s*(?:(?:det er |it's |that's )?(?:hele|the whole|all the|all of the|alle)\s+"
    r"(?:butikken|firmaet|virksomheden|huset|organisationen|biksen|molevitten|company|firm|business|shop|"
    r"organisation|organization|place|lot|thing|sammen)|det hele|all of it|everyone|alle sammen|everybody)"
    r"(?:\s+(?:" + _HEDGE + r"))?\s*\)?[.!]*$",
    re.IGNORECASE,
)


def workplace(text: str) -> Tuple[str, bool]:
    """(the name to print, whether words around it went) for an answer that names a workplace."""
    said = _trimmed(text)
    while True:
        shorter = _trimmed(_ALL_OF_IT.sub("", _TAIL.sub("", _LEAD.sub("", said, count=1), count=1)))
        shorter = _trimmed(_CALLED.sub("", shorter, count=1)) or shorter
        if shorter == said or not shorter:
            break
        said = shorter
    return said, said != _trimmed(text)
