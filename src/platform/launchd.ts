// macOS: a LaunchAgent in ~/Library/LaunchAgents, loaded into the user's GUI domain with
// `launchctl bootstrap gui/<uid>`. Untested here (no macOS in CI); see docs/daemon.md.
import { existsSync } from 'node:fs';
import { complaint } from './exec.js';
import { launchAgentPath, logDir } from './paths.js';
import type { ResolvedServiceOptions, ServicePlatform, ServiceResult } from './service-types.js';
import { removeIfPresent, writeIfChanged } from './files.js';
import type { ProgramPaths } from './template.js';
import { escapeXml, readTemplate, render } from './template.js';

export const LABEL = 'dev.keyward.watch';

export function renderPlist(program: ProgramPaths, logDirectory: string): string {
  return render(readTemplate('dev.keyward.watch.plist'), { ...program, logDir: logDirectory }, escapeXml);
}

export function launchdService(options: ResolvedServiceOptions): ServicePlatform {
  const file = launchAgentPath(options.home);
  const domain = `gui/${options.uid}`;
  const launchctl = (...args: string[]) => options.run('launchctl', args);
  return {
    install: async (): Promise<ServiceResult> => {
      const changed = await writeIfChanged(file, renderPlist(options.program, logDir(options.env, options.home, 'darwin')));
      // bootstrap refuses a label that is already loaded, so unload first (quietly: it may not be).
      await launchctl('bootout', `${domain}/${LABEL}`);
      const result = await launchctl('bootstrap', domain, file);
      const warnings = result.code === 0 ? [] : [`'launchctl bootstrap ${domain}' failed: ${complaint(result.stderr)}`];
      return { file, changed, warnings };
    },
    uninstall: async (): Promise<ServiceResult> => {
      await launchctl('bootout', `${domain}/${LABEL}`);
      return { file, changed: await removeIfPresent(file), warnings: [] };
    },
    status: async () => {
      const result = await launchctl('print', `${domain}/${LABEL}`);
      const running = result.code === 0 && /^\s*state = running/m.test(result.stdout);
      return { installed: existsSync(file), running, file };
    },
  };
}
