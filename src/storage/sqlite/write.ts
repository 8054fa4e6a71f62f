/**
 * @module storage/sqlite/write
 * The three writes, each one IMMEDIATE transaction that reads the key's live row, checks the
 * caller's expectation, appends a log row and moves the `current` pointer. better-sqlite3 runs
 * a transaction synchronously to the end, so writes in this process are serialized and the
 * check and the insert cannot interleave with another write.
 */
import type Database from 'better-sqlite3';
import { StorageError, storageErrors } from '../errors.js';
import type { KeyValue, StoreEvent } from '../interface.js';
import type { LogReader } from './read.js';
import { rowToEvent, rowToKv, type KvRow, type LogRow } from './schema.js';

/** A row to append; the previous value is never copied into it (see schema.ts). */
type NewRow = Omit<LogRow, 'id' | 'old_value' | 'prev_value'>;

export interface WriteOp {
  kind: 'create' | 'update' | 'delete';
  key: string;
  value?: string;
  expected?: number;
}

export type BatchOutcome =
  { event: StoreEvent; error?: undefined } | { error: StorageError; event?: undefined };

/** Prepared write statements on one connection. Each method returns the committed event. */
export class LogWriter {
  private readonly insertStmt: Database.Statement;
  private readonly setCurrentStmt: Database.Statement;
  private readonly dropCurrentStmt: Database.Statement;
  readonly create: (key: string, value: string) => StoreEvent;
  readonly update: (key: string, value: string, expectedRevision: number) => StoreEvent;
  readonly delete: (key: string, expectedRevision: number | undefined) => StoreEvent;
  /** Runs `ops` in one IMMEDIATE transaction (group commit); each op's outcome is reported apart. */
  readonly batch: (ops: WriteOp[]) => BatchOutcome[];

  constructor(
    db: Database.Database,
    private readonly reader: LogReader,
    private readonly clock: () => number,
  ) {
    // Positional parameters: binding by name costs a lookup per parameter on every write.
    this.insertStmt = db.prepare(
      `INSERT INTO log (name, created, deleted, create_revision, prev_revision, value, old_value, written_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`,
    );
    this.setCurrentStmt = db.prepare(
      `INSERT INTO current (name, id) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET id = excluded.id`,
    );
    this.dropCurrentStmt = db.prepare(`DELETE FROM current WHERE name = ?`);

    // A create stores create_revision 0 and prev_revision 0: its own id is its creation revision.
    const createIn = (key: string, value: string) => {
      if (this.reader.currentRevision(key) !== undefined) throw storageErrors.exists(key);
      return this.append({ name: key, created: 1, deleted: 0, create_revision: 0, prev_revision: 0, value });
    };
    const updateIn = (key: string, value: string, expected: number) =>
      this.appendUpdate(key, value, expected);
    const deleteIn = (key: string, expected: number | undefined) => {
      const cur = this.live(key, expected);
      return this.append({ ...successorOf(cur), deleted: 1, value: cur.value }, cur.value);
    };
    const create = db.transaction(createIn);
    const update = db.transaction(updateIn);
    const del = db.transaction(deleteIn);
    const batch = db.transaction((ops: WriteOp[]) => {
      const out: BatchOutcome[] = [];
      for (const op of ops) {
        try {
          // The checks above throw before anything is written, so a refused op leaves no trace.
          if (op.kind === 'create') out.push({ event: createIn(op.key, op.value!) });
          else if (op.kind === 'update') out.push({ event: updateIn(op.key, op.value!, op.expected!) });
          else out.push({ event: deleteIn(op.key, op.expected) });
        } catch (e) {
          if (!StorageError.is(e)) throw e;
          out.push({ error: e });
        }
      }
      return out;
    });
    this.batch = (ops) => batch.immediate(ops);
    this.create = (key, value) => create.immediate(key, value);
    this.update = (key, value, expected) => update.immediate(key, value, expected);
    this.delete = (key, expected) => del.immediate(key, expected);
  }

  /** The key's live row; KeyNotFound if none, Conflict if `expected` is given and differs. */
  private live(key: string, expected: number | undefined): KvRow {
    const cur = this.reader.current(key);
    if (!cur) throw storageErrors.notFound(key);
    if (expected !== undefined && cur.id !== expected) throw storageErrors.conflict(key, rowToKv(cur));
    return cur;
  }

  /**
   * An update reads only the live row's head (not its value): the event's previous value is read
   * from the row it follows if and when someone asks for it (the watch cache keeps its own copy).
   */
  private appendUpdate(key: string, value: string, expected: number): StoreEvent {
    const head = this.reader.currentHead(key);
    if (!head) throw storageErrors.notFound(key);
    if (head.id !== expected) throw storageErrors.conflict(key, rowToKv(this.reader.current(key)!));
    const createRevision = head.created ? head.id : head.create_revision;
    const event = this.append({
      name: key,
      created: 0,
      deleted: 0,
      create_revision: createRevision,
      prev_revision: head.id,
      value,
    });
    const reader = this.reader;
    let prev: KeyValue | undefined | null = null;
    Object.defineProperty(event, 'prev', {
      enumerable: true,
      configurable: true,
      get(): KeyValue | undefined {
        if (prev === null) {
          const v = reader.valueAt(head.id);
          prev = v === undefined ? undefined : { key, value: v, createRevision, modRevision: head.id };
        }
        return prev;
      },
    });
    return event;
  }

  /** Appends `row`; `prevValue`, when the caller has it at hand, goes into the event (never the row). */
  private append(row: NewRow, prevValue: string | null = null): StoreEvent {
    const info = this.insertStmt.run(
      row.name,
      row.created,
      row.deleted,
      row.create_revision,
      row.prev_revision,
      row.value,
      this.clock(),
    );
    const id = Number(info.lastInsertRowid);
    if (row.deleted) this.dropCurrentStmt.run(row.name);
    else this.setCurrentStmt.run(row.name, id);
    return rowToEvent({ ...row, id, old_value: prevValue });
  }
}

/** The fields a row following `cur` inherits from it. */
function successorOf(cur: KvRow): NewRow {
  const kv = rowToKv(cur);
  return {
    name: cur.name,
    created: 0,
    deleted: 0,
    create_revision: kv.createRevision,
    prev_revision: cur.id,
    value: cur.value,
  };
}
