"""Rasa's command line with our changes to Rasa installed first: `python -m rasa_components.cli run|test ...`.

The one entry point for them (rasa_components.patches): log privacy, whole turns, then the speed-ups;
before `run`, the fences (rasa_components/fence.py): another Rasa release or a model whose domain
would break conversations in progress (rasa_components/domain_fence.py) ends the start with one
plain message on stderr and exit status 3, not a traceback; so does a bad TRIVSEL_* value
(rasa_components/settings.py), checked first.
The launcher starts `run` through here with TRIVSEL_RASA_TOKEN set; the token is read,
removed from the environment, and handed to Rasa's own parser inside the process
(/proc/<pid>/cmdline keeps the arguments the process was started with, which hold no token).
`make test` runs the dialogue stories through here, once with TRIVSEL_SPEEDUPS=off.
"""

from __future__ import annotations

import os
import sys

# The exit status of a refused start: the launcher and a container's supervisor see it is no crash.
REFUSED = 3


def main() -> None:
    from rasa_components import domain_fence, fence, patches, settings

    command = sys.argv[1:] or ["run"]
    token = os.environ.pop("TRIVSEL_RASA_TOKEN", "")
    if command[0] == "run" and token:
        command.append(f"--auth-token={token}")
    try:
        settings.load()  # a bad TRIVSEL_* value stops the start here, not at the first conversation
        patches.install()
        if command[0] == "run":
            domain_fence.at_start(command)
    except (fence.Refusal, settings.SettingsError) as refusal:
        print(f"The engine refuses to start. {refusal}", file=sys.stderr, flush=True)
        sys.exit(REFUSED)
    sys.argv = ["rasa", *command]
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
