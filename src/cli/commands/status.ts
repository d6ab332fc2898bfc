// `keyward status [--format text|json]`: each profile and where its credentials live, the age of
// keys in the keychain, how many findings are open, and whether the background service runs.
// Every part degrades to a note rather than failing: status is what people run when unsure.
import { parseFormatOnly } from '../args.js';
import type { Context } from '../../context.js';
import { jsonToShow, linesToShow } from '../../display.js';
import { isKeywardError } from '../../errors.js';
import { credentialsPath } from '../../awsconfig/paths.js';
import type { CredentialSource, ProfileView } from '../../daemon/credential-sources.js';
import { classify, readProfiles } from '../../daemon/credential-sources.js';
import { realDeps } from '../../daemon/deps.js';
import { decodeItem } from '../../secrets/item.js';
import { osName } from '../../platform/paths.js';
import type { ServiceState } from '../../platform/service.js';
import { servicePlatform } from '../../platform/service.js';

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
  fileErrors: { file: string; message: string }[];
}

const HELP = `Usage: keyward status [--format text|json]

Lists each AWS profile and where its credentials live (keychain, plaintext, sso, process, role,
none), the age of keys in the keychain, the number of open findings, and the service state.
`;

export function parse(argv: string[]): { format: 'text' | 'json'; help: boolean } {
  return parseFormatOnly('status', argv);
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  const options = parse(argv);
  if (options.help) {
    ctx.out.write(HELP);
    return 0;
  }
  const status = await collectStatus(ctx);
  ctx.out.write(options.format === 'json' ? `${jsonToShow(status)}\n` : formatStatus(status));
  return 0;
}

export async function collectStatus(ctx: Context): Promise<Status> {
  const deps = realDeps();
  const read = await readProfiles(ctx.env, ctx.home);
  const credentials = credentialsPath(ctx.env, ctx.home);
  const profiles = read.profiles.map((p): ProfileStatus => ({ name: p.name, source: classify(p, deps.parseCredentialProcessLine, credentials) }));
  const keychainError = await addKeyAges(ctx, profiles, read.profiles);
  const [findings, service] = await Promise.all([countFindings(ctx), serviceState(ctx)]);
  return { version: 1, profiles, ...(keychainError && { keychainError }), findings, service, fileErrors: read.errors };
}

async function addKeyAges(ctx: Context, statuses: ProfileStatus[], views: ProfileView[]): Promise<string | undefined> {
  const deps = realDeps();
  const wanted = statuses.filter((s) => s.source === 'keychain');
  if (wanted.length === 0) return undefined;
  try {
    const store = await deps.openStore(ctx);
    for (const status of wanted) {
      const line = views.find((v) => v.name === status.name)?.settings.credential_process ?? '';
      const account = deps.parseCredentialProcessLine(line)?.profile ?? status.name;
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
    const deps = realDeps();
    const { findings } = await deps.scan(ctx, await deps.loadPolicy(ctx));
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

function describeError(error: unknown): string {
  if (isKeywardError(error)) return error.hint ? `${error.message}. ${error.hint}` : error.message;
  return error instanceof Error ? error.message : String(error);
}

export function formatStatus(status: Status): string {
  const width = Math.max(7, ...status.profiles.map((p) => p.name.length));
  const rows = status.profiles.map((p) =>
    `  ${p.name.padEnd(width)}  ${p.source.padEnd(9)}${p.ageDays !== undefined ? `  key stored ${p.ageDays} day(s) ago` : ''}`);
  const lines = ['Profiles:', ...(rows.length > 0 ? rows : ['  (none)'])];
  if (status.keychainError) lines.push(`  keychain unavailable, key ages unknown: ${status.keychainError}`);
  for (const problem of status.fileErrors) lines.push(`  ${problem.file}: ${problem.message}`);
  const f = status.findings;
  lines.push('error' in f ? `Findings: unknown (${f.error})`
    : `Findings: ${f.open} open (${f.high} high, ${f.medium} medium, ${f.low} low, ${f.info} info)${f.open > 0 ? "; run 'keyward scan'" : ''}`);
  const s = status.service;
  lines.push('error' in s ? `Service: unknown (${s.error})`
    : `Service: ${s.installed ? 'installed' : 'not installed'}, ${s.running ? 'running' : 'not running'}${s.detail ? ` (${s.detail})` : ''}`);
  // Profile names and paths come from the files: shown escaped.
  return linesToShow(`${lines.join('\n')}\n`);
}
