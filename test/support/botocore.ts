// Runs botocore (the machine's python3) over files, for differential tests of src/awsconfig.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { supportDir } from './paths.js';
import { makeTempDir } from './temp-home.js';

const script = path.join(supportDir, 'botocore_view.py');

export interface FilePair {
  config?: string;
  credentials?: string;
}

type Raw = Record<string, Record<string, unknown>>;

export interface BotocoreView {
  config?: { raw?: Raw; error?: true };
  credentials?: { raw?: Raw; error?: true };
  profileMap?: { profiles: Raw; sso_sessions: Raw; services: Raw } & Record<string, unknown>;
  profiles?: Raw;
}

/** Writes each pair's texts to files and returns botocore's view of each, in order. */
export function botocoreView(pairs: FilePair[]): BotocoreView[] {
  const dir = makeTempDir('botocore');
  try {
    const manifest = pairs.map((pair, i) => {
      const entry: Record<string, string | null> = { config: null, credentials: null };
      for (const kind of ['config', 'credentials'] as const) {
        const text = pair[kind];
        if (text === undefined) continue;
        const file = path.join(dir, `${i}.${kind}`);
        writeFileSync(file, text, 'utf8');
        entry[kind] = file;
      }
      return entry;
    });
    const manifestPath = path.join(dir, 'manifest.json');
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const out = execFileSync('python3', [script, manifestPath], {
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, PYTHONUTF8: '1', PYTHONIOENCODING: 'utf-8' },
    });
    return JSON.parse(out) as BotocoreView[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
