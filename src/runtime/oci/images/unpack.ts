/**
 * @module runtime/oci/images/unpack
 * Flattened image filesystems: every layer of an image applied in order into one directory,
 * `<root>/rootfs/<chainID hex>/`, which containers use read-only as overlay lowerdir.
 *
 * A layer is applied in two passes over its (decompressed) tar: the first checks its diffID and
 * collects whiteouts, which are then applied to what the lower layers left (`.wh.<name>` removes
 * name, `.wh..wh..opq` empties the directory); the second extracts the entries with `tar`
 * (ownership, modes, symlinks, hardlinks and mtimes kept; device nodes and FIFOs skipped), after
 * which directory modes and mtimes are set again, deepest first, as extraction changes both.
 *
 * A rootfs is built in `rootfs/.tmp-*` and renamed when complete, so a crash never leaves a
 * partial one under its final name; it is removed the same way (renamed, then deleted).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  chmod,
  lchown,
  lstat,
  lutimes,
  mkdir,
  open,
  readdir,
  rename,
  rm,
  stat,
  symlink,
  utimes,
} from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Parser, Unpack, type ReadEntry } from 'tar';
import { hostOverlayLowerDirs } from '../../../util/mountinfo.js';
import { syncDir } from './blobs.js';
import { sweepLeftovers, tempName } from './temp-names.js';

export interface LayerSource {
  /** The layer blob as stored (gzip or plain tar). */
  file: string;
  /** sha256 of the uncompressed tar, from the image config. */
  diffId: string;
}

const WH = '.wh.';
const OPAQUE = '.wh..wh..opq';

function clean(p: string): string {
  return p
    .replace(/^(\.\/|\/)+/, '')
    .replace(/\/+$/, '')
    .replace(/^\.$/, '');
}

/** The decompressed tar stream of a layer file, by its magic bytes; zstd is refused. */
async function openTar(file: string): Promise<Readable> {
  const fh = await open(file, 'r');
  const magic = Buffer.alloc(4);
  try {
    await fh.read(magic, 0, 4, 0);
  } finally {
    await fh.close();
  }
  if (magic[0] === 0x28 && magic[1] === 0xb5 && magic[2] === 0x2f && magic[3] === 0xfd)
    throw new Error('zstd-compressed layers are not supported (use gzip or uncompressed layers)');
  const src = createReadStream(file);
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) return src;
  const gunzip = createGunzip();
  src.on('error', (err) => gunzip.destroy(err));
  return src.pipe(gunzip);
}

function feed(
  src: Readable,
  sink: NodeJS.WritableStream & { on(ev: string, fn: (...a: any[]) => void): any },
  doneEvent: string,
) {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      src.destroy();
      reject(err);
    };
    src.on('error', fail);
    sink.on('error', fail);
    sink.on(doneEvent, () => {
      if (!settled) {
        settled = true;
        resolve();
      }
    });
    src.pipe(sink as NodeJS.WritableStream);
  });
}

interface LayerScan {
  whiteouts: string[];
  opaque: string[];
}

