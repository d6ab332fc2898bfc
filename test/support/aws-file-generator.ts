// Generates varied AWS config/credentials files that exercise every botocore fact of
// docs/architecture.md §4: case of option names, `=`/`:`, comments, inline comments, nested
// blocks, continuation lines, profile/sso-session/services headers, [DEFAULT], CRLF/CR/LF,
// missing final newline, tabs and Unicode whitespace, and the refusals (duplicates, a key before
// any section, a BOM, bad lines, a nested line without `=`).
import fc from 'fast-check';
import { KEY_ID, SECRET } from './keys.js';

// `__proto__` and `constructor`: names an object-keyed table would lose or misread.
const names = ['dev', 'prod', 'my profile', "o'brien", 'a"b', 'cost$center', 'été', 'x', 'Dev', 'default', '__proto__', 'constructor'];
const optionNames = [
  'aws_access_key_id', 'AWS_ACCESS_KEY_ID', 'aws_secret_access_key', 'Aws_Secret_Access_Key',
  'aws_session_token', 'region', 'Region', 'output', 'credential_process', 'role_arn',
  'source_profile', 'sso_session', 'endpoint_url', 'ca_bundle', 'key with space', 'x-y', 'ÜBER', '__proto__', 'toString',
];
const values = [
  '', 'us-east-1', KEY_ID, SECRET, 'json',
  'value # inline hash', 'value ; inline semicolon', 'a=b', 'a:b', 'http://user:pw@example.com:8080/',
  '"quoted value"', "'single'", 'tab\there', 'nbsp\u00a0inside', 'trailing\u00a0', '$(pass show aws)',
  '/usr/bin/keyward --profile \'my profile\'', 'ümlaut', '#not-a-comment',
];
const headersConfig = (name: string): string[] => [
  'default', 'DEFAULT', `profile ${name}`, `profile "${name}"`, `profile  ${name}`, `profile ${name} extra`,
  `profile '${name}`, `sso-session ${name}`, `services ${name}`, 'preview', 'Default', `profile${name}`,
  'profile', 'plugins', `sso-session "${name}"`, '__proto__',
];

const pick = <T>(items: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...items);
const space = fc.constantFrom('', ' ', '  ', '\t', ' \t', '\u00a0', '\u3000');
const indent = fc.constantFrom('  ', '    ', '\t', ' ', '\u00a0\u00a0');
const comment = fc.tuple(fc.constantFrom('', '  ', '\t'), fc.constantFrom('#', ';'), pick(values))
  .map(([pad, mark, text]) => `${pad}${mark} ${text}`);
const blank = fc.constantFrom('', '   ', '\t');

const option = fc.tuple(fc.constantFrom('', '', '', '', '', '', '', '', '', ' '), pick(optionNames), space, fc.constantFrom('=', '=', ':'), space, pick(values), fc.constantFrom('', '', ' ', '\t'))
  .map(([pad, name, s1, delim, s2, value, tail]) => [`${pad}${name}${s1}${delim}${s2}${value}${tail}`]);

const nestedLine = fc.tuple(indent, fc.constantFrom('signature_version', 'Addressing_Style', 'endpoint_url', 'max_attempts', '__proto__'), space, pick(values))
  .map(([pad, key, s, value]) => `${pad}${key}${s}=${s}${value}`);
const nestedBlock = fc.tuple(
  pick(['s3', 'S3', 'sts', 'dynamodb']), fc.constantFrom('=', ' =', ' = '),
  fc.array(fc.oneof({ weight: 6, arbitrary: nestedLine }, { weight: 1, arbitrary: comment }, { weight: 1, arbitrary: blank }),
    { minLength: 0, maxLength: 4 }),
).map(([name, eq, lines]) => [`${name}${eq}`, ...lines]);

const continued = fc.tuple(option, fc.array(fc.tuple(indent, pick(values)).map(([pad, v]) => `${pad}${v || 'more'}`), { minLength: 1, maxLength: 2 }))
  .map(([first, rest]) => [...first, ...rest]);

const bodyLine = fc.oneof(
  { weight: 10, arbitrary: option },
  { weight: 2, arbitrary: nestedBlock },
  { weight: 1, arbitrary: continued },
  { weight: 2, arbitrary: comment.map((c) => [c]) },
  { weight: 2, arbitrary: blank.map((b) => [b]) },
);

/** One way to make botocore refuse a file, inserted into about one file in five. */
const fault = fc.oneof(
  { weight: 30, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: fc.constantFrom(['just text'], ['= no name'], ['[]'], [': x'], ['s3 =', '  no equals here']) },
);

const section = (kind: 'config' | 'credentials'): fc.Arbitrary<string[]> => fc.tuple(
  pick(names).chain((name) => (kind === 'config' ? pick(headersConfig(name)) : fc.constantFrom(name, 'default', 'DEFAULT', `profile ${name}`))),
  fc.constantFrom('', '', ' ', ' ; header comment', ' # c'), fc.constantFrom('', '', '', '', '', '', '', '', '', '', '', ' '),
  fc.array(bodyLine, { maxLength: 7 }),
).map(([header, tail, pad, body]) => [`${pad}[${header}]${tail}`, ...body.flat()]);

/** Drops duplicate option keys and section headers, as most real files have none. */
function dedupe(sections: string[][], keep: boolean): string[][] {
  if (keep) return sections;
  const headers = new Set<string>();
  const defaultKeys = new Set<string>();
  return sections.filter((lines) => {
    const header = /^\s*\[(.+)\]/.exec(lines[0] ?? '')?.[1] ?? '';
    // configparser allows [DEFAULT] twice, but not the same key in both.
    if (header !== 'DEFAULT' && headers.has(header)) return false;
    headers.add(header);
    const keys = header === 'DEFAULT' ? defaultKeys : new Set<string>();
    lines.splice(1, lines.length, ...lines.slice(1).filter((line) => {
      const match = /^\s*([^=:\s][^=:]*?)\s*[=:]/.exec(line);
      if (!match) return true;
      const key = (match[1] ?? '').toLowerCase();
      if (keys.has(key)) return false;
      keys.add(key);
      return true;
    }));
    return true;
  });
}

export const awsFile = (kind: 'config' | 'credentials'): fc.Arbitrary<string> => fc.record({
  preamble: fc.oneof({ weight: 40, arbitrary: fc.constant([] as string[]) }, { weight: 2, arbitrary: fc.array(comment, { maxLength: 2 }) },
    { weight: 1, arbitrary: option.map((o) => (o[0]?.startsWith(' ') ? [] : o)) },
    { weight: 1, arbitrary: fc.constant(['\ufeff[default]']) }),
  sections: fc.array(section(kind), { maxLength: 6 }),
  keepDuplicates: fc.integer({ min: 0, max: 19 }).map((n) => n < 2),
  fault,
  faultAt: fc.nat(),
  eol: fc.constantFrom('\n', '\n', '\r\n', '\r'),
  mixedEol: fc.boolean(),
  finalEol: fc.boolean(),
}).map(({ preamble, sections, keepDuplicates, fault, faultAt, eol, mixedEol, finalEol }) => {
  const lines = [...preamble, ...dedupe(sections, keepDuplicates).flat()];
  if (fault) lines.splice(faultAt % (lines.length + 1), 0, ...fault);
  if (lines.length === 0) return '';
  const joined = lines.map((line, i) => line + (mixedEol && i % 3 === 1 ? '\n' : eol)).join('');
  return finalEol ? joined : joined.replace(/(\r\n|\r|\n)$/, '');
});
