// A key added with `keyward add --stdin` resolves through the shim in the AWS CLI v2, botocore and
// the JS SDK; after `keyward remove --from-files` the profile has no credentials in any of them.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBotocore, resolveCliV2, resolveJsSdk } from '../../support/aws-clients.js';
import { fakeKey } from '../../support/keys.js';
import { makeMigrateHome } from '../../support/migrate-home.js';
import type { MigrateHome } from '../../support/migrate-home.js';
import { binKeyward } from '../../support/paths.js';

const KEY = fakeKey(401);
let h: MigrateHome;

beforeAll(() => {
  h = makeMigrateHome('add-clients', { config: '[default]\nregion = us-east-1\n' });
  const run = spawnSync(process.execPath, [binKeyward, 'add', '--profile', 'added', '--stdin'], { env: h.env, input: `${KEY.id} ${KEY.secret}\n`, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
});
afterAll(() => h.cleanup());

describe('a key added with keyward add', () => {
  it('resolves through the shim in the AWS CLI v2, botocore and the JS SDK', () => {
    const expected = { AccessKeyId: KEY.id, SecretAccessKey: KEY.secret };
    expect(resolveCliV2(h.env, 'added')).toEqual(expected);
    expect(resolveBotocore(h.env, ['added']).added?.credentials).toMatchObject(expected);
    expect(resolveJsSdk(h.env, ['added']).added).toEqual(expected);
  });

  it('is gone for every client after keyward remove --from-files', () => {
    const run = h.keyward(['remove', '--profile', 'added', '--from-files', '--yes']);
    expect(run.status, run.stderr).toBe(0);
    expect(() => resolveCliV2(h.env, 'added')).toThrow(/could not resolve/);
    expect(resolveBotocore(h.env, ['added']).added?.credentials.AccessKeyId).toBeUndefined();
    expect(resolveJsSdk(h.env, ['added']).added?.error).toBeDefined();
  });
});
