// On a terminal, migrate shows the plan and asks; only "y" applies it. The terminal is a real
// pseudo-terminal from util-linux `script`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG, CREDENTIALS, KEYS, makeMigrateHome } from '../../support/migrate-home.js';
import type { MigrateHome } from '../../support/migrate-home.js';
import { binKeyward } from '../../support/paths.js';

let h: MigrateHome | undefined;
afterEach(() => h?.cleanup());

function answer(home: MigrateHome, reply: string): string {
  const command = `${process.execPath} ${binKeyward} migrate`;
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

describe('keyward restore on a terminal, and Ctrl-C', () => {
  function run(home: MigrateHome, args: string, input: string) {
    const command = `${process.execPath} ${binKeyward} ${args}`;
    return spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], { env: home.env, input, encoding: 'utf8', timeout: 120_000 });
  }

  it('shows the plan and asks before putting keys back; only "y" applies it', () => {
    h = makeMigrateHome('restore-prompt');
    expect(h.keyward(['migrate', '--yes']).status).toBe(0);
    const migrated = fs.readFileSync(h.credentials, 'utf8');
    const no = run(h, 'restore', 'n\n');
    expect(no.status).toBe(0);
    expect(no.stdout).toContain('keyward would put these keys back into the files:');
    expect(no.stdout).toMatch(/Put \d keys back into the files now\? \[y\/N\]/);
    expect(fs.readFileSync(h.credentials, 'utf8')).toBe(migrated);
    expect(run(h, 'restore', 'y\n').status).toBe(0);
    expect(fs.readFileSync(h.credentials, 'utf8')).toBe(CREDENTIALS);
  });

  it('Ctrl-C at the prompt prints cancelled, exits 130 and changes nothing', async () => {
    h = makeMigrateHome('prompt-cancel');
    const command = `${process.execPath} ${binKeyward} migrate`;
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { env: h.env });
    let out = '';
    // Ctrl-C only once the prompt is on the terminal: the keystroke must reach keyward's prompt.
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('[y/N]')) child.stdin.write('\x03');
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status).toBe(130);
    expect(out).toContain('keyward: cancelled; nothing was changed.');
    expect(fs.readFileSync(h.credentials, 'utf8')).toBe(CREDENTIALS);
  });
});
