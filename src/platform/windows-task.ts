// Windows: a scheduled task that starts at logon, registered from XML with schtasks. schtasks
// reads the XML as UTF-16, so the file is written UTF-16LE with a byte-order mark. Untested here
// (no Windows in CI); see docs/daemon.md.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { complaint } from './exec.js';
import { logDir } from './paths.js';
import type { ResolvedServiceOptions, ServicePlatform, ServiceResult } from './service-types.js';
import { removeIfPresent, writeIfChanged } from './files.js';
import type { ProgramPaths } from './template.js';
import { escapeXml, readTemplate, render } from './template.js';

export const TASK_NAME = 'keyward';

export function renderTask(program: ProgramPaths, user: string): string {
  return render(readTemplate('keyward-task.xml'), { node: program.node, arguments: `"${program.entry}" watch`, user }, escapeXml);
}

/** UTF-16LE with a BOM: what `schtasks /XML` expects. */
export function taskBytes(xml: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
}

export function windowsTaskService(options: ResolvedServiceOptions): ServicePlatform {
  const file = path.win32.join(logDir(options.env, options.home, 'win32'), 'keyward-task.xml');
  const user = options.env.USERDOMAIN ? `${options.env.USERDOMAIN}\\${options.env.USERNAME ?? ''}` : (options.env.USERNAME ?? '');
  const schtasks = (...args: string[]) => options.run('schtasks', args);
  return {
    install: async (): Promise<ServiceResult> => {
      const changed = await writeIfChanged(file, taskBytes(renderTask(options.program, user)));
      const created = await schtasks('/Create', '/TN', TASK_NAME, '/XML', file, '/F');
      const warnings = created.code === 0 ? [] : [`'schtasks /Create' failed: ${complaint(created.stderr)}`];
      if (created.code === 0) await schtasks('/Run', '/TN', TASK_NAME);
      return { file, changed, warnings };
    },
    uninstall: async (): Promise<ServiceResult> => {
      await schtasks('/End', '/TN', TASK_NAME);
      const deleted = await schtasks('/Delete', '/TN', TASK_NAME, '/F');
      const removed = await removeIfPresent(file);
      return { file, changed: removed || deleted.code === 0, warnings: [] };
    },
    status: async () => {
      const result = await schtasks('/Query', '/TN', TASK_NAME, '/FO', 'LIST');
      return { installed: result.code === 0 || existsSync(file), running: /Status:\s+Running/i.test(result.stdout), file };
    },
  };
}
