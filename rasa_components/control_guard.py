"""NLU guard: a real answer is never mistaken for a command.

Runs after the intent classifier. A typed message is taken as a control
request (help, skip, back, ...) only when it is one of the command phrases the
model was trained on, or a very short message the classifier is sure about;
otherwise it becomes `answer`, so the form keeps it as the answer. Distress
goes the other way: a phrase from the catalogue's list always counts, whatever
its length, because care comes before the questionnaire.
"""
from __future__ import annotations

import json
import re
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions import catalogue
from rasa_components import log_privacy, speedups
from actions.intents import (
    CONTROL, DISTRESS_MIN_CONFIDENCE, TYPED_CONTROL_MAX_WORDS, TYPED_CONTROL_MIN_CONFIDENCE,
)

log_privacy.install()  # loaded with the model, before the first message: no leader's words in Rasa's logs
speedups.install()

ANSWER = "answer"
DISTRESS = "distress"
PHRASES_FILE = "command_phrases.json"


def normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def guarded_intent(text: str, name: str, confidence: float, phrases: Iterable[str] = ()) -> str:
    """The intent to act on for a typed message (pure, for tests)."""
    lowered = text.lower()
    if any(phrase in lowered for phrase in catalogue.common()["distress_phrases"]):
        return DISTRESS
    if name == DISTRESS:
        return name if normalise(text) in phrases or confidence >= DISTRESS_MIN_CONFIDENCE else ANSWER
    if name in CONTROL:
        if normalise(text) in phrases:
            return name
        short = len(text.split()) <= TYPED_CONTROL_MAX_WORDS
        return name if short and confidence >= TYPED_CONTROL_MIN_CONFIDENCE else ANSWER
    return name


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class ControlGuard(GraphComponent):
    def __init__(self, model_storage: ModelStorage, resource: Resource, phrases: Optional[FrozenSet[str]] = None):
        self._storage = model_storage
        self._resource = resource
        self.phrases = phrases or frozenset()

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "ControlGuard":
        return cls(model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "ControlGuard":
        try:
            with model_storage.read_from(resource) as directory:
                phrases = json.loads((directory / PHRASES_FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            phrases = []
        return cls(model_storage, resource, frozenset(phrases))

    def train(self, training_data: TrainingData) -> Resource:
        """Remembers the command phrases of the training data, word for word."""
        phrases = sorted({
            normalise(m.get("text")) for m in training_data.intent_examples
            if m.get("intent") in CONTROL and m.get("text")
        })
        with self._storage.write_to(self._resource) as directory:
            (directory / PHRASES_FILE).write_text(json.dumps(phrases, ensure_ascii=False), encoding="utf-8")
        self.phrases = frozenset(phrases)
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get("intent") or {}
            text = message.get("text") or ""
            name = intent.get("name")
            if not name or text.startswith("/"):
                continue
            chosen = guarded_intent(text, name, intent.get("confidence", 0.0), self.phrases)
            if chosen != name:
                message.set("intent", {"name": chosen, "confidence": 1.0}, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
