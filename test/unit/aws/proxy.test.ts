// HTTPS_PROXY / HTTP_PROXY / NO_PROXY as curl and Python's requests read them.
import { describe, expect, it } from 'vitest';
import { bypassesProxy, proxyFor } from '../../../src/aws/proxy.js';

describe(proxyFor.name, () => {
  it('uses HTTPS_PROXY for TLS and HTTP_PROXY otherwise, lower case first', () => {
    const env = { HTTPS_PROXY: 'http://upper:3128', https_proxy: 'http://lower:3128', HTTP_PROXY: 'http://plain:8080' };
    expect(proxyFor('iam.amazonaws.com', 443, true, env)?.host).toBe('lower:3128');
    expect(proxyFor('127.0.0.1', 80, false, env)?.host).toBe('plain:8080');
    expect(proxyFor('iam.amazonaws.com', 443, true, {})).toBeUndefined();
  });

  it('takes a proxy without a scheme as http://', () => {
    expect(proxyFor('sts.amazonaws.com', 443, true, { HTTPS_PROXY: 'proxy.corp:3128' })?.href).toBe('http://proxy.corp:3128/');
  });

  it('refuses a proxy that is no URL rather than going direct', () => {
    expect(() => proxyFor('sts.amazonaws.com', 443, true, { HTTPS_PROXY: 'http://[bad' })).toThrow(/HTTPS_PROXY is not a URL/);
  });
});

describe(bypassesProxy.name, () => {
  it.each([
    ['*', 'iam.amazonaws.com', 443, true],
    ['amazonaws.com', 'iam.amazonaws.com', 443, true],
    ['.amazonaws.com', 'iam.amazonaws.com', 443, true],
    ['*.amazonaws.com', 'sts.us-east-1.amazonaws.com', 443, true],
    ['amazonaws.com', 'notamazonaws.com', 443, false],
    ['localhost, 127.0.0.1', '127.0.0.1', 8080, true],
    ['127.0.0.1:9000', '127.0.0.1', 8080, false],
    ['127.0.0.1:8080', '127.0.0.1', 8080, true],
    ['IAM.AMAZONAWS.COM', 'iam.amazonaws.com', 443, true],
    ['', 'iam.amazonaws.com', 443, false],
  ])('NO_PROXY=%j exempts %s:%i: %s', (list, host, port, expected) => {
    expect(bypassesProxy(host, port, { NO_PROXY: list })).toBe(expected);
  });
});
