// The daemon's state machine, without watchers or timers: rescan, compare with what is open,
// emit what is new or fixed, auto-migrate new plaintext keys, remind, check launchers. run.ts
// drives it from chokidar and node-cron; tests drive it directly.
import type { Context } from '../context.js';
import type { SecretStore } from '../secrets/store.js';
import { describeError, isKeywardError } from '../errors.js';
import { redact } from '../redact.js';
import type { DaemonDeps, FileError, Finding, KeyAge, Policy, ScanResult } from './contracts.js';
import type { DaemonEvent } from './events.js';
import { findingEvent, resolvedEvent } from './events.js';
import { diffFindings, keepUnreadable } from './alerts.js';
import { listKeyAges } from '../sources/key-ages.js';
import { checkLaunchers } from './shim-check.js';
import type { DesktopNotifier } from './sinks/desktop.js';
import { createHistoryCache } from '../sources/history.js';
import type { HistoryCache } from '../sources/history.js';

export interface MonitorOptions {
  ctx: Context;
  deps: DaemonDeps;
  /** The current policy; run.ts reloads it when a policy file changes. */
  policy: () => Policy;
  emit: (event: DaemonEvent) => void;
  desktop: DesktopNotifier;
}

export interface Monitor {
  /** Rescans (coalescing requests made while one runs); resolves when the state is current. */
  rescan(options?: { keyAges?: boolean }): Promise<void>;
  remind(): void;
  checkLaunchers(): Promise<void>;
  /** The files the last scan read or would read. */
  files(): string[];
  open(): Finding[];
}

const KEY_AGE_RULE = 'access-key-too-old';

/** What the helpers below share with one monitor. */
interface Runtime extends MonitorOptions {
  /** The keychain, opened on first use; a failed open is retried next time. */
  openStore(): Promise<SecretStore>;
  /** Kept for the daemon's life: each rescan reads only what was appended to a history file. */
  historyCache: HistoryCache;
}

export function createMonitor(options: MonitorOptions): Monitor {
  const { ctx, emit } = options;
  let open = new Map<string, Finding>();
  let errorKeys = new Map<string, FileError>();
  let files: string[] = [];
  let store: Promise<SecretStore> | undefined;
  const runtime: Runtime = { ...options, historyCache: createHistoryCache(), openStore: () => (store ??= options.deps.openStore(ctx).catch((error: unknown) => {
    store = undefined;
    throw error;
  })) };

  const scanOnce = async (keyAges: boolean): Promise<void> => {
    const ages = { failed: false };
    const result = await scanSafely(runtime, keyAges ? ages : undefined);
    if (!result) return;
    files = result.files;
    errorKeys = emitNewErrors(result, errorKeys, ctx, emit);
    const diff = diffFindings(open, carryForward(open, result, keyAges && !ages.failed));
    open = diff.open;
    for (const finding of diff.resolved) emit(resolvedEvent(finding, ctx.now()));
    for (const finding of diff.added) emit(findingEvent(finding, ctx.now()));
    await notifyHigh(diff.added, options);
    if (options.policy().autoMigrate && await autoMigrate(runtime, diff.added)) void rescan(false);
    // Only on key-age checks: the open too-old findings are exactly the keys to rotate.
    if (keyAges && !ages.failed && options.policy().autoRotate && await autoRotate(runtime, [...open.values()])) void rescan(true);
  };

  const rescan = coalesce(scanOnce);
  return {
    rescan: (opts) => rescan(opts?.keyAges ?? false),
    remind: () => { for (const finding of open.values()) emit(findingEvent(finding, ctx.now(), true)); },
    checkLaunchers: async () => {
      for (const { repaired, ...problem } of await checkLaunchers(ctx.env, ctx.home)) {
        emit({ event: repaired ? 'repaired' : 'error', time: ctx.now().toISOString(), ...problem });
      }
    },
    files: () => files,
    open: () => [...open.values()],
  };
}

/**
 * One scan; a thrown error becomes an `error` event. scan asks for key ages only when some profile
 * uses keyward's shim. A locked or missing keychain must not look like "every old key was fixed":
 * the failure is noted in `ages`, and the caller keeps the open age findings.
 */
async function scanSafely(runtime: Runtime, ages: { failed: boolean } | undefined): Promise<ScanResult | undefined> {
  const { ctx, emit } = runtime;
  const loadAges = async (): Promise<KeyAge[]> => {
    try {
      return await listKeyAges(await runtime.openStore());
    } catch (error) {
      if (ages) ages.failed = true;
      emit(errorEvent(ctx, error, 'key-age check skipped: '));
      throw error;
    }
  };
  try {
    const historyCache = runtime.historyCache;
    return await runtime.deps.scan(ctx, runtime.policy(), ages ? { loadKeyAges: loadAges, historyCache } : { historyCache });
  } catch (error) {
    emit(errorEvent(ctx, error));
    return undefined;
  }
}

