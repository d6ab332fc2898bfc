import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/awsconfig/parse.js';
import { plan } from '../../../src/migrate/plan.js';
import type { PlanFiles } from '../../../src/migrate/plan.js';
import { KEY_ID as ID, KEY_ID_2 as ID2, SECRET, SESSION_ID } from '../../support/keys.js';
const files = (credentials: string, config = ''): PlanFiles => ({
  config: { path: '/h/.aws/config', doc: parse(config, 'config') },
  credentials: { path: '/h/.aws/credentials', doc: parse(credentials, 'credentials') },
});
const run = (credentials: string, config = '', profiles: string[] = []) => plan(files(credentials, config), { profiles });

describe(plan.name, () => {
  it('plans a long-term key pair, keeping its exact lines for restore', () => {
    const result = run(`[dev]\nAWS_Access_Key_ID = ${ID}\naws_secret_access_key=${SECRET}\nregion = x\n`);
    expect(result.skipped).toEqual([]);
    expect(result.steps).toMatchObject([{ profile: 'dev', file: '/h/.aws/credentials', accessKeyId: ID, secretAccessKey: SECRET,
      lines: [`AWS_Access_Key_ID = ${ID}`, `aws_secret_access_key=${SECRET}`], remove: ['aws_access_key_id', 'aws_secret_access_key'] }]);
  });

  it('names config profiles as the CLI does, and plans the credentials file first', () => {
    const result = run(`[a]\naws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\n`,
      `[profile "my b"]\naws_access_key_id = ${ID2}\naws_secret_access_key = ${SECRET}\n`);
    expect(result.steps.map((s) => [s.profile, s.file])).toEqual([['a', '/h/.aws/credentials'], ['my b', '/h/.aws/config']]);
  });

  it.each([
    ['temporary credentials', `[t]\naws_access_key_id = ${SESSION_ID}\naws_secret_access_key = ${SECRET}\naws_session_token = tok\n`, false],
    ['half a pair', `[h]\naws_access_key_id = ${ID}\n`, true],
    ['a non-AKIA key ID', `[n]\naws_access_key_id = ABIA${ID.slice(4)}\naws_secret_access_key = ${SECRET}\n`, true],
    ['a key next to a credential_process', `[p]\naws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\ncredential_process = /bin/other\n`, true],
    ['a profile already on keyward', '[k]\ncredential_process = /x/keyward-credential-process --profile k\n', false],
  ])('skips %s', (_name, text, leavesKey) => {
    const result = run(text);
    expect(result.steps).toEqual([]);
    expect(result.skipped).toMatchObject([{ leavesKey }]);
  });

  it('leaves a config key that the credentials file shadows with a different key', () => {
    const result = run(`[dev]\naws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\n`,
      `[profile dev]\naws_access_key_id = ${ID2}\naws_secret_access_key = ${SECRET}\n`);
    expect(result.steps.map((s) => s.file)).toEqual(['/h/.aws/credentials']);
    expect(result.skipped).toMatchObject([{ profile: 'dev', file: '/h/.aws/config', leavesKey: true }]);
  });

  it('migrates the same key from both files', () => {
    const pair = `aws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\n`;
    expect(run(`[dev]\n${pair}`, `[profile dev]\n${pair}`).steps).toHaveLength(2);
  });

  it('limits itself to --profile, and ignores sections botocore does not treat as profiles', () => {
    const pair = `aws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\n`;
    expect(run(`[a]\n${pair}[b]\n${pair}`, '', ['b']).steps.map((s) => s.profile)).toEqual(['b']);
    expect(run('', `[profile a b]\n${pair}[sso-session s]\n${pair}`).steps).toEqual([]);
  });

  it.each([
    ['[profile x] then [profile "x"]', 'profile x', 'profile "x"', 'x'],
    ['[default] then [profile default]', 'default', 'profile default', 'default'],
  ])('of %s, moves the key botocore uses (the later) and calls the other ignored', (_name, first, second, profile) => {
    const config = `[${first}]\naws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\n[${second}]\naws_access_key_id = ${ID2}\naws_secret_access_key = ${SECRET}\n`;
    const result = run('', config);
    expect(result.steps).toMatchObject([{ profile, accessKeyId: ID2, section: { header: second } }]);
    expect(result.skipped).toMatchObject([{ profile, leavesKey: true, reason: expect.stringContaining(`[${first}] (line 1) is ignored by the AWS CLI`) }]);
  });

  it('refuses a key in [DEFAULT], which botocore gives to every profile without its own', () => {
    expect(() => run(`[DEFAULT]\naws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\n[dev]\nregion = x\n`))
      .toThrow(/\[DEFAULT\] section holds aws_access_key_id/);
  });
});

describe('plan: what it says', () => {
  // The reasons are what `keyward migrate` prints for a profile it leaves alone: pinned in the snapshot.
  const pair = `aws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\n`;
  it.each([
    ['temporary credentials', `[t]\naws_access_key_id = ASIAQX3TZ7LBEN4SWYDU\naws_secret_access_key = ${SECRET}\n`, ''],
    ['a session token with an AKIA ID', `[t]\n${pair}aws_session_token = tok\n`, ''],
    ['half a pair (ID only)', `[h]\naws_access_key_id = ${ID}\n`, ''],
    ['half a pair (secret only)', `[h]\naws_secret_access_key = ${SECRET}\n`, ''],
    ['a non-AKIA key ID', `[n]\naws_access_key_id = ABIAQX3TZ7LBEN4SWYDU\naws_secret_access_key = ${SECRET}\n`, ''],
    ['a key next to a credential_process', `[p]\n${pair}credential_process = /bin/other\n`, ''],
    ['a profile already on keyward', '[k]\ncredential_process = /x/keyward-credential-process --profile k\n', ''],
    ['a foreign credential_process alone', '[k]\ncredential_process = /bin/other --x\n', ''],
    ['a different key in the shadowed config profile', `[dev]\n${pair}`, `[profile dev]\naws_access_key_id = ${ID2}\naws_secret_access_key = ${SECRET}\n`],
    ['a replaced config section', '', `[profile x]\n${pair}[profile "x"]\nregion = r\n`],
    ['a replaced section with half a pair', '', `[profile x]\naws_secret_access_key = ${SECRET}\n[profile "x"]\nregion = r\n`],
    ['a replaced section with an ASIA pair', '', `[profile x]\naws_access_key_id = ASIAQX3TZ7LBEN4SWYDU\naws_secret_access_key = ${SECRET}\n[profile "x"]\nregion = r\n`],
  ])('%s', (_name, credentials, config) => {
    const result = run(credentials, config);
    expect(result.skipped.map((s) => ({ ...s, reason: s.reason.replaceAll(ID, 'AKIA…SWYDU') }))).toMatchSnapshot();
    expect(result.steps.map((s) => [s.profile, s.file, s.remove])).toMatchSnapshot();
  });

  it('refuses a key in [DEFAULT], naming the file, line and key', () => {
    for (const [credentials, config] of [[`[DEFAULT]\nregion = x\naws_access_key_id = ${ID}\n[a]\nregion = y\n`, ''], ['', `[DEFAULT]\naws_secret_access_key = ${SECRET}\n`]] as const) {
      let message = '';
      try {
        run(credentials, config);
      } catch (error) {
        message = `${(error as Error).message} | ${(error as { hint?: string }).hint ?? ''}`;
      }
      expect(message.replaceAll(ID, 'AKIA…').replaceAll(SECRET, '…')).toMatchSnapshot();
    }
    expect(run('[DEFAULT]\naws_access_key_id =\nregion = x\n').steps).toEqual([]);
  });
});
