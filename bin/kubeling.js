#!/usr/bin/env -S node --max-semi-space-size=32
// Thin launcher. The shebang's node flags are part of how kubeling runs: a 32 MiB young
// generation (default 16) halves the scavenges of a busy cluster (see bench/cluster.ts, which
// starts node with the same flags). `npm ci` builds dist/ through the prepare script: dist/kubeling.mjs is the
// bundled CLI (fast start); dist/src/main.js is the same code unbundled.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/kubeling.mjs', import.meta.url);
await import(existsSync(bundle) ? bundle.href : '../dist/src/main.js');
