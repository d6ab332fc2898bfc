// Nested D-Bus sessions for the keychain failure tests. The shared private keyring of
// scripts/test-env.sh must stay unlocked for the other test files, so a test that needs a locked
// keyring, no Secret Service, or a hung one starts its own bus (and keyring) inside a temp dir.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface BusResult {
  status: number | null;
  /** Output of the command under test only (the bus's and keyring's own chatter is not in it). */
  stdout: string;
  stderr: string;
  /** How long the command under test took, in ms. */
  ms: number;
}

/** A session bus config; with `secretsExec`, activating org.freedesktop.secrets runs that command. */
export function writeBusConfig(dir: string, secretsExec?: string): string {
  const services = path.join(dir, 'dbus-services');
  fs.mkdirSync(services, { recursive: true });
  if (secretsExec) {
    fs.writeFileSync(path.join(services, 'org.freedesktop.secrets.service'),
      `[D-BUS Service]\nName=org.freedesktop.secrets\nExec=${secretsExec}\n`);
  }
  const file = path.join(dir, 'bus.conf');
  fs.writeFileSync(file, `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${dir}</listen>
  <servicedir>${services}</servicedir>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
`);
  return file;
}

/**
 * Runs `setup` (bash) then `command` inside a fresh bus described by `config` (default: the
 * system's session config, so gnome-keyring can be started). The command's output goes to files
 * so the bus's own messages cannot be mistaken for it.
 */
export function runInBus(dir: string, setup: string, command: string[], env: NodeJS.ProcessEnv, config?: string): BusResult {
  const out = path.join(dir, 'cmd.out');
  const err = path.join(dir, 'cmd.err');
  const quoted = command.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `${setup}
start=$(date +%s%N); ${quoted} >'${out}' 2>'${err}'; rc=$?; end=$(date +%s%N)
echo "$rc $(( (end - start) / 1000000 ))" >'${dir}/cmd.status'
[ -n "\${GNOME_KEYRING_PID:-}" ] && kill "$GNOME_KEYRING_PID"; true`;
  const args = [...(config ? [`--config-file=${config}`] : []), '--', 'bash', '-c', script];
  spawnSync('dbus-run-session', args, { env, encoding: 'utf8', timeout: 60_000 });
  const [status, ms] = fs.readFileSync(path.join(dir, 'cmd.status'), 'utf8').trim().split(' ').map(Number);
  return { status: status ?? null, ms: ms ?? NaN, stdout: fs.readFileSync(out, 'utf8'), stderr: fs.readFileSync(err, 'utf8') };
}

/** Starts a keyring of its own (HOME's data dir, `dir`'s runtime dir), runs `storeScript` (ESM), then locks it. */
export function lockedKeyringSetup(dir: string, storeScript: string): string {
  const file = path.join(dir, 'store.mjs');
  fs.writeFileSync(file, storeScript);
  return `eval "$(printf 'nested-test' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
node '${file}' || exit 90
dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \\
  org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null || exit 91`;
}

/** The env for a nested bus: the fixture's env with its own runtime dir and no outer bus or keyring. */
export function nestedEnv(env: NodeJS.ProcessEnv, dir: string): NodeJS.ProcessEnv {
  const run = path.join(dir, 'run');
  fs.mkdirSync(run, { recursive: true, mode: 0o700 });
  const nested: NodeJS.ProcessEnv = { ...env, XDG_RUNTIME_DIR: run };
  delete nested.DBUS_SESSION_BUS_ADDRESS;
  delete nested.GNOME_KEYRING_CONTROL;
  return nested;
}
