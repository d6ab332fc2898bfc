// startDaemon in-process with the real scan, policy, chokidar and keyring on a temp HOME. Only the
// desktop is faked (a recording notifier: this sandbox has no notification service), and single
// dependencies are swapped where a test needs a failure (a locked keychain).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Context } from '../../../src/context.js';
import { KeywardError } from '../../../src/errors.js';
import type { DaemonOptions, Daemon } from '../../../src/daemon/run.js';
import { startDaemon } from '../../../src/daemon/run.js';
import { realDeps } from '../../../src/daemon/deps.js';
import type { DaemonEvent } from '../../../src/daemon/events.js';
import { createWatchHome, credentialsText, recordingDesktop } from '../../support/daemon.js';
import { jsonLines, recorder } from '../../support/events.js';
import { SECRET } from '../../support/keys.js';
import { binKeyward } from '../../support/paths.js';

let daemon: Daemon | undefined;
afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
});

function harness(label: string) {
  const home = createWatchHome(label);
  const seen = recorder<DaemonEvent>();
  const ctx: Context = {
    env: home.env, home: home.home, now: () => new Date(), interactive: false, prompt: async () => '',
    out: { isTTY: false, write: jsonLines(seen) },
    err: { isTTY: false, write: () => undefined },
  };
  const start = async (options: Partial<DaemonOptions> = {}) => {
    daemon = await startDaemon(ctx, { format: 'json', logFile: home.logFile, ...options });
    return daemon;
  };
  return { ...home, ctx, events: seen.events, next: seen.next, start };
}

const plaintext = (e: DaemonEvent): boolean => e.event === 'finding' && e.ruleId === 'plaintext-access-key';

