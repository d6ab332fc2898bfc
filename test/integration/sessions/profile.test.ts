// What the shim reads from the AWS files for a session: botocore's view of the profile (the
// credentials file wins key by key, option names are case-insensitive), whether parsing can be
// skipped at all, and, for a miss, where STS is (the same resolution as rotate's calls): the
// region's precedence, ca_bundle expanded, the STS endpoint from the [services] section.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { mayHaveMfaSerial, readAwsTexts, readSessionProfile } from '../../../src/sessions/profile.js';
import { stsSettings } from '../../../src/sessions/sts-settings.js';
import { createTempHome, type TempHome } from '../../support/temp-home.js';

let h: TempHome;
beforeEach(() => {
  h = createTempHome('session-profile', { files: {
    '.aws/config': '[profile dev]\nMFA_SERIAL = arn:aws:iam::123456789012:mfa/old\nregion = eu-west-1\nca_bundle = ~/certs/$CA_NAME.pem\nmfa_process = ykman oath accounts code -s dev\n' +
      'services = corp\nuse_fips_endpoint = true\n\n[services corp]\nsts =\n  endpoint_url = https://sts.corp.example\n\n[profile plain]\nregion = eu-west-2\n',
    '.aws/credentials': '[dev]\nmfa_serial = arn:aws:iam::123456789012:mfa/new\n',
  } });
});
afterEach(() => h.cleanup());

const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ HOME: h.home, AWS_CONFIG_FILE: h.aws('config'), AWS_SHARED_CREDENTIALS_FILE: h.aws('credentials'), CA_NAME: 'corp', ...extra });

it('reads the profile as botocore does: the credentials file wins, names are case-insensitive, ~ and $VARS expand', () => {
  expect(readSessionProfile(env(), h.home, 'dev')).toEqual({
    mfaSerial: 'arn:aws:iam::123456789012:mfa/new', mfaProcess: 'ykman oath accounts code -s dev',
  });
  expect(readSessionProfile(env(), h.home, 'plain')).toEqual({});
  expect(readSessionProfile(env(), h.home, 'nope')).toEqual({});
});

const sts = (extra: Record<string, string> = {}, profile = 'dev') => stsSettings(env(extra), h.home, profile, readAwsTexts(env(extra), h.home));

it('resolves where STS is for a miss: [services] endpoint, FIPS, region and ca_bundle from the profile', () => {
  expect(sts()).toEqual({
    service: 'sts', region: 'eu-west-1', regionFrom: 'profile dev', endpoint: 'https://sts.corp.example', endpointFrom: '[services corp] sts.endpoint_url',
    useFipsEndpoint: true, useDualstackEndpoint: false, caBundle: `${h.home}/certs/corp.pem`, maxAttempts: 3,
  });
  expect(sts({}, 'plain')).toMatchObject({ region: 'eu-west-2', useFipsEndpoint: false });
  expect(sts({}, 'plain')).not.toHaveProperty('endpoint');
  expect(sts({}, 'nope')).toMatchObject({ region: 'us-east-1', regionFrom: 'default' });
});

it('AWS_REGION, then AWS_DEFAULT_REGION, beat the profile; AWS_CA_BUNDLE beats ca_bundle; AWS_ENDPOINT_URL_STS beats [services]', () => {
  expect(sts({ AWS_DEFAULT_REGION: 'us-west-1' }).region).toBe('us-west-1');
  expect(sts({ AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'us-west-1' }).region).toBe('ap-south-1');
  expect(sts({ AWS_CA_BUNDLE: '/etc/ca.pem' }).caBundle).toBe('/etc/ca.pem');
  expect(sts({ AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' }).endpoint).toBe('http://127.0.0.1:9');
});

it('says parsing can be skipped only when neither file mentions mfa_serial in any case', () => {
  expect(mayHaveMfaSerial(readAwsTexts(env(), h.home))).toBe(true);
  expect(mayHaveMfaSerial({ config: { path: 'c', text: '[profile x]\nMfa_Serial = a\n' } })).toBe(true);
  expect(mayHaveMfaSerial({ config: { path: 'c', text: '[profile x]\nregion = a\n' }, credentials: { path: 'k', text: '[x]\n' } })).toBe(false);
  expect(mayHaveMfaSerial(readAwsTexts({ HOME: '/nonexistent' }, '/nonexistent'))).toBe(false);
});
