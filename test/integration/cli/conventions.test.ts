// The conventions users expect of a CLI: --version, -h on every command (the shim too), -y, a
// global --debug, "did you mean", case-insensitive values, shell completion, and a README command
// table that agrees with --help.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../src/cli/registry.js';
import { binKeyward, repoRoot } from '../../support/paths.js';
import { createTempHome } from '../../support/temp-home.js';

// Only what these commands need: no bus, so nothing here can reach a keychain.
const temp = createTempHome('cli');
const home = temp.home;
const env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: temp.env.XDG_CONFIG_HOME, KEYWARD_FLEET_POLICY: temp.fleetPolicy };
const keyward = (args: string[]) => spawnSync(process.execPath, [binKeyward, ...args], { encoding: 'utf8', env });

describe('keyward CLI conventions', () => {
  it('prints its version with --version and -V', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) expect(keyward([flag])).toMatchObject({ status: 0, stdout: `keyward ${version}\n` });
  });

  it.each(commands.map((c) => [c.name]))('%s answers -h and --help with its usage on stdout, exit 0', (name) => {
    for (const flag of ['-h', '--help']) {
      const run = keyward([name, flag]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: keyward ${name}`));
    }
  });

  it('lists in each --help every option the completion offers', () => {
    for (const entry of commands) {
      const help = keyward([entry.name, '--help']).stdout;
      for (const flag of entry.flags) expect(help, `${entry.name} ${flag}`).toContain(flag);
    }
  });

  it('takes --debug before or after the command, and -y for --yes', () => {
    expect(keyward(['--debug', 'scan', '--format', 'json']).status).toBe(0);
    expect(keyward(['scan', '--format', 'json', '--debug']).status).toBe(0);
    const run = keyward(['migrate', '-y', '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ applied: false, planned: [] });
  });

  it('suggests the command meant, and takes --format and --fail-on in any case', () => {
    expect(keyward(['scna']).stderr).toBe("keyward: unknown command 'scna'. Did you mean 'scan'? Run 'keyward --help' to list the commands.\n");
    expect(keyward(['scan', '--format', 'JSON', '--fail-on', 'HIGH'])).toMatchObject({ status: 0, stdout: expect.stringContaining('"version": 1') });
  });

  it.each(commands.map((c) => [c.name]))('%s refuses an unknown option in one lower-case line naming its --help', (name) => {
    const run = keyward([name, '--no-such-option']);
    // The shim keeps its contract (0, or 1 with one line; its stderr is what the AWS CLI shows).
    expect(run.status).toBe(name === 'credential-process' ? 1 : 2);
    const expected = name === 'credential-process' ? /^keyward credential-process: unexpected argument '--no-such-option'\. Usage: [^\n]+\n$/
      : new RegExp(`^keyward: unknown option '--no-such-option'\\. Run 'keyward ${name} --help'\\.\\n$`);
    expect(run.stderr).toMatch(expected);
  });

  it('prints a bash completion that completes commands and options', () => {
    const script = keyward(['completion', 'bash']).stdout;
    const complete = (words: string) => spawnSync('bash', ['-c', `${script}\nCOMP_WORDS=(${words}); COMP_CWORD=$((\${#COMP_WORDS[@]}-1)); _keyward; echo "\${COMPREPLY[*]}"`], { encoding: 'utf8' }).stdout.trim();
    expect(complete('keyward mig')).toBe('migrate');
    expect(complete('keyward migrate --dr')).toBe('--dry-run');
    expect(complete('keyward service un')).toBe('uninstall');
  });

  it('prints zsh and fish completions naming every command, and refuses other shells', () => {
    for (const shell of ['zsh', 'fish']) {
      const run = keyward(['completion', shell]);
      expect(run.status).toBe(0);
      for (const entry of commands) expect(run.stdout).toContain(entry.name);
    }
    expect(keyward(['completion', 'tcsh'])).toMatchObject({ status: 2, stderr: "keyward: no completion for 'tcsh'. Use bash, zsh or fish.\n" });
    expect(keyward(['completion', 'constructor']).status).toBe(2);
  });

  it('has a README command table that names exactly the commands --help lists', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Commands'), readme.indexOf('\n## ', readme.indexOf('## Commands') + 3));
    const documented = [...table.matchAll(/^\| `keyward ([a-z-]+)/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(commands.map((c) => c.name).sort());
  });
});

describe('--format json on a command that changes files', () => {
  it('prints one JSON error object on stdout when it fails', () => {
    const run = keyward(['migrate', '--yes', '--format', 'json', '--profile', 'nope']);
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({ version: 1, error: { code: 'usage', message: expect.stringContaining("no profile named 'nope'"), hint: expect.any(String) } });
    const restore = keyward(['restore', '--format=JSON', '--dry-run', '--bogus']);
    expect(restore.status).toBe(2);
    expect(JSON.parse(restore.stdout).error.code).toBe('usage');
  });
});

describe('policy errors and keyward policy', () => {
  it('reports a broken section header at its line and names the command that lists the keys', () => {
    const fleet = path.join(home, 'fleet.ini');
    fs.writeFileSync(fleet, 'fail_on = high\n\n[rules.plaintext-access-key\nenabled = false\n');
    const run = spawnSync(process.execPath, [binKeyward, 'scan'], { encoding: 'utf8', env: { ...env, KEYWARD_FLEET_POLICY: fleet } });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`keyward: ${fleet}:3: the section header [rules.plaintext-access-key has no closing ]. Fix or remove it; \`keyward policy\` lists the policy keys and the values in force.\n`);
  });

  it('lists every policy key with its value, and what the fleet locked', () => {
    const fleet = path.join(home, 'fleet-locked.ini');
    fs.writeFileSync(fleet, 'max_key_age_days = 30\nlocked = max_key_age_days\n');
    const run = spawnSync(process.execPath, [binKeyward, 'policy', '--format', 'json'], { encoding: 'utf8', env: { ...env, KEYWARD_FLEET_POLICY: fleet } });
    expect(run.status, run.stderr).toBe(0);
    const policy = JSON.parse(run.stdout) as { settings: { key: string; value: unknown; locked: boolean }[] };
    expect(policy.settings.map((s) => s.key)).toContain('auto_migrate');
    expect(policy.settings.find((s) => s.key === 'max_key_age_days')).toMatchObject({ value: 30, locked: true });
    expect(keyward(['policy']).stdout).toMatch(/^ {2}fail_on += medium/m);
  });
});
