import { describe, expect, it } from 'vitest';
import { plaintextHttpEndpoint } from '../../../src/rules/plaintext-http-endpoint.js';
import { CONFIG, sources, shell } from '../../support/rule-sources.js';

const check = (config: string) => plaintextHttpEndpoint.check(sources({ config }));

describe(plaintextHttpEndpoint.id, () => {
  it('reports profile, nested and [services] endpoints', () => {
    const config = '[profile dev]\nendpoint_url = http://s3.internal.corp\ns3 =\n  endpoint_url = http://minio.corp:9000\n' +
      '[services corp]\nsqs =\n  endpoint_url = http://10.0.0.5\n';
    expect(check(config)).toMatchObject([
      { ruleId: 'plaintext-http-endpoint', severity: 'high', file: CONFIG, line: 2, profile: 'dev' },
      { line: 4, profile: 'dev' },
      { line: 7 },
    ]);
    expect(check(config)[2]?.profile).toBeUndefined();
  });

  it('reports an AWS_ENDPOINT_URL export', () => {
    expect(plaintextHttpEndpoint.check(sources({ texts: shell('export AWS_ENDPOINT_URL_S3=http://minio.example.com\n') }))).toHaveLength(1);
  });

  // URL schemes are case-insensitive (RFC 3986 §3.1), and botocore and the SDKs accept HTTP:// too.
  it.each(['HTTP://s3.internal.corp', 'Http://minio.corp:9000', 'hTTp://10.0.0.5'])('reports an upper- or mixed-case scheme: %s', (url) => {
    expect(check(`[profile dev]\nendpoint_url = ${url}\ns3 =\n  endpoint_url = ${url}\n`)).toMatchObject([
      { ruleId: 'plaintext-http-endpoint', line: 2, profile: 'dev' }, { line: 4, profile: 'dev' }]);
    expect(plaintextHttpEndpoint.check(sources({ texts: shell(`export AWS_ENDPOINT_URL=${url}\n`) }))).toHaveLength(1);
  });

  it.each([
    'HTTP://LOCALHOST:4566', 'HTTP://Minio.Localhost', 'http://localhost:4566', 'http://127.0.0.1:9000', 'http://127.3.4.5', 'http://[::1]:4566', 'https://s3.corp', 'HTTPS://x.corp',
  ])('ignores %s', (url) => {
    expect(check(`[default]\nendpoint_url = ${url}\n`)).toEqual([]);
  });

  it('ignores a commented endpoint', () => {
    expect(check('[default]\n# endpoint_url = http://s3.corp\n')).toEqual([]);
  });
});
