// keyward's own settings (not the AWS files'): the typed Policy, its built-in defaults, and how a
// fleet layer and a user layer combine.
import type { Severity } from '../rules/types.js';
import type { SettingValues } from './settings.js';

export interface RuleSetting {
  enabled: boolean;
  severity: Severity;
}

/** The resolved policy: the settings of settings.ts's table, plus what is not a single value. */
export interface Policy extends SettingValues {
  /** More files to scan as text (shell syntax unless the name says fish or .env). */
  extraPaths: string[];
  /** Every rule, resolved: enabled and severity after defaults, fleet and user files. */
  rules: Record<string, RuleSetting>;
  /** Keys and rule IDs the fleet file locked: the user file cannot weaken them. */
  locked: string[];
  /** The policy files consulted (existing or not), for the daemon's watcher. */
  files: string[];
  /** Per-profile session keys (`[profile NAME]` sections), after the fleet's locks. */
  profiles: Record<string, Partial<SettingValues>>;
  /** User settings ignored because the fleet locked them (one line each, for stderr). */
  warnings: string[];
}

export type { SettingKey, SettingValues } from './settings.js';

/** One policy file, parsed: only what it sets. */
export interface PolicyLayer {
  file: string;
  settings: Partial<SettingValues>;
  rules: Record<string, Partial<RuleSetting>>;
  extraPaths: string[];
  locked: string[];
  /** `[profile NAME]` sections: session keys for one profile. */
  profiles: Record<string, Partial<SettingValues>>;
}
