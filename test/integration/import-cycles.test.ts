// No module of src/ may import itself through others: cycles make load order matter and hide
// which piece owns what (issue 9). The graph is the one the build keeps (type-only imports erased).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, sourceFiles } from '../support/import-graph.js';
import { makeTempDir } from '../support/temp-home.js';

describe('src/ import graph', () => {
  it('has no cycles', () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(50);
    expect(importCycles(files)).toEqual([]);
  });

  it('finds a cycle through a dynamic import, and ignores type-only imports', () => {
    const dir = makeTempDir('cycle');
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b.js';\nimport type { C } from './c.js';\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "export const b = () => import('./a.js');\n");
      fs.writeFileSync(path.join(dir, 'c.ts'), "import { a } from './a.js';\nexport type C = 1;\n");
      const cycles = importCycles(sourceFiles(dir)).map((group) => group.map((f) => path.basename(f)));
      expect(cycles).toEqual([['a.ts', 'b.ts']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
