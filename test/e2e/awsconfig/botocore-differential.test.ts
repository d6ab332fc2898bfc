// keyward's view of generated AWS files must equal botocore's, file for file, including which
// files botocore refuses. The seed changes every run and is printed on failure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/awsconfig/parse.js';
import { buildProfileMap, plainSettings, profileViews, rawConfig, sectionRole } from '../../../src/awsconfig/profiles.js';
import type { FileKind } from '../../../src/awsconfig/document.js';
import { awsFile } from '../../support/aws-file-generator.js';
import { botocoreView } from '../../support/botocore.js';
import { toPlain as plain } from '../../support/plain.js';
import type { BotocoreView, FilePair } from '../../support/botocore.js';

const seed = Number(process.env.KEYWARD_FUZZ_SEED ?? Date.now() % 2 ** 31);
const CASES = Number(process.env.KEYWARD_FUZZ_CASES ?? 2000);


function keywardFile(text: string, kind: FileKind): { raw?: unknown; error?: true } {
  const doc = parse(text, kind);
  return doc.diagnostics.length > 0 ? { error: true } : { raw: plain(rawConfig(doc)) };
}

function keywardView(pair: FilePair): BotocoreView {
  const view: BotocoreView = {};
  const config = pair.config === undefined ? undefined : parse(pair.config, 'config');
  const credentials = pair.credentials === undefined ? undefined : parse(pair.credentials, 'credentials');
  if (config) view.config = keywardFile(pair.config as string, 'config') as BotocoreView['config'];
  if (credentials) view.credentials = keywardFile(pair.credentials as string, 'credentials') as BotocoreView['credentials'];
  const configOk = !config || config.diagnostics.length === 0;
  if (configOk) {
    const map = buildProfileMap(config ? rawConfig(config) : new Map());
    view.profileMap = { ...plain(map.other), profiles: plain(map.profiles), sso_sessions: plain(map.ssoSessions), services: plain(map.services) };
    if (!credentials || credentials.diagnostics.length === 0) {
      const views = profileViews(config && { path: 'config', doc: config }, credentials && { path: 'credentials', doc: credentials });
      view.profiles = plain(new Map([...views].map(([name, v]) => [name, plainSettings(v)])));
    }
  }
  return view;
}

/** Which §4 facts the corpus exercised in files botocore accepts (or, for refusals, at all). */
function coverage(pairs: FilePair[]): Record<string, boolean> {
  const seen: Record<string, boolean> = {
    upperCaseOption: false, colonDelimiter: false, inlineComment: false, nestedBlock: false, continuation: false,
    fullLineComment: false, quotedProfileName: false, ssoSession: false, services: false, defaultsSection: false,
    crlf: false, loneCr: false, noFinalNewline: false, credentialsOverride: false, protoName: false, shadowedProfile: false,
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
      const names = new Set<string>();
      for (const section of doc.sections) {
        if (section.header.includes('__proto__') || section.entries.some((e) => e.key === '__proto__')) seen.protoName = true;
        const role = sectionRole(section.header, doc.kind);
        if (role.kind === 'profile' && names.has(role.name)) seen.shadowedProfile = true;
        if (role.kind === 'profile') names.add(role.name);
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
      for (const [name, settings] of rawConfig(credentials)) {
        const other = fromConfig.get(name);
        if ([...settings].some(([key, value]) => other?.has(key) && other.get(key) !== value)) seen.credentialsOverride = true;
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
