import { describe, expect, it } from 'vitest';
import { credentialsInUrl } from '../../../src/rules/credentials-in-url.js';
import { CONFIG, HOME, sources, shell } from '../../support/rule-sources.js';

describe(credentialsInUrl.id, () => {
  it('reports a proxy variable and an endpoint with user:password', () => {
    const found = credentialsInUrl.check(sources({
      config: '[profile dev]\nendpoint_url = https://bob:s3cretpass@s3.corp\n',
      texts: shell('export HTTPS_PROXY=http://alice:hunter2hunter2@proxy.corp:3128\n'),
    }));
    expect(found).toMatchObject([
      { ruleId: 'credentials-in-url', severity: 'high', file: CONFIG, line: 2, profile: 'dev', evidence: 'https://bob:…@' },
      { file: `${HOME}/.bashrc`, line: 1, evidence: 'http://alice:…@' },
    ]);
    expect(JSON.stringify(found)).not.toContain('hunter2');
  });

  it.each([
    ['HTTP://alice:hunter2hunter2@proxy.corp:3128', 'http://alice:…@'],
    ['HTTPS://bob:s3cretpass@s3.corp', 'https://bob:…@'],
    ['Socks5H://carol:pa55word@socks.corp', 'socks5h://carol:…@'],
  ])('reports an upper-case scheme, printed in lower case: %s', (url, evidence) => {
    const found = credentialsInUrl.check(sources({
      config: `[profile dev]\nendpoint_url = ${url}\n`, texts: shell(`export HTTPS_PROXY=${url}\n`) }));
    expect(found).toMatchObject([{ line: 2, profile: 'dev', evidence }, { line: 1, evidence }]);
    expect(JSON.stringify(found)).not.toMatch(/hunter2|s3cretpass|pa55word/);
  });

  it.each([
    ['a user without password', 'export HTTPS_PROXY=http://alice@proxy.corp\n'],
    ['a password from a variable', 'export HTTPS_PROXY="http://alice:${PROXY_PASS}@proxy.corp"\n'],
    ['an e-mail address', 'export EMAIL=alice@example.com\n'],
    ['a plain URL', 'export HTTPS_PROXY=http://proxy.corp:3128\n'],
  ])('ignores %s', (_name, text) => {
    expect(credentialsInUrl.check(sources({ texts: shell(text) }))).toEqual([]);
  });
});
