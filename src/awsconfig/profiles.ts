// The botocore view of parsed files: `raw_config_parse`, `build_profile_map`, and the session's
// merge of the credentials file into the config file's profiles — with, for each value, the file,
// section and entry it comes from. Every name here comes from a user's file, so every table is a
// Map: a section, profile or option named `__proto__` (botocore accepts it) must not vanish.
import { DEFAULTS_SECTION } from './document.js';
import type { Document, Entry, FileKind, Section } from './document.js';
import { ShlexError, shlexSplit } from './shlex.js';

export type Value = string | ReadonlyMap<string, string>;
export type Settings = Map<string, Value>;
/** Section header → settings, in file order (Python dicts keep insertion order). */
export type RawConfig = Map<string, Settings>;

export interface ProfileMap {
  profiles: Map<string, Settings>;
  ssoSessions: Map<string, Settings>;
  services: Map<string, Settings>;
  /** Sections that are none of the above (`[preview]`, …), by header. */
  other: Map<string, Settings>;
}

export function entryValue(entry: Entry): Value {
  if (!entry.nested) return entry.value;
  return new Map(entry.nested.map((sub) => [sub.name, sub.value]));
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
  const config: RawConfig = new Map();
  for (const section of doc.sections) {
    if (section.header === DEFAULTS_SECTION) continue;
    config.set(section.header, new Map(effectiveEntries(doc, section).map((entry) => [entry.key, entryValue(entry)])));
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

const PREFIXES = ['profile', 'sso-session', 'services'] as const;

/** What a section header means in a file of this kind, as botocore reads it. */
export function sectionRole(header: string, kind: FileKind): SectionRole {
  if (header === DEFAULTS_SECTION) return { kind: 'defaults' };
  if (kind === 'credentials') return { kind: 'profile', name: header };
  for (const prefix of PREFIXES) {
    if (!header.startsWith(prefix)) continue;
    const name = prefixedName(header, prefix);
    if (name === undefined) return { kind: 'other' };
    return prefix === 'profile' ? { kind: 'profile', name } : { kind: prefix, name };
  }
  return header === 'default' ? { kind: 'profile', name: 'default' } : { kind: 'other' };
}

/** botocore's `build_profile_map` over the config file's raw view: a later section of one name replaces an earlier one. */
export function buildProfileMap(raw: RawConfig): ProfileMap {
  const map: ProfileMap = { profiles: new Map(), ssoSessions: new Map(), services: new Map(), other: new Map() };
  for (const [header, settings] of raw) {
    const role = sectionRole(header, 'config');
    if (role.kind === 'profile') map.profiles.set(role.name, settings);
    else if (role.kind === 'sso-session') map.ssoSessions.set(role.name, settings);
    else if (role.kind === 'services') map.services.set(role.name, settings);
    // A header that starts with a known prefix but does not split into two words is dropped.
    else if (!PREFIXES.some((prefix) => header.startsWith(prefix))) map.other.set(header, settings);
  }
  return map;
}

/** A parsed AWS file and where it lives; callers may pass richer objects (with stats) and get them back. */
export interface SourceFile {
  path: string;
  doc: Document;
}

export interface Place<F extends SourceFile = SourceFile> {
  file: F;
  section: Section;
}

export interface ProfileSetting<F extends SourceFile = SourceFile> {
  value: Value;
  /** The file and section the winning value is written in (for an inherited value, the [DEFAULT] section). */
  file: F;
  section: Section;
  entry: Entry;
}

/** One profile as a botocore session sees it, with the origin of every value. */
export interface ProfileView<F extends SourceFile = SourceFile> {
  name: string;
  settings: Map<string, ProfileSetting<F>>;
  /** The config file's section botocore uses for this name (the last one: `build_profile_map`). */
  config?: Place<F>;
  /** The credentials file's section of this name. */
  credentials?: Place<F>;
  /**
   * Config sections of this name botocore ignores because a later one replaces them
   * (`[profile x]` then `[profile "x"]`, or `[default]` then `[profile default]`).
   */
  shadowed: Place<F>[];
}

/** The file's [DEFAULT] sections, found once per file rather than once per profile (a walk of every section each time). */
function defaultsOf(file: SourceFile | undefined): Section[] {
  return file ? file.doc.sections.filter((section) => section.header === DEFAULTS_SECTION) : [];
}

function settingsOf<F extends SourceFile>(file: F, section: Section, defaults: Section[]): Map<string, ProfileSetting<F>> {
  const settings = new Map<string, ProfileSetting<F>>();
  const add = (from: Section): void => {
    for (const entry of from.entries) settings.set(entry.key, { value: entryValue(entry), file, section: from, entry });
  };
  // [DEFAULT] first, so the section's own entries replace what it inherits.
  for (const from of defaults) add(from);
  add(section);
  return settings;
}

/**
 * Every profile a botocore session sees: the config file's (`build_profile_map`: the last section
 * of a name wins whole), then updated key by key with the credentials file's sections.
 */
export function profileViews<F extends SourceFile>(config: F | undefined, credentials: F | undefined): Map<string, ProfileView<F>> {
  const views = new Map<string, ProfileView<F>>();
  const configDefaults = defaultsOf(config);
  const credentialsDefaults = defaultsOf(credentials);
  for (const section of config?.doc.sections ?? []) {
    const role = sectionRole(section.header, 'config');
    if (role.kind !== 'profile' || !config) continue;
    const earlier = views.get(role.name);
    views.set(role.name, {
      name: role.name, settings: settingsOf(config, section, configDefaults), config: { file: config, section },
      shadowed: earlier?.config ? [...earlier.shadowed, earlier.config] : [],
    });
  }
  for (const section of credentials?.doc.sections ?? []) {
    if (section.header === DEFAULTS_SECTION || !credentials) continue;
    const view: ProfileView<F> = views.get(section.header) ?? { name: section.header, settings: new Map(), shadowed: [] };
    for (const [key, setting] of settingsOf(credentials, section, credentialsDefaults)) view.settings.set(key, setting);
    view.credentials = { file: credentials, section };
    views.set(section.header, view);
  }
  return views;
}

/** The plain settings of a view, as botocore's dicts hold them. */
export function plainSettings(view: ProfileView): Settings {
  return new Map([...view.settings].map(([key, setting]) => [key, setting.value]));
}

/** Whether two parsed views hold the same settings, in any key order (botocore's dicts). */
export function sameSettings(a: unknown, b: unknown): boolean {
  if (!(a instanceof Map) || !(b instanceof Map)) return a === b;
  if (a.size !== b.size) return false;
  for (const [key, value] of a) {
    if (!b.has(key) || !sameSettings(value, b.get(key))) return false;
  }
  return true;
}
