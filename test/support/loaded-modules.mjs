// Preloaded with `node --import` into a shim run: at exit, writes the CommonJS modules the process
// loaded (the shared require.cache) to $KEYWARD_LOADED_MODULES, so a test can see what a call paid for.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  fs.writeFileSync(process.env.KEYWARD_LOADED_MODULES, JSON.stringify(Object.keys(cache)));
});
