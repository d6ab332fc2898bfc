// HTTPS_PROXY / HTTP_PROXY / NO_PROXY as curl and Python's requests read them.
import { describe, expect, it } from 'vitest';
import { bypassesProxy, proxyFor } from '../../../src/aws/proxy.js';
import { isKeywardError } from '../../../src/errors.js';

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

  it('names the variable at fault, and says how to fix it', () => {
    let refusal: unknown;
    try {
      proxyFor('127.0.0.1', 80, false, { HTTP_PROXY: 'http://[bad' });
    } catch (error) {
      refusal = error;
    }
    expect(isKeywardError(refusal)).toBe(true);
    expect(refusal).toMatchObject({
      code: 'usage', message: 'HTTP_PROXY is not a URL keyward can use',
      hint: 'Set it to http://HOST:PORT (as curl and the AWS CLI expect), or unset it; nothing was changed.',
    });
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

  // An IPv6 host may come with the brackets of its URL form; NO_PROXY lists the bare address, as curl takes it.
  it.each(['[::1]', '::1'])('NO_PROXY=::1 exempts the IPv6 host %s', (host) => {
    expect(bypassesProxy(host, 8080, { NO_PROXY: 'localhost,::1' })).toBe(true);
    expect(bypassesProxy(host, 8080, { NO_PROXY: 'localhost' })).toBe(false);
  });

  // A stray comma or a bare `:443` names no host; a fully-qualified name with its trailing dot is
  // the one host that an empty name would match as a "parent domain".
  it.each(['localhost,', ', localhost', ':443'])('NO_PROXY=%j does not exempt iam.amazonaws.com.', (list) => {
    expect(bypassesProxy('iam.amazonaws.com.', 443, { NO_PROXY: list })).toBe(false);
  });
});
