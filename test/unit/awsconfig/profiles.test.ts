// The botocore view of parsed files, function by function: [DEFAULT] inheritance, nested blocks,
// the profile map's buckets, the credentials file's merge, and the order-free settings comparison.
import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/awsconfig/parse.js';
import {
  buildProfileMap, effectiveEntries, mergeProfiles, prefixedName, rawConfig, sameSettings, sectionRole,
} from '../../../src/awsconfig/profiles.js';

describe(rawConfig.name, () => {
  it('gives every section the [DEFAULT] keys it does not set, and drops [DEFAULT] itself', () => {
    const doc = parse('[DEFAULT]\nregion = d\noutput = json\n[profile a]\nregion = a\n[profile b]\n', 'config');
    expect(rawConfig(doc)).toEqual({ 'profile a': { region: 'a', output: 'json' }, 'profile b': { region: 'd', output: 'json' } });
    const section = doc.sections.find((s) => s.header === 'profile a');
    expect(effectiveEntries(doc, section as never).map((e) => `${e.key}=${e.value}`)).toEqual(['region=a', 'output=json']);
  });

  it('turns a nested block into an object of its sub-keys', () => {
    expect(rawConfig(parse('[profile a]\ns3 =\n  addressing_style = path\n  max_concurrent_requests = 20\nregion = x\n', 'config')))
      .toEqual({ 'profile a': { s3: { addressing_style: 'path', max_concurrent_requests: '20' }, region: 'x' } });
  });

  it('is empty for an empty file', () => {
    expect(rawConfig(parse('', 'config'))).toEqual({});
  });
});

describe(prefixedName.name, () => {
  it.each([
    ['profile dev', 'profile', 'dev'],
    ['profile   dev', 'profile', 'dev'],
    ["profile 'my dev'", 'profile', 'my dev'],
    ['profile "o\'brien"', 'profile', "o'brien"],
    ['profile', 'profile', undefined],
    ['profile a b', 'profile', undefined],
    ['profile "open', 'profile', undefined],
    ['profile dev', 'sso-session', undefined],
    ['profiledev', 'profile', undefined],
    ['sso-session corp', 'sso-session', 'corp'],
  ] as const)('[%s] with prefix %s is %s', (header, prefix, name) => {
    expect(prefixedName(header, prefix)).toBe(name);
  });
});

describe(sectionRole.name, () => {
  it.each([
    ['DEFAULT', 'config', { kind: 'defaults' }],
    ['DEFAULT', 'credentials', { kind: 'defaults' }],
    ['preview', 'config', { kind: 'other' }],
    ['sso-session', 'config', { kind: 'other' }],
    ['services a b', 'config', { kind: 'other' }],
    ['profile default', 'config', { kind: 'profile', name: 'default' }],
    ['Default', 'config', { kind: 'other' }],
  ] as const)('[%s] in %s', (header, kind, role) => {
    expect(sectionRole(header, kind)).toEqual(role);
  });
});

describe(buildProfileMap.name, () => {
  it('sorts sections into profiles, sso-sessions, services and others, and drops broken prefixed headers', () => {
    const raw = rawConfig(parse([
      '[default]', 'region = d', '[profile dev]', 'region = e', '[sso-session corp]', 'sso_region = f',
      '[services local]', 's3 =', '  endpoint_url = http://localhost', '[preview]', 'cloudfront = true',
      '[profile a b]', 'region = g', '[services]', 'x = 1', '[sso-session]', 'y = 2',
    ].join('\n'), 'config'));
    expect(buildProfileMap(raw)).toEqual({
      profiles: { default: { region: 'd' }, dev: { region: 'e' } },
      ssoSessions: { corp: { sso_region: 'f' } },
      services: { local: { s3: { endpoint_url: 'http://localhost' } } },
      other: { preview: { cloudfront: 'true' } },
    });
  });
});

describe(mergeProfiles.name, () => {
  it('adds profiles only the credentials file has, and leaves the config map untouched', () => {
    const config = buildProfileMap(rawConfig(parse('[profile dev]\nregion = a\n', 'config')));
    const merged = mergeProfiles(config, rawConfig(parse('[ci]\naws_access_key_id = k\n[dev]\nregion = b\n', 'credentials')));
    expect(merged).toEqual({ dev: { region: 'b' }, ci: { aws_access_key_id: 'k' } });
    expect(config.profiles).toEqual({ dev: { region: 'a' } });
  });
});

describe(sameSettings.name, () => {
  it.each([
    [{ a: '1', b: '2' }, { b: '2', a: '1' }, true],
    [{ a: { x: '1', y: '2' } }, { a: { y: '2', x: '1' } }, true],
    [{}, {}, true],
    ['x', 'x', true],
    [null, null, true],
    [{ a: '1' }, { a: '2' }, false],
    [{ a: '1' }, { a: '1', b: '2' }, false],
    [{ a: '1', b: '2' }, { a: '1' }, false],
    [{ a: '1', b: undefined }, { a: '1', c: undefined }, false],
    [{ a: { x: '1' } }, { a: { x: '2' } }, false],
    [{ a: { x: '1' } }, { a: 'x' }, false],
    [{ a: '1' }, null, false],
    [null, { a: '1' }, false],
    ['x', 'y', false],
  ] as const)('%j and %j: %s', (a, b, same) => {
    expect(sameSettings(a, b)).toBe(same);
  });
});
