// Preloaded with `node --require` into a shim run: at exit, writes the CommonJS modules the process
// loaded (require.cache) to $KEYWARD_LOADED_MODULES, so a test can see what a call paid for.
const fs = require('node:fs');

process.on('exit', () => {
  fs.writeFileSync(process.env.KEYWARD_LOADED_MODULES, JSON.stringify(Object.keys(require.cache)));
});
