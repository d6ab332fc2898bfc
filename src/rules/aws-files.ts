// Shared views of the AWS config and credentials files for the rules: which sections are
// profiles, where static credentials sit, and each profile's settings merged the botocore way.
import { profileViews as botocoreProfiles, sectionRole } from '../awsconfig/profiles.js';
import type { Place, ProfileView as BotocoreProfile } from '../awsconfig/profiles.js';
import type { Entry, Section } from '../awsconfig/document.js';
import type { AwsFile, Sources } from './types.js';

export const CREDENTIAL_KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'] as const;

/**
 * Caches a pure view per input object. The daemon rescans on every file change and a home can
 * hold a thousand profiles: each rule asking for the same view must not recompute it.
 */
function memo<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, compute(key));
    return cache.get(key) as V;
  };
}

export function awsFiles(sources: Pick<Sources, 'config' | 'credentials'>): AwsFile[] {
  return [sources.config, sources.credentials].filter((f): f is AwsFile => f !== undefined);
}

export interface ProfileSection {
  file: AwsFile;
  section: Section;
  /** CLI spelling; undefined for [DEFAULT]. */
  profile?: string;
}

/** Sections botocore reads settings from: profiles and [DEFAULT] (whose keys every profile inherits). */
export const profileSections = memo((file: AwsFile): ProfileSection[] => {
  const found: ProfileSection[] = [];
  for (const section of file.doc.sections) {
    const role = sectionRole(section.header, file.kind);
    if (role.kind === 'profile') found.push({ file, section, profile: role.name });
    else if (role.kind === 'defaults') found.push({ file, section });
  }
  return found;
});

export interface StaticCredentials extends ProfileSection {
  id?: Entry;
  secret?: Entry;
  token?: Entry;
}

/** Static credential settings written in each profile section (own entries, not inherited ones). */
export const staticCredentials = memo((file: AwsFile): StaticCredentials[] => {
  const found: StaticCredentials[] = [];
  for (const place of profileSections(file)) {
    const get = (key: string): Entry | undefined =>
      place.section.entries.find((e) => e.key === key && e.value !== '');
    const creds = { ...place, id: get('aws_access_key_id'), secret: get('aws_secret_access_key'), token: get('aws_session_token') };
    if (creds.id || creds.secret || creds.token) found.push(creds);
  }
  return found;
});

/** A pair botocore would use: a key ID and a secret in one section. */
export function isPair(creds: StaticCredentials): creds is StaticCredentials & { id: Entry; secret: Entry } {
  return creds.id !== undefined && creds.secret !== undefined;
}

/** Temporary credentials: an ASIA key ID or a session token beside the pair. */
export function isTemporary(creds: StaticCredentials): boolean {
  return creds.token !== undefined || (creds.id?.value.startsWith('ASIA') ?? false);
}

export type ProfileView = BotocoreProfile<AwsFile>;

/** Every profile as a botocore session sees it (awsconfig/profiles.ts), with each value's origin. */
export const profileViews = memo((sources: Sources): ProfileView[] =>
  [...botocoreProfiles(sources.config, sources.credentials).values()]);

/** The same views by profile name: a rule asking once per finding must not search a thousand views each time. */
export const profileViewsByName = memo((sources: Sources): ReadonlyMap<string, ProfileView> =>
  new Map(profileViews(sources).map((view) => [view.name, view])));

/** Where a profile is declared: the config file's section botocore uses, else the credentials file's. */
export function declaredAt(view: ProfileView): Place<AwsFile> {
  return (view.config ?? view.credentials) as Place<AwsFile>;
}

/** Python configparser's getboolean truth values, which botocore's ensure_boolean mirrors for `true`. */
export function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() === 'true';
}

/** The profile (CLI spelling) whose section contains a line, if that section is a profile. */
export function profileAt(file: AwsFile, line: number): string | undefined {
  const section = sectionAt(file.doc.sections, line);
  if (!section) return undefined;
  const role = sectionRole(section.header, file.kind);
  return role.kind === 'profile' ? role.name : undefined;
}

/** Binary search (sections are in file order): one lookup per finding must not walk every section. */
function sectionAt(sections: readonly Section[], line: number): Section | undefined {
  let low = 0;
  let high = sections.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const section = sections[mid] as Section;
    if (line < section.line) high = mid - 1;
    else if (line > section.lastLine) low = mid + 1;
    else return section;
  }
  return undefined;
}
