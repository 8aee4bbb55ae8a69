"""`rasa run` with the API token from the environment, so it never shows in `ps`.

The launcher starts `python -m rasa_components.serve <rasa run arguments>` with
TRIVSEL_RASA_TOKEN set; the token is read, removed from the environment, and handed
to Rasa's own command line parser inside the process (/proc/<pid>/cmdline keeps the
arguments the process was started with, which hold no token).
"""
from __future__ import annotations

import os
import sys


def main() -> None:
    token = os.environ.pop("TRIVSEL_RASA_TOKEN", "")
    sys.argv = ["rasa", "run", *sys.argv[1:], *([f"--auth-token={token}"] if token else [])]
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
