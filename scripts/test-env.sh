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
  # dbus-daemon warns that it cannot raise its fd limit when not root-capable; that is harmless.
  exec dbus-run-session -- bash "$0" "$@" 2> >(grep --line-buffered -v 'Failed to set fd limit' >&2)
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/keyward-test.XXXXXX")
cleanup() {
  [ -n "${watchdog:-}" ] && kill "$watchdog" 2>/dev/null || true
  [ -n "${GNOME_KEYRING_PID:-}" ] && kill "$GNOME_KEYRING_PID" 2>/dev/null || true
  # The watchdog may have started another daemon: the file names the current one.
  kill "$(cat "$root/keyring.pid" 2>/dev/null)" 2>/dev/null || true
  rm -rf "$root"
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
# are on disk, so a daemon started again with the same password has them all: restart it at once,
# and say so, so a failing test near that moment can be read for what it is.
restarts="$root/keyring-restarts"
: >"$restarts"
(
  while sleep 0.2; do
    [ -n "${keyring_pid:-}" ] || { start_keyring; continue; }
    kill -0 "$keyring_pid" 2>/dev/null && continue
    echo "test-env: the private gnome-keyring-daemon (pid $keyring_pid) died; starting it again" >&2
    echo "$keyring_pid" >>"$restarts"
    start_keyring --replace </dev/null >/dev/null 2>&1
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
