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
import { commandToShow, jsonToShow, linesToShow } from '../../display.js';

export interface ProfileStatus {
  name: string;
  source: CredentialSource;
  /** For `keychain`: when the key was stored, and its age in whole days (absent when createdAt is not a date). */
  createdAt?: string;
  ageDays?: number;
  /** For `keychain`: why the AWS CLI cannot get this profile's key, and what to do. */
  broken?: string;
}

export interface Status {
  version: 1;
  profiles: ProfileStatus[];
  /** Set when the keychain could not be read (locked, no Secret Service…). */
  keychainError?: string;
  /** keyward's keychain items that no profile's credential_process line names. */
  orphans: string[];
  /** Accounts whose replaced key is still kept as the previous key (secrets/kinds.ts), until retired. */
  previousKeys: string[];
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
  ctx.out.write(options.format === 'json' ? `${jsonToShow(status)}\n` : formatStatus(status));
  return statusExit(status);
}

/** 2 when a keyward profile exists and the keychain cannot be reached at all; 1 when some keyward profile is broken. */
export function statusExit(status: Status): number {
  const keychainProfiles = status.profiles.filter((p) => p.source === 'keychain');
  if (status.keychainError && keychainProfiles.length > 0) return EXIT.error;
  return keychainProfiles.some((p) => p.broken) ? EXIT.incomplete : EXIT.ok;
}

export async function collectStatus(ctx: Context): Promise<Status> {
  const read = readProfiles(ctx.env, ctx.home);
  const profiles = read.profiles.map((p): ProfileStatus => ({ name: p.name, source: credentialSource(p) }));
  const keychain = await inspectKeychain(ctx, profiles, read.profiles);
  const previousKeys = keychain.error ? [] : await heldPrevious(ctx);
  const [findings, service] = await Promise.all([countFindings(ctx), serviceState(ctx)]);
  return { version: 1, profiles, ...(keychain.error && { keychainError: keychain.error }), orphans: keychain.orphans, previousKeys, findings, service,
    fileErrors: read.errors };
}

/**
 * Reads keyward's items once (`list`) and checks each keyward profile's: present, a keyward item,
 * a real createdAt. Items no profile names are orphans. With no keyward profile, a keychain that
 * cannot be reached is no error (nothing needs it).
 */
async function inspectKeychain(ctx: Context, statuses: ProfileStatus[], views: ProfileView[]): Promise<{ error?: string; orphans: string[] }> {
  const wanted = statuses.filter((s) => s.source === 'keychain');
  const accountOf = (name: string): string => {
    const view = views.find((v) => v.name === name);
    return (view && keychainAccount(view)) ?? name;
  };
  let items: Map<string, string>;
  try {
    items = new Map((await openSecretStore('command', ctx.env).list()).map((i) => [i.account, i.password]));
  } catch (error) {
    for (const status of wanted) status.broken = `the keychain cannot be read: ${describeError(error)}`;
    return wanted.length > 0 ? { error: describeError(error), orphans: [] } : { orphans: [] };
  }
  for (const status of wanted) {
    const account = accountOf(status.name);
    checkItem(status, account, items.get(account), ctx.now());
  }
  const used = new Set(views.map((v) => keychainAccount(v)).filter((a): a is string => a !== undefined));
  return { orphans: [...items.keys()].filter((account) => !used.has(account)).sort() };
}

/** The accounts holding a previous key; none when they cannot be listed (the key list already said why). */
async function heldPrevious(ctx: Context): Promise<string[]> {
  try {
    return (await openSecretStore('command', ctx.env, 'previous').list()).map((i) => i.account).sort();
  } catch {
    return [];
  }
}

function checkItem(status: ProfileStatus, account: string, password: string | undefined, now: Date): void {
  if (password === undefined) {
    status.broken = `its keychain item '${account}' is missing. Put the key back in the profile (or run 'keyward restore' from a backup) and run 'keyward migrate'`;
    return;
  }
  try {
    status.createdAt = decodeItem(password, account).createdAt;
  } catch (error) {
    status.broken = describeError(error);
    return;
  }
  const created = Date.parse(status.createdAt);
  if (!Number.isNaN(created)) status.ageDays = Math.floor((now.getTime() - created) / 86_400_000);
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

function profileNote(p: ProfileStatus): string {
  if (p.broken) return `  BROKEN: ${p.broken}`;
  if (p.source !== 'keychain' || p.createdAt === undefined) return '';
  return p.ageDays !== undefined ? `  key stored ${p.ageDays} day(s) ago` : '  key age unknown (the item has no valid date)';
}

export function formatStatus(status: Status): string {
  const width = Math.max(7, ...status.profiles.map((p) => p.name.length));
  const rows = status.profiles.map((p) => `  ${p.name.padEnd(width)}  ${p.source.padEnd(9)}${profileNote(p)}`);
  const lines = ['Profiles:', ...(rows.length > 0 ? rows : ['  (none)'])];
  if (status.keychainError) lines.push(`  keychain unavailable, key ages unknown: ${status.keychainError}`);
  if (status.orphans.length > 0) {
    lines.push(`Keychain items no profile uses: ${status.orphans.map((o) => `'${o}'`).join(', ')} (\`keyward remove --orphans\` deletes them once you are sure)`);
  }
  if (status.previousKeys.length > 0) {
    lines.push(`Previous keys still held (retire each in IAM, then run ${status.previousKeys.map((a) => `\`${commandToShow(['keyward', 'remove', '--profile', a, '--previous'])}\``).join(', ')}): ${status.previousKeys.map((a) => `'${a}'`).join(', ')}`);
  }
  for (const problem of status.fileErrors) lines.push(`  ${problem.file}${problem.line !== undefined ? `:${problem.line}` : ''}: ${problem.message}`);
  const f = status.findings;
  lines.push('error' in f ? `Findings: unknown (${f.error})`
    : `Findings: ${f.open} open (${f.high} high, ${f.medium} medium, ${f.low} low, ${f.info} info)${f.open > 0 ? "; run 'keyward scan'" : ''}`);
  const s = status.service;
  lines.push('error' in s ? `Service: unknown (${s.error})`
    : `Service: ${s.installed ? 'installed' : 'not installed'}, ${s.running ? 'running' : 'not running'}${s.detail ? ` (${s.detail})` : ''}`);
  // Profile names and paths come from the files: shown escaped.
  return linesToShow(`${lines.join('\n')}\n`);
}
