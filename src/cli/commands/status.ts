// `keyward status [--format text|json]`: each profile and where its credentials live, the age of
// keys in the keychain, how many findings are open, and whether the background service runs.
// Every part degrades to a note rather than failing: status is what people run when unsure.
import { parseFormatOnly } from '../args.js';
import type { Context } from '../../context.js';
import { describeError } from '../../errors.js';
import type { ProfileView } from '../../awsconfig/profiles.js';
import { loadPolicy } from '../../policy/load.js';
import { scan } from '../../scan.js';
import { decodeItem } from '../../secrets/item.js';
import { openSecretStore } from '../../secrets/open.js';
import { credentialSource, keychainAccount, readProfiles } from '../../sources/profiles.js';
import type { CredentialSource } from '../../sources/profiles.js';
import type { FileError } from '../../sources/types.js';
import { osName } from '../../platform/paths.js';
import type { ServiceState } from '../../platform/service.js';
import { servicePlatform } from '../../platform/service.js';
import { EXIT } from '../exit-codes.js';

export interface ProfileStatus {
  name: string;
  source: CredentialSource;
  /** For `keychain`: when the key was stored, and its age in whole days. */
  createdAt?: string;
  ageDays?: number;
}

export interface Status {
  version: 1;
  profiles: ProfileStatus[];
  /** Set when the keychain could not be read (locked, no Secret Service…). */
  keychainError?: string;
  findings: { open: number; high: number; medium: number; low: number; info: number } | { error: string };
  service: ServiceState | { error: string };
  fileErrors: FileError[];
}

const HELP = `Usage: keyward status [--format text|json]

Lists each AWS profile and where its credentials live (keychain, plaintext, sso, process, role,
none), the age of keys in the keychain, the number of open findings, and the service state.

Options:
  --format text|json  text (default) or json
  -h, --help          show this help
`;

export function parse(argv: string[]): { format: 'text' | 'json'; help: boolean } {
  return parseFormatOnly('status', argv);
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  const options = parse(argv);
  if (options.help) {
    ctx.out.write(HELP);
    return EXIT.ok;
  }
  const status = await collectStatus(ctx);
  ctx.out.write(options.format === 'json' ? `${JSON.stringify(status)}\n` : formatStatus(status));
  return EXIT.ok;
}

export async function collectStatus(ctx: Context): Promise<Status> {
  const read = readProfiles(ctx.env, ctx.home);
  const profiles = read.profiles.map((p): ProfileStatus => ({ name: p.name, source: credentialSource(p) }));
  const keychainError = await addKeyAges(ctx, profiles, read.profiles);
  const [findings, service] = await Promise.all([countFindings(ctx), serviceState(ctx)]);
  return { version: 1, profiles, ...(keychainError && { keychainError }), findings, service, fileErrors: read.errors };
}

async function addKeyAges(ctx: Context, statuses: ProfileStatus[], views: ProfileView[]): Promise<string | undefined> {
  const wanted = statuses.filter((s) => s.source === 'keychain');
  if (wanted.length === 0) return undefined;
  try {
    const store = openSecretStore('command', ctx.env);
    for (const status of wanted) {
      const view = views.find((v) => v.name === status.name);
      const account = (view && keychainAccount(view)) ?? status.name;
      const password = await store.get(account);
      if (password === null) continue;
      status.createdAt = decodeItem(password, account).createdAt;
      status.ageDays = Math.floor((ctx.now().getTime() - Date.parse(status.createdAt)) / 86_400_000);
    }
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}

async function countFindings(ctx: Context): Promise<Status['findings']> {
  try {
    const { findings } = await scan(ctx, await loadPolicy(ctx));
    const counts = { open: findings.length, high: 0, medium: 0, low: 0, info: 0 };
    for (const finding of findings) counts[finding.severity] += 1;
    return counts;
  } catch (error) {
    return { error: describeError(error) };
  }
}

async function serviceState(ctx: Context): Promise<Status['service']> {
  try {
    return await (await servicePlatform({ env: ctx.env, home: ctx.home, os: osName(process.platform) })).status();
  } catch (error) {
    return { error: describeError(error) };
  }
}

export function formatStatus(status: Status): string {
  const width = Math.max(7, ...status.profiles.map((p) => p.name.length));
  const rows = status.profiles.map((p) =>
    `  ${p.name.padEnd(width)}  ${p.source.padEnd(9)}${p.ageDays !== undefined ? `  key stored ${p.ageDays} day(s) ago` : ''}`);
  const lines = ['Profiles:', ...(rows.length > 0 ? rows : ['  (none)'])];
  if (status.keychainError) lines.push(`  keychain unavailable, key ages unknown: ${status.keychainError}`);
  for (const problem of status.fileErrors) lines.push(`  ${problem.file}${problem.line !== undefined ? `:${problem.line}` : ''}: ${problem.message}`);
  const f = status.findings;
  lines.push('error' in f ? `Findings: unknown (${f.error})`
    : `Findings: ${f.open} open (${f.high} high, ${f.medium} medium, ${f.low} low, ${f.info} info)${f.open > 0 ? "; run 'keyward scan'" : ''}`);
  const s = status.service;
  lines.push('error' in s ? `Service: unknown (${s.error})`
    : `Service: ${s.installed ? 'installed' : 'not installed'}, ${s.running ? 'running' : 'not running'}${s.detail ? ` (${s.detail})` : ''}`);
  return `${lines.join('\n')}\n`;
}
