// docs/architecture.md §2's import table, ESLint's zones and src/ must name the same folders: a
// folder without a zone would escape the import rules unnoticed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- the ESLint config is plain JavaScript without types.
import { FOLDERS, LAYERS, TOP_FILES } from '../../eslint.config.js';
import { srcDir } from '../support/paths.js';

describe('import layers', () => {
  const folders = fs.readdirSync(srcDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const topFiles = fs.readdirSync(srcDir).filter((f) => f.endsWith('.ts') && f !== 'bin.ts').map((f) => f.replace(/\.ts$/, '')).sort();

  it('ESLint has a zone for every folder and top-level module of src/', () => {
    expect([...FOLDERS].sort()).toEqual(folders);
    expect([...TOP_FILES].sort()).toEqual(topFiles);
    expect(Object.keys(LAYERS).sort()).toEqual([...folders, ...topFiles].sort());
  });

  it('docs/architecture.md lists each of them in its import table', () => {
    const doc = fs.readFileSync(path.join(srcDir, '../docs/architecture.md'), 'utf8');
    for (const name of folders) expect(doc).toContain(`| \`${name}/\` |`);
    for (const name of topFiles) expect(doc).toContain(`| \`${name}.ts\` |`);
  });
});
