// Linux: a systemd user unit in ~/.config/systemd/user, enabled with `systemctl --user`. Without a
// user manager (a container, an SSH session without lingering) systemctl cannot connect: the unit
// is still written, and the message says how to start it later.
import { existsSync } from 'node:fs';
import type { ExecResult } from './exec.js';
import { complaint } from './exec.js';
import { systemdUnitPath } from './paths.js';
import type { ResolvedServiceOptions, ServicePlatform, ServiceResult } from './service-types.js';
import { removeIfPresent, writeIfChanged } from './files.js';
import type { ProgramPaths } from './template.js';
import { escapeSystemdQuoted, readTemplate, render } from './template.js';

export const UNIT_NAME = 'keyward.service';

export function renderUnit(program: ProgramPaths): string {
  return render(readTemplate('keyward.service'), { node: program.node, entry: program.entry }, escapeSystemdQuoted);
}

export function systemdService(options: ResolvedServiceOptions): ServicePlatform {
  const file = systemdUnitPath(options.env, options.home);
  const systemctl = (...args: string[]): Promise<ExecResult> => options.run('systemctl', ['--user', ...args]);
  const soft = async (warnings: string[], ...args: string[]): Promise<void> => {
    const result = await systemctl(...args);
    if (result.code !== 0) warnings.push(`'systemctl --user ${args.join(' ')}' failed: ${complaint(result.stderr)}`);
  };
  return {
    install: async (): Promise<ServiceResult> => {
      const changed = await writeIfChanged(file, renderUnit(options.program));
      const warnings: string[] = [];
      await soft(warnings, 'daemon-reload');
      await soft(warnings, 'enable', '--now', UNIT_NAME);
      // A running daemon keeps its old program until restarted, whether or not the unit changed.
      if (warnings.length === 0) await soft(warnings, 'restart', UNIT_NAME);
      if (warnings.length > 0) {
        warnings.push(`the unit is written but not running. In a desktop session run: systemctl --user enable --now ${UNIT_NAME}; ` +
          'over SSH or in a container, first give the user a systemd manager that outlives the session: loginctl enable-linger "$USER"');
      }
      return { file, changed, warnings };
    },
    uninstall: async (): Promise<ServiceResult> => {
      const warnings: string[] = [];
      if (existsSync(file)) await soft(warnings, 'disable', '--now', UNIT_NAME);
      const changed = await removeIfPresent(file);
      if (changed) await soft(warnings, 'daemon-reload');
      return { file, changed, warnings };
    },
    status: async () => {
      const installed = existsSync(file);
      const result = await systemctl('is-active', UNIT_NAME);
      const state = result.stdout.trim();
      // is-active prints a state (active, inactive, failed…) when it reached the manager.
      if (state !== '') return { installed, running: state === 'active', file };
      return { installed, running: false, file, detail: `systemctl --user is unavailable: ${complaint(result.stderr)}` };
    },
  };
}
