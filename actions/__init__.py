"""Custom actions for the Rasa action server (engine env, Python 3.11 or 3.10)."""

import catalogue
from rasa_components import log_privacy, settings

try:  # a bad TRIVSEL_* value stops the action server at start, not at the first conversation
    settings.load()
except settings.SettingsError as error:
    raise SystemExit(f"The action server refuses to start. {error}") from None
log_privacy.install()  # before any action runs: no leader's words in the action server's logs
catalogue.specs()  # a mistake in a tool file stops the action server at start, naming the file and place
