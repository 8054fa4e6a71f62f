#!/usr/bin/env node
// Thin launcher. `npm ci` builds dist/ through the prepare script: dist/kubeling.mjs is the
// bundled CLI (fast start); dist/src/main.js is the same code unbundled. Node flags for kubeling
// belong in this shebang (`#!/usr/bin/env -S node --flag`): bench/cluster.ts starts node with
// the same ones. None are set: larger semi-spaces (--max-semi-space-size=32/64) measured up to
// 5% faster under load but 40-70 ms slower to start, against the 500 ms start-up goal.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/kubeling.mjs', import.meta.url);
await import(existsSync(bundle) ? bundle.href : '../dist/src/main.js');
