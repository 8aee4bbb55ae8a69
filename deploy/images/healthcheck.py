"""The images' HEALTHCHECK: asks the process this container runs whether it is ready.

Which process it is, the container's first process says (/proc/1/cmdline): the gateway's
/readyz (Rasa, model and action server answer), Rasa's /status with a loaded model, or the
action server's /health. Exits 0 when ready, 1 when not. Standard library only.
"""

import http.client
import json
import os
import sys
import urllib.request
from urllib.parse import quote


def target() -> tuple:
    with open("/proc/1/cmdline", "rb") as f:
        args = f.read().decode(errors="replace").split("\0")
    if "actions" in args:
        return f"http://127.0.0.1:{os.environ.get('TRIVSEL_ACTION_PORT') or 5055}/health", None
    if "rasa_components.cli" in args or "rasa" in args:
        token = quote(os.environ.get("TRIVSEL_RASA_TOKEN", ""))
        return f"http://127.0.0.1:{os.environ.get('TRIVSEL_RASA_PORT') or 5005}/status?token={token}", "model_file"
    return f"http://127.0.0.1:{os.environ.get('TRIVSEL_PORT') or 8080}/readyz", None


def main() -> int:
    url, needs = target()
    try:
        with urllib.request.urlopen(url, timeout=4) as response:
            return 0 if response.status == 200 and (needs is None or json.load(response).get(needs)) else 1
    except (OSError, ValueError, http.client.HTTPException):
        return 1


if __name__ == "__main__":
    sys.exit(main())
