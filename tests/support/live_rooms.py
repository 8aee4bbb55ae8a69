"""Watching a room's live results as the presenter's screen does."""

from __future__ import annotations

import json
import threading
import urllib.request
from typing import Any, Dict, Optional


def chart(view, key):
    return next(c for c in view["charts"] if c["key"] == key)


class EventReader(threading.Thread):
    """Reads a room's server-sent events as a presenter's browser would, reconnecting when cut off."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.connections, self.stopped = url, 0, False
        self.latest: Optional[Dict[str, Any]] = None  # the last view the room sent

    def run(self):
        while not self.stopped:
            try:
                with urllib.request.urlopen(self.url, timeout=30) as stream:
                    self.connections += 1
                    for line in stream:
                        if line.startswith(b"data: "):
                            self.latest = json.loads(line[6:])
            except OSError:
                pass
            threading.Event().wait(0.5)


def wait_for(condition, seconds: float = 10):
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("not within the time allowed")
