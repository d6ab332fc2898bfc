// A cache miss: get a new session, once for all the shims that miss together. Under the
// profile's lock, look at the cache again (another shim may have just filled it), then ask for
// an MFA code if the profile has a device, call STS, and cache the result. Terraform starts many
// providers at once: they make one STS call and at most one MFA prompt between them.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Env } from '../awsconfig/paths.js';
import { KeywardError } from '../errors.js';
import type { ErrorCode } from '../errors.js';
import { withLock } from '../fsutil/lock.js';
import { logDir, osName } from '../platform/paths.js';
import type { SecretStore } from '../secrets/store.js';
import { decodeSession, encodeSession, isReusable, sessionItem } from './cache.js';
import type { SessionItem } from './cache.js';
import { askMfaCode } from './mfa.js';
import type { SessionPlan, SessionRequest } from './resolve.js';
import { stsSettings } from './sts-settings.js';
import { getSessionToken, isWrongCode, stsFailure } from './sts.js';

/** How long a shim waits for another one that is getting the session (it may be waiting for a person). */
export const LOCK_WAIT_MS = 120_000;

/** `<state dir>/sessions/<hash of the account>.lock`: any account name makes a safe file name. */
export function sessionLockPath(env: Env, home: string, account: string): string {
  const hash = createHash('sha256').update(account).digest('hex').slice(0, 24);
  return path.join(logDir(env, home, osName(process.platform)), 'sessions', `${hash}.lock`);
}

export async function refreshSession(request: SessionRequest, plan: SessionPlan, store: SecretStore): Promise<SessionItem> {
  const lock = sessionLockPath(request.env, request.home || os.homedir(), request.account);
  const failed = `${lock}.failed`;
  // The process's start, not this call's: a shim of the same burst that was slow to get here must
  // honour a failure recorded while it started, but a user's later retry (a new process) must not.
  const started = request.since ?? performance.timeOrigin;
  return withLock(lock, async () => {
    // A shim that held the lock since this process started failed (a refused code, no prompt): fail alike, without a second prompt.
    const failure = recentFailure(failed, started);
    if (failure) throw failure;
    const cached = decodeSession(await store.get(request.account), request.account);
    if (isReusable(cached, request.now(), plan.aws.mfaSerial)) return cached;
    try {
      const item = await newSession(request, plan);
      await store.set(request.account, encodeSession(item));
      fs.rmSync(failed, { force: true });
      return item;
    } catch (error) {
      recordFailure(failed, error);
      throw error;
    }
  }, { waitMs: LOCK_WAIT_MS, pollMs: 100, held: lockHeld });
}

async function newSession(request: SessionRequest, plan: SessionPlan): Promise<SessionItem> {
  const key = await request.readKey();
  const { aws, settings } = plan;
  const base = { profile: request.profile, key, durationSeconds: settings.durationSeconds, env: request.env,
    settings: stsSettings(request.env, request.home || os.homedir(), request.profile, plan.texts) };
  const serial = aws.mfaSerial;
  if (!serial) return sessionItem(await call(() => getSessionToken(base)), key, request.now(), undefined);
  // A refused code gets one more prompt, then a clear failure.
  for (let attempt = 0; ; attempt++) {
    const { code } = await askMfaCode({ profile: request.profile, mfaSerial: serial, ...(aws.mfaProcess ? { mfaProcess: aws.mfaProcess } : {}),
      order: settings.prompt, env: request.env, retry: attempt > 0 });
    try {
      if (!/^\d{6}$/.test(code)) throw Object.assign(new Error('not a six-digit code'), { name: 'AccessDenied', message: 'MFA code is not six digits' });
      return sessionItem(await getSessionToken({ ...base, mfa: { serial, code } }), key, request.now(), serial);
    } catch (error) {
      if (!isWrongCode(error)) throw stsFailure(error);
      if (attempt >= 1) throw wrongCode();
    }
  }
}

async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw stsFailure(error);
  }
}

function recordFailure(file: string, error: unknown): void {
  const code = (error as { code?: unknown })?.code;
  try {
    fs.writeFileSync(file, JSON.stringify({ code: typeof code === 'string' ? code : 'internal', message: (error as Error)?.message ?? '' }), { mode: 0o600 });
  } catch {
    // Only the shims waiting now would have read it; they will try themselves.
  }
}

/** The failure another shim recorded after `since`, as an error for this one. */
function recentFailure(file: string, since: number): KeywardError | undefined {
  try {
    if (fs.statSync(file).mtimeMs < since) return undefined;
    const { code, message } = JSON.parse(fs.readFileSync(file, 'utf8')) as { code: ErrorCode; message: string };
    return new KeywardError(code, `${message} (in another keyward credential-process that ran at the same time)`, 'Run the command again.');
  } catch {
    return undefined;
  }
}

function wrongCode(): KeywardError {
  return new KeywardError('mfa-code-rejected', 'STS refused the MFA code twice',
    'Check the device named by mfa_serial and its clock, then run the command again.');
}

function lockHeld(): KeywardError {
  return new KeywardError('session-lock-held', `another keyward credential-process has been getting a session for this profile for ${LOCK_WAIT_MS / 1000} s`,
    'Answer its MFA prompt, or end it, and run the command again.');
}
