// Renders the service templates in the top-level service/ directory. Each placeholder `{{name}}`
// is replaced by a value escaped for the file's syntax; a placeholder without a value is a bug.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '../awsconfig/paths.js';
import { KeywardError } from '../errors.js';
import { installVersion } from './install.js';
import { packageRoot } from './package-root.js';

export type Escape = (value: string) => string;

export function readTemplate(name: string): string {
  return readFileSync(path.join(packageRoot(), 'service', name), 'utf8');
}

export function render(template: string, values: Record<string, string>, escape: Escape): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new KeywardError('internal', `service template placeholder {{${name}}} has no value`);
    return escape(value);
  });
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * For a value inside double quotes in a unit file: backslash and quote are C-escaped, `%` is a
 * specifier and `$` a variable to systemd, so both are doubled. A newline cannot be expressed.
 */
export function escapeSystemdQuoted(value: string): string {
  if (/[\n\r]/.test(value)) throw new KeywardError('service-error', 'a path for the systemd unit contains a line break');
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$');
}

/** What the service runs: this node and the CLI of keyward's installed version, both absolute. */
export interface ProgramPaths {
  node: string;
  entry: string;
}

/** Installs this build as a version (install.ts) and names its CLI: the unit never points into a checkout. */
export function installedProgram(env: Env, home: string): ProgramPaths {
  return { node: process.execPath, entry: installVersion(env, home).cli };
}
