// The per-user background service, whichever OS this is. Each platform file renders its template
// and drives its OS tool; this picks one.
import { runTool } from './exec.js';
import type { ResolvedServiceOptions, ServiceOptions, ServicePlatform } from './service-types.js';
import { installedProgram } from './template.js';

export type { ResolvedServiceOptions, ServiceOptions, ServicePlatform, ServiceResult, ServiceState } from './service-types.js';

export async function servicePlatform(options: ServiceOptions): Promise<ServicePlatform> {
  const resolved: ResolvedServiceOptions = {
    run: runTool, uid: process.getuid?.() ?? 0, ...options,
    // Only install renders the unit: status and uninstall must not install a version.
    get program() {
      return options.program ?? installedProgram(options.env, options.home);
    },
  };
  if (options.os === 'darwin') return (await import('./launchd.js')).launchdService(resolved);
  if (options.os === 'win32') return (await import('./windows-task.js')).windowsTaskService(resolved);
  return (await import('./systemd.js')).systemdService(resolved);
}
