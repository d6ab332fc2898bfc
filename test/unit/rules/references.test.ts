// The paths the AWS files and start-up files point at (CA bundles, credential_process programs),
// which sources/ then stats for the rules.
import { describe, expect, it } from 'vitest';
import { caBundleReferences, credentialProcessReferences, programOf, referencedPaths, resolveCaBundle } from '../../../src/rules/references.js';
import { CONFIG, CREDENTIALS, HOME, shell, sources } from '../../support/rule-sources.js';

const input = (config: string, bashrc = '', env: Record<string, string> = {}) => {
  const s = sources({ config, credentials: '[c]\nca_bundle = /c/creds.pem\n', texts: shell(bashrc) });
  return { ...s, env };
};

describe(caBundleReferences.name, () => {
  it('finds ca_bundle in both files, a literal AWS_CA_BUNDLE export and the environment variable', () => {
    const found = caBundleReferences(input('[profile a]\nca_bundle = ~/ca.pem\nca_bundle_x = no\n[profile b]\nca_bundle =\n',
      '# export AWS_CA_BUNDLE=/commented.pem\nexport AWS_CA_BUNDLE=/etc/ca.pem\nexport AWS_CA_BUNDLE=$(cat x)\nexport AWS_CA_BUNDLE=\nexport OTHER=/o.pem\n',
      { AWS_CA_BUNDLE: '$HOME/env.pem', HOME }));
    const sorted = (refs: object[]): string[] => refs.map((r) => JSON.stringify(r)).sort();
    expect(sorted(found)).toEqual(sorted([
      { file: CREDENTIALS, line: 2, profile: 'c', value: '/c/creds.pem' },
      { file: CONFIG, line: 2, profile: 'a', value: '~/ca.pem' },
      { file: `${HOME}/.bashrc`, line: 2, value: '/etc/ca.pem' },
      { file: `${HOME}/env.pem`, line: 1, value: '$HOME/env.pem' },
    ]));
  });

  it('is empty without any', () => {
    expect(caBundleReferences({ ...sources({}), env: {} })).toEqual([]);
  });
});

describe(referencedPaths.name, () => {
  it('lists each CA bundle (resolved) and each credential_process program once', () => {
    const paths = referencedPaths(input(
      '[profile a]\nca_bundle = ~/ca.pem\ncredential_process = "/opt/my tool/get" --x\n[profile b]\nca_bundle = ~/ca.pem\n' +
      'credential_process = /opt/my\\ tool/get\n[profile c]\ncredential_process = "unclosed\n[profile d]\ncredential_process = /bin/other\n',
      '', {}));
    expect(paths.caBundles.sort()).toEqual(['/c/creds.pem', `${HOME}/ca.pem`]);
    expect(paths.programs).toEqual(['/opt/my tool/get', '/bin/other']);
  });

  it('is empty for empty files', () => {
    expect(referencedPaths({ ...sources({}), env: {} })).toEqual({ caBundles: [], programs: [] });
  });
});

describe('programOf and resolveCaBundle', () => {
  it('takes the first shlex word, undefined when the line cannot be split', () => {
    expect(programOf("'/a b/c' --profile x")).toBe('/a b/c');
    expect(programOf('"open')).toBeUndefined();
    expect(programOf('')).toBeUndefined();
  });
  it('expands ~ and variables, and resolves a relative path against the working directory', () => {
    expect(resolveCaBundle('~/x.pem', {}, '/h')).toBe('/h/x.pem');
    expect(resolveCaBundle('${D}/x.pem', { D: '/d' }, '/h')).toBe('/d/x.pem');
    expect(resolveCaBundle('rel.pem', {}, '/h')).toBe(`${process.cwd()}/rel.pem`);
  });
  it('credentialProcessReferences names file, line and profile', () => {
    expect(credentialProcessReferences(input('[default]\ncredential_process = /x\n'))).toEqual([{ file: CONFIG, line: 2, profile: 'default', value: '/x' }]);
  });
});
