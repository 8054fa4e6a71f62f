#!/usr/bin/env -S node --max-semi-space-size=64
// Thin launcher. The shebang's node flags are part of how kubeling runs: 64 MiB semi-spaces
// (default 16) cut the scavenges of a busy cluster several times over for about 30 MiB of memory
// (bench/cluster.ts starts node with the same flags). `npm ci` builds dist/ through the prepare
// script: dist/kubeling.mjs is the bundled CLI (fast start); dist/src/main.js is the same code
// unbundled.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/kubeling.mjs', import.meta.url);
await import(existsSync(bundle) ? bundle.href : '../dist/src/main.js');
