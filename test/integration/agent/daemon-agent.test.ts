// The agent inside the in-process daemon (startDaemon, real keyring, real socket): the daemon's
// hourly launcher check must test the fallback (node and the shim), which the agent would
// otherwise hide; and a profile the daemon auto-migrates is served at once.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../../../src/context.js';
import { startDaemon, type Daemon } from '../../../src/daemon/run.js';
import type { DaemonEvent } from '../../../src/daemon/events.js';
import { versionsDir } from '../../../src/platform/install.js';
import { installLauncher } from '../../../src/launcher/install.js';
import { createAgentHome, processJson } from '../../support/agent.js';
import { recordingDesktop } from '../../support/daemon.js';
import { jsonLines, recorder } from '../../support/events.js';
import { fakeKey } from '../../support/keys.js';

const h = createAgentHome('agent-daemon', { dev: fakeKey(61) });
const seen = recorder<DaemonEvent>();
let daemon: Daemon;

beforeAll(async () => {
  fs.mkdirSync(path.join(h.home, '.config/keyward'), { recursive: true });
  fs.writeFileSync(path.join(h.home, '.config/keyward/config.ini'), 'auto_migrate = true\n');
  const ctx: Context = {
    env: h.env, home: h.home, now: () => new Date(), interactive: false, prompt: async () => '',
    out: { isTTY: false, write: jsonLines(seen) }, err: { isTTY: false, write: () => undefined },
  };
  daemon = await startDaemon(ctx, { format: 'json', logFile: h.logFile, desktop: recordingDesktop() });
  await seen.next((event) => event.event === 'ready' && event.agent === h.socket);
});
afterAll(async () => {
  await daemon.stop();
  h.cleanup();
});

describe('the agent in the daemon', () => {
  it('does not hide a broken fallback from the launcher check: the check runs the shim, finds it broken and repairs it', async () => {
    installLauncher({ env: h.env, home: h.home, entry: path.join(h.home, 'moved-away/credential-process.cjs') });
    // The agent still answers this launcher (the control): a check through it would see nothing wrong.
    expect((await h.launch(['--profile', 'dev'])).stdout).toBe(processJson(fakeKey(61)));
    expect((await h.launch(['--profile', 'dev'], { KEYWARD_AGENT: 'off' })).status).toBe(1);
    await daemon.monitor.checkLaunchers();
    expect(seen.events.filter((event) => event.event === 'repaired')).toHaveLength(1);
    // Repaired to the installed version's shim (issue 11), never the checkout's.
    expect(fs.readFileSync(h.launcher, 'utf8')).toContain(`${versionsDir(h.env, h.home)}/`);
    expect(fs.readFileSync(h.launcher, 'utf8')).toMatch(/\/dist\/shim\/credential-process\.cjs'?\n/);
    expect((await h.launch(['--profile', 'dev'], { KEYWARD_AGENT: 'off' })).stdout).toBe(processJson(fakeKey(61)));
  });

  it('serves a profile the daemon auto-migrated, on the next call', async () => {
    // Asked before the key exists: a 404 is not remembered, so the migrated item is read when asked again.
    expect((await h.launch(['--profile', 'ops'])).status).toBe(1);
    h.writeKeys({ ops: fakeKey(62) });
    await seen.next((event) => event.event === 'migrated' && event.profile === 'ops');
    const served = await h.launch(['--profile', 'ops']);
    expect(served.stdout).toBe(processJson(fakeKey(62)));
    expect(h.auditLines().at(-1)).toMatchObject({ profile: 'ops', via: 'agent' });
  });
});
