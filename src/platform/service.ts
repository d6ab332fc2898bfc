// The per-user background service, whichever OS this is. Each platform file renders its template
// and drives its OS tool; this picks one.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Env } from '../awsconfig/paths.js';
import type { Runner } from './exec.js';
import { runTool } from './exec.js';
import type { OsName } from './paths.js';
import type { ProgramPaths } from './template.js';
import { installedProgram } from './template.js';

export interface ServiceResult {
  /** The unit, plist or task XML keyward wrote or removed. */
  file: string;
  /** False when install found the same file already there, or uninstall found nothing. */
  changed: boolean;
  /** Steps that did not work (no user bus, tool missing); the file step still happened. */
  warnings: string[];
}

export interface ServiceState {
  installed: boolean;
  running: boolean;
  file: string;
  /** Why `running` could not be asked, when it could not. */
  detail?: string;
}

export interface ServicePlatform {
  install(): Promise<ServiceResult>;
  uninstall(): Promise<ServiceResult>;
  status(): Promise<ServiceState>;
}

export interface ServiceOptions {
  env: Env;
  home: string;
  os: OsName;
  run?: Runner;
  program?: ProgramPaths;
  /** The numeric user id, for launchd's gui/<uid> domain. */
  uid?: number;
}

export type ResolvedServiceOptions = Required<ServiceOptions>;

export async function servicePlatform(options: ServiceOptions): Promise<ServicePlatform> {
  const resolved: ResolvedServiceOptions = {
    run: runTool, program: installedProgram(), uid: process.getuid?.() ?? 0, ...options,
  };
  if (options.os === 'darwin') return (await import('./launchd.js')).launchdService(resolved);
  if (options.os === 'win32') return (await import('./windows-task.js')).windowsTaskService(resolved);
  return (await import('./systemd.js')).systemdService(resolved);
}

/** Writes `content` unless the file already holds it; true when it wrote. */
export async function writeIfChanged(file: string, content: string | Buffer): Promise<boolean> {
  const existing = await readFile(file).catch(() => undefined);
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  if (existing?.equals(bytes)) return false;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes, { mode: 0o644 });
  return true;
}

/** Removes a file; true when there was one. */
export async function removeIfPresent(file: string): Promise<boolean> {
  const existed = await readFile(file).then(() => true, () => false);
  await rm(file, { force: true });
  return existed;
}
