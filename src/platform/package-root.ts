// Where keyward's package.json is: the nearest one named keyward above this module. From
// dist/platform/, src/platform/ and the one-file bundle in an installed version (dist/keyward.mjs)
// alike, so the version, the service templates and keytar are found the same way from each.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached !== undefined) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (isKeywardPackage(path.join(dir, 'package.json'))) return (cached = dir);
    const parent = path.dirname(dir);
    // Not found: the layout of the source tree (two levels up), as before there was a bundle.
    if (parent === dir) return (cached = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..'));
    dir = parent;
  }
}

/** keyward's own package.json, parsed; an empty object when it cannot be read. */
export function packageJson(): { version?: string; homepage?: string } {
  try {
    return JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: string; homepage?: string };
  } catch {
    return {};
  }
}

function isKeywardPackage(file: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown }).name === 'keyward';
  } catch {
    return false;
  }
}
