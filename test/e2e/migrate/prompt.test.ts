// On a terminal, migrate shows the plan and asks; only "y" applies it. The terminal is a real
// pseudo-terminal from util-linux `script`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/aws-clients.js';
import { CONFIG, CREDENTIALS, KEYS, makeMigrateHome } from '../../support/migrate-home.js';
import type { MigrateHome } from '../../support/migrate-home.js';

let h: MigrateHome | undefined;
afterEach(() => h?.cleanup());

function answer(home: MigrateHome, reply: string): string {
  const command = `${process.execPath} ${path.join(repoRoot, 'bin/keyward')} migrate`;
  const run = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], { env: home.env, input: `${reply}\n`, encoding: 'utf8', timeout: 120_000 });
  expect(run.status).toBe(0);
  return run.stdout;
}

describe('keyward migrate on a terminal', () => {
  it('changes nothing when the answer is no', () => {
    h = makeMigrateHome('prompt-no');
    const out = answer(h, 'n');
    expect(out).toContain('Move 5 keys into the keychain now? [y/N]');
    expect(out).toContain('Nothing was changed.');
    expect(fs.readFileSync(h.credentials, 'utf8')).toBe(CREDENTIALS);
    expect(fs.readFileSync(h.config, 'utf8')).toBe(CONFIG);
  });

  it('migrates when the answer is yes', () => {
    h = makeMigrateHome('prompt-yes');
    const out = answer(h, 'y');
    expect(out).toContain('Migrated (the key now lives in the keychain):');
    expect(fs.readFileSync(h.credentials, 'utf8')).not.toContain(KEYS.default.secret);
    expect(out).not.toContain(KEYS.default.secret);
  });
});
