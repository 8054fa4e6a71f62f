/**
 * @module kubelet/volumes/atomic-writer
 * Writes a set of files into a volume directory so that readers in the container never see a
 * half-updated set, as upstream's AtomicWriter (pkg/volume/util/atomic_writer.go):
 *
 * ```
 * <dir>/..2024_01_01_00_00_00.123456   the files of one version (0755 directory)
 * <dir>/..data -> ..2024_01_01_…       swapped by rename(2) of `..data_tmp`
 * <dir>/key    -> ..data/key           one symlink per top-level name of the payload
 * ```
 *
 * A write whose payload equals what `..data` already holds (same files, same content) changes nothing.
 * Names that left the payload lose their symlink; the previous version's directory is removed.
 * Paths are checked as upstream's validatePath (relative, no `..` element, not starting `..`).
 *
 * The calls are synchronous: a payload is a few small files, and each call through the thread
 * pool would cost more than the work itself on the path from a pod's creation to its start.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';

/** One file of a volume's payload. `mode` holds permission bits only (0644 = 420). */
export interface FileProjection {
  data: Buffer | string;
  mode: number;
}

export type Payload = Record<string, FileProjection>;

const DATA_DIR = '..data';
const DATA_DIR_TMP = '..data_tmp';
const MAX_PATH = 4096;
const MAX_FILE_NAME = 255;

/** Upstream's validatePath: the errors name the path as written. */
export function validatePayloadPath(p: string): string | undefined {
  if (p === '') return 'invalid path: must not be empty: ""';
  if (isAbsolute(p)) return `invalid path: must be relative path: ${p}`;
  if (p.length > MAX_PATH) return `invalid path: must be less than or equal to ${MAX_PATH} characters`;
  const items = p.split(sep);
  for (const item of items) {
    if (item === '..') return `invalid path: must not contain '..': ${p}`;
    if (item.length > MAX_FILE_NAME)
      return `invalid path: filenames must be less than or equal to ${MAX_FILE_NAME} characters`;
  }
  if (items[0].startsWith('..') && items[0].length > 2) return `invalid path: must not start with '..': ${p}`;
  return undefined;
}

function cleanPayload(payload: Payload): Map<string, FileProjection> {
  const out = new Map<string, FileProjection>();
  for (const [p, f] of Object.entries(payload)) {
    const err = validatePayloadPath(p);
    if (err) throw new Error(err);
    out.set(normalize(p).replace(/\/+$/, ''), f);
  }
  return out;
}

/** `..2006_01_02_15_04_05.` as upstream formats the timestamped directory's prefix (UTC). */
function tsPrefix(now: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `..${now.getUTCFullYear()}_${p(now.getUTCMonth() + 1)}_${p(now.getUTCDate())}_` +
    `${p(now.getUTCHours())}_${p(now.getUTCMinutes())}_${p(now.getUTCSeconds())}.`
  );
}

function readLinkOrUndefined(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/** Every regular file under `dir`, as paths relative to it. */
function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? join(prefix, e.name) : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, rel));
    else out.push(rel);
  }
  return out;
}

/** Upstream's shouldWritePayload: the same files with the same content (modes are not compared). */
function sameAsWritten(tsDir: string, payload: Map<string, FileProjection>): boolean {
  try {
    const files = listFiles(tsDir);
    if (files.length !== payload.size) return false;
    for (const [p, f] of payload) {
      const want = typeof f.data === 'string' ? Buffer.from(f.data) : f.data;
      if (!want.equals(readFileSync(join(tsDir, p)))) return false;
    }
    return true;
  } catch {
    return false;
  }
}

const topLevel = (p: string) => p.split(sep)[0];

/**
 * Makes `dir` hold exactly `payload`. Resolves true when something was written, false when the
 * payload was already there. Rejects on an invalid path (nothing written) or a file system error.
 */
export async function writeAtomic(dir: string, payload: Payload, now: Date = new Date()): Promise<boolean> {
  const clean = cleanPayload(payload);
  mkdirSync(dir, { recursive: true });
  const oldTs = readLinkOrUndefined(join(dir, DATA_DIR));
  const oldNames = new Set<string>();
  if (oldTs) for (const f of filesOrNone(join(dir, oldTs))) oldNames.add(topLevel(f));
  const newNames = new Set([...clean.keys()].map(topLevel));

  if (oldTs && sameAsWritten(join(dir, oldTs), clean)) {
    createUserVisible(dir, newNames);
    return false;
  }

  const tsName = tsPrefix(now) + String(randomBytes(4).readUInt32BE()).padStart(10, '0');
  const tsDir = join(dir, tsName);
  mkdirSync(tsDir, { mode: 0o755 });
  chmodSync(tsDir, 0o755);
  for (const [p, f] of clean) {
    const full = join(tsDir, p);
    mkdirSync(dirname(full), { recursive: true, mode: 0o755 });
    writeFileSync(full, f.data, { mode: f.mode });
    chmodSync(full, f.mode);
  }

  const tmpLink = join(dir, DATA_DIR_TMP);
  rmSync(tmpLink, { force: true });
  symlinkSync(tsName, tmpLink);
  renameSync(tmpLink, join(dir, DATA_DIR));

  createUserVisible(dir, newNames);
  for (const name of oldNames) {
    if (!newNames.has(name)) rmSync(join(dir, name), { force: true });
  }
  if (oldTs && oldTs !== tsName) rmSync(join(dir, oldTs), { recursive: true, force: true });
  return true;
}

function filesOrNone(dir: string): string[] {
  try {
    return listFiles(dir);
  } catch {
    return [];
  }
}

function createUserVisible(dir: string, names: Set<string>): void {
  for (const name of names) {
    const path = join(dir, name);
    const target = join(DATA_DIR, name);
    if (readLinkOrUndefined(path) === target) continue;
    rmSync(path, { force: true });
    symlinkSync(target, path);
  }
}
