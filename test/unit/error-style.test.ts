// Issue 11, "messages in one style": every error keyward writes is printed as
// `keyward: <message>. <hint>` (errors.ts formatError), so the message is a lower-case clause on
// one line without its own full stop, and the hint one or more sentences on the same line. This
// reads every `new KeywardError(code, message, hint)` in src/ and checks the literal text of each
// (template literals by their fixed parts); the messages built elsewhere (parseArgs's, the keychain
// table) have their own tests (test/unit/cli/args.test.ts, below).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { KEYCHAIN_MESSAGES } from '../../src/secrets/keychain-errors.js';
import { repoRoot } from '../support/paths.js';

interface Call { where: string; message?: string; hint?: string }

/** The literal text of a string or template argument (`${}` for each substitution), or undefined. */
function literal(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => `\${}${span.literal.text}`).join('');
  return undefined;
}

function keywardErrors(): Call[] {
  const files = execFileSync('git', ['ls-files', 'src'], { cwd: repoRoot, encoding: 'utf8' }).split('\n').filter((file) => file.endsWith('.ts'));
  const calls: Call[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(repoRoot, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && node.expression.getText(source) === 'KeywardError') {
        const [, message, hint] = node.arguments ?? [];
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        calls.push({ where: `${file}:${line}`, message: literal(message), hint: literal(hint) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

function messageProblems(text: string): string[] {
  const problems: string[] = [];
  // A capitalised ordinary word; an acronym or a name in capitals (HOME, STS, AWS_CONFIG_FILE) is fine.
  if (/^[A-Z][a-z]/.test(text)) problems.push('starts with a capital');
  if (/\.$/.test(text)) problems.push('ends with a full stop (formatError adds one)');
  if (/[\r\n]/.test(text)) problems.push('spans lines');
  return problems;
}

function hintProblems(text: string): string[] {
  const problems: string[] = [];
  if (/[\r\n]/.test(text)) problems.push('spans lines');
  if (!/[.)`?!]$/.test(text.trim())) problems.push('does not end a sentence');
  return problems;
}

describe('error messages, in one style', () => {
  const calls = keywardErrors();

  it('finds the errors it checks (the walk itself works)', () => {
    expect(calls.length).toBeGreaterThan(80);
    expect(calls.filter((call) => call.message !== undefined).length).toBeGreaterThan(60);
  });

  it('has no literal message with a capital, a full stop or a line break', () => {
    const bad = calls.flatMap((call) => call.message === undefined ? [] : messageProblems(call.message).map((p) => `${call.where}: ${p}: ${call.message}`));
    expect(bad).toEqual([]);
  });

  it('has no literal hint on two lines or without an ending', () => {
    const bad = calls.flatMap((call) => call.hint ? hintProblems(call.hint).map((p) => `${call.where}: ${p}: ${call.hint}`) : []);
    expect(bad).toEqual([]);
  });

  it('applies the same rule to the keychain messages built from a table', () => {
    for (const text of Object.values(KEYCHAIN_MESSAGES)) expect(messageProblems(text), text).toEqual([]);
  });

  it('catches what it is meant to (the checks have teeth)', () => {
    expect(messageProblems('Profile not found.')).toEqual(['starts with a capital', 'ends with a full stop (formatError adds one)']);
    expect(messageProblems('HOME is not set')).toEqual([]);
    expect(messageProblems('two\nlines')).toEqual(['spans lines']);
    expect(hintProblems('run it again')).toEqual(['does not end a sentence']);
  });
});
