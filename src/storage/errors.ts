/**
 * @module storage/errors
 * Storage failures by code. The apiserver turns them into Status errors in one place
 * (`apiserver/registry/interpret-errors.ts`).
 */
import type { KeyValue } from './interface.js';

const BRAND = Symbol.for('kubeling.StorageError');

export type StorageErrorCode =
  'KeyNotFound' | 'KeyExists' | 'Conflict' | 'Compacted' | 'Unavailable' | 'Invalid';

export class StorageError extends Error {
  readonly [BRAND] = true;
  constructor(
    readonly code: StorageErrorCode,
    readonly key: string,
    message: string,
    /** For Conflict: the key's current value. For Compacted: see `compactedRevision`. */
    readonly current?: KeyValue,
    readonly compactedRevision?: number,
    readonly currentRevision?: number,
  ) {
    super(message);
    this.name = 'StorageError';
  }

  static is(e: unknown, code?: StorageErrorCode): e is StorageError {
    return (
      typeof e === 'object' && e !== null && (e as any)[BRAND] === true && (!code || (e as any).code === code)
    );
  }
}

export const storageErrors = {
  notFound: (key: string) => new StorageError('KeyNotFound', key, `key not found: ${key}`),
  exists: (key: string) => new StorageError('KeyExists', key, `key exists: ${key}`),
  conflict: (key: string, current: KeyValue) =>
    new StorageError('Conflict', key, `revision mismatch for ${key}`, current),
  compacted: (requested: number, compacted: number, current: number) =>
    new StorageError(
      'Compacted',
      '',
      `required revision ${requested} has been compacted (compacted ${compacted})`,
      undefined,
      compacted,
      current,
    ),
  unavailable: (why: string) => new StorageError('Unavailable', '', `storage unavailable: ${why}`),
  /** A read or compaction asked for a revision the store has not reached yet. */
  futureRevision: (requested: number, current: number) =>
    new StorageError(
      'Invalid',
      '',
      `required revision ${requested} is a future revision (current ${current})`,
      undefined,
      undefined,
      current,
    ),
};
