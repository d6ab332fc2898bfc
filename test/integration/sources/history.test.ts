// sources/history.ts against real files: the three formats, HISTFILE, and incremental reads (only
// appended bytes are read; truncation, rename and in-place rewrites start over).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ANCHOR_BYTES, createHistoryCache, histfileValue, historyPaths, mayHoldCredential, readHistory } from '../../../src/sources/history.js';
import type { HistoryPath } from '../../../src/sources/history.js';
import type { HistoryFile, TextFile } from '../../../src/sources/types.js';
import { KEY_ID, SECRET } from '../../support/keys.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-history-'));
});

function write(name: string, text: string): HistoryPath & { file: string } {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text, { mode: 0o600 });
  return { file, path: file, shell: name.includes('zsh') ? 'zsh' : name.includes('fish') ? 'fish' : 'bash' };
}

function read(entry: HistoryPath, ...rest: Parameters<typeof readHistory> extends [unknown, ...infer R] ? R : never): HistoryFile {
  const result = readHistory(entry, ...rest);
  if (!result || !('file' in result)) throw new Error(`no file: ${JSON.stringify(result)}`);
  return result.file;
}

const LINE = `aws configure set aws_secret_access_key ${SECRET}`;

describe('history formats', () => {
  it('bash: one command a line, timestamps skipped, only candidate commands kept', () => {
    const file = read(write('.bash_history', `ls\n#1700000000\n${LINE}\ncd /tmp\n`));
    expect(file.entries).toEqual([{ line: 3, lastLine: 3, text: LINE }]);
  });

  it('zsh extended: the time prefix is removed; a multi-line command is one entry at its first line', () => {
    const text = [': 1700000000:0;ls', `: 1700000001:3;aws configure set \\`, `  aws_access_key_id ${KEY_ID} \\`,
      `  && aws configure set aws_secret_access_key ${SECRET}`, ': 1700000002:0;pwd', `echo plain ${KEY_ID}`, ''].join('\n');
    const file = read(write('.zsh_history', text));
    expect(file.entries).toEqual([
      { line: 2, lastLine: 4, text: `aws configure set \n  aws_access_key_id ${KEY_ID} \n  && aws configure set aws_secret_access_key ${SECRET}` },
      { line: 6, lastLine: 6, text: `echo plain ${KEY_ID}` },
    ]);
  });

  it('fish: `- cmd:` entries with their escapes decoded; when/paths lines ignored', () => {
    const text = ['- cmd: ls', '  when: 1700000000', `- cmd: set -gx AWS_SECRET_ACCESS_KEY ${SECRET}\\necho done\\\\`, '  when: 1700000001',
      '  paths:', `    - /tmp/${KEY_ID}`, ''].join('\n');
    const file = read(write('fish_history', text));
    expect(file.entries).toEqual([{ line: 3, lastLine: 3, text: `set -gx AWS_SECRET_ACCESS_KEY ${SECRET}\necho done\\` }]);
  });

  it('reads a last line without its newline, and CRLF line ends', () => {
    expect(read(write('.bash_history', `ls\r\n${LINE}`)).entries).toEqual([{ line: 2, lastLine: 2, text: LINE }]);
  });

  it('reports a history over the cap as an error, and a FIFO is not opened', () => {
    const big = write('.bash_history', `${LINE}\n`.repeat(100));
    expect(readHistory(big, undefined, 1000)).toMatchObject({ error: { file: big.file, message: expect.stringContaining('larger than 1000 bytes') } });
    expect(readHistory({ path: path.join(dir, 'missing'), shell: 'bash' })).toBeNull();
    const fifo = path.join(dir, '.bash_history.fifo');
    execFileSync('mkfifo', [fifo]);
    expect(readHistory({ path: fifo, shell: 'bash' })).toEqual({ error: { file: fifo, message: 'is not a regular file, so it was not read' } });
  });

  it('the pre-filter keeps key IDs and mixed 40+ character runs, not paths', () => {
    const may = (text: string): boolean => mayHoldCredential(Buffer.from(text));
    expect([may(`x ${KEY_ID}`), may(`s=${SECRET}`), may('cd /home/alice/projects/keyward/node_modules/typescript'), may('ls -la')])
      .toEqual([true, true, false, false]);
  });
});

