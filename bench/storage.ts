/**
 * @module bench/storage
 * The raw SQLite store figures from src/storage/sqlite/bench.ts, as report rows (information:
 * they show how much of the API figures the storage layer accounts for).
 */
import { benchSqlite } from '../src/storage/sqlite/bench.js';
import { info, type Row } from './report.js';

export async function benchStorage(tmpRoot: string): Promise<Row[]> {
  const r = await benchSqlite(tmpRoot);
  return [
    info('sqlite store: sequential creates', r.createsPerSecond, '/s'),
    info('sqlite store: sequential updates', r.updatesPerSecond, '/s'),
    info('sqlite store: list 10k keys, current revision (median)', r.list10kCurrentMs, 'ms'),
    info('sqlite store: list 10k keys, past revision (median)', r.list10kPastMs, 'ms'),
    info('sqlite store: one 500-key page (median)', r.page500Ms, 'ms'),
    info('sqlite store: count 10k keys (median)', r.count10kMs, 'ms'),
  ];
}