describe('startDaemon', () => {
  it('notifies the desktop of a high finding, without the secret', async () => {
    const h = harness('notify');
    const desktop = recordingDesktop();
    await h.start({ desktop });
    fs.mkdirSync(path.dirname(h.aws('credentials')), { recursive: true, mode: 0o700 });
    fs.writeFileSync(h.aws('credentials'), credentialsText('n'), { mode: 0o600 });
    await h.next(plaintext);
    await desktop.next((n) => n.title.includes('plaintext-access-key'));
    expect(JSON.stringify(desktop.shown)).not.toContain(SECRET);
  });

  it('keeps watching when the keychain is locked during auto-migration', async () => {
    const h = harness('locked');
    fs.mkdirSync(path.join(h.home, '.config/keyward'), { recursive: true });
    fs.writeFileSync(path.join(h.home, '.config/keyward/config.ini'), 'auto_migrate = true\n');
    const locked = new KeywardError('keychain-locked', 'the keychain is locked', 'Unlock it.');
    await h.start({ desktop: recordingDesktop(), deps: { ...realDeps(), openStore: async () => { throw locked; } } });
    fs.mkdirSync(path.dirname(h.aws('credentials')), { recursive: true, mode: 0o700 });
    fs.writeFileSync(h.aws('credentials'), credentialsText('l'), { mode: 0o600 });
    await expect(h.next((e) => e.event === 'error' && e.code === 'keychain-locked')).resolves.toMatchObject({
      message: expect.stringContaining('auto-migration failed') });
    fs.appendFileSync(path.join(h.home, '.bashrc'), 'export NODE_TLS_REJECT_UNAUTHORIZED=0\n');
    await h.next((e) => e.event === 'finding' && e.ruleId === 'tls-verification-disabled');
  });

  it('survives a burst of 10,000 writes and reports the final state once', async () => {
    const h = harness('burst');
    await h.start({ desktop: recordingDesktop() });
    const file = h.aws('credentials');
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // Written by another process, as an editor or a runaway script would: the daemon's event loop stays free.
    const writer = `const fs = require('node:fs'); for (let i = 0; i < 10000; i++) fs.writeFileSync(process.argv[1], i % 2 ? process.argv[2] : '[burst]\\nregion = r' + i + '\\n');`;
    const child = spawn(process.execPath, ['-e', writer, file, credentialsText('burst')], { stdio: 'ignore' });
    await new Promise((resolve) => child.on('exit', resolve));
    await h.next(plaintext);
    fs.writeFileSync(path.join(h.home, '.bashrc'), 'export NODE_TLS_REJECT_UNAUTHORIZED=0\n');
    await h.next((e) => e.event === 'finding' && e.ruleId === 'tls-verification-disabled');
    // Scans during the burst may catch either state, but each change is reported once: the
    // plaintext finding alternates NEW, resolved, NEW, … and ends open (the last write left the
    // key). The .bashrc scan after the burst sees the same key and must not report it again.
    const trail = h.events
      .filter((e) => (e.event === 'finding' || e.event === 'resolved') && 'ruleId' in e && e.ruleId === 'plaintext-access-key')
      .map((e) => e.event);
    expect(trail.length % 2, trail.join(',')).toBe(1);
    expect(trail.every((event, i) => event === (i % 2 === 0 ? 'finding' : 'resolved')), trail.join(',')).toBe(true);
  });

  it('reminds of open findings and reports a keyward launcher that is gone', async () => {
    const h = harness('remind');
    fs.mkdirSync(path.dirname(h.aws('config')), { recursive: true, mode: 0o700 });
    fs.writeFileSync(h.aws('config'), `[profile gone]\ncredential_process = ${path.join(h.home, 'nowhere/keyward-credential-process')} --profile gone\n`, { mode: 0o600 });
    fs.writeFileSync(path.join(h.home, '.bashrc'), 'export NODE_TLS_REJECT_UNAUTHORIZED=0\n');
    const started = await h.start({ desktop: recordingDesktop() });
    await h.next((e) => e.event === 'finding' && e.ruleId === 'tls-verification-disabled');
    started.monitor.remind();
    await h.next((e) => e.event === 'finding' && e.reminder === true);
    await started.monitor.checkLaunchers();
    await expect(h.next((e) => e.event === 'error' && e.profile === 'gone')).resolves.toMatchObject({
      file: h.aws('config'), line: 2, message: expect.stringContaining('is missing') });
  });

  it('applies a policy change at once: auto_migrate turned on after start migrates the next key', async () => {
    const h = harness('reload');
    const started = await h.start({ desktop: recordingDesktop() });
    fs.mkdirSync(path.join(h.home, '.config/keyward'), { recursive: true });
    fs.writeFileSync(path.join(h.home, '.config/keyward/config.ini'), 'auto_migrate = true\n');
    for (const deadline = Date.now() + 20_000; !started.policy().autoMigrate && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(started.policy().autoMigrate).toBe(true);
    fs.mkdirSync(path.dirname(h.aws('credentials')), { recursive: true, mode: 0o700 });
    fs.writeFileSync(h.aws('credentials'), credentialsText('later'), { mode: 0o600 });
    await expect(h.next((e) => e.event === 'migrated')).resolves.toMatchObject({ profile: 'later' });
    await h.next((e) => e.event === 'resolved' && 'ruleId' in e && e.ruleId === 'plaintext-access-key');
    expect(fs.readFileSync(h.logFile, 'utf8')).not.toContain(SECRET);
  });

  it('runs the launcher end to end, and rewrites a broken one so the profile works again', async () => {
    const h = harness('repair');
    fs.mkdirSync(path.dirname(h.aws('credentials')), { recursive: true, mode: 0o700 });
    fs.writeFileSync(h.aws('credentials'), credentialsText('fixme'), { mode: 0o600 });
    const migrated = spawnSync(process.execPath, [binKeyward, 'migrate', '--yes'], { env: h.env, encoding: 'utf8' });
    expect(migrated.status, migrated.stderr).toBe(0);
    const launcher = path.join(h.home, '.local/share/keyward/bin/keyward-credential-process');
    // A moved checkout: the launcher now names a shim that is gone.
    fs.writeFileSync(launcher, `#!/bin/sh\nexec "${process.execPath}" "${path.join(h.home, 'gone/credential-process.cjs')}" "$@"\n`, { mode: 0o700 });
    expect(spawnSync(launcher, ['--profile', 'fixme']).status).not.toBe(0);
    const started = await h.start({ desktop: recordingDesktop() });
    await started.monitor.checkLaunchers();
    await expect(h.next((e) => e.event === 'repaired')).resolves.toMatchObject({ profile: 'fixme', message: expect.stringContaining('works again') });
    const run = spawnSync(launcher, ['--profile', 'fixme'], { env: h.env, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ SecretAccessKey: SECRET });
  });

  it('reports a file the AWS CLI refuses, and a resolved event once it is fixed', async () => {
    const h = harness('refused');
    fs.mkdirSync(path.dirname(h.aws('config')), { recursive: true, mode: 0o700 });
    fs.writeFileSync(h.aws('config'), '[default]\nregion = x\n[default]\n', { mode: 0o600 });
    await h.start({ desktop: recordingDesktop() });
    await h.next((e) => e.event === 'error' && e.file === h.aws('config') && /refuses/.test(e.message));
    fs.writeFileSync(h.aws('config'), '[default]\nregion = x\n', { mode: 0o600 });
    await expect(h.next((e) => e.event === 'resolved' && 'error' in e)).resolves.toMatchObject({ file: h.aws('config'), line: 3 });
  });

  it('refuses an invalid cron expression, naming the policy key', async () => {
    const h = harness('cron');
    const deps = realDeps();
    const loadPolicy: typeof deps.loadPolicy = async (ctx) => ({ ...(await deps.loadPolicy(ctx)), reminderSchedule: '0 25 * * *' });
    await expect(h.start({ deps: { ...deps, loadPolicy } })).rejects.toThrow(/reminder_schedule/);
  });
});
