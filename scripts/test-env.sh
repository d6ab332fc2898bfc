#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with its own unlocked gnome-keyring (Secret
# Service) and a temporary HOME, so nothing it does can reach the developer's own keyring or
# ~/.aws. Used by `npm test` and `npm run bench`.
set -euo pipefail

if [ -z "${KEYWARD_TEST_SESSION:-}" ]; then
  for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || { echo "test-env: $tool is missing; run: apt-get install dbus gnome-keyring" >&2; exit 2; }
  done
  export KEYWARD_TEST_SESSION=1
  # The bus's own config: the system's session config, with one service of ours listed first (so it
  # wins): when the Secret Service is activated on demand (gnome-keyring-daemon 42 sometimes aborts
  # under the suite's parallel load, and the next client starts it again), it starts unlocked with
  # the test password, so the tests go on against the same items (they are on disk).
  KEYWARD_TEST_BUS=$(mktemp -d "${TMPDIR:-/tmp}/keyward-bus.XXXXXX")
  export KEYWARD_TEST_BUS
  mkdir "$KEYWARD_TEST_BUS/services"
  printf '[D-BUS Service]\nName=org.freedesktop.secrets\nExec=/bin/sh -c "printf keyward-test | exec gnome-keyring-daemon --unlock --foreground --components=secrets"\n' \
    >"$KEYWARD_TEST_BUS/services/org.freedesktop.secrets.service"
  printf '<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">\n<busconfig>\n  <servicedir>%s/services</servicedir>\n  <include>/usr/share/dbus-1/session.conf</include>\n</busconfig>\n' \
    "$KEYWARD_TEST_BUS" >"$KEYWARD_TEST_BUS/bus.conf"
  # dbus-daemon warns that it cannot raise its fd limit when not root-capable; that is harmless.
  exec dbus-run-session --config-file="$KEYWARD_TEST_BUS/bus.conf" -- bash "$0" "$@" 2> >(grep --line-buffered -v -e 'Failed to set fd limit' -e 'Unable to reload configuration' >&2)
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/keyward-test.XXXXXX")
cleanup() {
  [ -n "${watchdog:-}" ] && kill "$watchdog" 2>/dev/null || true
  [ -n "${GNOME_KEYRING_PID:-}" ] && kill "$GNOME_KEYRING_PID" 2>/dev/null || true
  # The watchdog may have started another daemon: the file names the current one.
  kill "$(cat "$root/keyring.pid" 2>/dev/null)" 2>/dev/null || true
  rm -rf "$root" "${KEYWARD_TEST_BUS:-/nonexistent}"
}
trap cleanup EXIT

export KEYWARD_REAL_HOME="${HOME:-}"
export HOME="$root/home"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_STATE_HOME="$HOME/.local/state"
export XDG_CACHE_HOME="$HOME/.cache" XDG_RUNTIME_DIR="$root/run"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN \
  AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE AWS_CA_BUNDLE DISPLAY WAYLAND_DISPLAY

# A non-empty password: with an empty one gnome-keyring asks a (missing) prompter instead.
start_keyring() {
  eval "$(printf 'keyward-test' | gnome-keyring-daemon "$@" --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  # The pid that owns the Secret Service on this bus (the daemon forks away from the one we ran).
  # It takes the name on the bus a moment after it forks.
  keyring_pid=
  for _ in $(seq 50); do
    keyring_pid=$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus / \
      org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk '{print $2}' || true)
    [ -n "$keyring_pid" ] && break
    sleep 0.05
  done
  echo "${keyring_pid:-}" >"$root/keyring.pid"
}
start_keyring
# A service the bus starts on demand (a Secret Service that died and is activated again) gets the
# bus's environment, which still has the developer's HOME: give it the private one, so even then
# nothing reaches the developer's own keyring.
dbus-update-activation-environment HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_STATE_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR

# gnome-keyring-daemon 42 sometimes aborts itself (SIGABRT raised by the daemon, seen with strace)
# when many clients create, search and delete items at once, as the parallel suite does. Its items
# are on disk, so a daemon unlocked with the same password has them all. Whichever daemon owns the
# Secret Service next (one D-Bus activates for the next client, locked, or one started here), this
# unlocks it at once (`--unlock` unlocks a running daemon through its control socket) and says so,
# so a failing test near that moment can be read for what it is.
restarts="$root/keyring-restarts"
: >"$restarts"
secrets_owner() {
  dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus / \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk '{print $2}' || true
}
(
  while sleep 0.2; do
    owner=$(secrets_owner)
    [ -n "$owner" ] && [ "$owner" = "${keyring_pid:-}" ] && continue
    if [ -z "$owner" ]; then
      kill -0 "${keyring_pid:-0}" 2>/dev/null && continue
      printf 'keyward-test' | gnome-keyring-daemon --unlock --components=secrets </dev/null >/dev/null 2>&1 || true
      continue
    fi
    echo "test-env: the private gnome-keyring-daemon (pid ${keyring_pid:-?}) died; unlocking its successor (pid $owner)" >&2
    printf 'keyward-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
    echo "${keyring_pid:-?}" >>"$restarts"
    keyring_pid=$owner
    echo "$owner" >"$root/keyring.pid"
  done
) &
watchdog=$!

status=0
"$@" || status=$?
kill "$watchdog" 2>/dev/null || true
if [ -s "$restarts" ]; then
  echo "test-env: the private keyring daemon died $(wc -l <"$restarts") time(s) during the run and was started again (see above)" >&2
fi
exit "$status"
