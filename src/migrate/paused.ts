// Profiles the daemon must not migrate on its own. `keyward restore` puts each restored profile
// here, so that with `auto_migrate = true` the key it just put back is not moved to the keychain
// again seconds later (the uninstall path must work with the daemon running); an explicit
// `keyward migrate` of that profile takes it off the list. The list holds file paths and profile
// names only, never a key. Read and written under the files lock (migrate/lock.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { writeFileAtomic } from '../fsutil/atomic-write.js';
import { readRegularFile } from '../fsutil/read-file.js';
import { logDir, osName } from '../platform/paths.js';

export interface Paused {
  file: string;
  profile: string;
  /** ISO 8601: when restore paused it. */
  since: string;
}

export function pausedPath(ctx: Pick<Context, 'env' | 'home'>): string {
  return path.join(logDir(ctx.env, ctx.home, osName(process.platform)), 'auto-migrate-paused.json');
}

function readText(file: string): string | null {
  const read = readRegularFile(file);
  return read.ok ? read.bytes.toString('utf8') : null;
}

function parseList(text: string | null): Paused[] {
  if (text === null) return [];
  try {
    const data: unknown = JSON.parse(text);
    return Array.isArray(data) ? data.filter((p): p is Paused => typeof p?.file === 'string' && typeof p?.profile === 'string') : [];
  } catch {
    return [];
  }
}

export function readPaused(ctx: Pick<Context, 'env' | 'home'>): Paused[] {
  return parseList(readText(pausedPath(ctx)));
}

const same = (a: { file: string; profile: string }, b: { file: string; profile: string }): boolean => a.file === b.file && a.profile === b.profile;

/** Adds `add` and drops `remove` (file + profile); writes only when the list changes. */
export function updatePaused(ctx: Pick<Context, 'env' | 'home'>, add: Paused[], remove: { file: string; profile: string }[]): void {
  const file = pausedPath(ctx);
  const text = readText(file);
  const before = parseList(text);
  const kept = before.filter((p) => !remove.some((r) => same(p, r)) && !add.some((a) => same(p, a)));
  const after = [...kept, ...add];
  if (JSON.stringify(after) === JSON.stringify(before)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileAtomic(file, `${JSON.stringify(after, null, 2)}\n`, { expected: text });
}
