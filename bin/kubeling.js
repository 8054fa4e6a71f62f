#!/usr/bin/env node
// Thin launcher. `npm ci` builds dist/ through the prepare script: dist/kubeling.mjs is the
// bundled CLI (fast start); dist/src/main.js is the same code unbundled.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/kubeling.mjs', import.meta.url);
await import(existsSync(bundle) ? bundle.href : '../dist/src/main.js');
