"""Everything we change in Rasa's own code, installed from here only (rasa_components.cli):
log privacy first, so no leader's words reach a log line, then whole turns (a turn the
action server drops out of is not stored half-done), then the measured speed-ups
(fenced to the Rasa release they were written for; TRIVSEL_SPEEDUPS=off switches them off),
and a button's title typed instead of tapped read as the tap."""

from __future__ import annotations

from rasa_components import log_privacy, speedups, typed_buttons, whole_turns


def install() -> None:
    log_privacy.install()
    whole_turns.install()
    speedups.install()
    typed_buttons.install()
