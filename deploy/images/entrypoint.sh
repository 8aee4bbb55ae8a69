#!/bin/sh
# Both images start here: the open-file limit raised to the hard limit the container was given
# (each connection is a file; 1,024, a common default, runs out under load), then the process.
#   gateway           the public gateway (python -m bot.gateway)
#   rasa | actions    the engine's Rasa server or its action server (python -m rasa_components.start)
#   anything else     run as given (e.g. python -m bot.migrate)
set -eu
ulimit -n "$(ulimit -H -n)"
case "${1:-}" in
  gateway) shift; exec python -m bot.gateway "$@" ;;
  rasa|actions) exec python -m rasa_components.start "$@" ;;
  *) exec "$@" ;;
esac
