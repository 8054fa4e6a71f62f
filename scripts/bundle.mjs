#!/usr/bin/env node
// Bundles the compiled CLI (dist/src/main.js) and its pure-JS dependencies into one file,
// dist/kubeling.mjs, so `kubeling up` does not resolve and read hundreds of modules at start
// (about half of the start-up time otherwise). Native and rarely used packages stay external.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/src/main.js'],
  outfile: 'dist/kubeling.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  external: ['better-sqlite3', '@peculiar/x509'],
  banner: { js: "import { createRequire as __kubelingRequire } from 'node:module'; const require = __kubelingRequire(import.meta.url);" },
  logLevel: 'warning',
});
