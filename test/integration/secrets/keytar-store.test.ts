// The keytar adapter against a real Secret Service (gnome-keyring in scripts/test-env.sh's private
// session), including the smoke test of issue 2: store one item and read it back.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { distDir, keytarModule } from '../../support/paths.js';
import { createFixture } from '../../support/shim-fixture.js';
import { lockedKeyringSetup, nestedEnv, runInBus } from '../../support/private-bus.js';

const fx = createFixture('store');
afterAll(() => fx.cleanup());

describe('createKeytarStore on the private keyring', () => {
  it('stores one item and reads it back (keytar smoke test)', async () => {
    await fx.put('smoke', 'hello keyring');
    expect(await fx.store.get('smoke')).toBe('hello keyring');
  });

  it('lists, deletes, and reports a missing item as null', async () => {
    await fx.put('a', 'one');
    await fx.put('b b', 'two');
    const listed = (await fx.store.list()).filter((i) => i.account !== 'smoke');
    expect(listed.sort((x, y) => x.account.localeCompare(y.account))).toEqual([
      { account: 'a', password: 'one' }, { account: 'b b', password: 'two' }]);
    expect(await fx.store.delete('a')).toBe(true);
    expect(await fx.store.delete('a')).toBe(false);
    expect(await fx.store.get('a')).toBeNull();
  });
});

describe('createKeytarStore on a locked keyring', () => {
  // libsecret without a prompter answers get() with null, delete() with false, and keytar's
  // findCredentials crashes: the adapter must turn all of them into keychain-locked.
  it('throws keychain-locked from get, set, delete and list instead of "missing" or a crash', () => {
    const dir = fs.mkdtempSync(path.join(fx.home, 'bus-'));
    const store = path.join(distDir, 'secrets/open.js');
    const setup = lockedKeyringSetup(dir, `import k from '${keytarModule}'; await k.setPassword('${fx.service}', 'p', 'x');`);
    fs.writeFileSync(path.join(dir, 'probe.mjs'), `import { openSecretStore } from '${store}';
const s = openSecretStore('command', { ...process.env, KEYWARD_SERVICE: '${fx.service}', KEYWARD_KEYCHAIN_TIMEOUT_MS: '5000' });
const codes = {};
for (const [op, run] of Object.entries({ get: () => s.get('p'), set: () => s.set('q', 'y'), delete: () => s.delete('p'), list: () => s.list() })) {
  try { codes[op] = 'ok:' + JSON.stringify(await run()); } catch (e) { codes[op] = e.code ?? e.message; }
}
console.log(JSON.stringify(codes));`);
    const result = runInBus(dir, setup, ['node', path.join(dir, 'probe.mjs')], nestedEnv(fx.env, dir));
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ get: 'keychain-locked', set: 'keychain-locked', delete: 'keychain-locked', list: 'keychain-locked' });
  });
});
