// Combines built-in defaults < fleet layer < user layer. A key the fleet lists in `locked` can
// only be made stricter by the user file; anything else the user sets there is ignored, with a warning.
import { rules } from '../rules/index.js';
import { SEVERITIES } from '../rules/types.js';
import { DEFAULT_SETTINGS, SETTING_TABLE, isStricter } from './settings.js';
import type { SettingValues } from './settings.js';
import type { Policy, PolicyLayer, RuleSetting } from './policy.js';

type Settings = SettingValues;

function isStricterRule(current: RuleSetting, next: RuleSetting): boolean {
  const enabledOk = next.enabled || !current.enabled;
  return enabledOk && SEVERITIES.indexOf(next.severity) <= SEVERITIES.indexOf(current.severity);
}

function applySettings(base: Settings, layer: PolicyLayer, locked: Set<string>, warnings: string[]): Settings {
  const merged = { ...base };
  for (const row of SETTING_TABLE) {
    const next = layer.settings[row.field];
    if (next === undefined) continue;
    if (locked.has(row.key) && !isStricter(row, merged[row.field], next)) {
      warnings.push(`${layer.file}: ${row.key} is locked by the fleet policy; the user value is ignored`);
      continue;
    }
    Object.assign(merged, { [row.field]: next });
  }
  return merged;
}

function baseRules(): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const rule of rules) out[rule.id] = { enabled: !rule.offByDefault, severity: rule.severity };
  return out;
}

function applyRules(base: Record<string, RuleSetting>, layer: PolicyLayer, locked: Set<string>, warnings: string[]): Record<string, RuleSetting> {
  const merged = { ...base };
  for (const [id, partial] of Object.entries(layer.rules)) {
    const current = merged[id] as RuleSetting;
    const next = { ...current, ...partial };
    if (locked.has(id) && !isStricterRule(current, next)) {
      warnings.push(`${layer.file}: rule ${id} is locked by the fleet policy; the user setting is ignored`);
      continue;
    }
    merged[id] = next;
  }
  return merged;
}

/**
 * Per-profile session keys: each profile starts from the merged top-level settings, and a
 * user's value for a locked key must be as strict as what it replaces (the fleet's).
 */
function applyProfiles(fleet: PolicyLayer | undefined, user: PolicyLayer | undefined, settings: Settings, locked: Set<string>, warnings: string[]): Record<string, Partial<SettingValues>> {
  const out: Record<string, Partial<SettingValues>> = {};
  const names = new Set([...Object.keys(fleet?.profiles ?? {}), ...Object.keys(user?.profiles ?? {})]);
  for (const name of names) {
    let merged: Settings = { ...settings };
    for (const layer of [fleet, user]) {
      const values = layer?.profiles[name];
      if (!layer || !values) continue;
      merged = applySettings(merged, { ...layer, settings: values }, layer === user ? locked : new Set(), warnings);
    }
    const own: Partial<SettingValues> = {};
    for (const row of SETTING_TABLE) if (merged[row.field] !== settings[row.field]) Object.assign(own, { [row.field]: merged[row.field] });
    out[name] = own;
  }
  return out;
}

/** The policy from built-in defaults, then the fleet layer, then the user layer (either may be absent). */
export function mergePolicy(fleet: PolicyLayer | undefined, user: PolicyLayer | undefined, files: string[]): Policy {
  const warnings: string[] = [];
  const locked = new Set(fleet?.locked ?? []);
  let settings: Settings = { ...DEFAULT_SETTINGS };
  let ruleSettings = baseRules();
  for (const layer of [fleet, user]) {
    if (!layer) continue;
    const lockSet = layer === user ? locked : new Set<string>();
    settings = applySettings(settings, layer, lockSet, warnings);
    ruleSettings = applyRules(ruleSettings, layer, lockSet, warnings);
  }
  // require_fips / require_imdsv2 switch their rules on, whatever a layer said about `enabled`.
  if (settings.requireFips) ruleSettings['fips-endpoint-not-used'] = { ...(ruleSettings['fips-endpoint-not-used'] as RuleSetting), enabled: true };
  if (settings.requireImdsv2) ruleSettings['imdsv1-allowed'] = { ...(ruleSettings['imdsv1-allowed'] as RuleSetting), enabled: true };
  // Extra paths only add files to scan, which can never weaken the policy.
  const extraPaths = [...new Set([...(fleet?.extraPaths ?? []), ...(user?.extraPaths ?? [])])];
  const profiles = applyProfiles(fleet, user, settings, locked, warnings);
  return { ...settings, extraPaths, rules: ruleSettings, locked: [...locked], files, warnings, profiles };
}
