// Issue 10, item 9, as the daemon sees it: with a crafted 1 MB line in .bashrc and .boto (the
// quadratic cases: `a.a.a.…@` for credentials-in-url, long runs of spaces for the .boto setting),
// `keyward watch` still reports a key pasted into ~/.aws/credentials, and SIGTERM sent right after a
// change (while the rescan runs) still ends it with status 0. Before the fix the key was reported
// after 114 s and SIGTERM waited 60 s. The bounds are generous: they catch minutes, not milliseconds.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWatchHome, credentialsText, startWatch } from '../../support/daemon.js';

const SIZE = 1 << 20;

describe('watch with a crafted 1 MB line (issue 10, item 9)', () => {
  it('reports a new key and stops on SIGTERM mid-rescan', async () => {
    const w = createWatchHome('crafted');
    fs.mkdirSync(path.join(w.home, '.aws'), { mode: 0o700 });
    fs.writeFileSync(path.join(w.home, '.bashrc'), `${'a.'.repeat(SIZE / 2)}@\n`);
    fs.writeFileSync(path.join(w.home, '.boto'), `[Boto]\nhttps_validate_certificates = a${' '.repeat(SIZE)}b\n`);
    const watch = startWatch(w.env);
    try {
      await watch.next((e) => e.event === 'ready', 30_000);
      fs.writeFileSync(w.aws('credentials'), credentialsText(), { mode: 0o600 });
      const found = await watch.next((e) => e.event === 'finding' && e.ruleId === 'plaintext-access-key', 15_000);
      expect(found).toMatchObject({ profile: 'default' });
      fs.appendFileSync(path.join(w.home, '.bashrc'), `${'a.'.repeat(SIZE / 2)}@\n`);
      await new Promise((resolve) => setTimeout(resolve, 150)); // past the 100 ms debounce: a rescan is running
      const stopped = await Promise.race([watch.stop(), new Promise((resolve) => setTimeout(() => resolve('still running'), 10_000))]);
      expect(stopped).toBe(0);
    } finally {
      await watch.stop();
    }
  }, 90_000);
});
