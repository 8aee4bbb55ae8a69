"""The engine image's entrypoint: `python -m rasa_components.start rasa|actions` starts Rasa or the
action server in its container, from the TRIVSEL_* variables StartSettings reads and checks
(rasa_components/settings.py); a bad value stops the start with one message naming each problem.
Engine env only (its pydantic); rasa_components/serve.py builds the commands for both environments.
"""

from __future__ import annotations

import os
import sys

from rasa_components import serve, settings


def main() -> None:
    which = sys.argv[1] if len(sys.argv) > 1 else ""
    if which not in ("rasa", "actions"):
        sys.exit(f"start rasa or actions, not {which!r}")
    try:
        args, extra = serve.command_from_settings(which, settings.load_start())
    except settings.SettingsError as error:
        sys.exit(str(error))
    os.chdir(serve.ROOT)
    os.execve(args[0], args, {**os.environ, **extra})


if __name__ == "__main__":
    main()
