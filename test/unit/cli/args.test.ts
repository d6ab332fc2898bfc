// parseArgs's errors in keyward's style: Node's own codes decide the text, so a Node version that
// rewords its messages ("Unknown option '--x'. To specify a positional argument …") changes nothing.
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { describe, expect, it } from 'vitest';
import { argumentProblem, parseCommandArgs } from '../../../src/cli/args.js';
import { isKeywardError } from '../../../src/errors.js';

const options = { profile: { type: 'string', short: 'p' }, yes: { type: 'boolean' } } as const;

function problem(args: string[]): string {
  try {
    parseArgs({ args, options, strict: true, allowPositionals: false } as ParseArgsConfig);
  } catch (error) {
    return argumentProblem(error);
  }
  throw new Error('parseArgs accepted the arguments');
}

describe('argumentProblem', () => {
  it.each([
    [['--nope'], "unknown option '--nope'"],
    [['extra'], "unexpected argument 'extra' (this command takes no positional arguments)"],
    [['--profile'], "option '--profile' needs a value"],
    [['-p'], "option '--profile' needs a value"],
    [['--yes=1'], "option '--yes' does not take a value"],
  ])('%j → %s', (args, expected) => {
    expect(problem(args)).toBe(expected);
  });

  it('lower-cases the first sentence of a message it does not know, and drops the rest', () => {
    expect(argumentProblem(new Error('Something odd happened. More text here.'))).toBe('something odd happened');
    expect(argumentProblem('Plain text')).toBe('plain text');
  });

  it('is what parseCommandArgs throws, with the hint naming the command', () => {
    try {
      parseCommandArgs('scan', { args: ['--nope'], options, strict: true });
      expect.unreachable('parseCommandArgs accepted --nope');
    } catch (error) {
      expect(isKeywardError(error) && [error.code, error.message, error.hint]).toEqual(['usage', "unknown option '--nope'", "Run 'keyward scan --help'."]);
    }
  });
});
