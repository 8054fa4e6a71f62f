/**
 * @module storage/sqlite/schema
 * The on-disk layout, after kine: one append-only table `log` whose AUTOINCREMENT id is the
 * global revision. Every write appends a row: a create (created=1), an update, or a delete
 * tombstone (deleted=1, value = the last value). Each row names the row it follows
 * (`prev_revision`); a watch event's previous value is that row's value, read with it. Compaction
 * removes a row only once its successor is compacted too, so every event after the compacted
 * revision still finds its previous value. (Schema version 1 also copied the previous value into
 * `old_value`; rows written so still read as before, new rows leave it NULL and halve the bytes
 * an update writes.)
 *
 * `current` maps each live key to its latest row id. It is kept in the same transaction as
 * every write and makes current-state reads an index range scan instead of a MAX(id) GROUP BY
 * over the whole history (see bench.ts for the numbers). `meta` holds the compacted revision.
 *
 * Durability: WAL journal with synchronous=NORMAL. A commit is appended to the WAL with a
 * write(2) before better-sqlite3 returns, so once a write's promise resolves the data is in the
 * kernel's page cache and survives the process being killed (our requirement). Only a power
 * loss or kernel crash before the next checkpoint fsync can lose the latest commits, and WAL
 * keeps the file consistent even then. FULL would fsync every commit, costing throughput for a
 * guarantee we do not need.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { KeyValue, StoreEvent } from '../interface.js';

/** Stored in PRAGMA user_version; bump it with a migration when the layout changes. */
export const SCHEMA_VERSION = 1;

const DDL = `
CREATE TABLE IF NOT EXISTS log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  created INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  create_revision INTEGER NOT NULL,
  prev_revision INTEGER NOT NULL,
  value TEXT NOT NULL,
  old_value TEXT,
  written_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS log_name_id ON log (name, id);
CREATE TABLE IF NOT EXISTS current (name TEXT PRIMARY KEY, id INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
`;

/** A `log` row as selected by the queries in this folder. */
export interface LogRow {
  id: number;
  name: string;
  created: number;
  deleted: number;
  create_revision: number;
  prev_revision: number;
  value: string;
  old_value: string | null;
  /** The value of the `prev_revision` row, joined in by watch reads. */
  prev_value?: string | null;
}

/** The columns a KeyValue needs; lists and gets select only these. */
export type KvRow = Pick<LogRow, 'id' | 'name' | 'created' | 'create_revision' | 'value'>;

const KV_COLUMNS = ['id', 'name', 'created', 'create_revision', 'value'];
const ROW_COLUMNS = [...KV_COLUMNS, 'deleted', 'prev_revision', 'old_value'];

/** Column list for SELECTs of whole rows (`all`) or KeyValue rows, optionally table-qualified. */
export function columns(which: 'all' | 'kv', alias?: string): string {
  const cols = which === 'all' ? ROW_COLUMNS : KV_COLUMNS;
  return cols.map((c) => (alias ? `${alias}.${c}` : c)).join(', ');
}

/**
 * Opens (creating if needed) the database file and brings the schema up to date.
 * The connection holds an exclusive lock for its lifetime: a second process opening the same
 * file fails with SQLITE_BUSY instead of interleaving revisions behind this one's back.
 */
export function openDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    // Long enough for a previous process on the same file to finish exiting.
    db.pragma('busy_timeout = 2000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('locking_mode = EXCLUSIVE');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(
        `sqlite store: ${path} has schema version ${version}, newer than this kubeling (${SCHEMA_VERSION})`,
      );
    }
    db.exec(DDL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_BUSY') {
      throw new Error(`sqlite store: ${path} is locked by another process (another kubeling server?)`, {
        cause: e,
      });
    }
    throw e;
  }
  return db;
}

/** A create row stores create_revision 0: its own id is the creation revision. */
export function rowToKv(row: KvRow): KeyValue {
  return {
    key: row.name,
    value: row.value,
    createRevision: row.created ? row.id : row.create_revision,
    modRevision: row.id,
  };
}

export function rowToEvent(row: LogRow): StoreEvent {
  const kv = rowToKv(row);
  const event: StoreEvent = { type: row.deleted ? 'delete' : 'put', kv, revision: row.id };
  const prevValue = row.old_value ?? row.prev_value ?? null;
  if (!row.created && prevValue !== null) {
    event.prev = {
      key: row.name,
      value: prevValue,
      createRevision: kv.createRevision,
      modRevision: row.prev_revision,
    };
  }
  return event;
}

/** The highest revision ever issued; survives compaction because AUTOINCREMENT never reuses ids. */
export function readRevision(db: Database.Database): number {
  const row = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'log'`).get() as
    { seq: number } | undefined;
  return row?.seq ?? 0;
}

export function readCompactedRevision(db: Database.Database): number {
  const row = db.prepare(`SELECT value FROM meta WHERE key = 'compacted'`).get() as
    { value: number } | undefined;
  return row?.value ?? 0;
}
