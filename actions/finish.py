"""action_finish: the agreement is made and offered as a document."""
from __future__ import annotations

from typing import List

from rasa_sdk import Action
from rasa_sdk.events import EventType, SlotSet

from actions import agreement
from actions.conversation import Conversation, payload, status


class ActionFinish(Action):
    def name(self) -> str:
        return "action_finish"

    async def run(self, dispatcher, tracker, domain) -> List[EventType]:
        conv = Conversation(tracker)
        document = agreement.build(conv)
        dispatcher.utter_message(
            text=conv.message("finished"),
            buttons=[
                {"title": conv.button("change"), "payload": payload("change")},
                {"title": conv.button("restart"), "payload": payload("start_over")},
            ],
            json_message={
                **status(conv, completed=True),
                "document": {"kind": document["kind"], "title": document["title"]},
            },
        )
        return [SlotSet("agreement", document)]
