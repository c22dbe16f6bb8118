/* global console, process */
// First line of `npm test`: which Node the scripts run on. The `node` devDependency
// puts Node 24 (Electron's) first on npm scripts' PATH whatever Node the machine has
// (ARCHITECTURE.md §7); tests/unit/runtime.test.ts fails if it is not that major.
console.log(`npm test on Node ${process.version} (${process.execPath})`);
