// The shim's session path, up to the cache: decide whether this profile hands out a session
// (policy + mfa_serial), and hand out a cached one while it is fresh. Only a miss loads
// refresh.ts, and with it the lock, the MFA prompts and the AWS SDK: in the shim bundle it is a
// file of its own (dist/shim/session-refresh.cjs), required on a miss only.
import type { Env } from '../awsconfig/paths.js';
import type { CredentialItem } from '../secrets/item.js';
import { openSecretStore } from '../secrets/open.js';
import { decodeSession, isReusable } from './cache.js';
import { loadSessionSettings } from './load-settings.js';
import { mayHaveMfaSerial, readAwsTexts, readSessionProfile } from './profile.js';
import type { AwsTexts, SessionProfile } from './profile.js';
import type { SessionSettings } from './settings.js';

export interface SessionRequest {
  profile: string;
  account: string;
  env: Env;
  home: string;
  now: () => Date;
  /** Reads the profile's key item (the shim's own read, with its error for a missing item). */
  readKey: () => Promise<CredentialItem>;
  /**
   * A failure another process recorded after this time (epoch ms) is this request's failure too,
   * without a second prompt. Default: this process's start (a shim is one request); the agent,
   * which lives for days, passes the request's arrival.
   */
  since?: number;
}

export interface SessionPlan {
  settings: SessionSettings;
  aws: SessionProfile;
  /** The AWS files as read for this plan: a miss resolves where STS is from the same text. */
  texts: AwsTexts;
}

/** The session settings and AWS profile when this profile hands out sessions; undefined when it hands out its key. */
export function sessionPlan(profile: string, env: Env, home: string): SessionPlan | undefined {
  const settings = loadSessionSettings(env, home, profile);
  if (settings.mode === 'never') return undefined;
  const texts = readAwsTexts(env, home);
  if (settings.mode === 'mfa' && !mayHaveMfaSerial(texts)) return undefined;
  const aws = readSessionProfile(env, home, profile, texts);
  if (settings.mode === 'mfa' && !aws.mfaSerial) return undefined;
  return { settings, aws, texts };
}

/** What the shim prints for the profile: a session (cached or new) or, when the policy says so, the key. */
export async function shimCredentials(request: SessionRequest): Promise<CredentialItem> {
  const plan = sessionPlan(request.profile, request.env, request.home);
  if (!plan) return request.readKey();
  const store = openSecretStore('shim', request.env, 'session');
  const cached = decodeSession(await store.get(request.account), request.account);
  if (isReusable(cached, request.now(), plan.aws.mfaSerial)) return cached;
  const { refreshSession } = await import('./refresh.js');
  return refreshSession(request, plan, store);
}
