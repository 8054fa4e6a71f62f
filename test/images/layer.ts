/**
 * Deterministic image layers: a tree of entries in memory, written as a tar stream with every
 * entry owned by root, one fixed mtime and the entries sorted by path, then gzipped. The same
 * entries always give the same bytes, so layer digests are stable across runs and machines that
 * have the same package versions.
 * @module
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Header, Pax } from 'tar';

/** The mtime of every entry (also the images' `created`): 2024-01-01T00:00:00Z. */
export const LAYER_MTIME = new Date(Date.UTC(2024, 0, 1));

export type LayerEntry =
  | { readonly type: 'dir'; readonly mode: number }
  | { readonly type: 'file'; readonly mode: number; readonly data: Buffer }
  | { readonly type: 'symlink'; readonly target: string };

/** A layer's file tree: absolute paths (`/bin/sh`) to entries. Parent directories are implied. */
export class LayerTree {
  readonly #entries = new Map<string, LayerEntry>();

  /** Adds (or replaces) a directory; `mode` defaults to 0755. */
  dir(path: string, mode = 0o755): this {
    return this.#set(path, { type: 'dir', mode });
  }

  /** Adds (or replaces) a regular file; `mode` defaults to 0644. */
  file(path: string, data: Buffer | string, mode = 0o644): this {
    return this.#set(path, { type: 'file', mode, data: typeof data === 'string' ? Buffer.from(data) : data });
  }

  /** Adds (or replaces) a symbolic link to `target` (kept as given, absolute or relative). */
  symlink(path: string, target: string): this {
    return this.#set(path, { type: 'symlink', target });
  }

  has(path: string): boolean {
    return this.#entries.has(normalize(path));
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The entries with their implied parent directories, sorted so that a parent precedes its children. */
  entries(): [string, LayerEntry][] {
    const all = new Map(this.#entries);
    for (const path of this.#entries.keys()) {
      for (let p = parentOf(path); p !== ''; p = parentOf(p))
        if (!all.has(p)) all.set(p, { type: 'dir', mode: 0o755 });
    }
    return [...all.entries()].sort(([a], [b]) => compareSegments(a, b));
  }

  #set(path: string, entry: LayerEntry): this {
    this.#entries.set(normalize(path), entry);
    return this;
  }
}

/** A written layer: the gzipped tar (`blob`, addressed by `digest`) and the digest of the plain tar (`diffId`). */
export interface Layer {
  readonly blob: Buffer;
  readonly digest: string;
  readonly diffId: string;
}

/** Writes `tree` as a tar stream and gzips it. Pure: the same tree always gives the same bytes. */
export function writeLayer(tree: LayerTree): Layer {
  const tar = writeTar(tree);
  const blob = gzipSync(tar, { level: 6 });
  return { blob, digest: sha256(blob), diffId: sha256(tar) };
}

/** The plain tar stream of `tree` (ustar headers, pax records only for names too long for them). */
export function writeTar(tree: LayerTree): Buffer {
  const chunks: Buffer[] = [];
  for (const [path, entry] of tree.entries()) {
    const data: HeaderDataLike = {
      path: entry.type === 'dir' ? `${path}/` : path,
      mode: entry.type === 'symlink' ? 0o777 : entry.mode,
      uid: 0,
      gid: 0,
      uname: 'root',
      gname: 'root',
      size: entry.type === 'file' ? entry.data.length : 0,
      mtime: LAYER_MTIME,
      type: entry.type === 'dir' ? 'Directory' : entry.type === 'file' ? 'File' : 'SymbolicLink',
      linkpath: entry.type === 'symlink' ? entry.target : undefined,
    };
    const header = new Header(data);
    const block = Buffer.alloc(512);
    if (header.encode(block, 0))
      chunks.push(new Pax({ path: data.path, linkpath: data.linkpath, mtime: LAYER_MTIME }).encode());
    chunks.push(block);
    if (entry.type === 'file') {
      chunks.push(entry.data);
      const pad = (512 - (entry.data.length % 512)) % 512;
      if (pad > 0) chunks.push(Buffer.alloc(pad));
    }
  }
  chunks.push(Buffer.alloc(1024));
  return Buffer.concat(chunks);
}

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

type HeaderDataLike = ConstructorParameters<typeof Header>[0] & { path: string; linkpath?: string };

function normalize(path: string): string {
  const parts = path.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.length === 0 || parts.includes('..')) throw new Error(`bad layer path ${JSON.stringify(path)}`);
  return parts.join('/');
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Orders by path segments, so `a/b` comes right after `a` and before `a-b`. */
function compareSegments(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}
