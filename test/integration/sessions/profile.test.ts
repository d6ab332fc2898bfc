// What the shim reads from the AWS files for a session: botocore's view of the profile (the
// credentials file wins key by key, option names are case-insensitive), the region's precedence,
// ca_bundle expanded, and whether parsing can be skipped at all.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { mayHaveMfaSerial, readAwsTexts, readSessionProfile } from '../../../src/sessions/profile.js';
import { createTempHome, type TempHome } from '../../support/temp-home.js';

let h: TempHome;
beforeEach(() => {
  h = createTempHome('session-profile', { files: {
    '.aws/config': '[profile dev]\nMFA_SERIAL = arn:aws:iam::123456789012:mfa/old\nregion = eu-west-1\nca_bundle = ~/certs/$CA_NAME.pem\nmfa_process = ykman oath accounts code -s dev\n\n[profile plain]\nregion = eu-west-2\n',
    '.aws/credentials': '[dev]\nmfa_serial = arn:aws:iam::123456789012:mfa/new\n',
  } });
});
afterEach(() => h.cleanup());

const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ HOME: h.home, AWS_CONFIG_FILE: h.aws('config'), AWS_SHARED_CREDENTIALS_FILE: h.aws('credentials'), CA_NAME: 'corp', ...extra });

it('reads the profile as botocore does: the credentials file wins, names are case-insensitive, ~ and $VARS expand', () => {
  expect(readSessionProfile(env(), h.home, 'dev')).toEqual({
    mfaSerial: 'arn:aws:iam::123456789012:mfa/new', mfaProcess: 'ykman oath accounts code -s dev', region: 'eu-west-1', caBundle: `${h.home}/certs/corp.pem`,
  });
  expect(readSessionProfile(env(), h.home, 'plain')).toEqual({ region: 'eu-west-2' });
  expect(readSessionProfile(env(), h.home, 'nope')).toEqual({});
});

it('AWS_REGION, then AWS_DEFAULT_REGION, beat the profile; AWS_CA_BUNDLE beats ca_bundle', () => {
  expect(readSessionProfile(env({ AWS_DEFAULT_REGION: 'us-west-1' }), h.home, 'dev').region).toBe('us-west-1');
  expect(readSessionProfile(env({ AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'us-west-1' }), h.home, 'dev').region).toBe('ap-south-1');
  expect(readSessionProfile(env({ AWS_CA_BUNDLE: '/etc/ca.pem' }), h.home, 'dev').caBundle).toBe('/etc/ca.pem');
});

it('says parsing can be skipped only when neither file mentions mfa_serial in any case', () => {
  expect(mayHaveMfaSerial(readAwsTexts(env(), h.home))).toBe(true);
  expect(mayHaveMfaSerial({ config: { path: 'c', text: '[profile x]\nMfa_Serial = a\n' } })).toBe(true);
  expect(mayHaveMfaSerial({ config: { path: 'c', text: '[profile x]\nregion = a\n' }, credentials: { path: 'k', text: '[x]\n' } })).toBe(false);
  expect(mayHaveMfaSerial(readAwsTexts({ HOME: '/nonexistent' }, '/nonexistent'))).toBe(false);
});
