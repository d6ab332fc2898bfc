// A long-lived `keyward watch` and a Secret Service that restarts under it (gnome-keyring killed or
// replaced: a crash, a session restart, `gnome-keyring-daemon --replace`). libsecret keeps calling
// the old daemon's bus name and session and cannot reconnect inside a running Node process, so
// every keychain call of the daemon would fail until it is restarted. The daemon now says why and
// exits 2, which its systemd unit (Restart=on-failure) answers by starting it again; meanwhile each
// AWS command costs one fallback to the shim (a new process, which connects to the new service).
// All of it runs in a nested D-Bus session with a keyring of its own, killed and started again.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { makeMigrateHome } from '../../support/migrate-home.js';
import { binKeyward } from '../../support/paths.js';
import { nestedEnv, runInBus } from '../../support/private-bus.js';
import { fakeKey } from '../../support/keys.js';

const key = fakeKey(91);

it('exits 2 with the reason when the keychain restarted under it; started again, it serves; the launcher falls back meanwhile', () => {
  const h = makeMigrateHome('keyring-restart', { credentials: `[dev]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n` });
  const dir = path.join(h.home, 'bus');
  fs.mkdirSync(dir);
  const env = nestedEnv(h.env, dir);
  const node = process.execPath;
  const watchOut = path.join(dir, 'watch.jsonl');
  const script = path.join(dir, 'scenario.sh');
  fs.writeFileSync(script, `set -u
# Whatever happens, nothing started here outlives the scenario.
trap 'kill $(jobs -p) 2>/dev/null' EXIT
owned() { dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true; }
keyring() {
  printf 'nested-test' | gnome-keyring-daemon --unlock --foreground --components=secrets >/dev/null 2>&1 & keyring_pid=$!
  for _ in $(seq 100); do owned && return 0; sleep 0.1; done; echo "no keyring"; exit 1
}
sock=$XDG_RUNTIME_DIR/keyward/agent.sock
ask() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 --unix-socket "$sock" "http://keyward/v1/credentials?profile=dev&service=\${KEYWARD_SERVICE:-}"; }
ready() { for _ in $(seq 200); do grep -q '"event":"ready"' "$1" 2>/dev/null && return 0; sleep 0.1; done; return 1; }
keyring
'${node}' '${binKeyward}' migrate --yes >/dev/null || { echo "migrate failed"; exit 1; }
'${node}' '${binKeyward}' watch --format json > '${watchOut}.1' 2>&1 & watch=$!
ready '${watchOut}.1' || { echo "no ready"; exit 1; }
echo "before=$(ask)"
kill "$keyring_pid"; wait "$keyring_pid" 2>/dev/null; while owned; do sleep 0.1; done; keyring
# The agent holds the key in memory: make it read the keychain again, as migrate or rotate would.
curl -s -o /dev/null --unix-socket "$sock" -X POST http://keyward/v1/invalidate
echo "after=$(ask)"
# The launcher migrate wrote: the agent declines, the shim (a new process) answers from the new keyring.
line=$(sed -n 's/^credential_process = //p' "$HOME/.aws/credentials")
sh -c "$line" | grep -q '"AccessKeyId":"${key.id}"' && echo "launcher=ok" || echo "launcher=failed"
for _ in $(seq 100); do kill -0 "$watch" 2>/dev/null || break; sleep 0.1; done
kill -0 "$watch" 2>/dev/null && { echo "exit=still-running"; kill "$watch"; }
wait "$watch"; echo "exit=$?"
'${node}' '${binKeyward}' watch --format json > '${watchOut}.2' 2>&1 & watch=$!
ready '${watchOut}.2' || { echo "no ready after restart"; exit 1; }
echo "restarted=$(ask)"
kill "$watch"; wait "$watch"; echo "stopped=$?"
`);
  try {
    const run = runInBus(dir, '', ['bash', script], env);
    const lines = run.stdout.trim().split('\n');
    // The failing request gets its 503 or, when the daemon's exit wins the race, a closed connection
    // (curl's 000): either way no credentials, and the launcher falls back to the shim.
    expect(lines[1], run.stderr).toMatch(/^after=(503|000)$/);
    expect(lines.filter((_, i) => i !== 1), run.stderr).toEqual(['before=200', 'launcher=ok', 'exit=2', 'restarted=200', 'stopped=0']);
    const events = fs.readFileSync(`${watchOut}.1`, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { event: string; message?: string });
    expect(events.filter((e) => e.event === 'error').map((e) => e.message)).toContainEqual(
      expect.stringContaining("the keychain's Secret Service restarted since keyward watch connected to it; keyward watch exits to reconnect"));
    for (const file of [`${watchOut}.1`, `${watchOut}.2`, path.join(dir, 'cmd.out'), path.join(dir, 'cmd.err')]) expect(fs.readFileSync(file, 'utf8')).not.toContain(key.secret);
  } finally {
    h.cleanup();
  }
}, 90_000);
