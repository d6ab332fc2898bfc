// startDaemon in-process with the real scan, policy, chokidar and keyring on a temp HOME. Only the
// desktop is faked (a recording notifier: this sandbox has no notification service), and single
// dependencies are swapped where a test needs a failure (a locked keychain).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Context } from '../../../src/context.js';
import { KeywardError } from '../../../src/errors.js';
import type { DaemonOptions, Daemon } from '../../../src/daemon/run.js';
import { startDaemon } from '../../../src/daemon/run.js';
import { realDeps } from '../../../src/daemon/deps.js';
import type { DaemonEvent } from '../../../src/daemon/events.js';
import { FIXTURE_SECRET, createWatchHome, credentialsText, recordingDesktop } from '../../support/daemon.js';

let daemon: Daemon | undefined;
afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
});

function harness(label: string) {
  const home = createWatchHome(label);
  const events: DaemonEvent[] = [];
  let buffer = '';
  const ctx: Context = {
    env: home.env, home: home.home, now: () => new Date(), interactive: false, prompt: async () => '',
    out: { isTTY: false, write: (text) => {
      buffer += text;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) events.push(JSON.parse(line) as DaemonEvent);
    } },
    err: { isTTY: false, write: () => undefined },
  };
  const until = async (match: (e: DaemonEvent) => boolean, timeoutMs = 20_000): Promise<DaemonEvent> => {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
      const found = events.find(match);
      if (found) return found;
    }
    throw new Error(`no matching event; got ${JSON.stringify(events)}`);
  };
  const start = async (options: Partial<DaemonOptions> = {}) => {
    daemon = await startDaemon(ctx, { format: 'json', logFile: home.logFile, ...options });
    return daemon;
  };
  return { ...home, ctx, events, until, start };
}

const plaintext = (e: DaemonEvent): boolean => e.event === 'finding' && e.ruleId === 'plaintext-access-key';

describe('startDaemon', () => {
  it('notifies the desktop of a high finding, without the secret', async () => {
    const h = harness('notify');
    const desktop = recordingDesktop();
    await h.start({ desktop });
    fs.mkdirSync(path.dirname(h.aws('credentials')), { recursive: true, mode: 0o700 });
    fs.writeFileSync(h.aws('credentials'), credentialsText('n'), { mode: 0o600 });
    await h.until(plaintext);
    await h.until(() => desktop.shown.some((n) => n.title.includes('plaintext-access-key')));
    expect(JSON.stringify(desktop.shown)).not.toContain(FIXTURE_SECRET);
  });

  it('keeps watching when the keychain is locked during auto-migration', async () => {
    const h = harness('locked');
    fs.mkdirSync(path.join(h.home, '.config/keyward'), { recursive: true });
    fs.writeFileSync(path.join(h.home, '.config/keyward/config.ini'), 'auto_migrate = true\n');
    const locked = new KeywardError('keychain-locked', 'the keychain is locked', 'Unlock it.');
    await h.start({ desktop: recordingDesktop(), deps: { ...realDeps(), openStore: async () => { throw locked; } } });
    fs.mkdirSync(path.dirname(h.aws('credentials')), { recursive: true, mode: 0o700 });
    fs.writeFileSync(h.aws('credentials'), credentialsText('l'), { mode: 0o600 });
    await expect(h.until((e) => e.event === 'error' && e.code === 'keychain-locked')).resolves.toMatchObject({
      message: expect.stringContaining('auto-migration failed') });
    fs.appendFileSync(path.join(h.home, '.bashrc'), 'export NODE_TLS_REJECT_UNAUTHORIZED=0\n');
    await h.until((e) => e.event === 'finding' && e.ruleId === 'tls-verification-disabled');
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
    await h.until(plaintext);
    fs.writeFileSync(path.join(h.home, '.bashrc'), 'export NODE_TLS_REJECT_UNAUTHORIZED=0\n');
    await h.until((e) => e.event === 'finding' && e.ruleId === 'tls-verification-disabled');
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
    await h.until((e) => e.event === 'finding' && e.ruleId === 'tls-verification-disabled');
    started.monitor.remind();
    await h.until((e) => e.event === 'finding' && e.reminder === true);
    await started.monitor.checkLaunchers();
    await expect(h.until((e) => e.event === 'error' && e.profile === 'gone')).resolves.toMatchObject({
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
    await expect(h.until((e) => e.event === 'migrated')).resolves.toMatchObject({ profile: 'later' });
    await h.until((e) => e.event === 'resolved' && 'ruleId' in e && e.ruleId === 'plaintext-access-key');
    expect(fs.readFileSync(h.logFile, 'utf8')).not.toContain(FIXTURE_SECRET);
  });

  it('reports a file the AWS CLI refuses, and a resolved event once it is fixed', async () => {
    const h = harness('refused');
    fs.mkdirSync(path.dirname(h.aws('config')), { recursive: true, mode: 0o700 });
    fs.writeFileSync(h.aws('config'), '[default]\nregion = x\n[default]\n', { mode: 0o600 });
    await h.start({ desktop: recordingDesktop() });
    await h.until((e) => e.event === 'error' && e.file === h.aws('config') && /refuses/.test(e.message));
    fs.writeFileSync(h.aws('config'), '[default]\nregion = x\n', { mode: 0o600 });
    await expect(h.until((e) => e.event === 'resolved' && 'error' in e)).resolves.toMatchObject({ file: h.aws('config'), line: 3 });
  });

  it('refuses an invalid cron expression, naming the policy key', async () => {
    const h = harness('cron');
    const deps = realDeps();
    const loadPolicy: typeof deps.loadPolicy = async (ctx) => ({ ...(await deps.loadPolicy(ctx)), reminderSchedule: '0 25 * * *' });
    await expect(h.start({ deps: { ...deps, loadPolicy } })).rejects.toThrow(/reminder_schedule/);
  });
});
