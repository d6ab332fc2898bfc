#!/usr/bin/env bash
# Reproduces gnome-keyring-daemon 42 aborting when the caller of a D-Bus property read leaves the bus
# before the answer (docs/testing.md, "The private keyring can crash under load"), in the private
# session of scripts/test-env.sh, never the developer's own keyring:
#   bash scripts/keyring-abort-repro.sh Get      # the old lock query: the daemon aborts in some runs
#   bash scripts/keyring-abort-repro.sh GetAll   # keyward's query now: it never did here
# Prints "daemon aborted N time(s)" (0 when it survived). Takes about a minute.
set -euo pipefail
method=${1:-Get}
case "$method" in
  Get) args=(org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Locked) ;;
  GetAll) args=(org.freedesktop.DBus.Properties.GetAll string:org.freedesktop.Secret.Collection) ;;
  *) echo "usage: keyring-abort-repro.sh Get|GetAll" >&2; exit 2 ;;
esac
if [ -z "${KEYWARD_TEST_SESSION:-}" ]; then
  out=$(bash "$(dirname "$0")/test-env.sh" bash "$0" "$method" 2>&1 || true)
  echo "daemon aborted $(grep -c 'died;' <<<"$out" || true) time(s)"
  exit 0
fi
for _ in $(seq 40); do
  for _ in $(seq 30); do
    timeout -s KILL "0.00$((RANDOM % 9 + 1))" dbus-send --session --print-reply --dest=org.freedesktop.secrets \
      /org/freedesktop/secrets/aliases/default "${args[@]}" >/dev/null 2>&1 &
  done
  wait || true
done
# Give the watchdog of test-env.sh a moment to see a new owner.
sleep 0.5
