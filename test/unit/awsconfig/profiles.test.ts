// The botocore view of parsed files, function by function: [DEFAULT] inheritance, nested blocks,
// the profile map's buckets, the credentials file's merge, and the order-free settings comparison.
import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/awsconfig/parse.js';
import {
  buildProfileMap, effectiveEntries, plainSettings, prefixedName, profileViews, rawConfig, sameSettings, sectionRole,
} from '../../../src/awsconfig/profiles.js';

/** Maps (at any depth) to plain objects, for readable expectations. */
function plain(value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, plain(v)]));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

const file = (path: string, text: string, kind: 'config' | 'credentials') => ({ path, doc: parse(text, kind) });

describe(rawConfig.name, () => {
  it('gives every section the [DEFAULT] keys it does not set, and drops [DEFAULT] itself', () => {
    const doc = parse('[DEFAULT]\nregion = d\noutput = json\n[profile a]\nregion = a\n[profile b]\n', 'config');
    expect(plain(rawConfig(doc))).toEqual({ 'profile a': { region: 'a', output: 'json' }, 'profile b': { region: 'd', output: 'json' } });
    const section = doc.sections.find((s) => s.header === 'profile a');
    expect(effectiveEntries(doc, section as never).map((e) => `${e.key}=${e.value}`).sort()).toEqual(['output=json', 'region=a']);
  });

  it('turns a nested block into a map of its sub-keys', () => {
    expect(plain(rawConfig(parse('[profile a]\ns3 =\n  addressing_style = path\n  max_concurrent_requests = 20\nregion = x\n', 'config'))))
      .toEqual({ 'profile a': { s3: { addressing_style: 'path', max_concurrent_requests: '20' }, region: 'x' } });
  });

  it('is empty for an empty file', () => {
    expect(rawConfig(parse('', 'config')).size).toBe(0);
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
    expect(plain(buildProfileMap(raw))).toEqual({
      profiles: { default: { region: 'd' }, dev: { region: 'e' } },
      ssoSessions: { corp: { sso_region: 'f' } },
      services: { local: { s3: { endpoint_url: 'http://localhost' } } },
      other: { preview: { cloudfront: 'true' } },
    });
  });
});

describe(profileViews.name, () => {
  it('merges the credentials file key by key over the config file, and records where each value is written', () => {
    const config = file('/c', '[DEFAULT]\noutput = json\n[profile dev]\nregion = a\naws_access_key_id = old\n', 'config');
    const credentials = file('/k', '[ci]\naws_access_key_id = k\n[dev]\naws_access_key_id = new\n', 'credentials');
    const views = profileViews(config, credentials);
    expect([...views.keys()]).toEqual(['dev', 'ci']);
    const dev = views.get('dev');
    expect(plain(plainSettings(dev as never))).toEqual({ output: 'json', region: 'a', aws_access_key_id: 'new' });
    expect(dev?.settings.get('aws_access_key_id')?.file.path).toBe('/k');
    expect(dev?.settings.get('region')?.file.path).toBe('/c');
    expect(dev?.settings.get('output')?.section.header).toBe('DEFAULT');
    expect(dev?.config?.section.header).toBe('profile dev');
    expect(dev?.credentials?.section.header).toBe('dev');
    expect(plain(plainSettings(views.get('ci') as never))).toEqual({ aws_access_key_id: 'k' });
    expect(views.get('ci')?.config).toBeUndefined();
  });

  it('lets the last config section of a name win whole, and lists the ones it shadows', () => {
    const config = file('/c', '[default]\nregion = a\noutput = text\n[profile default]\nregion = b\n[profile "default"]\nregion = c\n', 'config');
    const view = profileViews(config, undefined).get('default');
    expect(plain(plainSettings(view as never))).toEqual({ region: 'c' });
    expect(view?.shadowed.map((p) => p.section.header)).toEqual(['default', 'profile default']);
  });

  it('ignores the credentials file\'s [DEFAULT] as a profile, and non-profile config sections', () => {
    const views = profileViews(file('/c', '[sso-session s]\nx = 1\n[preview]\ny = 2\n', 'config'), file('/k', '[DEFAULT]\nregion = r\n', 'credentials'));
    expect(views.size).toBe(0);
  });
});

describe(sameSettings.name, () => {
  const m = (o: Record<string, unknown>): Map<string, unknown> =>
    new Map(Object.entries(o).map(([k, v]) => [k, typeof v === 'object' && v !== null ? m(v as Record<string, unknown>) : v]));
  it.each([
    [{ a: '1', b: '2' }, { b: '2', a: '1' }, true],
    [{ a: { x: '1', y: '2' } }, { a: { y: '2', x: '1' } }, true],
    [{}, {}, true],
    [{ a: '1' }, { a: '2' }, false],
    [{ a: '1' }, { a: '1', b: '2' }, false],
    [{ a: '1', b: '2' }, { a: '1' }, false],
    [{ a: '1', b: '2' }, { a: '1', c: '2' }, false],
    [{ a: { x: '1' } }, { a: { x: '2' } }, false],
    [{ a: { x: '1' } }, { a: 'x' }, false],
  ] as const)('%j and %j: %s', (a, b, same) => {
    expect(sameSettings(m(a), m(b))).toBe(same);
  });

  it('compares non-maps by identity', () => {
    expect(sameSettings('x', 'x')).toBe(true);
    expect(sameSettings('x', 'y')).toBe(false);
    expect(sameSettings(m({ a: '1' }), null)).toBe(false);
    expect(sameSettings(null, m({ a: '1' }))).toBe(false);
    expect(sameSettings({ a: '1' }, { a: '1' })).toBe(false);
  });
});
