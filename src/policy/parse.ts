// Parses one keyward policy file (ini syntax) into a PolicyLayer, refusing anything it does not
// understand with the file and line, so a typo in a fleet policy never silently weakens it.
import ini from 'ini';
import { KeywardError } from '../errors.js';
import { ruleIds } from '../rules/index.js';
import { isSeverity } from '../rules/types.js';
import { isSessionKey, parseSessionValue, SESSION_VALUE_HELP } from '../sessions/settings.js';
import { settingRow } from './settings.js';
import type { SettingRow, SettingValues } from './settings.js';
import type { PolicyLayer, RuleSetting } from './policy.js';

const BOOLEAN_WORDS = new Map<string, boolean>([['true', true], ['yes', true], ['on', true], ['1', true],
  ['false', false], ['no', false], ['off', false], ['0', false]]);
const LIST_KEYS = new Set(['extra_paths', 'locked', 'rules']);

/** The 1-based line where `key` is set in `[section]` (top level when section is undefined); 1 if not found. */
export function lineOf(text: string, section: string | undefined, key: string): number {
  let current: string | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      current = (header[1] as string).trim();
      if (key === '' && current === section) return i + 1;
    }
    else if (current === section && new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\[\\])?\\s*(=|$)`).test(line)) return i + 1;
  }
  return 1;
}

class LayerParser {
  constructor(private readonly file: string, private readonly text: string) {}

  fail(section: string | undefined, key: string, problem: string): never {
    const line = lineOf(this.text, section, key);
    throw new KeywardError('policy-invalid', `${this.file}:${line}: ${problem}`,
      'Fix or remove it; `keyward policy` lists the policy keys and the values in force.');
  }

  boolean(section: string | undefined, key: string, value: unknown): boolean {
    if (typeof value === 'boolean') return value;
    const word = typeof value === 'string' ? BOOLEAN_WORDS.get(value.trim().toLowerCase()) : undefined;
    if (word === undefined) this.fail(section, key, `${key} must be true or false`);
    return word;
  }

  list(key: string, value: unknown): string[] {
    if (Array.isArray(value)) return value.map(String).map((v) => v.trim()).filter(Boolean);
    if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter(Boolean);
    this.fail(undefined, key, `${key} must be a comma-separated list`);
  }

  setting(row: SettingRow, value: unknown): Partial<SettingValues> {
    const { key } = row;
    if (row.kind === 'boolean') return { [row.field]: this.boolean(undefined, key, value) };
    if (typeof value !== 'string' || value.trim() === '') this.fail(undefined, key, `${key} must have a value`);
    const text = value.trim();
    if (row.kind === 'severity') {
      if (!isSeverity(text)) this.fail(undefined, key, `${key} must be high, medium, low or info, not '${text}'`);
      return { [row.field]: text };
    }
    if (row.kind === 'days') {
      if (!/^\d+$/.test(text) || Number(text) < 1) this.fail(undefined, key, `${key} must be a whole number of days, at least 1`);
      return { [row.field]: Number(text) };
    }
    if (isSessionKey(key)) return { [row.field]: this.sessionValue(undefined, key, text) };
    return { [row.field]: text };
  }

  sessionValue(section: string | undefined, key: string, text: string): string | number {
    const value = isSessionKey(key) ? parseSessionValue(key, text) : undefined;
    if (!isSessionKey(key) || value === undefined) {
      const allowed = isSessionKey(key) ? SESSION_VALUE_HELP[key] : undefined;
      this.fail(section, key, allowed ? `${key} must be ${allowed}, not '${text}'` : `unknown key ${key} in [${section}] (use session_credentials, session_duration, mfa_prompt)`);
    }
    return Array.isArray(value) ? value.join(',') : value;
  }

  /**
   * `[profile NAME]`: one profile's session keys. The ini package splits a section name at dots
   * (`[profile a.b]` is `profile a` → `b`), so nested objects are joined back into the name.
   */
  profile(name: string, body: unknown, into: Record<string, Partial<SettingValues>>): void {
    const section = `profile ${name}`;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) this.fail(undefined, section, `[${section}] must be a section`);
    const values: Partial<SettingValues> = {};
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        this.profile(`${name}.${key}`, value, into);
        continue;
      }
      const row = settingRow(key);
      const text = typeof value === 'string' ? value.trim() : String(value);
      const parsed = this.sessionValue(section, key, text);
      if (row) Object.assign(values, { [row.field]: parsed });
    }
    if (Object.keys(values).length > 0) into[name] = { ...into[name], ...values };
  }

  rule(id: string, body: unknown): Partial<RuleSetting> {
    const section = `rules.${id}`;
    if (!ruleIds.includes(id)) this.fail(section, '', `unknown rule [${section}]`);
    if (typeof body !== 'object' || body === null) this.fail(undefined, section, `[${section}] must be a section`);
    const result: Partial<RuleSetting> = {};
    for (const [key, value] of Object.entries(body)) {
      if (key === 'enabled') result.enabled = this.boolean(section, key, value);
      else if (key === 'severity') {
        if (!isSeverity(value)) this.fail(section, key, `severity must be high, medium, low or info, not '${String(value)}'`);
        result.severity = value;
      } else this.fail(section, key, `unknown key ${key} in [${section}] (use enabled, severity)`);
    }
    return result;
  }

  parse(): PolicyLayer {
    const data = ini.parse(this.text) as Record<string, unknown>;
    const layer: PolicyLayer = { file: this.file, settings: {}, rules: {}, extraPaths: [], locked: [], profiles: {} };
    for (const [key, value] of Object.entries(data)) {
      const row = settingRow(key);
      if (key.startsWith('[')) this.fail(undefined, key, `the section header ${key} has no closing ]`);
      if (key.startsWith('profile ') && typeof value === 'object') {
        this.profile(key.slice('profile '.length).trim(), value, layer.profiles);
        continue;
      }
      if (!row && !LIST_KEYS.has(key)) {
        const isSection = typeof value === 'object' && value !== null && !Array.isArray(value);
        this.fail(isSection ? key : undefined, isSection ? '' : key, `unknown ${isSection ? 'section' : 'setting'} ${key}`);
      }
      if (row) Object.assign(layer.settings, this.setting(row, value));
      else if (key === 'rules') Object.assign(layer.rules, this.rules(value));
      else if (key === 'extra_paths') layer.extraPaths = this.list(key, value);
      else layer.locked = this.list(key, value);
    }
    return layer;
  }

  rules(value: unknown): Record<string, Partial<RuleSetting>> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(undefined, 'rules', 'rules must be [rules.<ruleId>] sections');
    const out: Record<string, Partial<RuleSetting>> = {};
    for (const [id, body] of Object.entries(value)) out[id] = this.rule(id, body);
    return out;
  }
}

/** Parses a policy file's text; throws KeywardError('policy-invalid') naming the file and line. */
export function parsePolicy(file: string, text: string): PolicyLayer {
  return new LayerParser(file, text).parse();
}
