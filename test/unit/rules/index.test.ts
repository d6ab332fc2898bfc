import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../../../src/rules/index.js';

// docs/architecture.md §3: exactly these IDs and default severities.
const TABLE: Record<string, string> = {
  'plaintext-access-key': 'high', 'plaintext-session-token': 'medium', 'secret-in-free-text': 'high',
  'secret-in-environment-file': 'high', 'tls-verification-disabled': 'high', 'plaintext-http-endpoint': 'high',
  'credentials-in-url': 'high', 'untrusted-ca-bundle': 'medium', 'insecure-file-permissions': 'high',
  'unsafe-credential-process': 'high', 'mfa-not-configured': 'low', 'access-key-too-old': 'medium',
  'fips-endpoint-not-used': 'info', 'imdsv1-allowed': 'info', 'aws-file-in-git-repository': 'medium',
  'secret-in-shell-history': 'high', 'secret-in-tool-config': 'high',
};

describe('rule registry', () => {
  it('holds exactly the design table', () => {
    expect(Object.fromEntries(rules.map((r) => [r.id, r.severity]))).toEqual(TABLE);
  });

  it('has one file per rule, named after its ID', () => {
    const files = new Set(readdirSync(new URL('../../../src/rules/', import.meta.url)));
    for (const rule of rules) expect(files.has(`${rule.id}.ts`)).toBe(true);
  });
});
