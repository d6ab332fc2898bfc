// AWS keys kept in other S3 tools' own files: s3fs's `~/.passwd-s3fs` (`AKID:SECRET` or
// `bucket:AKID:SECRET`), rclone's `rclone.conf` (`type = s3` remotes with `access_key_id` and
// `secret_access_key`), MinIO mc's `config.json` (aliases with `accessKey`/`secretKey`). Only AWS
// key IDs count (AKIA/ASIA/ABIA/ACCA…, not the documentation example): a MinIO or Wasabi key is
// not an AWS key. Each tool can do without a stored key; the remediation says how.
import { redact } from '../redact.js';
import { findKeyIds } from './patterns.js';
import type { RawFinding, Rule, Sources } from './types.js';
import type { ToolConfigFile } from '../sources/types.js';

interface Stored {
  line: number;
  keyId: string;
  /** The rclone remote or mc alias; none for s3fs. */
  name?: string;
}

/** The value is exactly one AWS key ID (word-bounded, entropy floor, no example). */
export function isAwsKeyId(value: string): boolean {
  return value.length === 20 && findKeyIds(value).length === 1;
}

/** s3fs: `AKID:SECRET` or `bucket:AKID:SECRET`; `#` comments. */
export function s3fsKeys(lines: readonly string[]): Stored[] {
  const found: Stored[] = [];
  lines.forEach((text, i) => {
    const line = text.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(':');
    if (fields.length < 2 || fields.length > 3) return;
    const [keyId, secret] = fields.slice(-2) as [string, string];
    if (isAwsKeyId(keyId.trim()) && secret.trim() !== '') found.push({ line: i + 1, keyId: keyId.trim() });
  });
  return found;
}

/** rclone: `[remote]` sections of `key = value`; a `type = s3` remote with an AWS key ID and a secret. */
export function rcloneKeys(lines: readonly string[]): Stored[] {
  const found: Stored[] = [];
  let remote: { name: string; values: Map<string, { value: string; line: number }> } | undefined;
  const close = (): void => {
    if (!remote) return;
    const id = remote.values.get('access_key_id');
    const secret = remote.values.get('secret_access_key')?.value ?? '';
    if (remote.values.get('type')?.value === 's3' && id && isAwsKeyId(id.value) && secret !== '') {
      found.push({ line: id.line, keyId: id.value, name: remote.name });
    }
  };
  lines.forEach((text, i) => {
    const line = text.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    if (line.startsWith('[') && line.endsWith(']')) {
      close();
      remote = { name: line.slice(1, -1), values: new Map() };
      return;
    }
    // rclone's INI reader (goconfig) splits a line at its first `=` or `:`: `access_key_id: AKIA…` is a key too.
    const eq = line.search(/[=:]/);
    if (!remote || eq < 0) return;
    remote.values.set(line.slice(0, eq).trim(), { value: line.slice(eq + 1).trim(), line: i + 1 });
  });
  close();
  return found;
}

/** mc: `{"aliases": {NAME: {"accessKey", "secretKey", …}}}` (`hosts` in older versions). */
export function mcKeys(lines: readonly string[]): Stored[] {
  let json: unknown;
  try {
    json = JSON.parse(lines.join('\n'));
  } catch {
    return [];
  }
  if (typeof json !== 'object' || json === null) return [];
  const record = json as Record<string, unknown>;
  const aliases = record.aliases ?? record.hosts;
  if (typeof aliases !== 'object' || aliases === null) return [];
  // The lines of each key ID, found in one pass (not one search per alias). Aliases sharing a key
  // take its lines in file order, so each finding points at its own alias.
  const linesOf = new Map<string, number[]>();
  lines.forEach((line, i) => {
    for (const m of findKeyIds(line)) linesOf.set(m.value, [...(linesOf.get(m.value) ?? []), i + 1]);
  });
  const found: Stored[] = [];
  for (const [name, alias] of Object.entries(aliases as Record<string, unknown>)) {
    if (typeof alias !== 'object' || alias === null) continue;
    const { accessKey, secretKey } = alias as Record<string, unknown>;
    if (typeof accessKey !== 'string' || !isAwsKeyId(accessKey) || typeof secretKey !== 'string' || secretKey === '') continue;
    found.push({ line: linesOf.get(accessKey)?.shift() ?? 1, keyId: accessKey, name });
  }
  return found;
}

function quoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A name from the file, shown without control characters. */
function shown(name: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point.
  return name.replace(/[\x00-\x1f\x7f-\x9f]/g, '?');
}

const ENV_ROUTE = 'the key at run time from the environment (`eval "$(aws configure export-credentials --profile NAME --format env)"` ' +
  'takes it from a profile keyward keeps in the OS keychain)';

function advice(file: ToolConfigFile, stored: Stored): { message: string; remediation: string } {
  const name = shown(stored.name ?? '');
  switch (file.tool) {
    case 's3fs':
      return {
        message: 'An AWS access key and its secret are stored in plain text in s3fs\'s password file.',
        remediation: `Delete the line (or the file) and let s3fs read ${ENV_ROUTE}: s3fs uses AWS_ACCESS_KEY_ID and ` +
          'AWS_SECRET_ACCESS_KEY when no password file is given, or `-o profile=NAME` for a profile of ~/.aws/credentials.',
      };
    case 'rclone':
      return {
        message: `The rclone S3 remote '${name}' stores an AWS access key and its secret in plain text.`,
        remediation: `Run \`rclone config update ${quoted(stored.name ?? '')} env_auth true\` and delete the remote's ` +
          'access_key_id and secret_access_key lines (rclone ignores env_auth while they are set): rclone then takes ' +
          'the key from the environment or the AWS profile (`profile = NAME`), keyward\'s credential_process included.',
      };
    case 'mc':
      return {
        message: `The mc alias '${name}' stores an AWS access key and its secret in plain text.`,
        remediation: `Empty the alias's accessKey and secretKey in ${file.path}: with no stored key mc reads ` +
          `AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY from the environment or the AWS credentials file (AWS_PROFILE), so give it ${ENV_ROUTE}.`,
      };
  }
}

const READERS: Record<ToolConfigFile['tool'], (lines: readonly string[]) => Stored[]> = { s3fs: s3fsKeys, rclone: rcloneKeys, mc: mcKeys };

/** The stored AWS keys of one tool file (insecure-file-permissions grades the file's mode by it). */
export function storedKeys(file: ToolConfigFile): Stored[] {
  return READERS[file.tool](file.lines);
}

function check(sources: Sources): RawFinding[] {
  return (sources.toolConfigs ?? []).flatMap((file) => storedKeys(file).map((stored) => ({
    ruleId: secretInToolConfig.id, severity: secretInToolConfig.severity, file: file.path, line: stored.line,
    key: `${file.tool}:${stored.name ?? redact(stored.keyId)}`,
    ...advice(file, stored),
    evidence: redact(stored.keyId),
  })));
}

export const secretInToolConfig: Rule = {
  id: 'secret-in-tool-config',
  severity: 'high',
  title: 'AWS key stored in another S3 tool\'s config',
  description: 'An AWS access key (AKIA/ASIA/ABIA/ACCA…) with its secret in s3fs\'s ~/.passwd-s3fs, a `type = s3` remote of ' +
    'rclone\'s rclone.conf, or an alias of MinIO mc\'s ~/.mc/config.json. Remotes using env_auth with no stored key, ' +
    'non-AWS keys (MinIO, Wasabi…) and the AWS documentation example are not findings.',
  check,
};
