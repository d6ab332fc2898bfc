// keyward's view of generated AWS files must equal botocore's, file for file, including which
// files botocore refuses. The seed changes every run and is printed on failure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/awsconfig/parse.js';
import { buildProfileMap, mergeProfiles, rawConfig } from '../../../src/awsconfig/profiles.js';
import type { FileKind } from '../../../src/awsconfig/document.js';
import { awsFile } from '../../support/aws-file-generator.js';
import { botocoreView } from '../../support/botocore.js';
import type { BotocoreView, FilePair } from '../../support/botocore.js';

const seed = Number(process.env.KEYWARD_FUZZ_SEED ?? Date.now() % 2 ** 31);
const CASES = Number(process.env.KEYWARD_FUZZ_CASES ?? 2000);

function keywardFile(text: string, kind: FileKind): { raw?: unknown; error?: true } {
  const doc = parse(text, kind);
  return doc.diagnostics.length > 0 ? { error: true } : { raw: rawConfig(doc) };
}

function keywardView(pair: FilePair): BotocoreView {
  const view: BotocoreView = {};
  const config = pair.config === undefined ? undefined : parse(pair.config, 'config');
  const credentials = pair.credentials === undefined ? undefined : parse(pair.credentials, 'credentials');
  if (config) view.config = keywardFile(pair.config as string, 'config') as BotocoreView['config'];
  if (credentials) view.credentials = keywardFile(pair.credentials as string, 'credentials') as BotocoreView['credentials'];
  const configOk = !config || config.diagnostics.length === 0;
  if (configOk) {
    const map = buildProfileMap(config ? rawConfig(config) : {});
    view.profileMap = { ...map.other, profiles: map.profiles, sso_sessions: map.ssoSessions, services: map.services };
    if (!credentials || credentials.diagnostics.length === 0) {
      view.profiles = mergeProfiles(map, credentials ? rawConfig(credentials) : {});
    }
  }
  return view;
}

/** Which §4 facts the corpus exercised in files botocore accepts (or, for refusals, at all). */
function coverage(pairs: FilePair[]): Record<string, boolean> {
  const seen: Record<string, boolean> = {
    upperCaseOption: false, colonDelimiter: false, inlineComment: false, nestedBlock: false, continuation: false,
    fullLineComment: false, quotedProfileName: false, ssoSession: false, services: false, defaultsSection: false,
    crlf: false, loneCr: false, noFinalNewline: false, credentialsOverride: false,
  };
  for (const code of ['parse-bom', 'parse-missing-section', 'parse-duplicate-section', 'parse-duplicate-option', 'parse-invalid-line', 'parse-invalid-nested']) seen[code] = false;
  for (const pair of pairs) {
    const config = parse(pair.config ?? '', 'config');
    const credentials = parse(pair.credentials ?? '', 'credentials');
    for (const doc of [config, credentials]) {
      for (const d of doc.diagnostics) seen[d.code] = true;
      if (doc.diagnostics.length > 0) continue;
      for (const line of doc.lines) {
        if (line.role === 'comment') seen.fullLineComment = true;
        if (line.role === 'continuation') seen.continuation = true;
        if (line.eol === '\r\n') seen.crlf = true;
        if (line.eol === '\r') seen.loneCr = true;
      }
      if (doc.lines.length > 0 && doc.lines[doc.lines.length - 1]?.eol === '') seen.noFinalNewline = true;
      for (const section of doc.sections) {
        if (section.header === 'DEFAULT' && section.entries.length > 0) seen.defaultsSection = true;
        if (/^sso-session /.test(section.header)) seen.ssoSession = true;
        if (/^services /.test(section.header)) seen.services = true;
        if (/^profile "[^"]* [^"]*"$/.test(section.header)) seen.quotedProfileName = true;
        for (const entry of section.entries) {
          if (entry.name !== entry.key) seen.upperCaseOption = true;
          if (entry.nested && entry.nested.length > 0) seen.nestedBlock = true;
          if (/ [#;] /.test(entry.value)) seen.inlineComment = true;
          if (doc.lines[entry.line - 1]?.text.replace(/^[^=:]*/, '').startsWith(':')) seen.colonDelimiter = true;
        }
      }
    }
    if (config.diagnostics.length === 0 && credentials.diagnostics.length === 0) {
      const fromConfig = buildProfileMap(rawConfig(config)).profiles;
      const fromCredentials = rawConfig(credentials);
      for (const [name, settings] of Object.entries(fromCredentials)) {
        const shared = Object.keys(settings).some((key) => fromConfig[name]?.[key] !== undefined && fromConfig[name]?.[key] !== settings[key]);
        if (shared) seen.credentialsOverride = true;
      }
    }
  }
  return seen;
}

describe('awsconfig agrees with botocore', () => {
  it(`on ${CASES} generated file pairs (seed ${seed})`, () => {
    const pairs = fc.sample(fc.record({ config: awsFile('config'), credentials: awsFile('credentials') }), { numRuns: CASES, seed });
    const expected = botocoreView(pairs);
    let refused = 0;
    pairs.forEach((pair, i) => {
      const actual = keywardView(pair);
      if (actual.config?.error || actual.credentials?.error) refused++;
      expect(actual, `seed ${seed}, case ${i}:\n--- config\n${JSON.stringify(pair.config)}\n--- credentials\n${JSON.stringify(pair.credentials)}`)
        .toEqual(expected[i]);
    });
    // The corpus must exercise both sides: files botocore reads and files it refuses.
    expect(refused).toBeGreaterThan(CASES * 0.05);
    expect(refused).toBeLessThan(CASES * 0.7);
    expect(coverage(pairs)).toEqual(Object.fromEntries(Object.keys(coverage(pairs)).map((k) => [k, true])));
  });
});
