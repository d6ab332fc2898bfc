// The three session keys of keyward's policy (session_credentials, session_duration, mfa_prompt):
// their grammar, and the shim's own reader of them. The shim runs on every AWS CLI call and may
// not load policy/ (ini, the rule table): this file reads only these keys, with the same layering
// as policy/merge.ts (defaults < fleet < user, per-profile `[profile NAME]` sections after the
// top level of each file, a locked key only made stricter). policy/ uses the grammar below, and
// test/unit/sessions/settings.test.ts checks both readers agree.
import { KeywardError } from '../errors.js';

export type SessionMode = 'never' | 'mfa' | 'always';
/** Least strict first: a fleet that locks `mfa` lets a user choose `always`, never `never`. */
export const SESSION_MODES: readonly SessionMode[] = ['never', 'mfa', 'always'];

export type PromptSource = 'process' | 'desktop' | 'terminal';
export const PROMPT_SOURCES: readonly PromptSource[] = ['process', 'desktop', 'terminal'];

/** What GetSessionToken accepts for an IAM user (DurationSeconds; a root user is capped at 3600). */
export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 129_600;

export interface SessionSettings {
  mode: SessionMode;
  durationSeconds: number;
  prompt: PromptSource[];
}

export const SESSION_DEFAULTS: Readonly<SessionSettings> = { mode: 'mfa', durationSeconds: 3600, prompt: ['process', 'desktop', 'terminal'] };

/** The policy keys, by the field of SessionSettings they set. */
export const SESSION_KEYS = { session_credentials: 'mode', session_duration: 'durationSeconds', mfa_prompt: 'prompt' } as const;
export type SessionKey = keyof typeof SESSION_KEYS;

export const isSessionKey = (key: string): key is SessionKey => Object.hasOwn(SESSION_KEYS, key);

export function parseSessionMode(text: string): SessionMode | undefined {
  const word = text.trim().toLowerCase();
  return SESSION_MODES.find((mode) => mode === word);
}

/** `3600`, `3600s`, `90m`, `1h`, `1h30m` → seconds; undefined when malformed or outside STS's bounds. */
export function parseDuration(text: string): number | undefined {
  const match = /^(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s?)?$/.exec(text.trim().toLowerCase());
  if (!match || text.trim() === '') return undefined;
  const [, h = '0', m = '0', s = '0'] = match;
  const seconds = Number(h) * 3600 + Number(m) * 60 + Number(s);
  return seconds >= MIN_DURATION_SECONDS && seconds <= MAX_DURATION_SECONDS ? seconds : undefined;
}

/** `process, desktop, terminal` (any order, any non-empty subset, no repeats). */
export function parsePromptOrder(text: string): PromptSource[] | undefined {
  const words = text.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);
  const sources = words.map((w) => PROMPT_SOURCES.find((s) => s === w));
  if (sources.length === 0 || sources.some((s) => s === undefined) || new Set(sources).size !== sources.length) return undefined;
  return sources as PromptSource[];
}

export const SESSION_VALUE_HELP: Readonly<Record<SessionKey, string>> = {
  session_credentials: 'mfa, always or never',
  session_duration: `a duration between 15m and 36h (${MIN_DURATION_SECONDS}-${MAX_DURATION_SECONDS} seconds, e.g. 1h or 3600)`,
  mfa_prompt: 'a comma-separated order of process, desktop and terminal',
};

/** One key's value, parsed into its SessionSettings field; undefined when invalid. */
export function parseSessionValue(key: SessionKey, text: string): SessionSettings[keyof SessionSettings] | undefined {
  if (key === 'session_credentials') return parseSessionMode(text);
  if (key === 'session_duration') return parseDuration(text);
  return parsePromptOrder(text);
}

/** Whether a user's `next` may replace a locked `current`: a stricter mode, a shorter session; the prompt order never. */
export function isStricterSession(key: SessionKey, current: unknown, next: unknown): boolean {
  if (key === 'session_credentials') return SESSION_MODES.indexOf(next as SessionMode) >= SESSION_MODES.indexOf(current as SessionMode);
  if (key === 'session_duration') return (next as number) <= (current as number);
  return String(current) === String(next);
}

/** A policy file as the shim reads it: the top-level keys, `locked`, and each `[profile NAME]`. */
export interface SessionLayer {
  file: string;
  top: Map<string, string>;
  locked: string[];
  profiles: Map<string, Map<string, string>>;
}

/**
 * The few INI lines the shim needs: `key = value` at the top level and in `[profile NAME]`
 * sections; other sections (`[rules.x]`) are skipped. Inline ` ;`/` #` comments and surrounding
 * quotes are dropped, as the `ini` package does.
 */
export function readSessionLayer(file: string, text: string): SessionLayer {
  const layer: SessionLayer = { file, top: new Map(), locked: [], profiles: new Map() };
  let section: Map<string, string> | undefined = layer.top;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      const name = line.endsWith(']') ? line.slice(1, -1).trim() : '';
      section = name.startsWith('profile ') ? profileSection(layer, name.slice('profile '.length).trim()) : undefined;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0 || section === undefined) continue;
    const key = line.slice(0, eq).trim().replace(/\[\]$/, '');
    const value = unquote(line.slice(eq + 1));
    if (section === layer.top && key === 'locked') layer.locked.push(...value.split(',').map((v) => v.trim()).filter(Boolean));
    else section.set(key, value);
  }
  return layer;
}

function profileSection(layer: SessionLayer, name: string): Map<string, string> {
  const section = layer.profiles.get(name) ?? new Map<string, string>();
  layer.profiles.set(name, section);
  return section;
}

function unquote(value: string): string {
  const text = value.trim();
  if (text.length >= 2 && (text[0] === '"' || text[0] === "'") && text.endsWith(text[0] as string)) return text.slice(1, -1);
  const comment = /\s[;#]/.exec(text);
  return (comment ? text.slice(0, comment.index) : text).trim();
}

/**
 * defaults < fleet top level < user top level < fleet `[profile NAME]` < user `[profile NAME]`
 * (the more specific wins); a user value for a locked key only replaces a less strict one.
 */
export function resolveSessionSettings(fleet: SessionLayer | undefined, user: SessionLayer | undefined, profile: string): SessionSettings {
  const settings: SessionSettings = { ...SESSION_DEFAULTS, prompt: [...SESSION_DEFAULTS.prompt] };
  const locked = new Set(fleet?.locked ?? []);
  const steps: [SessionLayer | undefined, 'top' | 'profile'][] = [[fleet, 'top'], [user, 'top'], [fleet, 'profile'], [user, 'profile']];
  for (const [layer, where] of steps) {
    if (!layer) continue;
    for (const [key, text] of (where === 'top' ? layer.top : layer.profiles.get(profile)) ?? []) {
      if (!isSessionKey(key)) continue;
      const value = parseSessionValue(key, text);
      if (value === undefined) throw invalid(layer.file, key, text);
      const field = SESSION_KEYS[key];
      if (layer === user && locked.has(key) && !isStricterSession(key, settings[field], value)) continue;
      Object.assign(settings, { [field]: value });
    }
  }
  return settings;
}

function invalid(file: string, key: SessionKey, text: string): KeywardError {
  return new KeywardError('policy-invalid', `${file}: ${key} must be ${SESSION_VALUE_HELP[key]}, not '${text}'`,
    'Fix or remove it; `keyward policy` lists the policy keys and the values in force.');
}
