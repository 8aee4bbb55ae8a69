"""Whether a service started from an image answers yet (tests/images and tests/deploy)."""

from __future__ import annotations

import http.client
import json
import urllib.request


def answers(url: str, needs: str = "") -> bool:
    """200 from `url`, and where `needs` names a field of its JSON, that field is true."""
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status == 200 and (not needs or bool(json.load(response).get(needs)))
    except (OSError, ValueError, http.client.HTTPException):
        return False