async function scan(layer: LayerSource): Promise<LayerScan> {
  const out: LayerScan = { whiteouts: [], opaque: [] };
  const hash = createHash('sha256');
  const hasher = new Transform({
    transform(chunk: Buffer, _e, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const parser = new Parser();
  const problems: string[] = [];
  parser.on('warn', (code: string, msg: string | Error) => {
    if (code !== 'TAR_ENTRY_INFO') problems.push(String(msg));
  });
  parser.on('entry', (e: ReadEntry) => {
    const p = clean(e.path);
    const slash = p.lastIndexOf('/');
    const base = p.slice(slash + 1);
    const dir = slash < 0 ? '' : p.slice(0, slash);
    if (base === OPAQUE) out.opaque.push(dir);
    else if (base.startsWith(WH))
      out.whiteouts.push(dir ? `${dir}/${base.slice(WH.length)}` : base.slice(WH.length));
    e.resume();
  });
  const src = await openTar(layer.file);
  const tee = src.pipe(hasher);
  src.on('error', (err) => hasher.destroy(err));
  // Parser is a minipass stream: it ends with 'end' once all entries are read.
  await feed(tee, parser as any, 'end');
  if (problems.length) throw new Error(`layer ${layer.diffId}: invalid tar: ${problems[0]}`);
  const got = `sha256:${hash.digest('hex')}`;
  if (got !== layer.diffId) throw new Error(`layer ${layer.diffId}: uncompressed content has digest ${got}`);
  return out;
}

/** `root/rel` when every parent component is a real directory (never through a symlink). */
async function safePath(root: string, rel: string, wantDir = false): Promise<string | undefined> {
  const parts = rel.split('/').filter((p) => p && p !== '.');
  if (parts.includes('..')) return undefined;
  let cur = root;
  for (let i = 0; i < parts.length; i++) {
    cur = join(cur, parts[i]);
    if (i === parts.length - 1 && !wantDir) break;
    const st = await lstat(cur).catch(() => undefined);
    if (!st?.isDirectory()) return undefined;
  }
  return cur;
}

/** Like safePath, creating missing parent directories (0755); undefined when one is not a directory. */
async function ensureParents(root: string, rel: string): Promise<string | undefined> {
  const parts = rel.split('/').filter((p) => p && p !== '.');
  if (parts.length === 0 || parts.includes('..')) return undefined;
  let cur = root;
  for (const part of parts.slice(0, -1)) {
    cur = join(cur, part);
    const st = await lstat(cur).catch(() => undefined);
    if (!st) await mkdir(cur, { mode: 0o755 });
    else if (!st.isDirectory()) return undefined;
  }
  return join(cur, parts[parts.length - 1]);
}

/** Applies one layer on top of `dir`. Exported for tests. */
export async function applyLayer(
  dir: string,
  layer: LayerSource,
  onWarn?: (msg: string) => void,
): Promise<void> {
  const { whiteouts, opaque } = await scan(layer);
  for (const rel of opaque) {
    const d = await safePath(dir, rel, true);
    if (!d) continue;
    for (const name of await readdir(d)) await rm(join(d, name), { recursive: true, force: true });
  }
  for (const rel of whiteouts) {
    const p = await safePath(dir, rel);
    if (p && p !== dir) await rm(p, { recursive: true, force: true });
  }
  const dirs: { path: string; mode?: number; mtime?: Date }[] = [];
  // tar rewrites absolute symlink targets and refuses ones through other symlinks, but in an image
  // a target is only a string resolved inside the container: they are made here after extraction.
  const symlinks = new Map<string, { target: string; uid: number; gid: number; mtime?: Date }>();
  const problems: string[] = [];
  const unpack = new Unpack({
    cwd: dir,
    preserveOwner: true,
    filter: (path: string, entry: any) => {
      const p = clean(path);
      const base = p.split('/').pop() ?? '';
      if (base.startsWith(WH)) return false;
      const type = entry.type as string;
      if (type === 'CharacterDevice' || type === 'BlockDevice' || type === 'FIFO') return false;
      symlinks.delete(p);
      if (type === 'SymbolicLink') {
        symlinks.set(p, {
          target: String(entry.linkpath),
          uid: entry.uid,
          gid: entry.gid,
          mtime: entry.mtime,
        });
        return false;
      }
      if (type === 'Directory') dirs.push({ path: p, mode: entry.mode, mtime: entry.mtime });
      return true;
    },
    onwarn: (code: string, msg: string | Error) => {
      if (code === 'TAR_ENTRY_INFO') return;
      if (code === 'TAR_ENTRY_UNSUPPORTED') return onWarn?.(`${layer.diffId}: ${String(msg)}`);
      problems.push(String(msg));
    },
  });
  // Unpack emits 'close' after the last entry is on disk.
  await feed((await openTar(layer.file)).pipe(new PassThrough()), unpack as any, 'close');
  if (problems.length) throw new Error(`layer ${layer.diffId}: ${problems.slice(0, 3).join('; ')}`);
  for (const [rel, l] of symlinks) {
    const p = await ensureParents(dir, rel);
    if (!p) throw new Error(`layer ${layer.diffId}: cannot create symlink ${rel}`);
    await rm(p, { recursive: true, force: true });
    await symlink(l.target, p);
    await lchown(p, l.uid ?? 0, l.gid ?? 0);
    if (l.mtime) await lutimes(p, l.mtime, l.mtime);
  }
  for (const d of dirs.reverse()) {
    const p = join(dir, d.path);
    if (d.mode !== undefined) await chmod(p, d.mode & 0o7777);
    if (d.mtime) await utimes(p, d.mtime, d.mtime);
  }
}

/**
 * Where what a user of a rootfs derives from it (the runtime's init layers) is kept: beside it,
 * so that it goes when the rootfs goes.
 */
export const derivedDirOf = (rootfs: string): string => `${rootfs}.init`;

/** Builds and removes flattened rootfs directories by chain ID; concurrent builds of one chain share. */
export class RootfsStore {
  readonly #dir: string;
  readonly #inflight = new Map<string, Promise<string>>();

  constructor(
    root: string,
    private readonly onWarn?: (msg: string) => void,
    /** Every lower dir containers' overlays use (inUse); by default, the overlays on the host. */
    private readonly lowerDirsInUse: () => Promise<string[]> = hostOverlayLowerDirs,
  ) {
    this.#dir = join(root, 'rootfs');
  }

  /** Creates the folder and removes half-built or half-deleted trees a crash left. */
  async init(): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    await sweepLeftovers(this.#dir);
  }

  path(chainId: string): string {
    return join(this.#dir, chainId.replace(/^sha256:/, ''));
  }

  async has(chainId: string): Promise<boolean> {
    return (await stat(this.path(chainId)).catch(() => undefined))?.isDirectory() ?? false;
  }

  /** The rootfs of a layer chain, built from `layers` (bottom first) unless already there. */
  build(chainId: string, layers: LayerSource[]): Promise<string> {
    const running = this.#inflight.get(chainId);
    if (running) return running;
    const p = (async () => {
      const final = this.path(chainId);
      if (await this.has(chainId)) return final;
      const tmp = join(this.#dir, tempName());
      await mkdir(tmp, { mode: 0o755 });
      try {
        for (const l of layers) await applyLayer(tmp, l, this.onWarn);
        await rename(tmp, final);
      } catch (err) {
        await rm(tmp, { recursive: true, force: true });
        throw err;
      }
      await syncDir(this.#dir);
      return final;
    })().finally(() => this.#inflight.delete(chainId));
    this.#inflight.set(chainId, p);
    return p;
  }

  /** Whether a container's overlay is over the rootfs (it is one of the overlay's lower dirs). */
  async inUse(chainId: string): Promise<boolean> {
    return (await this.lowerDirsInUse()).includes(this.path(chainId));
  }

  /** Removes the rootfs and what was derived from it (derivedDirOf), that first. */
  async remove(chainId: string): Promise<void> {
    const p = this.path(chainId);
    for (const dir of [derivedDirOf(p), p]) {
      const doomed = join(this.#dir, tempName('del'));
      try {
        await rename(dir, doomed);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw err;
      }
      await rm(doomed, { recursive: true, force: true });
    }
  }

  /** Chain IDs present. */
  async list(): Promise<string[]> {
    const names = await readdir(this.#dir).catch(() => [] as string[]);
    return names.filter((n) => /^[a-f0-9]{64}$/.test(n)).map((n) => `sha256:${n}`);
  }
}
