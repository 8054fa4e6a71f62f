/**
 * @module storage/sqlite/durability-child
 * Test support for store.test.ts, not part of the product: opens the store at argv[2] and
 * creates `/durable/<n>` keys one after another forever, printing "<n> <revision>" after each
 * create's promise resolves. The test kills it with SIGKILL mid-stream.
 */
import { writeSync } from 'node:fs';
import { openSqliteStore } from './store.js';

const path = process.argv[2];
if (!path) throw new Error('usage: durability-child <db path>');
const store = openSqliteStore({ path, compactInterval: 0 });
for (let n = 0; ; n++) {
  const kv = await store.create(`/durable/${String(n).padStart(8, '0')}`, JSON.stringify({ n }));
  // Synchronous, so a printed line means the create had resolved before any kill.
  writeSync(1, `${n} ${kv.modRevision}\n`);
}
