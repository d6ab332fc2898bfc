// Adoption in the plan (issue 12): a key in the credentials file next to keyward's line, or in a
// profile whose config section holds keyward's line, replaces the key in the item that line names.
import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/awsconfig/parse.js';
import { plan } from '../../../src/migrate/plan.js';
import { KEY_ID as ID, SECRET } from '../../support/keys.js';

const LINE = 'credential_process = /x/keyward-credential-process --profile work';
const pair = `aws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\n`;
const run = (credentials: string, config = '') => plan({
  config: { path: '/h/.aws/config', doc: parse(config, 'config') },
  credentials: { path: '/h/.aws/credentials', doc: parse(credentials, 'credentials') },
}, { profiles: [] });

describe('plan: adopting a key next to keyward\'s line', () => {
  it('adopts a key appended under the line in the same section (aws configure set), removing only the key lines', () => {
    const result = run(`[work]\n${LINE}\n${pair}`);
    expect(result.skipped).toEqual([]);
    expect(result.steps).toMatchObject([{ profile: 'work', accessKeyId: ID, remove: ['aws_access_key_id', 'aws_secret_access_key'],
      adopt: { account: 'work', file: '/h/.aws/credentials', section: 'work' } }]);
  });

  it('adopts into the item an --item line names', () => {
    const result = run(`[work]\n${LINE} --item 'work (/h/.aws/credentials)'\n${pair}`);
    expect(result.steps[0]?.adopt?.account).toBe('work (/h/.aws/credentials)');
  });

  it('adopts a credentials-file key when keyward\'s line is in the config file, without a second "already uses keyward" note', () => {
    const result = run(`[work]\n${pair}`, `[profile work]\n${LINE}\n`);
    expect(result.steps).toMatchObject([{ file: '/h/.aws/credentials', adopt: { account: 'work', file: '/h/.aws/config', section: 'profile work' } }]);
    expect(result.skipped).toEqual([]);
  });

  it('leaves a config-file key next to keyward\'s line (the AWS CLI uses the line, not the key), saying so', () => {
    const result = run('', `[profile work]\n${LINE}\n${pair}`);
    expect(result.steps).toEqual([]);
    expect(result.skipped).toMatchObject([{ leavesKey: true, reason: expect.stringContaining("next to keyward's credential_process line, which the AWS CLI uses instead") }]);
  });

  it('still leaves a key next to a credential_process that is not keyward\'s', () => {
    const result = run(`[work]\ncredential_process = /bin/other\n${pair}`);
    expect(result.steps).toEqual([]);
    expect(result.skipped).toMatchObject([{ reason: expect.stringContaining('resolve that by hand') }]);
  });

  it('plans an ordinary migration (no adoption) where no keyward line exists', () => {
    expect(run(`[work]\n${pair}`).steps[0]?.adopt).toBeUndefined();
  });
});
