"""Custom actions for the Rasa action server (engine env, Python 3.10)."""
