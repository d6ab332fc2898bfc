// What every per-OS service installer takes and returns (systemd.ts, launchd.ts, windows-task.ts).
import type { Env } from '../awsconfig/paths.js';
import type { Runner } from './exec.js';
import type { OsName } from './paths.js';
import type { ProgramPaths } from './template.js';

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
