// shlexSplit must agree with Python's shlex.split, which botocore applies to section names and
// credential_process lines; shellQuote must survive both shlex and /bin/sh.
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShlexError, shellQuote, shlexSplit } from '../../../src/awsconfig/shlex.js';

const seed = Number(process.env.KEYWARD_FUZZ_SEED ?? Date.now() % 2 ** 31);
const pythonSplit = (inputs: string[]): (string[] | null)[] => JSON.parse(execFileSync('python3', ['-c', `
import json, shlex, sys
out = []
for s in json.load(sys.stdin):
    try: out.append(shlex.split(s))
    except ValueError: out.append(None)
print(json.dumps(out))`], { input: JSON.stringify(inputs), encoding: 'utf8' })) as (string[] | null)[];

const ours = (text: string): string[] | null => {
  try {
    return shlexSplit(text);
  } catch (error) {
    if (error instanceof ShlexError) return null;
    throw error;
  }
};

describe('shlexSplit', () => {
  it(`agrees with python shlex.split on 3000 strings (seed ${seed})`, () => {
    const inputs = fc.sample(fc.array(fc.constantFrom('a', 'b', ' ', '\t', "'", '"', '\\', '$', '#', 'é', '\n', 'profile', ' x'), { maxLength: 14 }).map((p) => p.join('')), { numRuns: 3000, seed });
    const expected = pythonSplit(inputs);
    inputs.forEach((input, i) => expect(ours(input), JSON.stringify(input)).toEqual(expected[i]));
  });

  it('shellQuote round-trips through shlex and /bin/sh', () => {
    const names = ['dev', 'my profile', "o'brien", 'a"b', 'cost$center', 'back\\slash', '$(id)', '`id`', 'tab\there', 'ünï', '-flag', ''];
    const line = names.map(shellQuote).join(' ');
    expect(shlexSplit(line)).toEqual(names);
    expect(pythonSplit([line])[0]).toEqual(names);
    const sh = execFileSync('/bin/sh', ['-c', `for a in ${line}; do printf '%s\\0' "$a"; done`], { encoding: 'utf8' });
    expect(sh.split('\0').slice(0, -1)).toEqual(names);
  });
});
