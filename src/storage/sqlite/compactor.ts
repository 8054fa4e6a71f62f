/**
 * @module storage/sqlite/compactor
 * Compaction removes history: every row superseded by a later row at or below the target
 * revision, and every delete tombstone at or below it. The latest row of each live key always
 * stays, so current values and reads at the compacted revision itself are unaffected. Work is
 * split into transactions of COMPACT_BATCH revisions so writers are never held up for long.
 *
 * The automatic compactor wakes every `compactInterval` and compacts up to the newest revision
 * written at least `retention` ago by the injected clock, so watch history always covers the
 * last `retention`.
 */
import type Database from 'better-sqlite3';

export const COMPACT_BATCH = 10_000;

export class LogCompactor {
  private readonly prevStmt: Database.Statement;
  private readonly tombstoneStmt: Database.Statement;
  private readonly metaStmt: Database.Statement;
  private readonly targetStmt: Database.Statement;
  private readonly range: (lo: number, hi: number) => number;

  constructor(db: Database.Database) {
    // A row's successor names it in prev_revision, so the successors in (lo, hi] name exactly the
    // rows newly superseded at hi; those superseded earlier went in earlier passes.
    this.prevStmt = db.prepare(
      `DELETE FROM log WHERE id IN (SELECT prev_revision FROM log WHERE id > ? AND id <= ? AND prev_revision > 0)`,
    );
    this.tombstoneStmt = db.prepare(`DELETE FROM log WHERE id > ? AND id <= ? AND deleted = 1`);
    this.metaStmt = db.prepare(
      `INSERT INTO meta (key, value) VALUES ('compacted', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    );
    // Scans backwards from the newest row only across the retention window.
    this.targetStmt = db.prepare(`SELECT id FROM log WHERE written_at <= ? ORDER BY id DESC LIMIT 1`);
    const range = db.transaction((lo: number, hi: number) => {
      const removed = this.prevStmt.run(lo, hi).changes + this.tombstoneStmt.run(lo, hi).changes;
      this.metaStmt.run(hi);
      return removed;
    });
    this.range = (lo, hi) => range.immediate(lo, hi);
  }

  /** Compacts (lo, hi] in one transaction and records hi as compacted. Returns rows removed. */
  compactRange(lo: number, hi: number): number {
    return this.range(lo, hi);
  }

  /** The newest revision written at or before `cutoffMs`, or 0 if none remains in the log. */
  targetBefore(cutoffMs: number): number {
    const row = this.targetStmt.get(cutoffMs) as { id: number } | undefined;
    return row?.id ?? 0;
  }
}

/** The batches, as (lo, hi] pairs, that take the compacted revision from `from` to `to`. */
export function compactionBatches(from: number, to: number, batch = COMPACT_BATCH): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let lo = from; lo < to; lo += batch) out.push([lo, Math.min(lo + batch, to)]);
  return out;
}
