"""NLU guard: what a typed message is: an answer, a request, or a leader not OK.

The pipeline's intent classifier: decides from the words alone, with four small
classifiers of its own (rasa_components/text_models.py) and distress patterns:
- acute distress (rasa_components/distress.py patterns, or the "care" model
  sure of it) always becomes `distress`: care comes before the questionnaire;
- a request (help, skip, back, ...) is acted on when it is a trained command
  phrase or the "request" model is sure; when it is only likely, the message
  stays an `answer` with the signal `clarify:<request>`, and the form asks the
  leader which they meant, keeping the words;
- strain about oneself stays the answer, with the signal `strain`, so the form
  keeps it and checks in with the leader before the next question.
Its findings travel in the parse data as `understanding`: the signal, and the
likeliest themes with their probabilities (the "theme" model), which the
actions read at a theme question. What the open question makes of a message
(a typed "nej tak" at a yes/no question is the answer "no") is decided by the
actions (actions/reading.py).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from catalogue.intents import (
    ACUTE_CONCEPTS,
    CLARIFY_PREFIX,
    CLAUSE_ACUTE_ASK,
    CLAUSE_FROM_WORDS,
    CLAUSE_MIN_WORDS,
    CLAUSE_REQUEST_SURE,
    DISTRESS_ASK,
    DISTRESS_ASK_PAIRED,
    DISTRESS_MIN_CONFIDENCE,
    DISTRESS_WITH_CONCEPT,
    LAST_CLAUSE_KIND_SURE,
    LAST_CLAUSE_REQUEST_SURE,
    REQUEST_KIND_SURE,
    REQUEST_LONG_WORDS,
    REQUEST_SECOND,
    REQUEST_SURE,
    REQUEST_UNSURE,
    STRAIN,
    STRAIN_MIN_CONFIDENCE,
    THEME_PREFIX,
    TYPED_REQUESTS,
    UNDERSTANDING,
)
from rasa_components import distress
from rasa_components.augment import augmented
from rasa_components.text_models import Features, TextModel
from rasa_components.typing import CONCEPT_MARK, concepts, fold, only_oneself, without_question_tag

ANSWER = "answer"
DISTRESS = "distress"
MODELS_FILE = "guard.joblib"
THEMES_KEPT = 3
ACUTE_CONCEPT_WORDS = {CONCEPT_MARK + c for c in ACUTE_CONCEPTS}
# Where a dictated or hurried message turns to its next thought.
CLAUSE_BREAKS = re.compile(r"[.!?;:,]+\s*|\s+(?:men|så|fordi|altså|og så|but|so|because|cause|and then|anyway)\s+", re.IGNORECASE)
# Where a first sentence ends: after a word's last letter ("den 2. februar" goes on), before the next.
LEAD_ENDS = re.compile(r"(?<=[^\W\d_][.!?])\s+|\s*\n+\s*")
# "pauser og sparring", "more say, and someone to talk to": two themes in one message.
THEME_JOINS = re.compile(r"\s+(?:og|and|samt|plus)\s+|\s*[,;&+]\s*", re.IGNORECASE)


def normalise(text: str) -> str:
    return fold(text)


def read(text: str, models: Mapping[str, Any], phrases: Mapping[str, str] = {}) -> Tuple[str, Dict[str, Any]]:
    """(intent, understanding) for a typed message (pure, for tests and make eval)."""
    featured = "features" in models
    untagged = without_question_tag(text) or text  # ", ikke?" is no third part of "pauser, sparring, ikke?"
    halves = [part.strip() for part in THEME_JOINS.split(untagged) if part.strip()] if featured else []
    halves = halves if len(halves) == 2 else []
    # A long, dictated message says several things: each clause is read on its own too, so one
    # clause that says it (acute distress, a request) is not lost among the others' words.
    clauses = _clauses(untagged) if featured else []
    lead = _lead_sentence(untagged) if featured else None
    # One call for the message, its halves, its clauses and its lead: the vectorisers' cost is per call.
    # Without that step (older models) the classifiers read the text itself.
    rows = models["features"]([text, *halves, *clauses, *([lead] if lead else [])]) if featured else [text]
    x = rows[0]
    clause_x = rows[1 + len(halves) : 1 + len(halves) + len(clauses)] if clauses else None
    themes = sorted(models["theme"].probabilities(x).items(), key=lambda kv: -kv[1])[:THEMES_KEPT]
    found: Dict[str, Any] = {"signal": None, "themes": [[key, round(p, 4)] for key, p in themes]}
    if halves:
        # Each half's likeliest theme, so the actions can take two themes named at once.
        found["parts"] = []
        for i, part in enumerate(halves, start=1):
            p = models["theme"].probabilities(rows[i])
            key = max(p, key=p.get)
            found["parts"].append([part, key, round(p[key], 4)])
    # "mig selv", "det bliver mig selv": nothing in it for the care model to read (lexicon/oneself.yml)
    care = {} if only_oneself(text) else models["care"].probabilities(x)
    clause_care = models["care"].rows(clause_x) if clauses else []
    tier = distress.tier(text)
    # The word suicide told of someone else, the writer saying nothing of themselves: the net
    # knows more than the care model, which learnt the word as acute whoever it is about.
    told = tier == distress.TOLD
    # A crisis told as past and over ("for tre år siden ... det er overstået, i dag ..."): the care model's
    # reading alone is asked about gently, never assumed; strain then is not checked in about. Read only
    # where something was found (it costs about 80 µs a message), and at most once.
    by_model = not told and (_acute(text, care) or any(_acute(c, p, alone=True) for c, p in zip(clauses, clause_care)))
    if tier == distress.ACUTE or by_model and not distress.told_as_over(text):
        # Who found it: the actions weigh the care model's reading alone against what the question
        # asked for (a name at "Hvem er tovholder?": "niels sagde han ville, så niels").
        return DISTRESS, {**found, "acute_by": "net" if tier == distress.ACUTE else "model"}
    # A trained command phrase word for word ("jeg er her igen") is its request: only distress the
    # net finds comes before it, never a half-sure reading of the care model.
    phrase = phrases.get(normalise(text))
    if phrase and tier != distress.STRAIN:
        return phrase, found
    acute, strain = care.get(distress.ACUTE, 0.0), care.get(distress.STRAIN, 0.0)
    if told or by_model or acute >= DISTRESS_ASK or min(acute, strain) >= DISTRESS_ASK_PAIRED:
        # Half sure it is acute (or a little sure of both acute and strain): asked gently ("Har du det
        # svært lige nu?"), the words kept meanwhile. Said by the net (the word suicide told of someone
        # else), the actions never take it for an answer.
        return ANSWER, {**found, "signal": CLARIFY_PREFIX + DISTRESS, **({"acute_by": "net"} if told else {})}
    # Strain is read from the whole message only: "a er ik [så stærk i engelsk]" cut short is not strain.
    if (tier == distress.STRAIN or strain >= STRAIN_MIN_CONFIDENCE) and not distress.told_as_over(text):
        return ANSWER, {**found, "signal": STRAIN}
    if any(p.get(distress.ACUTE, 0.0) >= CLAUSE_ACUTE_ASK for p in clause_care):
        return ANSWER, {**found, "signal": CLARIFY_PREFIX + DISTRESS}
    likely = models["request"].probabilities(x).get("request", 0.0)
    kinds = models["kind"].probabilities(x)
    kind = max(kinds, key=kinds.get)
    sure = REQUEST_SURE if len(text.split()) <= REQUEST_LONG_WORDS else (1 + REQUEST_SURE) / 2
    if REQUEST_UNSURE <= likely < sure and _only_a_tag_asks(text, models):
        likely = 0.0  # "at alle ved, hvem der har ansvaret, ikke?": the tag asks to agree; its parts are read below
    if likely >= sure and kinds[kind] >= REQUEST_KIND_SURE:
        return kind, found
    parts_x = clause_x if clauses else rows[1 : 1 + len(halves)] if halves else None
    read_parts = (
        list(zip((r.get("request", 0.0) for r in models["request"].rows(parts_x)), models["kind"].rows(parts_x)))
        if parts_x is not None
        else []
    )
    last = _last_clause_request(untagged, clauses, read_parts)
    if last:
        return last, found
    if lead:  # "Pause. Jeg skal have kaffe, før jeg smadrer noget": the request first, then why
        lead_x = rows[-1]
        led = _plain_request(models["request"].probabilities(lead_x).get("request", 0.0), models["kind"].probabilities(lead_x))
        if led:
            return led, found
    if likely >= REQUEST_UNSURE:
        ranked = sorted((k for k in kinds if k != kind), key=kinds.get, reverse=True)
        also = {"also": ranked[0]} if ranked and kinds[ranked[0]] >= REQUEST_SECOND else {}
        return ANSWER, {**found, "signal": CLARIFY_PREFIX + kind, **also}
    # A request elsewhere inside a longer answer, or in one half of a short one ("vent lige 2 min, kunden
    # ringer"), is asked about, never acted on from a part alone.
    for likely, kinds in read_parts:
        kind = max(kinds, key=kinds.get)
        if likely >= CLAUSE_REQUEST_SURE and kinds[kind] >= REQUEST_KIND_SURE:
            return ANSWER, {**found, "signal": CLARIFY_PREFIX + kind}
    return ANSWER, found  # an answer; at a theme question the actions read `themes`


def _last_clause_request(text: str, clauses: List[str], read: List[Tuple[float, Dict[str, float]]]) -> Optional[str]:
    """The request a long message ends in, when its last clause plainly is one ("… Har du et eksempel?")."""
    if not clauses or not text.rstrip(" .!?\n").endswith(clauses[-1].rstrip(" .!?")):
        return None  # the message ends in a clause too short to read alone ("… vi kan fortsætte. Tak")
    return _plain_request(*read[-1])


def _plain_request(likely: float, kinds: Mapping[str, float]) -> Optional[str]:
    """The request a part of a message plainly is, read alone (the bars of a story's last clause)."""
    kind = max(kinds, key=lambda k: kinds[k])
    return kind if likely >= LAST_CLAUSE_REQUEST_SURE and kinds[kind] >= LAST_CLAUSE_KIND_SURE else None


def _lead_sentence(text: str) -> Optional[str]:
    """A message's first sentence, when it is said and done before another follows ("Ingen anelse. Jeg er
    ny her."); not one that asks: "Hvad der fungerer? Klare roller." repeats the question, then answers it."""
    first, *rest = LEAD_ENDS.split(text.strip(), maxsplit=1)
    return first if rest and rest[0].strip() and not first.rstrip().endswith("?") else None


# Below this, the words before a question tag are plainly no request (a user walk's answers read 0.00-0.02;
# "vi ses i morgen" without its "ikke?" is still half a pause, and asked about).
TAGGED_REST_NO_REQUEST = 0.2


def _only_a_tag_asks(text: str, models: Mapping[str, Any]) -> bool:
    """Whether the request model read a request only in a question tag at the end ("…, ikke?", "…, isn't
    that enough?", lexicon/question_tags.yml): the words before it, two or more, plainly ask for nothing."""
    rest = without_question_tag(text)
    if not rest or len(rest.split()) < 2:
        return False
    return models["request"].probabilities(models["features"]([rest])[0]).get("request", 0.0) < TAGGED_REST_NO_REQUEST


def _acute(text: str, care: Mapping[str, float], alone: bool = False) -> bool:
    """Whether the care model's reading of a text (or of one clause of it, `alone`) is acute distress:
    sure of it, or fairly sure and the text names a kind of thing acute distress is about (in a word
    that means nothing else at work: "gift" and "hit the deadline" do not count).
    A clause out of its message is read only the second way: it takes both signals."""
    p = care.get(distress.ACUTE, 0.0)
    if p >= DISTRESS_MIN_CONFIDENCE and not alone:
        return True
    bar = DISTRESS_MIN_CONFIDENCE if alone else DISTRESS_WITH_CONCEPT
    return p >= bar and names_acute_concept(text)


def names_acute_concept(text: str) -> bool:
    """Whether a message names a kind of thing acute distress is about, in a word that means nothing
    else at work ("gift" and "hit the deadline" do not count)."""
    return bool(ACUTE_CONCEPT_WORDS & set(concepts(fold(text), everyday=False).split()))


def _clauses(text: str) -> List[str]:
    """The clauses of a long message (none for a short one: it is read whole)."""
    if len(text.split()) <= CLAUSE_FROM_WORDS:
        return []
    return [c.strip() for c in CLAUSE_BREAKS.split(text) if c and len(c.split()) >= CLAUSE_MIN_WORDS]


def train_models(examples: Sequence[Tuple[str, str]]) -> Dict[str, Any]:
    """The guard's classifiers, each trained on the examples that bear on its question."""

    def care_label(intent: str) -> str:
        return distress.ACUTE if intent == DISTRESS else distress.STRAIN if intent == STRAIN else "none"

    examples = augmented(examples)  # with copies as people type them in a hurry
    features = Features().fit([t for t, _ in examples])

    def fit(pairs: Sequence[Tuple[str, str]]) -> TextModel:
        return TextModel().fit(features([t for t, _ in pairs]), [label for _, label in pairs])

    return {
        "features": features,
        "request": fit([(t, "request" if i in TYPED_REQUESTS else "other") for t, i in examples]),
        "kind": fit([(t, i) for t, i in examples if i in TYPED_REQUESTS]),
        "theme": fit([(t, i[len(THEME_PREFIX) :]) for t, i in examples if i.startswith(THEME_PREFIX)]),
        "care": fit([(t, care_label(i)) for t, i in examples]),
    }


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class ControlGuard(GraphComponent):
    def __init__(
        self,
        model_storage: ModelStorage,
        resource: Resource,
        models: Optional[Dict[str, Any]] = None,
        phrases: Optional[Dict[str, str]] = None,
    ):
        self._storage = model_storage
        self._resource = resource
        self.models = models or {}
        self.phrases = phrases or {}

    @classmethod
    def create(
        cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> ControlGuard:
        return cls(model_storage, resource)

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """Rasa reuses a trained component while its config and data stay the same: the guard's
        code and lexicons are inputs of its models too, so a change to them trains it again."""
        here = Path(__file__).parent
        digest = hashlib.sha256()
        for path in sorted([*here.glob("*.py"), *here.glob("lexicon/*.yml"), here.parent / "catalogue" / "intents.py"]):
            digest.update(path.name.encode() + path.read_bytes())
        return digest.hexdigest()

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> ControlGuard:
        with model_storage.read_from(resource) as directory:
            saved = joblib.load(directory / MODELS_FILE)
        return cls(model_storage, resource, saved["models"], saved["phrases"])

    def train(self, training_data: TrainingData) -> Resource:
        """Trains the guard's classifiers and remembers the command phrases, word for word."""
        examples = [(m.get("text"), m.get("intent")) for m in training_data.intent_examples if m.get("text") and m.get("intent")]
        self.models = train_models(examples)
        self.phrases = {normalise(t): i for t, i in examples if i in TYPED_REQUESTS}
        with self._storage.write_to(self._resource) as directory:
            joblib.dump({"models": self.models, "phrases": self.phrases}, directory / MODELS_FILE)
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get("text") or ""
            if text.startswith("/") or not self.models:
                continue  # buttons name their intent themselves
            intent, found = read(text, self.models, self.phrases)
            message.set("intent", {"name": intent, "confidence": 1.0}, add_to_output=True)
            message.set("intent_ranking", [{"name": intent, "confidence": 1.0}], add_to_output=True)
            message.set(UNDERSTANDING, found, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
