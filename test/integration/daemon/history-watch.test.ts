// The daemon and shell histories: startDaemon in-process (real scan, chokidar, keyring) on a temp
// HOME with a 20 MB zsh history. A secret appended is reported; what each rescan read is counted
// through the daemon's own history cache (bytes, never time). Then the spawned `keyward watch`
// sees a secret added to fish's history and its removal when fish rewrites the file.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Context } from '../../../src/context.js';
import type { Daemon } from '../../../src/daemon/run.js';
import { startDaemon } from '../../../src/daemon/run.js';
import { realDeps } from '../../../src/daemon/deps.js';
import type { DaemonEvent } from '../../../src/daemon/events.js';
import { ANCHOR_BYTES } from '../../../src/sources/history.js';
import type { HistoryCache } from '../../../src/sources/history.js';
import type { WatchProcess } from '../../support/daemon.js';
import { createWatchHome, is, recordingDesktop, startWatch, writeByRename } from '../../support/daemon.js';
import { SECRET } from '../../support/keys.js';

let daemon: Daemon | undefined;
let watch: WatchProcess | undefined;
afterEach(async () => {
  await daemon?.stop();
  await watch?.stop();
  daemon = undefined;
  watch = undefined;
});

async function until(events: DaemonEvent[], match: (e: DaemonEvent) => boolean, timeoutMs = 20_000): Promise<DaemonEvent> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
    const found = events.find(match);
    if (found) return found;
  }
  throw new Error(`no matching event; got ${JSON.stringify(events)}`);
}

describe('watching shell histories', () => {
  it('reports a secret appended to a 20 MB zsh history, reading only the appended bytes', async () => {
    const home = createWatchHome('history');
    const history = path.join(home.home, '.zsh_history');
    const line = ': 1700000000:0;git status --short --branch && make -j4 test\n';
    fs.writeFileSync(history, line.repeat(Math.ceil((20 * 1024 * 1024) / line.length)), { mode: 0o600 });
    const events: DaemonEvent[] = [];
    const ctx: Context = {
      env: home.env, home: home.home, now: () => new Date(), interactive: false, prompt: async () => '',
      out: { isTTY: false, write: (text) => { for (const l of text.split('\n').filter(Boolean)) events.push(JSON.parse(l) as DaemonEvent); } },
      err: { isTTY: false, write: () => undefined },
    };
    const caches: HistoryCache[] = [];
    const deps = realDeps();
    daemon = await startDaemon(ctx, { format: 'json', logFile: home.logFile, desktop: recordingDesktop(), deps: { ...deps,
      scan: async (c, policy, options) => {
        if (options?.historyCache && !caches.includes(options.historyCache)) caches.push(options.historyCache);
        return deps.scan(c, policy, options);
      } } });
    await until(events, is('ready'));
    expect(caches).toHaveLength(1);
    const cache = caches[0] as HistoryCache;
    const before = cache.bytesRead;
    const appended = `: 1700000001:0;export AWS_SECRET_ACCESS_KEY=${SECRET}\n`;
    fs.appendFileSync(history, appended);
    const found = await until(events, is('finding', 'secret-in-shell-history'));
    expect(found).toMatchObject({ file: history, severity: 'high', evidence: 'Jx8k…mN4o' });
    // Each rescan since reads two anchors (256 bytes before the last offset, and the new one read
    // back) plus what is new: the line, once. Nothing of the 20 MB is read again.
    const extra = cache.bytesRead - before - Buffer.byteLength(appended);
    expect(extra % (2 * ANCHOR_BYTES)).toBe(0);
    expect(extra / (2 * ANCHOR_BYTES)).toBeGreaterThanOrEqual(1);
    expect(fs.readFileSync(home.logFile, 'utf8')).not.toContain(SECRET);
  });

  it('the spawned watch reports a fish history secret and resolves it when fish rewrites the file', async () => {
    const home = createWatchHome('fish');
    const history = path.join(home.home, '.local/share/fish/fish_history');
    writeByRename(history, '- cmd: ls\n  when: 1700000000\n');
    watch = startWatch(home.env);
    await watch.next(is('ready'));
    fs.appendFileSync(history, `- cmd: set -gx AWS_SECRET_ACCESS_KEY ${SECRET}\n  when: 1700000001\n`);
    await expect(watch.next(is('finding', 'secret-in-shell-history'))).resolves.toMatchObject({ file: history, line: 3 });
    writeByRename(history, '- cmd: ls\n  when: 1700000000\n');
    await expect(watch.next(is('resolved', 'secret-in-shell-history'))).resolves.toMatchObject({ file: history });
  });
});
