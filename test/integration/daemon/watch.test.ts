// The real `keyward watch --format json` (built dist/, spawned) on a temp HOME with the private
// keyring: each test writes files the way people and tools do and awaits the events. No timings
// are asserted; every wait has a timeout.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WatchProcess } from '../../support/daemon.js';
import { createWatchHome, credentialsText, is, startWatch, writeByRename } from '../../support/daemon.js';
import { SECRET } from '../../support/keys.js';

let running: WatchProcess | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function watchFrom(label: string) {
  const home = createWatchHome(label);
  running = startWatch(home.env);
  await running.next(is('ready'));
  return { ...home, watch: running };
}

describe('keyward watch --format json', () => {
  it('reports a key written in place, once, and resolved when it is removed', async () => {
    const { aws, watch, logFile } = await watchFrom('inplace');
    fs.mkdirSync(path.dirname(aws('credentials')), { recursive: true, mode: 0o700 });
    fs.writeFileSync(aws('credentials'), credentialsText(), { mode: 0o600 });
    const found = await watch.next(is('finding', 'plaintext-access-key'));
    expect(found).toMatchObject({ severity: 'high', file: aws('credentials'), line: 2, profile: 'default', evidence: 'AKIA…ZAM2' });
    expect(Object.keys(found)).toEqual(expect.arrayContaining(['ruleId', 'message', 'remediation', 'fingerprint', 'time']));

    fs.appendFileSync(aws('credentials'), 'region = us-east-1\n');
    fs.writeFileSync(aws('credentials'), '[default]\nregion = us-east-1\n');
    const resolved = await watch.next(is('resolved', 'plaintext-access-key'));
    expect(resolved).toMatchObject({ fingerprint: found.event === 'finding' ? found.fingerprint : '' });
    expect(watch.events.filter(is('finding', 'plaintext-access-key'))).toHaveLength(1);
    expect(await watch.stop()).toBe(0);
    running = undefined;
    const log = fs.readFileSync(logFile, 'utf8');
    expect(log).toContain('"event":"resolved"');
    expect(log).not.toContain(SECRET);
  });

  it('reports a key written by rename (editors, aws configure, atomic writers)', async () => {
    const { aws, watch } = await watchFrom('rename');
    writeByRename(aws('credentials'), credentialsText('dev'));
    await expect(watch.next(is('finding', 'plaintext-access-key'))).resolves.toMatchObject({ profile: 'dev' });
  });

  it('reports NODE_TLS_REJECT_UNAUTHORIZED=0 added to ~/.bashrc', async () => {
    const { home, watch } = await watchFrom('bashrc');
    fs.appendFileSync(path.join(home, '.bashrc'), 'export NODE_TLS_REJECT_UNAUTHORIZED=0\n');
    await expect(watch.next(is('finding', 'tls-verification-disabled'))).resolves.toMatchObject({
      file: path.join(home, '.bashrc'), line: 1, severity: 'high' });
  });

  it('survives a file that fails to parse and ~/.aws deleted and recreated', async () => {
    const { aws, watch } = await watchFrom('robust');
    writeByRename(aws('config'), '[default\nregion = x\n');
    await watch.next((e) => e.event === 'error' && e.file === aws('config'));
    fs.rmSync(path.dirname(aws('config')), { recursive: true });
    fs.mkdirSync(path.dirname(aws('config')), { mode: 0o700 });
    fs.writeFileSync(aws('credentials'), credentialsText('again'), { mode: 0o600 });
    await expect(watch.next(is('finding', 'plaintext-access-key'))).resolves.toMatchObject({ profile: 'again' });
  });
});
