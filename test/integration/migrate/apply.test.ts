// apply's ordering and failure branches, with an in-memory store (the real keyring is covered by
// the other integration and e2e tests). The file is real, in a temp HOME's ~/.aws.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from '../../../src/awsconfig/parse.js';
import { applyFile } from '../../../src/migrate/apply.js';
import { plan } from '../../../src/migrate/plan.js';
import type { LoadedFile } from '../../../src/migrate/files.js';
import { encodeItem } from '../../../src/secrets/item.js';
import { KEY_ID as ID, KEY_ID_2, KEY_ID_3 as OTHER_ID, SECRET } from '../../support/keys.js';
import { createMemoryStore } from '../../support/memory-store.js';
import { createTempHome, type TempHome } from '../../support/temp-home.js';

const TEXT = `[a]\naws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\n[b]\naws_access_key_id = ${KEY_ID_2}\naws_secret_access_key = ${SECRET}\n`;

describe(applyFile.name, () => {
  let temp: TempHome;
  let dir: string;
  let file: LoadedFile;
  const steps = () => plan({ credentials: file }, { profiles: [] }).steps;
  const options = (store = createMemoryStore(), seen: string[] = []) => ({
    store, existing: new Map(store.items), now: new Date('2026-01-02T03:04:05Z'), shimLine: (p: string, a: string) => (p === a ? `/k --profile ${p}` : `/k --profile ${p} --item '${a}'`), onStep: (s: string) => void seen.push(s),
  });
  beforeEach(() => {
    temp = createTempHome('apply', { files: { '.aws/credentials': { text: TEXT, mode: 0o644 } } });
    dir = path.dirname(temp.aws('credentials'));
    file = { path: temp.aws('credentials'), text: TEXT, doc: parse(TEXT, 'credentials') };
  });
  afterEach(() => temp.cleanup());

  it('stores every key before writing, then tightens the mode to 0600', async () => {
    const seen: string[] = [];
    const store = createMemoryStore();
    const result = await applyFile(file, steps(), options(store, seen));
    expect(result.failed).toEqual([]);
    expect(seen).toEqual(['stored', 'stored', 'verified', 'temp-written', 'checked', 'renamed']);
    expect(fs.readFileSync(file.path, 'utf8')).toBe('[a]\ncredential_process = /k --profile a\n[b]\ncredential_process = /k --profile b\n');
    expect(fs.statSync(file.path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(store.items.get('a') as string)).toMatchObject({ v: 1, AccessKeyId: ID, SecretAccessKey: SECRET,
      createdAt: '2026-01-02T03:04:05.000Z', source: { file: file.path, section: 'a', lines: [`aws_access_key_id = ${ID}`, `aws_secret_access_key = ${SECRET}`] } });
  });

  it('keeps the key in the file when the read-back differs', async () => {
    const store = createMemoryStore();
    store.tamper = (value) => value.replace(SECRET, 'x'.repeat(40));
    const result = await applyFile(file, steps(), options(store));
    expect(result.done).toEqual([]);
    expect(result.failed.map((f) => f.error.code)).toEqual(['keychain-readback-mismatch', 'keychain-readback-mismatch']);
    expect(fs.readFileSync(file.path, 'utf8')).toBe(TEXT);
  });

  it('never overwrites an item another file owns: stores under the profile and file, and names that item in the line', async () => {
    const store = createMemoryStore();
    const other = { v: 1 as const, AccessKeyId: OTHER_ID, SecretAccessKey: SECRET, createdAt: 'x', source: { file: '/elsewhere', section: 'a' } };
    store.items.set('a', encodeItem(other));
    const result = await applyFile(file, steps(), options(store));
    expect(result.failed).toEqual([]);
    expect(result.done.map((d) => d.account)).toEqual([`a (${file.path})`, 'b']);
    expect(JSON.parse(store.items.get('a') as string).AccessKeyId).toBe(OTHER_ID);
    expect(JSON.parse(store.items.get(`a (${file.path})`) as string).AccessKeyId).toBe(ID);
    expect(fs.readFileSync(file.path, 'utf8')).toBe(`[a]\ncredential_process = /k --profile a --item 'a (${file.path})'\n[b]\ncredential_process = /k --profile b\n`);
  });

  it('never overwrites a different key the keychain already holds for that same section', async () => {
    const store = createMemoryStore();
    const other = { v: 1 as const, AccessKeyId: OTHER_ID, SecretAccessKey: SECRET, createdAt: 'x', source: { file: file.path, section: 'a' } };
    store.items.set('a', encodeItem(other));
    const result = await applyFile(file, steps(), options(store));
    expect(result.failed.map((f) => [f.step.profile, f.error.code])).toEqual([['a', 'keychain-readback-mismatch']]);
    expect(JSON.parse(store.items.get('a') as string).AccessKeyId).toBe(OTHER_ID);
    expect(fs.readFileSync(file.path, 'utf8')).toBe(`[a]\naws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\n[b]\ncredential_process = /k --profile b\n`);
  });

  it('refuses a profile name the keychain would cut at a NUL, leaving that profile alone', async () => {
    const text = `[de\0v]\naws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\n`;
    fs.writeFileSync(file.path, text);
    file = { path: file.path, text, doc: parse(text, 'credentials') };
    const store = createMemoryStore();
    const result = await applyFile(file, steps(), options(store));
    expect(result.failed.map((f) => f.error.code)).toEqual(['profile-invalid']);
    expect(store.items.size).toBe(0);
    expect(fs.readFileSync(file.path, 'utf8')).toBe(text);
  });

  it('deletes the items it stored when the final write fails, and says so', async () => {
    const store = createMemoryStore();
    const full = Object.assign(new Error('no space'), { code: 'ENOSPC' });
    const failing = { ...options(store), onStep: (s: string) => { if (s === 'temp-written') throw full; } };
    const error = await applyFile(file, steps(), failing).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'file-unwritable', hint: expect.stringContaining('the keychain items this run had stored were deleted again') });
    expect(store.items.size).toBe(0);
    expect(fs.readFileSync(file.path, 'utf8')).toBe(TEXT);
  });

  it('lets a keychain error through without touching the file', async () => {
    const store = createMemoryStore();
    store.failSet = new Error('boom');
    await expect(applyFile(file, steps(), options(store))).rejects.toThrow('boom');
    expect(fs.readFileSync(file.path, 'utf8')).toBe(TEXT);
  });

  it('stops when another program changed the file since it was read', async () => {
    fs.appendFileSync(file.path, '[c]\nregion = x\n');
    await expect(applyFile(file, steps(), options())).rejects.toMatchObject({ code: 'file-changed-during-write' });
    expect(fs.readFileSync(file.path, 'utf8')).toBe(`${TEXT}[c]\nregion = x\n`);
    expect(fs.readdirSync(dir)).toEqual(['credentials']);
  });
});