describe('history paths', () => {
  const text = (name: string, body: string): TextFile => ({ path: `/h/${name}`, kind: 'shell', lines: body.split('\n'),
    stat: { mode: 0o600, uid: 1, gid: 1, isFile: true, isDirectory: false, isSymlink: false, nlink: 1, dev: 1, ino: 1 } });

  it('adds the files HISTFILE= names in start-up files, zsh for .z* files', () => {
    const paths = historyPaths({ XDG_DATA_HOME: '/data' }, '/h', [
      text('.zshrc', 'export HISTFILE="$HOME/.histories/zsh"\n# HISTFILE=/commented'),
      text('.bashrc', "HISTFILE=~/.bash_eternal_history; HISTSIZE=-1\nHISTFILE=$(mktemp)\nHISTFILE=$UNSET/x"),
    ]);
    expect(paths).toEqual([
      { path: '/h/.bash_history', shell: 'bash' }, { path: '/h/.zsh_history', shell: 'zsh' },
      { path: '/data/fish/fish_history', shell: 'fish' }, { path: '/h/.histories/zsh', shell: 'zsh' },
      { path: '/h/.bash_eternal_history', shell: 'bash' },
    ]);
  });

  it('parses HISTFILE values', () => {
    expect(['HISTFILE=a', "typeset HISTFILE='b c'", 'MYHISTFILE=x', 'export HISTFILE=d;'].map(histfileValue)).toEqual(['a', 'b c', undefined, 'd']);
  });
});

describe('incremental reads', () => {
  it('reads only what was appended, and finds it', () => {
    const entry = write('.zsh_history', ': 1:0;ls\n'.repeat(10_000));
    const cache = createHistoryCache();
    expect(read(entry, cache).entries).toEqual([]);
    const before = cache.bytesRead;
    const appended = `: 2:0;${LINE}\n`;
    fs.appendFileSync(entry.file, appended);
    const file = read(entry, cache);
    expect(file.entries).toEqual([{ line: 10_001, lastLine: 10_001, text: LINE }]);
    // The anchor before the old offset, the appended bytes, and the anchor of the new offset read back.
    expect(cache.bytesRead - before).toBe(ANCHOR_BYTES + appended.length + ANCHOR_BYTES);
    expect(file.bytesRead).toBe(cache.bytesRead - before);
  });

  it('keeps earlier findings and does not re-read them when nothing changed', () => {
    const entry = write('.bash_history', `${LINE}\nls\n`);
    const cache = createHistoryCache();
    read(entry, cache);
    const file = read(entry, cache);
    expect(file.entries).toHaveLength(1);
    expect(file.bytesRead).toBe(2 * Math.min(ANCHOR_BYTES, fs.statSync(entry.file).size));
  });

  it('an unfinished zsh multi-line command is read again once finished', () => {
    const entry = write('.zsh_history', ': 1:0;ls\n: 2:0;aws configure set \\\n');
    const cache = createHistoryCache();
    expect(read(entry, cache).entries).toEqual([]);
    fs.appendFileSync(entry.file, `aws_secret_access_key ${SECRET}\n`);
    expect(read(entry, cache).entries).toEqual([{ line: 2, lastLine: 3, text: `aws configure set \naws_secret_access_key ${SECRET}` }]);
  });

  it('a line written in two parts is one command', () => {
    const entry = write('.bash_history', 'ls\naws configure set aws_secret_');
    const cache = createHistoryCache();
    read(entry, cache);
    fs.appendFileSync(entry.file, `access_key ${SECRET}\n`);
    expect(read(entry, cache).entries).toEqual([{ line: 2, lastLine: 2, text: LINE }]);
  });

  it('starts over after truncation (the secret deleted by the shell trimming its history)', () => {
    const entry = write('.bash_history', `${LINE}\n${'ls\n'.repeat(100)}`);
    const cache = createHistoryCache();
    expect(read(entry, cache).entries).toHaveLength(1);
    fs.writeFileSync(entry.file, 'ls\n');
    expect(read(entry, cache).entries).toEqual([]);
  });

  it('starts over after a rewrite by rename (zsh and bash save a new file)', () => {
    const entry = write('.zsh_history', `${LINE}\n${'ls\n'.repeat(100)}`);
    const cache = createHistoryCache();
    read(entry, cache);
    fs.writeFileSync(`${entry.file}.new`, `${'ls\n'.repeat(101)}pwd\n`);
    fs.renameSync(`${entry.file}.new`, entry.file);
    expect(read(entry, cache).entries).toEqual([]);
  });

  it('starts over after an in-place rewrite that kept or grew the size (the bytes before the offset changed)', () => {
    const entry = write('.bash_history', `${LINE}\n${'ls\n'.repeat(100)}`);
    const cache = createHistoryCache();
    read(entry, cache);
    const fd = fs.openSync(entry.file, 'r+');
    fs.writeSync(fd, Buffer.from(`${'ls\n'.repeat(101)}pwd\n`.padEnd(fs.statSync(entry.file).size + 10, '\n')), 0, undefined, 0);
    fs.closeSync(fd);
    expect(read(entry, cache).entries).toEqual([]);
  });
});
