// The botocore view of parsed files: `raw_config_parse`, `build_profile_map`, and the session's
// merge of the credentials file into the config file's profiles.
import { DEFAULTS_SECTION } from './document.js';
import type { Document, Entry, FileKind, Section } from './document.js';
import { ShlexError, shlexSplit } from './shlex.js';

export type Value = string | Record<string, string>;
export type Settings = Record<string, Value>;
export type RawConfig = Record<string, Settings>;

export interface ProfileMap {
  profiles: Record<string, Settings>;
  ssoSessions: Record<string, Settings>;
  services: Record<string, Settings>;
  /** Sections that are none of the above (`[preview]`, …), by header. */
  other: Record<string, Settings>;
}

function entryValue(entry: Entry): Value {
  if (!entry.nested) return entry.value;
  const block: Record<string, string> = {};
  for (const sub of entry.nested) block[sub.name] = sub.value;
  return block;
}

/** The entries botocore sees in a section: its own, then any [DEFAULT] key it does not set. */
export function effectiveEntries(doc: Document, section: Section): Entry[] {
  const own = new Map(section.entries.map((entry) => [entry.key, entry]));
  for (const defaults of doc.sections) {
    if (defaults.header !== DEFAULTS_SECTION) continue;
    for (const entry of defaults.entries) if (!own.has(entry.key)) own.set(entry.key, entry);
  }
  return [...own.values()];
}

/** botocore's `raw_config_parse`; only meaningful when `doc.diagnostics` is empty. */
export function rawConfig(doc: Document): RawConfig {
  const config: RawConfig = {};
  for (const section of doc.sections) {
    if (section.header === DEFAULTS_SECTION) continue;
    const settings: Settings = {};
    for (const entry of effectiveEntries(doc, section)) settings[entry.key] = entryValue(entry);
    config[section.header] = settings;
  }
  return config;
}

/**
 * The name botocore gives a `[profile x]`-style header in the config file: the second word of
 * `shlex.split(header)` when the header starts with the prefix and splits into exactly two words.
 */
export function prefixedName(header: string, prefix: string): string | undefined {
  if (!header.startsWith(prefix)) return undefined;
  let parts: string[];
  try {
    parts = shlexSplit(header);
  } catch (error) {
    if (error instanceof ShlexError) return undefined;
    throw error;
  }
  return parts.length === 2 ? parts[1] : undefined;
}

export type SectionRole =
  | { kind: 'profile'; name: string }
  | { kind: 'sso-session'; name: string }
  | { kind: 'services'; name: string }
  | { kind: 'defaults' }
  | { kind: 'other' };

/** What a section header means in a file of this kind, as botocore reads it. */
export function sectionRole(header: string, kind: FileKind): SectionRole {
  if (header === DEFAULTS_SECTION) return { kind: 'defaults' };
  if (kind === 'credentials') return { kind: 'profile', name: header };
  for (const prefix of ['profile', 'sso-session', 'services'] as const) {
    if (!header.startsWith(prefix)) continue;
    const name = prefixedName(header, prefix);
    if (name === undefined) return { kind: 'other' };
    return prefix === 'profile' ? { kind: 'profile', name } : { kind: prefix, name };
  }
  return header === 'default' ? { kind: 'profile', name: 'default' } : { kind: 'other' };
}

/** botocore's `build_profile_map` over the config file's raw view. */
export function buildProfileMap(raw: RawConfig): ProfileMap {
  const map: ProfileMap = { profiles: {}, ssoSessions: {}, services: {}, other: {} };
  for (const [header, settings] of Object.entries(raw)) {
    const role = sectionRole(header, 'config');
    if (role.kind === 'profile') map.profiles[role.name] = settings;
    else if (role.kind === 'sso-session') map.ssoSessions[role.name] = settings;
    else if (role.kind === 'services') map.services[role.name] = settings;
    else if (!isPrefixedHeader(header)) map.other[header] = settings;
  }
  return map;
}

// A header that starts with a known prefix but does not split into two words is dropped by
// botocore, not kept as an "other" section.
function isPrefixedHeader(header: string): boolean {
  return ['profile', 'sso-session', 'services'].some((prefix) => header.startsWith(prefix));
}

/**
 * The profiles a botocore session sees: the config file's, updated key by key with the
 * credentials file's sections (whose headers are bare profile names).
 */
export function mergeProfiles(config: ProfileMap, credentials: RawConfig): Record<string, Settings> {
  const profiles: Record<string, Settings> = {};
  for (const [name, settings] of Object.entries(config.profiles)) profiles[name] = { ...settings };
  for (const [name, settings] of Object.entries(credentials)) {
    profiles[name] = { ...(profiles[name] ?? {}), ...settings };
  }
  return profiles;
}

/** Whether two parsed views hold the same settings, in any key order (botocore's dicts). */
export function sameSettings(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && sameSettings(left[key], right[key]));
}
