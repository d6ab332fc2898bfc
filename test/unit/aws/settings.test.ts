// Where keyward's IAM/STS calls go for a profile: the SDKs' precedence of endpoint settings,
// region, FIPS, CA bundle and retries, read through keyward's botocore view of the files.
import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/awsconfig/parse.js';
import { profileViews } from '../../../src/awsconfig/profiles.js';
import { resolveAwsSettings, type AwsService } from '../../../src/aws/settings.js';

const HOME = '/home/u';

function resolve(configText: string, profile: string, env: Record<string, string> = {}, service: AwsService = 'iam', credentialsText = '') {
  const config = { path: `${HOME}/.aws/config`, doc: parse(configText, 'config') };
  const credentials = { path: `${HOME}/.aws/credentials`, doc: parse(credentialsText, 'credentials') };
  const view = profileViews(config, credentials).get(profile);
  return resolveAwsSettings({ profile, ...(view ? { view } : {}), config, env, home: HOME }, service);
}

const CONFIG = `[profile work]
region = eu-west-1
endpoint_url = https://profile.example
services = corp

[services corp]
iam =
  endpoint_url = https://iam.corp.example
sts =
  endpoint_url = https://sts.corp.example

[profile plain]
region = ap-south-1

[default]
region = us-west-2
endpoint_url = https://default.example
use_fips_endpoint = true
ca_bundle = ~/default-ca.pem
`;

