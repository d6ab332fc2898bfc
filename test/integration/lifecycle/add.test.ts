// `keyward add` for real (bin/keyward, the private keyring, files in a temp HOME): the key comes
// from stdin or a hidden prompt on a real pseudo-terminal, goes into the keychain (read back),
// and the profile's credential_process line into the config; every refusal changes nothing.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCredentialProcessLine } from '../../../src/launcher/line.js';
import { decodeItem } from '../../../src/secrets/item.js';
import { openSecretStore } from '../../../src/secrets/open.js';
import { KEY_ID, KEY_ID_2, SECRET, SECRET_2 } from '../../support/keys.js';
import { lineChanges, makeMigrateHome } from '../../support/migrate-home.js';
import type { MigrateHome } from '../../support/migrate-home.js';
import { binKeyward } from '../../support/paths.js';

let h: MigrateHome | undefined;
afterEach(() => {
  h?.keyward(['remove', '--orphans', '--yes']);
  h?.cleanup();
  h = undefined;
});

function add(home: MigrateHome, args: string[], input: string) {
  return spawnSync(process.execPath, [binKeyward, 'add', ...args], { env: home.env, input, encoding: 'utf8', timeout: 120_000 });
}

async function storedKey(home: MigrateHome, account: string): Promise<string | undefined> {
  const password = await openSecretStore('command', home.env).get(account);
  return password === null ? undefined : decodeItem(password, account).AccessKeyId;
}

describe('keyward add --stdin', () => {
  it('creates ~/.aws/config and [profile dev] when neither exists, with a 0600 file', async () => {
    h = makeMigrateHome('add-new', {});
    const run = add(h, ['--profile', 'dev', '--stdin'], `${KEY_ID} ${SECRET}\n`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    const config = fs.readFileSync(h.config, 'utf8');
    expect(config).toMatch(/^\[profile dev\]\ncredential_process = \S+ --profile dev\n$/);
    expect(parseCredentialProcessLine(config.split('= ')[1]!.trim())?.account).toBe('dev');
    expect(fs.statSync(h.config).mode & 0o777).toBe(0o600);
    expect(await storedKey(h, 'dev')).toBe(KEY_ID);
    expect(fs.existsSync(h.credentials)).toBe(false);
  });

  it('takes credential_process JSON and adds the line to an existing [default], every other byte kept', async () => {
    const config = '# mine\r\n[default]\r\nregion = us-east-1\r\n\r\n[profile other]\r\noutput = json\r\n';
    h = makeMigrateHome('add-json', { config });
    const run = add(h, ['--profile', 'default', '--stdin'], JSON.stringify({ Version: 1, AccessKeyId: KEY_ID_2, SecretAccessKey: SECRET_2 }));
    expect(run.status, run.stderr).toBe(0);
    const changes = lineChanges(config, fs.readFileSync(h.config, 'utf8'));
    expect(changes.removed).toEqual([]);
    expect(changes.added).toHaveLength(1);
    expect(changes.added[0]).toMatch(/^credential_process = /);
    expect(fs.readFileSync(h.config, 'utf8').startsWith('# mine\r\n[default]\r\nregion = us-east-1\r\ncredential_process')).toBe(true);
    expect(await storedKey(h, 'default')).toBe(KEY_ID_2);
  });

  it.each([
    ['a key ID that is not AKIA…', `ASIA${KEY_ID.slice(4)} ${SECRET}`, 'is not a long-term AWS key ID'],
    ['a short secret', `${KEY_ID} ${SECRET.slice(0, 30)}`, 'secret access key is not 40 characters'],
    ['three words', `${KEY_ID} ${SECRET} extra`, "expected one line 'AKID SECRET'"],
    ['JSON with a session token', JSON.stringify({ Version: 1, AccessKeyId: KEY_ID, SecretAccessKey: SECRET, SessionToken: 'x' }), 'SessionToken'],
    ['JSON without Version', JSON.stringify({ AccessKeyId: KEY_ID, SecretAccessKey: SECRET }), '"Version": 1'],
  ])('refuses %s: exit 2, one line, no secret, nothing changed', async (_name, input, message) => {
    h = makeMigrateHome('add-bad', { config: '[default]\nregion = us-east-1\n' });
    const run = add(h, ['--profile', 'dev', '--stdin'], input);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toContain(SECRET.slice(0, 30));
    expect(fs.readFileSync(h.config, 'utf8')).toBe('[default]\nregion = us-east-1\n');
    expect(await storedKey(h, 'dev')).toBeUndefined();
  });

  it('refuses a profile with a plaintext key (run migrate) and one keyward already holds (remove first, or rotate)', async () => {
    const credentials = `[plain]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`;
    h = makeMigrateHome('add-refuse', { credentials, config: '' });
    const plain = add(h, ['--profile', 'plain', '--stdin'], `${KEY_ID_2} ${SECRET_2}`);
    expect(plain.status).toBe(2);
    expect(plain.stderr).toContain('keyward migrate --profile plain');
    expect(fs.readFileSync(h.credentials, 'utf8')).toBe(credentials);

    expect(add(h, ['--profile', 'dev', '--stdin'], `${KEY_ID_2} ${SECRET_2}`).status).toBe(0);
    const config = fs.readFileSync(h.config, 'utf8');
    const again = add(h, ['--profile', 'dev', '--stdin'], `${KEY_ID} ${SECRET}`);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('keyward remove --profile dev --from-files');
    expect(again.stderr).toContain('keyward rotate --profile dev');
    expect(fs.readFileSync(h.config, 'utf8')).toBe(config);
    expect(await storedKey(h, 'dev')).toBe(KEY_ID_2);
  });

  it('refuses when the keychain already holds an item of that name that no line names', async () => {
    h = makeMigrateHome('add-orphan', { config: '' });
    await openSecretStore('command', h.env).set('dev', JSON.stringify({ v: 1, AccessKeyId: KEY_ID, SecretAccessKey: SECRET, createdAt: '2026-01-01T00:00:00Z', source: { file: h.config, section: 'profile dev' } }));
    const run = add(h, ['--profile', 'dev', '--stdin'], `${KEY_ID_2} ${SECRET_2}`);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('keyward remove --profile dev');
    expect(await storedKey(h, 'dev')).toBe(KEY_ID);
  });
});

describe('keyward add at a hidden prompt', () => {
  it('asks for both values on the terminal without echoing them', async () => {
    h = makeMigrateHome('add-tty', {});
    // Each answer is typed once its question is shown, as a person would: input that arrives
    // before the program turned echo off is echoed by the terminal itself.
    const child = spawn('script', ['-q', '-e', '-c', `${process.execPath} ${binKeyward} add --profile dev`, '/dev/null'], { env: h.env });
    let out = '';
    const answers: [string, string][] = [['key ID (hidden): ', KEY_ID], ['secret access key (hidden): ', SECRET]];
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const next = answers[0];
      if (next && out.includes(next[0])) {
        answers.shift();
        child.stdin.write(`${next[1]}\n`);
      }
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status, out).toBe(0);
    expect(out).toContain('AWS access key ID (hidden): ');
    expect(out).toContain('AWS secret access key (hidden): ');
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(KEY_ID);
    expect(await storedKey(h, 'dev')).toBe(KEY_ID);
  });

  it('without a terminal it says to use --stdin', () => {
    h = makeMigrateHome('add-notty', {});
    const run = spawnSync('setsid', [process.execPath, binKeyward, 'add', '--profile', 'dev'], { env: h.env, input: '', encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--stdin');
  });
});
