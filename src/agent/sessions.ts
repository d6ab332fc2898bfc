// The agent gets a new session itself (issue 14: "sessions are cached and single-flighted in the
// agent too, and its MFA prompt uses the desktop session the daemon runs in"). The same path as the
// shim's cache miss (sessions/refresh.ts): the profile's cross-process lock, so a shim and the agent
// missing together make one STS call and at most one prompt, and the session lands in the same
// keychain cache. What differs is who asks for the code: the profile's mfa_process or a dialog on
// the daemon's display, never a terminal (daemonPromptOrder). When neither is available, or the
// policy puts `terminal` first, the agent declines and the launcher's shim asks, as before.
//
// The STS call is made with the daemon's environment (its proxy, CA bundle and endpoint variables)
// and the AWS files it sees: the launcher's query carries no environment. A caller whose environment
// must decide sets KEYWARD_AGENT=off.
import { decodeItem } from '../secrets/item.js';
import type { SecretStore } from '../secrets/store.js';
import type { SessionItem } from '../sessions/cache.js';
import { daemonPromptOrder } from '../sessions/mfa.js';
import { sessionPlan } from '../sessions/resolve.js';
import { viaShim } from './lookup.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface AgentSessionOptions {
  env: Env;
  home: string;
  openStore(): Promise<SecretStore>;
  openSessionStore(): Promise<SecretStore>;
  now(): Date;
  platform?: NodeJS.Platform;
}

/** A new session for the profile, made by the agent; throws `session-via-shim` when the shim must ask. */
export function createSessionMaker(options: AgentSessionOptions): (profile: string, account: string) => Promise<SessionItem> {
  return async (profile, account) => {
    // A failure another process records from now on (a cancelled dialog, a refused code) is this request's.
    const since = Date.now();
    const plan = sessionPlan(profile, options.env, options.home);
    if (!plan) throw viaShim(profile);
    const prompt = daemonPromptOrder(plan.settings.prompt, plan.aws.mfaProcess, options.env, options.platform ?? process.platform);
    if (plan.aws.mfaSerial && prompt.length === 0) throw viaShim(profile);
    const store = await options.openSessionStore();
    const { refreshSession } = await import('../sessions/refresh.js');
    const readKey = async () => {
      const password = await (await options.openStore()).get(account);
      // The shim, which the launcher falls back to, names the missing item and the fix.
      if (password === null) throw viaShim(profile);
      return decodeItem(password, account);
    };
    return refreshSession({ profile, account, env: options.env, home: options.home, now: options.now, readKey, since },
      { ...plan, settings: { ...plan.settings, prompt } }, store);
  };
}
