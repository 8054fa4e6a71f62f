/**
 * @module storage/sqlite/read
 * Read queries over the log: current state through the `current` table, past state as the
 * latest row per key at or below a revision, and the rows after a revision for watches.
 * Prefixes become index ranges `[prefix, prefixEnd(prefix))`, so a list touches only its keys.
 */
import type Database from 'better-sqlite3';
import type { KeyValue } from '../interface.js';
import { columns, rowToKv, type KvRow, type LogRow } from './schema.js';

/** Above every valid key: U+10FFFF is the largest code point, and keys never start with it. */
const TOP = '\u{10FFFF}';

/**
 * The smallest string greater than every string that starts with `prefix`, in SQLite's
 * byte order (which matches code point order for well-formed UTF-16).
 */
export function prefixEnd(prefix: string): string {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const c = prefix.charCodeAt(i);
    // Surrogate halves and U+FFFF cannot simply be bumped; drop them and carry leftwards.
    if (c < 0xd7ff || (c >= 0xe000 && c < 0xffff)) return prefix.slice(0, i) + String.fromCharCode(c + 1);
  }
  return TOP;
}

export interface ListPage {
  items: KeyValue[];
  more: boolean;
}

/** Prepared read statements on one connection. All methods are synchronous. */
export class LogReader {
  private readonly getStmt: Database.Statement;
  private readonly revStmt: Database.Statement;
  private readonly headStmt: Database.Statement;
  private readonly valueStmt: Database.Statement;
  private readonly countStmt: Database.Statement;
  private readonly afterStmt: Database.Statement;
  private readonly listStmts = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.getStmt = db.prepare(
      `SELECT ${columns('kv', 'l')} FROM current c JOIN log l ON l.id = c.id WHERE c.name = ?`,
    );
    this.revStmt = db.prepare(`SELECT id FROM current WHERE name = ?`).pluck();
    this.headStmt = db.prepare(
      `SELECT l.id, l.created, l.create_revision FROM current c JOIN log l ON l.id = c.id WHERE c.name = ?`,
    );
    this.valueStmt = db.prepare(`SELECT value FROM log WHERE id = ?`).pluck();
    this.countStmt = db.prepare(`SELECT COUNT(*) AS n FROM current WHERE name >= ? AND name < ?`);
    // `+name` keeps the planner on the primary key: rows must come out in id order. The row each
    // one follows gives its previous value.
    this.afterStmt = db.prepare(
      `SELECT ${columns('all', 'l')}, p.value AS prev_value FROM log l LEFT JOIN log p ON p.id = l.prev_revision
       WHERE l.id > @after AND +l.name >= @lo AND +l.name < @hi ORDER BY l.id LIMIT @limit`,
    );
  }

  /** The live row of `key`, or undefined. */
  current(key: string): KvRow | undefined {
    return this.getStmt.get(key) as KvRow | undefined;
  }

  /** The live row id (modRevision) of `key`, from the `current` index alone. */
  currentRevision(key: string): number | undefined {
    return this.revStmt.get(key) as number | undefined;
  }

  /** The live row of `key` without its value (the columns before it), or undefined. */
  currentHead(key: string): Pick<KvRow, 'id' | 'created' | 'create_revision'> | undefined {
    return this.headStmt.get(key) as Pick<KvRow, 'id' | 'created' | 'create_revision'> | undefined;
  }

  /** The value of the row with id `id`, if it still exists. */
  valueAt(id: number): string | undefined {
    return this.valueStmt.get(id) as string | undefined;
  }

  count(prefix: string): number {
    return (this.countStmt.get(prefix, prefixEnd(prefix)) as { n: number }).n;
  }

  /**
   * Keys under `prefix` after `startAfter`, at most `limit` (0 = all), as of `revision`
   * (undefined = now). The caller has checked the revision against the compacted one.
   */
  list(
    prefix: string,
    revision: number | undefined,
    startAfter: string | undefined,
    limit: number,
  ): ListPage {
    const strict = startAfter !== undefined && startAfter >= prefix;
    const stmt = this.listStatement(revision === undefined, strict);
    const rows = stmt.all({
      lo: strict ? startAfter : prefix,
      hi: prefixEnd(prefix),
      rev: revision ?? 0,
      limit: limit > 0 ? limit + 1 : -1,
    }) as KvRow[];
    const more = limit > 0 && rows.length > limit;
    if (more) rows.length = limit;
    return { items: rows.map(rowToKv), more };
  }

  /** Rows under `prefix` with id > `after`, in id order, at most `limit`. */
  after(prefix: string, after: number, limit: number): LogRow[] {
    return this.afterStmt.all({ after, lo: prefix, hi: prefixEnd(prefix), limit }) as LogRow[];
  }

  private listStatement(current: boolean, strict: boolean): Database.Statement {
    const id = `${current}/${strict}`;
    let stmt = this.listStmts.get(id);
    if (!stmt) {
      const op = strict ? '>' : '>=';
      // Past reads take each key's newest row at or below the revision. The correlated form
      // walks the (name, id) index in key order; a GROUP BY subquery needed a sort and was 3x slower.
      const sql = current
        ? `SELECT ${columns('kv', 'l')} FROM current c JOIN log l ON l.id = c.id
           WHERE c.name ${op} @lo AND c.name < @hi ORDER BY c.name LIMIT @limit`
        : `SELECT ${columns('kv', 'l')} FROM log l
           WHERE l.name ${op} @lo AND l.name < @hi AND l.deleted = 0
             AND l.id = (SELECT MAX(x.id) FROM log x WHERE x.name = l.name AND x.id <= @rev)
           ORDER BY l.name LIMIT @limit`;
      stmt = this.db.prepare(sql);
      this.listStmts.set(id, stmt);
    }
    return stmt;
  }
}
