"""Runs the gateway alone (Rasa and the action server started elsewhere).

For scale-out and tests: `python -m bot.gateway`, configured by TRIVSEL_* variables.
"""

import logging

from bot.app import run
from bot.settings import Settings, SettingsError

if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        raise SystemExit(str(error)) from None
    run(settings)
