"""Checks a saved document uploaded to start a follow-up. Its content is never trusted:
it must match the schema exactly, and is shown and rendered escaped like typed text."""

from __future__ import annotations

from typing import Any, Dict, Optional

from bot.conversations import tools
from bot.web.errors import ApiError
from renderer.render import SCHEMA, InvalidAgreement, validate

FOLLOWUP_TOOL = "followup"


def checked(upload: Any, tool: Optional[str]) -> Dict[str, Any]:
    if not isinstance(upload, dict) or upload.get("schema") != SCHEMA["properties"]["schema"]["const"]:
        raise ApiError(
            422,
            "not_our_file",
            "That file is not one this guide saved. Upload the .json file you saved from a finished conversation.",
        )
    if upload.get("version") != SCHEMA["properties"]["version"]["const"]:
        raise ApiError(422, "unknown_version", "That file comes from a version of the guide we cannot read.")
    try:
        validate(upload)
    except InvalidAgreement:
        raise ApiError(422, "damaged_file", "That file is damaged or has been changed, so we cannot use it.") from None
    if upload["tool"] not in tools.followable():
        raise ApiError(
            422, "nothing_to_follow_up", "There is nothing to follow up on in that document. Start the tool again instead."
        )
    if upload["kind"] not in tools.followable_kinds(upload["tool"]):
        raise ApiError(
            422,
            "not_for_follow_up",
            "There is nothing to follow up on in that file. Upload the follow-up file you saved with your agreement or plan.",
        )
    if tool is not None and tool != upload["tool"]:
        raise ApiError(422, "other_tool", "That file belongs to another tool.")
    return upload
