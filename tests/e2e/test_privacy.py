"""What a leader writes never reaches a log file."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e
MARKER = "Blåbærgrød-7f3a"


def test_answers_never_appear_in_any_log(api, stack):
    cid = api.start("leader", "da")["id"]
    api.say(cid, f"ja {MARKER}")  # unclear yes/no: asked again, kept as a note
    api.tap(cid, '/choose{"value": "yes"}')
    api.say(cid, f"{MARKER} jeg får aldrig en pause")
    api.say(cid, f"{MARKER} kan ikke mere")  # distress
    api.call("POST", f"/api/v1/conversations/{cid}/messages", {"text": MARKER * 300})  # too long
    api.call("POST", f"/api/v1/conversations/{cid}/messages", raw=f'{{"text": "{MARKER}'.encode())  # broken JSON
    logs = list((stack.settings.var_dir / "log").glob("*.log"))
    assert {p.name for p in logs} >= {"rasa0.log", "actions0.log", "gateway.log"}
    for path in logs:
        content = path.read_text(encoding="utf-8", errors="replace")
        assert MARKER not in content, path.name
        assert cid not in content, f"conversation id in {path.name}"
    gateway = (stack.settings.var_dir / "log" / "gateway.log").read_text(encoding="utf-8")
    assert "POST /api/v1/conversations/{id}/messages 200" in gateway  # requests are logged, redacted
