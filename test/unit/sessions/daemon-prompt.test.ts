// Which MFA sources the agent may use itself (issue 14): the policy's order up to the first
// `terminal` (the caller's terminal is the shim's), keeping those the daemon's own session has.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { daemonPromptOrder } from '../../../src/sessions/mfa.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-prompt-'));
fs.writeFileSync(path.join(dir, 'zenity'), '#!/bin/sh\n', { mode: 0o755 });
const desktop = { DISPLAY: ':0', PATH: dir };
const headless = { PATH: dir };
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('daemonPromptOrder', () => {
  it('keeps process and desktop in the policy order when both are available', () => {
    expect(daemonPromptOrder(['process', 'desktop', 'terminal'], 'ykman oath accounts code', desktop, 'linux')).toEqual(['process', 'desktop']);
    expect(daemonPromptOrder(['desktop', 'process'], 'ykman', desktop, 'linux')).toEqual(['desktop', 'process']);
  });

  it('stops at the first terminal: the shim, with the caller\'s terminal, asks then', () => {
    expect(daemonPromptOrder(['terminal', 'desktop', 'process'], 'ykman', desktop, 'linux')).toEqual([]);
    expect(daemonPromptOrder(['process', 'terminal', 'desktop'], 'ykman', desktop, 'linux')).toEqual(['process']);
  });

  it('drops a source the daemon does not have: no mfa_process, no display, no dialog program', () => {
    expect(daemonPromptOrder(['process', 'desktop', 'terminal'], undefined, desktop, 'linux')).toEqual(['desktop']);
    expect(daemonPromptOrder(['process', 'desktop', 'terminal'], 'ykman', headless, 'linux')).toEqual(['process']);
    expect(daemonPromptOrder(['process', 'desktop', 'terminal'], undefined, headless, 'linux')).toEqual([]);
    expect(daemonPromptOrder(['desktop'], undefined, { DISPLAY: ':0', PATH: path.join(dir, 'none') }, 'linux')).toEqual([]);
    expect(daemonPromptOrder(['process'], '', desktop, 'linux')).toEqual([]);
  });

  it('counts macOS and Windows as having a dialog (osascript, PowerShell)', () => {
    expect(daemonPromptOrder(['desktop', 'terminal'], undefined, {}, 'darwin')).toEqual(['desktop']);
    expect(daemonPromptOrder(['desktop', 'terminal'], undefined, {}, 'win32')).toEqual(['desktop']);
  });
});
