// Where the files scan reads live, for one HOME. The AWS files honour AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE, as botocore does.
import path from 'node:path';
import { configPath, credentialsPath, expandPath } from '../awsconfig/paths.js';
import type { Env } from '../awsconfig/paths.js';
import type { TextFile } from './types.js';

export interface TextPath {
  path: string;
  kind: TextFile['kind'];
}

const SHELL_FILES = ['.bashrc', '.bash_profile', '.bash_login', '.profile', '.zshrc', '.zprofile', '.zshenv', '.zlogin'];

export interface ScanPaths {
  config: string;
  credentials: string;
  awsDir: string;
  texts: TextPath[];
}

/** Guesses a kind for an extra path from its name: fish and dotenv by suffix/prefix, else POSIX shell. */
export function kindOf(file: string): TextFile['kind'] {
  const name = path.basename(file);
  if (name.endsWith('.fish')) return 'fish';
  if (name === 'fish_variables') return 'fish-variables';
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'env';
  if (name === '.boto') return 'boto';
  if (name === '.s3cfg') return 's3cfg';
  return 'shell';
}

/**
 * Every fixed path scan reads. `envFiles` are the `.env` / `.env.*` names found directly in HOME;
 * `extraPaths` come from the policy (`~` and `$VAR` expanded).
 */
export function scanPaths(env: Env, home: string, envFiles: string[], extraPaths: string[]): ScanPaths {
  const texts: TextPath[] = [
    { path: path.join(home, '.aws', 'cli', 'alias'), kind: 'alias' },
    ...SHELL_FILES.map((name) => ({ path: path.join(home, name), kind: 'shell' as const })),
    { path: path.join(home, '.config', 'fish', 'config.fish'), kind: 'fish' },
    { path: path.join(home, '.config', 'fish', 'fish_variables'), kind: 'fish-variables' },
    ...['.env', ...envFiles.filter((n) => n !== '.env')].map((name) => ({ path: path.join(home, name), kind: 'env' as const })),
    { path: path.join(home, '.boto'), kind: 'boto' },
    { path: path.join(home, '.s3cfg'), kind: 's3cfg' },
  ];
  for (const extra of extraPaths) {
    const resolved = path.resolve(home, expandPath(extra, env, home));
    if (!texts.some((t) => t.path === resolved)) texts.push({ path: resolved, kind: kindOf(resolved) });
  }
  return { config: configPath(env, home), credentials: credentialsPath(env, home), awsDir: path.join(home, '.aws'), texts };
}

/** `.env` and `.env.*` file names in a directory listing. */
export function envFileNames(names: string[]): string[] {
  return names.filter((name) => name === '.env' || name.startsWith('.env.')).sort();
}
