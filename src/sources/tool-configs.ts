// Other S3 tools' own credentials files, for secret-in-tool-config and insecure-file-permissions:
// s3fs's `~/.passwd-s3fs`, rclone's `rclone.conf` (RCLONE_CONFIG, else `$XDG_CONFIG_HOME/rclone/`,
// else `~/.config/rclone/`, and the legacy `~/.rclone.conf`), MinIO `mc`'s `~/.mc/config.json`
// (MC_CONFIG_DIR honoured). Read as text through readTextFile (4 MiB cap); the rule parses them.
import path from 'node:path';
import { expandPath } from '../awsconfig/paths.js';
import type { Env } from '../awsconfig/paths.js';
import { readTextFile, textLines } from './read.js';
import type { FileError, ToolConfigFile } from './types.js';

export interface ToolConfigPath {
  path: string;
  tool: ToolConfigFile['tool'];
}

function fromEnv(value: string | undefined, env: Env, home: string): string | undefined {
  if (!value) return undefined;
  const expanded = expandPath(value, env, home);
  return path.isAbsolute(expanded) ? expanded : undefined;
}

export function toolConfigPaths(env: Env, home: string): ToolConfigPath[] {
  const configHome = fromEnv(env.XDG_CONFIG_HOME, env, home) ?? path.join(home, '.config');
  const rclone = fromEnv(env.RCLONE_CONFIG, env, home) ?? path.join(configHome, 'rclone', 'rclone.conf');
  const mcDir = fromEnv(env.MC_CONFIG_DIR, env, home) ?? path.join(home, '.mc');
  const paths: ToolConfigPath[] = [
    { path: path.join(home, '.passwd-s3fs'), tool: 's3fs' },
    { path: rclone, tool: 'rclone' },
    { path: path.join(home, '.rclone.conf'), tool: 'rclone' },
    { path: path.join(mcDir, 'config.json'), tool: 'mc' },
  ];
  return paths.filter((p, i) => paths.findIndex((q) => q.path === p.path) === i);
}

export function readToolConfig(entry: ToolConfigPath, errors: FileError[]): ToolConfigFile | undefined {
  const read = readTextFile(entry.path);
  if (read === null) return undefined;
  if ('error' in read) return void errors.push(read.error);
  return { path: entry.path, tool: entry.tool, lines: textLines(read.text), stat: read.stat };
}
