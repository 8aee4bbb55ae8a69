"""NLU guard: a real answer is never mistaken for a command.

Runs after the intent classifier. A typed message is taken as a control
request (help, skip, back, ...) only when it is short and the classifier is
confident; otherwise it becomes `answer`, so the form keeps it as the answer.
Distress goes the other way: a phrase from the catalogue's list always counts,
whatever its length, because care comes before the questionnaire.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message

from actions import catalogue
from actions.intents import CONTROL, TYPED_CONTROL_MAX_WORDS, TYPED_CONTROL_MIN_CONFIDENCE

ANSWER = "answer"
DISTRESS = "distress"


def guarded_intent(text: str, name: str, confidence: float) -> str:
    """The intent to act on for a typed message (pure, for tests)."""
    lowered = text.lower()
    if any(phrase in lowered for phrase in catalogue.common()["distress_phrases"]):
        return DISTRESS
    if name == DISTRESS:
        return name if confidence >= TYPED_CONTROL_MIN_CONFIDENCE else ANSWER
    if name in CONTROL:
        short = len(text.split()) <= TYPED_CONTROL_MAX_WORDS
        return name if short and confidence >= TYPED_CONTROL_MIN_CONFIDENCE else ANSWER
    return name


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ControlGuard(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "ControlGuard":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get("intent") or {}
            text = message.get("text") or ""
            name = intent.get("name")
            if not name or text.startswith("/"):
                continue
            chosen = guarded_intent(text, name, intent.get("confidence", 0.0))
            if chosen != name:
                message.set("intent", {"name": chosen, "confidence": 1.0}, add_to_output=True)
        return messages

    def process_training_data(self, training_data):  # nothing to learn
        return training_data
