// The programmatic scan: what `keyward scan` prints and what the daemon runs on every file change.
// Reads the sources once, runs each enabled rule, applies the policy's severities, and adds
// fingerprints. Never throws for a file's sake: unreadable or refused files land in `errors`.
import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { rules } from './rules/index.js';
import { redactText } from './redact.js';
import { credentialProcessReferences, referencedPaths } from './rules/references.js';
import { loadSources, statReferences } from './sources/load.js';
import { parseCredentialProcessLine } from './launcher/line.js';
import type { Context } from './context.js';
import type { Policy } from './policy/policy.js';
import type { Finding, KeyAge, RawFinding, Rule, Sources } from './rules/types.js';
import type { FileError } from './sources/types.js';
import type { HistoryCache } from './sources/history.js';

export type { FileError } from './sources/types.js';
export type { KeyAge } from './rules/types.js';

export interface ScanOptions {
  /**
   * Lists keyward's keychain items ({profile, createdAt}); called only when access-key-too-old is on
   * and some profile runs keyward's credential_process. A failure means "no keychain": no input.
   */
  loadKeyAges?: () => Promise<KeyAge[]>;
  /** The daemon's: history files are then read only from where the last scan stopped (see sources/history.ts). */
  historyCache?: HistoryCache;
  /** Called as each phase ends (`read and parse`, `references`, `keychain`, `rule <id>`): KEYWARD_TIMINGS's hook. */
  onPhase?: (phase: string) => void;
}

export interface ScanResult {
  findings: Finding[];
  errors: FileError[];
  /** Every path scan reads, or would read if it were created (for the daemon's watcher). */
  files: string[];
}

/** sha256 of what identifies the finding (never the secret), so alerts survive line moves. */
function fingerprintOf(raw: RawFinding, occurrence: number): string {
  const parts = [raw.ruleId, raw.file, raw.profile ?? '', raw.key ?? '', occurrence ? String(occurrence) : ''];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

function finish(raw: RawFinding, rule: Rule, policy: Policy, seen: Map<string, number>): Finding {
  const configured = policy.rules[rule.id]?.severity;
  // Only a severity the policy changed replaces the rule's own (which may vary, e.g. by file contents).
  const severity = configured && configured !== rule.severity ? configured : raw.severity;
  const profile = raw.profile === undefined ? undefined : redactText(raw.profile);
  const base = fingerprintOf({ ...raw, profile }, 0);
  const occurrence = seen.get(base) ?? 0;
  seen.set(base, occurrence + 1);
  const finding: Finding = {
    ruleId: raw.ruleId, severity, file: raw.file, line: raw.line, profile,
    message: redactText(raw.message), remediation: redactText(raw.remediation),
    evidence: raw.evidence, fingerprint: occurrence ? fingerprintOf({ ...raw, profile }, occurrence) : base,
  };
  if (finding.profile === undefined) delete finding.profile;
  if (finding.evidence === undefined) delete finding.evidence;
  return finding;
}

/** The profile each keychain item serves, from keyward's shim lines (its launcher, or `keyward credential-process`). */
function keywardAccounts(sources: Sources): Map<string, string> {
  const accounts = new Map<string, string>();
  for (const ref of credentialProcessReferences(sources)) {
    const parsed = parseCredentialProcessLine(ref.value);
    if (parsed && ref.profile !== undefined) accounts.set(parsed.account, ref.profile);
  }
  return accounts;
}

async function keyAges(sources: Sources, policy: Policy, options: ScanOptions): Promise<KeyAge[]> {
  const accounts = keywardAccounts(sources);
  if (!options.loadKeyAges || !policy.rules['access-key-too-old']?.enabled || accounts.size === 0) return [];
  try {
    return (await options.loadKeyAges()).map((age) => ({ ...age, profile: accounts.get(age.account) ?? age.account }));
  } catch {
    // No keychain (a headless box, a locked keyring): the rule simply has no input.
    return [];
  }
}

/**
 * At most this many findings of one rule on one line. A line with more (a generated file, or one
 * crafted to be 1 MB of key-like runs) is fixed by deleting it; reporting each of its 25,000 runs
 * made a report a hundred times the size of the file and kept the daemon busy for seconds.
 */
export const MAX_FINDINGS_PER_LINE = 10;

function perLineCap(raws: RawFinding[]): RawFinding[] {
  const counts = new Map<string, number>();
  return raws.filter((raw) => {
    const where = `${raw.file}\u0000${raw.line}`;
    const count = (counts.get(where) ?? 0) + 1;
    counts.set(where, count);
    return count <= MAX_FINDINGS_PER_LINE;
  });
}

/** Scans the current user's files under `ctx.home` / `ctx.env` with the given policy. */
export async function scan(ctx: Pick<Context, 'env' | 'home' | 'now'>, policy: Policy, options: ScanOptions = {}): Promise<ScanResult> {
  const loaded = await loadSources({
    env: ctx.env, home: ctx.home, now: ctx.now(), uid: process.getuid?.() ?? 0,
    extraPaths: policy.extraPaths, maxKeyAgeDays: policy.maxKeyAgeDays, keyAges: [], historyCache: options.historyCache,
  });
  options.onPhase?.('read and parse');
  await statReferences(loaded, referencedPaths(loaded.sources));
  options.onPhase?.('references');
  // Only now, and only when some profile runs keyward's shim: opening the keychain costs more than the whole scan.
  loaded.sources.keyAges = await keyAges(loaded.sources, policy, options);
  options.onPhase?.('keychain');
  const seen = new Map<string, number>();
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (!policy.rules[rule.id]?.enabled) continue;
    // Rules run synchronously; a turn of the event loop between them lets the daemon's SIGTERM
    // handler run in the middle of a scan of large files instead of after it.
    await nextTurn();
    for (const raw of perLineCap(rule.check(loaded.sources))) findings.push(finish(raw, rule, policy, seen));
    options.onPhase?.(`rule ${rule.id}`);
  }
  const errors = loaded.errors.map((e) => ({ ...e, message: redactText(e.message) }));
  return { findings, errors, files: [...new Set([...loaded.files, ...policy.files])] };
}
