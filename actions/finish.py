"""action_finish: the final documents are made and offered."""

from __future__ import annotations

from typing import List

from rasa_sdk import Action
from rasa_sdk.events import EventType, SlotSet

from actions import documents, share
from actions.conversation import Conversation, payload, status


class ActionFinish(Action):
    def name(self) -> str:
        return "action_finish"

    async def run(self, dispatcher, tracker, domain) -> List[EventType]:
        conv = Conversation(tracker)
        made = documents.build_all(conv)
        everything = {**(tracker.get_slot("documents") or {}), **made}
        for document in made.values():
            if document.get("ladder"):
                dispatcher.utter_message(text=document["ladder"]["result"])
                if share.in_room(tracker.slots):
                    dispatcher.utter_message(json_message=share.payload("level", document["ladder"]["current"]))
        buttons = [
            {"title": conv.button("change"), "payload": payload("change")},
            {"title": conv.button("restart"), "payload": payload("start_over")},
        ]
        for tool_id in conv.tool.spec.get("leads_to", []):
            title = conv.text(conv.tool.spec.get("next_button")) or conv.button("next_tool")
            buttons.insert(0, {"title": title, "payload": payload("open_tool", tool=tool_id)})
        # A warm-up's end in a facilitator's room sends the participant to the screen; alone, it does not.
        spec = conv.tool.spec
        ending = (spec.get("finished_in_room") if share.in_room(tracker.slots) else None) or spec.get("finished")
        dispatcher.utter_message(
            text=conv.text(ending) or conv.message("finished"),
            buttons=buttons,
            json_message={**status(conv, completed=True), **documents.offer(conv, made)},
        )
        return [SlotSet("documents", everything), SlotSet("finished", True)]
