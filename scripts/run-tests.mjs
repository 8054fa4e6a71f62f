#!/usr/bin/env node
// Runs the compiled tests with node's built-in test runner.
//   node scripts/run-tests.mjs          unit tests, then end-to-end tests (one runner, one summary)
//   node scripts/run-tests.mjs unit     only tests beside the code (dist/src/**, dist/test/images/**)
//   node scripts/run-tests.mjs e2e      only the kubectl-driven tests (dist/test/e2e/**)
// Extra arguments after the mode are passed to `node --test` (e.g. --test-name-pattern).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const [mode = 'all', ...rest] = process.argv.slice(2);
const roots = { unit: ['dist/src', 'dist/test/images'], e2e: ['dist/test/e2e'], all: ['dist/src', 'dist/test/images', 'dist/test/e2e'] }[mode];
if (!roots) {
  console.error(`unknown mode ${mode}: use unit, e2e or all`);
  process.exit(2);
}
const files = [];
const walk = (dir) => {
  let names = [];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js')) files.push(p);
  }
};
roots.forEach(walk);
if (files.length === 0) {
  console.error('no test files found: run `npm run build` first');
  process.exit(1);
}
const args = ['--test', '--test-reporter=spec', '--test-concurrency=2', ...rest, ...files];
// Objects shared inside one process (watch cache, in-process watches) are read-only: freeze them
// in tests so that a component writing into one fails there (see src/util/json-clone.ts).
const env = { ...process.env, KUBELING_FREEZE_SHARED: '1' };
const r = spawnSync(process.execPath, args, { stdio: 'inherit', env });
process.exit(r.status ?? 1);