describe(resolveAwsSettings.name, () => {
  it.each([
    ['the services section beats the profile endpoint_url', {}, 'iam', 'https://iam.corp.example', '[services corp] iam.endpoint_url'],
    ['each service its own entry', {}, 'sts', 'https://sts.corp.example', '[services corp] sts.endpoint_url'],
    ['AWS_ENDPOINT_URL_IAM beats the services section', { AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:1' }, 'iam', 'http://127.0.0.1:1', 'AWS_ENDPOINT_URL_IAM'],
    ['AWS_ENDPOINT_URL_STS is for STS only', { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:2' }, 'iam', 'https://iam.corp.example', '[services corp] iam.endpoint_url'],
    ['the services section beats AWS_ENDPOINT_URL', { AWS_ENDPOINT_URL: 'http://127.0.0.1:3' }, 'iam', 'https://iam.corp.example', '[services corp] iam.endpoint_url'],
  ] as const)('%s', (_, env, service, url, from) => {
    expect(resolve(CONFIG, 'work', env, service)).toMatchObject({ endpoint: url, endpointFrom: from });
  });

  it('AWS_ENDPOINT_URL beats the profile endpoint_url, which beats nothing', () => {
    const text = '[profile p]\nendpoint_url = https://profile.example\n';
    expect(resolve(text, 'p', { AWS_ENDPOINT_URL: 'http://127.0.0.1:3' })).toMatchObject({ endpoint: 'http://127.0.0.1:3', endpointFrom: 'AWS_ENDPOINT_URL' });
    expect(resolve(text, 'p')).toMatchObject({ endpoint: 'https://profile.example', endpointFrom: 'profile p endpoint_url' });
  });

  it('takes nothing from the default profile for another profile (the SDK alone would)', () => {
    const settings = resolve(CONFIG, 'plain');
    expect(settings).toEqual({ service: 'iam', region: 'ap-south-1', regionFrom: 'profile plain', useFipsEndpoint: false, useDualstackEndpoint: false, maxAttempts: 3 });
  });

  it('reads the default profile for itself: FIPS, the CA bundle with ~ expanded', () => {
    expect(resolve(CONFIG, 'default')).toMatchObject({ region: 'us-west-2', endpoint: 'https://default.example', useFipsEndpoint: true, caBundle: `${HOME}/default-ca.pem` });
  });

  it('ignores every configured endpoint when told to (variable or profile)', () => {
    expect(resolve(CONFIG, 'work', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL_IAM: 'http://x' })).not.toHaveProperty('endpoint');
    expect(resolve('[profile p]\nendpoint_url = https://a\nignore_configured_endpoint_urls = TRUE\n', 'p')).not.toHaveProperty('endpoint');
  });

  it('region: AWS_REGION, then AWS_DEFAULT_REGION, then the profile, then us-east-1', () => {
    expect(resolve(CONFIG, 'work', { AWS_REGION: 'ca-central-1', AWS_DEFAULT_REGION: 'sa-east-1' })).toMatchObject({ region: 'ca-central-1', regionFrom: 'AWS_REGION' });
    expect(resolve(CONFIG, 'work', { AWS_DEFAULT_REGION: 'sa-east-1' })).toMatchObject({ region: 'sa-east-1', regionFrom: 'AWS_DEFAULT_REGION' });
    expect(resolve(CONFIG, 'work')).toMatchObject({ region: 'eu-west-1', regionFrom: 'profile work' });
    expect(resolve('', 'nowhere')).toMatchObject({ region: 'us-east-1', regionFrom: 'default' });
  });

  it('environment variables beat the profile for FIPS, dual-stack, CA bundle and attempts', () => {
    const text = '[profile p]\nuse_fips_endpoint = true\nca_bundle = /etc/p.pem\nmax_attempts = 7\n';
    expect(resolve(text, 'p')).toMatchObject({ useFipsEndpoint: true, caBundle: '/etc/p.pem', maxAttempts: 7 });
    expect(resolve(text, 'p', { AWS_USE_FIPS_ENDPOINT: 'false', AWS_CA_BUNDLE: '$HOME/ca.pem', AWS_MAX_ATTEMPTS: '1', AWS_USE_DUALSTACK_ENDPOINT: 'true', HOME }))
      .toMatchObject({ useFipsEndpoint: false, caBundle: `${HOME}/ca.pem`, maxAttempts: 1, useDualstackEndpoint: true });
  });

  it('reads the credentials file too (botocore merges it into the profile)', () => {
    expect(resolve('', 'c', {}, 'sts', '[c]\nregion = eu-north-1\nendpoint_url = https://c.example\n')).toMatchObject({ region: 'eu-north-1', endpoint: 'https://c.example' });
  });

  it('a services name with no such section, or a block without endpoint_url, falls through', () => {
    expect(resolve('[profile p]\nservices = missing\nendpoint_url = https://p\n', 'p')).toMatchObject({ endpoint: 'https://p' });
    expect(resolve('[profile p]\nservices = s\n[services s]\niam =\n  region = x\n', 'p')).not.toHaveProperty('endpoint');
  });

  it('a services name with no config file to hold the section falls through to endpoint_url', () => {
    const config = { path: `${HOME}/.aws/config`, doc: parse('', 'config') };
    const credentials = { path: `${HOME}/.aws/credentials`, doc: parse('[c]\nservices = corp\nendpoint_url = https://c.example\n', 'credentials') };
    const view = profileViews(config, credentials).get('c');
    expect(resolveAwsSettings({ profile: 'c', ...(view ? { view } : {}), env: {}, home: HOME }, 'iam')).toMatchObject({ endpoint: 'https://c.example' });
  });

  // `endpoint_url =` with nothing after it is how a user blanks a setting; a nested block is no URL.
  it('an empty setting, or a nested block where a value belongs, counts as unset', () => {
    const text = '[profile empty]\nregion =\nendpoint_url =\nca_bundle =\n[profile nested]\nendpoint_url =\n  iam = https://iam.example\n';
    const unset = { service: 'iam', region: 'us-east-1', regionFrom: 'default', useFipsEndpoint: false, useDualstackEndpoint: false, maxAttempts: 3 };
    expect(resolve(text, 'empty')).toEqual(unset);
    expect(resolve(text, 'nested')).toEqual(unset);
  });

  it('reads use_dualstack_endpoint from the profile', () => {
    expect(resolve('[profile p]\nuse_dualstack_endpoint = true\n', 'p')).toMatchObject({ useDualstackEndpoint: true, useFipsEndpoint: false });
  });

  // Fewer than one attempt, or a fraction, is no attempt count: keyward keeps the default of 3 rather than make no call.
  it.each(['0', '-2', '2.5', 'three'])('max_attempts = %s is not a number of attempts: 3', (value) => {
    expect(resolve(`[profile p]\nmax_attempts = ${value}\n`, 'p')).toMatchObject({ maxAttempts: 3 });
    expect(resolve('', 'p', { AWS_MAX_ATTEMPTS: value })).toMatchObject({ maxAttempts: 3 });
  });
});
