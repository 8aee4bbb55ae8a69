"""Custom actions for the Rasa action server (engine env, Python 3.10)."""
from rasa_components import log_privacy

log_privacy.install()  # before any action runs: no leader's words in the action server's logs
