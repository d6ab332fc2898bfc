// Where things are in the repository, for tests that run the built CLI, the shim bundle or a
// helper script. One definition: every test and helper imports these instead of resolving its own.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** This folder (test/support): the Python and .mjs helpers live here. */
export const supportDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(supportDir, '../..');
export const srcDir = path.join(repoRoot, 'src');
/** `npm run build` output; the tests that spawn keyward run it from here. */
export const distDir = path.join(repoRoot, 'dist');
/** The CLI as users run it (loads dist/). */
export const binKeyward = path.join(repoRoot, 'bin/keyward');
/** The bundle the launcher runs. */
export const shimEntry = path.join(distDir, 'shim/credential-process.cjs');
/** keytar itself, for scripts that store an item inside a nested D-Bus session. */
export const keytarModule = path.join(repoRoot, 'node_modules/keytar/lib/keytar.js');
