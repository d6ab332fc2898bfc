// The daemon's decision whether to answer a scan reads the caller's AWS files (for relative paths).
// A caller's AWS_CONFIG_FILE may be a FIFO with no writer: reading it must not block the daemon,
// which also serves every AWS command's credentials.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { declineReason } from '../../../src/agent/scan-route.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-scan-decline-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('does not block on an AWS file that is a FIFO with no writer, and reads a regular one', () => {
  const fifo = path.join(dir, 'config');
  execFileSync('mkfifo', [fifo]);
  const credentials = path.join(dir, 'credentials');
  fs.writeFileSync(credentials, '[p]\ncredential_process = bin/creds\n');
  const env = { HOME: dir, PWD: '/elsewhere', PATH: '/usr/bin:/bin', AWS_CONFIG_FILE: fifo, AWS_SHARED_CREDENTIALS_FILE: credentials };
  expect(declineReason([], env, '/daemon')).toBe(`${credentials} names a relative path`);
});
