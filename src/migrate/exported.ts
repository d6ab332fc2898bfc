// Where else a key about to be migrated sits in plaintext: the shell start-up and dotenv files scan
// reads (an `export AWS_SECRET_ACCESS_KEY=…` typed into ~/.bashrc years ago). Moving the key out of
// ~/.aws leaves those copies, so the plan names them. A plain substring search: linear, no patterns.
import type { Context } from '../context.js';
import { scanPaths } from '../sources/paths.js';
import { readTextFile } from '../sources/read.js';
import type { PlanStep } from './plan.js';

export interface Elsewhere {
  profile: string;
  file: string;
  line: number;
}

export function keysElsewhere(ctx: Pick<Context, 'env' | 'home'>, steps: PlanStep[]): Elsewhere[] {
  if (steps.length === 0) return [];
  const found: Elsewhere[] = [];
  for (const entry of scanPaths(ctx.env, ctx.home, [], []).texts) {
    const read = readTextFile(entry.path);
    if (read === null || 'error' in read) continue;
    for (const step of steps) {
      const at = Math.max(read.text.indexOf(step.secretAccessKey), read.text.indexOf(step.accessKeyId));
      if (at < 0) continue;
      found.push({ profile: step.profile, file: entry.path, line: lineAt(read.text, at) });
    }
  }
  return found;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text[i] === '\n') line++;
  return line;
}
