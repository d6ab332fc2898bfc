// The agent's lookup for a profile that hands out sessions (issue 14): a fresh cached session is
// served, a miss asks newSession once for all concurrent requests, a failure is not remembered,
// and without newSession (or when it declines) the answer is `session-via-shim`. Stores are the
// in-memory stand-in; the real keychain and STS are in test/integration/agent/sessions.test.ts.
import { describe, expect, it } from 'vitest';
import { createKeyCache } from '../../../src/agent/lookup.js';
import { KeywardError } from '../../../src/errors.js';
import { encodeItem } from '../../../src/secrets/item.js';
import type { SessionItem } from '../../../src/sessions/cache.js';
import { fakeKey } from '../../support/keys.js';
import { createMemoryStore } from '../../support/memory-store.js';

const key = fakeKey(70);
const NOW = new Date('2026-11-26T12:00:00Z');
function session(n: number, minutes = 60): SessionItem {
  const s = fakeKey(n, 'ASIA');
  return { v: 1, AccessKeyId: s.id, SecretAccessKey: s.secret, SessionToken: `token-${n}`, Expiration: new Date(NOW.getTime() + minutes * 60_000).toISOString(),
    createdAt: NOW.toISOString(), source: { file: '/x', section: 'dev' } };
}

function setUp(newSession?: (profile: string, account: string) => Promise<SessionItem>) {
  const keys = createMemoryStore();
  const sessions = createMemoryStore();
  void keys.set('dev', encodeItem({ v: 1, AccessKeyId: key.id, SecretAccessKey: key.secret, createdAt: NOW.toISOString(), source: { file: '/x', section: 'dev' } }));
  const cache = createKeyCache(async () => keys, 'keyward', {
    sessionNeed: () => ({ mfaSerial: undefined }), openSessionStore: async () => sessions, now: () => NOW, ...(newSession ? { newSession } : {}),
  });
  return { cache, sessions };
}

describe('the agent\'s session lookup', () => {
  it('declines (session-via-shim) on a miss when it cannot make a session, never the key', async () => {
    const { cache } = setUp();
    await expect(cache.lookup('dev', 'dev')).rejects.toMatchObject({ code: 'session-via-shim' });
  });

  it('makes one session for concurrent misses and serves it to all, then from memory', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const { cache } = setUp(async () => { calls++; await gate; return session(71); });
    const answers = Array.from({ length: 5 }, () => cache.lookup('dev', 'dev'));
    release();
    const texts = await Promise.all(answers);
    expect(calls).toBe(1);
    expect(new Set(texts).size).toBe(1);
    expect(JSON.parse(texts[0]!)).toMatchObject({ AccessKeyId: session(71).AccessKeyId, SessionToken: 'token-71' });
    expect(texts[0]).not.toContain(key.id);
    await cache.lookup('dev', 'dev');
    expect(calls).toBe(1);
  });

  it('does not remember a failure: the next request asks again', async () => {
    let calls = 0;
    const { cache } = setUp(async () => {
      calls++;
      if (calls === 1) throw new KeywardError('mfa-cancelled', 'no MFA code was entered');
      return session(72);
    });
    await expect(cache.lookup('dev', 'dev')).rejects.toMatchObject({ code: 'mfa-cancelled' });
    expect(JSON.parse(await cache.lookup('dev', 'dev'))).toMatchObject({ SessionToken: 'token-72' });
    expect(calls).toBe(2);
  });

  it('serves a fresh cached session without making one, and refuses one it made that the shim would not reuse', async () => {
    let calls = 0;
    const { cache, sessions } = setUp(async () => { calls++; return session(73, 10); });
    await sessions.set('dev', encodeItem(session(74)));
    expect(JSON.parse(await cache.lookup('dev', 'dev'))).toMatchObject({ SessionToken: 'token-74' });
    expect(calls).toBe(0);
    cache.invalidate('dev');
    await sessions.delete('dev');
    await expect(cache.lookup('dev', 'dev')).rejects.toMatchObject({ code: 'session-via-shim' });
    expect(calls).toBe(1);
  });
});