/** Migrates the profiles of new plaintext keys; true when some profile was migrated. */
async function autoMigrate(runtime: Runtime, added: Finding[]): Promise<boolean> {
  const { ctx, emit } = runtime;
  const profiles = [...new Set(added.filter(isPlaintextKey).map((finding) => finding.profile as string))];
  if (profiles.length === 0) return false;
  try {
    const result = await runtime.deps.migrate(ctx, await runtime.openStore(), { profiles, auto: true });
    for (const { profile, file } of result.migrated) emit({ event: 'migrated', time: ctx.now().toISOString(), profile, file });
    for (const { profile, file, reason } of result.skipped.filter((s) => profiles.includes(s.profile) && s.leavesKey)) {
      emit({ event: 'skipped', time: ctx.now().toISOString(), profile, file, reason: reason ?? 'left alone' });
    }
    for (const { profile, file, reason } of result.failed) {
      emit({ event: 'error', time: ctx.now().toISOString(), profile, file, message: `auto-migration failed: ${reason ?? 'see keyward migrate'}` });
    }
    return result.migrated.length > 0;
  } catch (error) {
    emit(errorEvent(ctx, error, 'auto-migration failed: '));
    return false;
  }
}

/**
 * auto_rotate: rotates each profile whose key is too old, one at a time; true when one was. A
 * rotation that stops (two keys, AWS refused) is an error event and is tried again at the next
 * key-age check, since its finding stays open.
 */
async function autoRotate(runtime: Runtime, open: Finding[]): Promise<boolean> {
  const { ctx, emit } = runtime;
  const profiles = [...new Set(open.filter((f) => f.ruleId === KEY_AGE_RULE && f.profile !== undefined).map((f) => f.profile as string))];
  let rotated = false;
  for (const profile of profiles) {
    try {
      const result = await runtime.deps.rotate(ctx, { profile, graceDays: runtime.policy().rotationGraceDays });
      emit({ event: 'rotated', time: ctx.now().toISOString(), profile, oldKey: redact(result.oldKeyId), newKey: redact(result.newKeyId) });
      rotated = true;
    } catch (error) {
      const code = isKeywardError(error) ? { code: error.code } : {};
      emit({ event: 'error', time: ctx.now().toISOString(), profile, message: `auto-rotation failed: ${describeError(error)}`, ...code });
    }
  }
  return rotated;
}

function isPlaintextKey(finding: Finding): boolean {
  return finding.ruleId === 'plaintext-access-key' && finding.profile !== undefined;
}

/**
 * What counts as "still open" this time: findings in files that failed to parse stay open (a
 * half-saved file is not a fix), and key-age findings stay open between key-age checks.
 */
function carryForward(open: ReadonlyMap<string, Finding>, result: ScanResult, keyAges: boolean): Finding[] {
  const unreadable = new Set(result.errors.map((error) => error.file));
  const current = keepUnreadable(open, result.findings, unreadable);
  if (keyAges) return current;
  const ageFindings = [...open.values()].filter((finding) => finding.ruleId === KEY_AGE_RULE);
  return [...current.filter((finding) => finding.ruleId !== KEY_AGE_RULE), ...ageFindings];
}

/** Emits each scan error once while it persists, and a `resolved` event when it is gone; returns the set now present. */
function emitNewErrors(result: ScanResult, previous: Map<string, FileError>, ctx: Context, emit: (event: DaemonEvent) => void): Map<string, FileError> {
  const now = new Map<string, FileError>();
  for (const error of result.errors) {
    const key = `${error.file}\0${error.line ?? ''}\0${error.message}`;
    now.set(key, error);
    if (previous.has(key)) continue;
    emit({ event: 'error', time: ctx.now().toISOString(), file: error.file, ...(error.line !== undefined && { line: error.line }),
      message: error.message });
  }
  for (const [key, error] of previous) {
    if (now.has(key)) continue;
    emit({ event: 'resolved', time: ctx.now().toISOString(), file: error.file, ...(error.line !== undefined && { line: error.line }),
      message: `no longer: ${error.message}`, error: true });
  }
  return now;
}

async function notifyHigh(added: Finding[], options: MonitorOptions): Promise<void> {
  if (!options.policy().notify) return;
  for (const finding of added.filter((f) => f.severity === 'high')) {
    const where = finding.profile !== undefined ? ` (profile ${finding.profile})` : '';
    await options.desktop.notify(`keyward: ${finding.ruleId}`, `${finding.message}${where}\n${finding.file}:${finding.line}`);
  }
}

/** An error event from a thrown value: KeywardError keeps its code; others only their message. */
export function errorEvent(ctx: Context, error: unknown, prefix = ''): DaemonEvent {
  const time = ctx.now().toISOString();
  const message = `${prefix}${describeError(error)}`;
  return isKeywardError(error) ? { event: 'error', time, code: error.code, message } : { event: 'error', time, message };
}

/** Runs `fn` one at a time; calls made while it runs are merged into one more run afterwards. */
export function coalesce(fn: (keyAges: boolean) => Promise<void>): (keyAges: boolean) => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  let againKeyAges = false;
  const loop = async (keyAges: boolean): Promise<void> => {
    try {
      await fn(keyAges);
      while (again) {
        const next = againKeyAges;
        again = againKeyAges = false;
        await fn(next);
      }
    } finally {
      running = undefined;
    }
  };
  return (keyAges) => {
    if (running) {
      again = true;
      againKeyAges ||= keyAges;
      return running;
    }
    running = loop(keyAges);
    return running;
  };
}
