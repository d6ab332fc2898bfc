// Builds the Sources value the rules read from inline texts, for pure rule tests (no files: the
// paths are made up). Integration tests read real files through loadSources instead. Fake keys
// come from keys.ts.
import { parse } from '../../src/awsconfig/parse.js';
import type { FileStat, Sources, TextFile } from '../../src/rules/types.js';

export const HOME = '/home/u';
export const CONFIG = `${HOME}/.aws/config`;
export const CREDENTIALS = `${HOME}/.aws/credentials`;

export function fileStat(mode = 0o600, uid = 1000, isFile = true): FileStat {
  return { mode, uid, gid: uid, isFile, isDirectory: !isFile, isSymlink: false, nlink: 1, dev: 1, ino: 1 };
}

export interface SourcesInit {
  config?: string;
  credentials?: string;
  texts?: { path: string; kind: TextFile['kind']; text: string }[];
  patch?: Partial<Sources>;
}

export function sources(init: SourcesInit): Sources {
  const texts: TextFile[] = (init.texts ?? []).map((t) => ({
    path: t.path, kind: t.kind, lines: t.text.split(/\r\n|\r|\n/), stat: fileStat(),
  }));
  return {
    home: HOME, env: {}, uid: 1000, now: new Date('2026-06-01T00:00:00Z'),
    config: init.config === undefined ? undefined
      : { path: CONFIG, kind: 'config', text: init.config, doc: parse(init.config, 'config'), stat: fileStat() },
    credentials: init.credentials === undefined ? undefined
      : { path: CREDENTIALS, kind: 'credentials', text: init.credentials, doc: parse(init.credentials, 'credentials'), stat: fileStat() },
    texts, caBundles: new Map(), programs: new Map(), keyAges: [], maxKeyAgeDays: 90,
    ...init.patch,
  };
}

export function shell(text: string, name = '.bashrc'): SourcesInit['texts'] {
  return [{ path: `${HOME}/${name}`, kind: name.endsWith('.fish') ? 'fish' : name.startsWith('.env') ? 'env' : 'shell', text }];
}
