// The rotation journal on disk: one 0600 file per account in a 0700 directory, replaced whole,
// holding key IDs and never a secret; anything else in its place is reported, not ignored.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { journalDir, journalPath, readJournal, removeJournal, writeJournal, type RotateJournal } from '../../../src/lifecycle/journal.js';
import { fakeKey } from '../../support/keys.js';
import { createTempHome, type TempHome } from '../../support/temp-home.js';

let home: TempHome | undefined;
afterEach(() => {
  home?.cleanup();
  home = undefined;
});

const journal = (account: string): RotateJournal => ({ v: 1, profile: account, account, step: 'created', oldKeyId: fakeKey(1).id,
  newKeyId: fakeKey(2).id, userArn: 'arn:aws:iam::123456789012:user/alice', startedAt: '2026-01-01T00:00:00.000Z', deleteOld: false });

describe('the rotation journal', () => {
  it('round-trips, 0600 in a 0700 directory under XDG_STATE_HOME, with no secret', () => {
    home = createTempHome('journal');
    const file = journalPath(home.env, home.home, 'work');
    expect(path.dirname(file)).toBe(path.join(home.env.XDG_STATE_HOME as string, 'keyward/rotate'));
    writeJournal(file, journal('work'));
    expect(readJournal(file)).toEqual(journal('work'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(journalDir(home.env, home.home)).mode & 0o777).toBe(0o700);
    const text = fs.readFileSync(file, 'utf8');
    for (const n of [1, 2]) expect(text).not.toContain(fakeKey(n).secret);
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]); // no temp file left
    removeJournal(file);
    expect(readJournal(file)).toBeUndefined();
  });

  it('gives each account its own file, whatever characters its name holds', () => {
    home = createTempHome('journal-names');
    const names = ['work', 'my prof', "o'brien", '../etc', 'work (/home/u/.aws/config)'];
    const files = names.map((n) => journalPath(home!.env, home!.home, n));
    expect(new Set(files).size).toBe(names.length);
    for (const f of files) expect(path.basename(f)).toMatch(/^[0-9a-f]{32}\.json$/);
  });

  it('refuses a file that is not a journal, naming it', () => {
    home = createTempHome('journal-bad');
    const file = journalPath(home.env, home.home, 'work');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (const text of ['not json', '{"v":1}', JSON.stringify({ ...journal('work'), step: 'elsewhere' })]) {
      fs.writeFileSync(file, text);
      expect(() => readJournal(file)).toThrow(`${file} is not a keyward rotation journal`);
    }
  });
});
