// `keyward policy [--format text|json]`: the policy in force — every key of the settings table
// with its value and what it does, the rules' switches and severities, what the fleet locked,
// and the files consulted. Policy errors name this command, so it must always be able to list the keys.
import { parseFormatOnly } from '../args.js';
import type { Context } from '../../context.js';
import { loadPolicy } from '../../policy/load.js';
import type { Policy } from '../../policy/policy.js';
import { textToShow } from '../../display.js';
import { SETTING_TABLE } from '../../policy/settings.js';
import { EXIT } from '../exit-codes.js';

const HELP = `Usage: keyward policy [--format text|json]

Lists every policy key with the value in force and what it does, each rule's switch and
severity, the keys the fleet policy locked, and the files read (the fleet's, then yours).

Options:
  --format text|json  text (default) or json
  -h, --help          show this help
`;

export function describePolicy(policy: Policy): object {
  return {
    version: 1,
    files: policy.files,
    settings: SETTING_TABLE.map((row) => ({ key: row.key, value: policy[row.field], default: row.default, locked: policy.locked.includes(row.key), doc: row.doc })),
    extra_paths: policy.extraPaths,
    rules: Object.entries(policy.rules).map(([id, rule]) => ({ id, ...rule, locked: policy.locked.includes(id) })),
    profiles: Object.entries(policy.profiles).map(([profile, values]) => ({ profile, settings: profileSettings(values) })),
  };
}

/** A `[profile NAME]` section's keys in force, by policy key (issue 13: the session keys). */
function profileSettings(values: Policy['profiles'][string]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const row of SETTING_TABLE) if (values[row.field] !== undefined) out[row.key] = values[row.field];
  return out;
}

export function formatPolicy(policy: Policy): string {
  const width = Math.max(...SETTING_TABLE.map((row) => row.key.length));
  const lines = [`Policy files (fleet, then user): ${policy.files.join(', ')}`, '', 'Settings:'];
  for (const row of SETTING_TABLE) {
    const lock = policy.locked.includes(row.key) ? ' [locked]' : '';
    lines.push(`  ${row.key.padEnd(width)} = ${String(policy[row.field])}${lock}    ${row.doc} (default ${String(row.default)})`);
  }
  lines.push(`  ${'extra_paths'.padEnd(width)} = ${policy.extraPaths.join(', ')}    more files to scan (comma-separated)`);
  lines.push('', 'Rules ([rules.<id>] enabled = true|false, severity = high|medium|low|info):');
  for (const [id, rule] of Object.entries(policy.rules)) {
    lines.push(`  ${id}: ${rule.enabled ? 'on' : 'off'}, ${rule.severity}${policy.locked.includes(id) ? ' [locked]' : ''}`);
  }
  const profiles = Object.entries(policy.profiles).filter(([, values]) => Object.keys(profileSettings(values)).length > 0);
  if (profiles.length > 0) lines.push('', 'Profiles ([profile NAME] sections: session keys for one profile):');
  for (const [name, values] of profiles) {
    const set = Object.entries(profileSettings(values)).map(([key, value]) => `${key} = ${String(value)}`).join(', ');
    lines.push(textToShow(`  ${name}: ${set}`));
  }
  return `${lines.join('\n')}\n`;
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  const options = parseFormatOnly('policy', argv);
  if (options.help) {
    ctx.out.write(HELP);
    return EXIT.ok;
  }
  const policy = await loadPolicy(ctx);
  for (const warning of policy.warnings) ctx.err.write(`keyward: ${warning}\n`);
  ctx.out.write(options.format === 'json' ? `${JSON.stringify(describePolicy(policy))}\n` : formatPolicy(policy));
  return EXIT.ok;
}
