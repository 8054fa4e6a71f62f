/**
 * @module cli/image
 * `kubeling image pull|load|ls|rm`: the oci runtime's image store at `DATA_DIR/oci/images`, with
 * registry mirrors and credentials from `DATA_DIR/registries.yaml`. The store is loaded only when
 * a subcommand runs.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import type { ImageStore } from '../runtime/oci/images/store.js';

export interface ImageCliOptions {
  /** Default ~/.kubeling, as `up`. */
  dataDir?: string;
  /** Default process.stdout. */
  out?: NodeJS.WritableStream & { isTTY?: boolean };
}

async function openStore(o: ImageCliOptions): Promise<ImageStore> {
  const dataDir = resolve(o.dataDir ?? join(homedir(), '.kubeling'));
  const { createImageStore } = await import('../runtime/oci/images/store.js');
  const { lowerDirsInUse } = await import('../runtime/oci/rootfs.js');
  const { containersDirOf, stateDirOf } = await import('../runtime/oci/state-dir.js');
  return createImageStore({
    root: join(dataDir, 'oci', 'images'),
    registriesFile: join(dataDir, 'registries.yaml'),
    // The containers of a cluster on this data dir, running or not.
    lowerDirsInUse: () => lowerDirsInUse(containersDirOf(stateDirOf(join(dataDir, 'oci')))),
  });
}

async function withStore<T>(o: ImageCliOptions, fn: (s: ImageStore) => Promise<T>): Promise<T> {
  const store = await openStore(o);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** `25.0 MiB`, `512 B`. */
export function formatMiB(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

/** crictl's SIZE column: decimal units, 3 significant digits (`72.8MB`, `803kB`, `5B`). */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number(v.toPrecision(3))}${units[i]}`;
}

export async function runImagePull(name: string, o: ImageCliOptions = {}): Promise<void> {
  const out = o.out ?? process.stdout;
  const { normalizeReference } = await import('../util/image-reference.js');
  const display = normalizeReference(name);
  await withStore(o, async (store) => {
    const tty = out.isTTY === true;
    let last = 0;
    if (!tty) out.write(`Pulling ${display}\n`);
    const img = await store.pull(name, {
      onProgress: (p) => {
        const now = Date.now();
        if (!tty || now - last < 100) return;
        last = now;
        out.write(`\r\x1b[KPulling ${display}: ${formatMiB(p.doneBytes)} / ${formatMiB(p.totalBytes)}`);
      },
    });
    if (tty) out.write('\r\x1b[K');
    out.write(
      `Pulled ${display} (${img.id}) ${formatMiB(img.size)} in ${(img.durationMs / 1000).toFixed(1)}s\n`,
    );
  });
}

export async function runImageLoad(file: string, o: ImageCliOptions = {}): Promise<void> {
  const out = o.out ?? process.stdout;
  await withStore(o, async (store) => {
    for (const n of await store.load(resolve(file))) out.write(`Loaded image: ${n}\n`);
  });
}

function splitName(ref: string): [string, string] {
  const at = ref.indexOf('@');
  if (at >= 0) return [ref.slice(0, at), '<none>'];
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? [ref.slice(0, colon), ref.slice(colon + 1)] : [ref, '<none>'];
}

/** The rows of `image ls`, crictl's columns: one row per tag; untagged images by repo digest. */
export function imageTable(
  images: { id: string; repoTags: string[]; repoDigests: string[]; size: number }[],
): string {
  const rows: string[][] = [['IMAGE', 'TAG', 'IMAGE ID', 'SIZE']];
  const sorted = [...images].sort((a, b) =>
    (a.repoTags[0] ?? a.repoDigests[0] ?? a.id).localeCompare(b.repoTags[0] ?? b.repoDigests[0] ?? b.id),
  );
  for (const i of sorted) {
    const id = i.id.replace(/^sha256:/, '').slice(0, 12);
    const names = i.repoTags.length
      ? i.repoTags.map(splitName)
      : i.repoDigests.length
        ? [[splitName(i.repoDigests[0])[0], '<none>']]
        : [['<none>', '<none>']];
    for (const [repo, tag] of names) rows.push([repo, tag, id, humanSize(i.size)]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return (
    rows.map((r) => r.map((v, c) => (c === r.length - 1 ? v : v.padEnd(widths[c] + 3))).join('')).join('\n') +
    '\n'
  );
}

export async function runImageLs(o: ImageCliOptions = {}): Promise<void> {
  const out = o.out ?? process.stdout;
  await withStore(o, async (store) => out.write(imageTable(await store.listImages())));
}

/**
 * Removes each image; one that is missing or that a container runs on is reported and the others
 * still go; fails at the end if any could not.
 */
export async function runImageRm(names: string[], o: ImageCliOptions = {}): Promise<void> {
  const out = o.out ?? process.stdout;
  const missing: string[] = [];
  const failed: string[] = [];
  await withStore(o, async (store) => {
    for (const n of names) {
      const img = await store.resolve(n);
      if (!img) {
        missing.push(n);
        continue;
      }
      try {
        await store.removeImage(n); // the same lookup as resolve: messages name it as the user did
      } catch (err) {
        failed.push((err as Error).message);
        continue;
      }
      out.write(`Deleted: ${img.repoTags[0] ?? img.id}\n`);
    }
  });
  const problems = [...failed, ...(missing.length ? [`no such image: ${missing.join(', ')}`] : [])];
  if (problems.length) throw new Error(problems.join('\n'));
}

/** The `image` command and its subcommands, for main.ts. */
export function imageCommand(): Command {
  const cmd = new Command('image').description("manage the oci runtime's images (DATA_DIR/oci/images)");
  const dataDir = (c: Command) => c.option('--data-dir <dir>', 'state directory (default ~/.kubeling)');
  dataDir(
    cmd
      .command('pull <name>')
      .description('pull an image from its registry (or a mirror in registries.yaml)'),
  ).action((name: string, o: { dataDir?: string }) => runImagePull(name, o));
  dataDir(cmd.command('load <file>').description('load a docker-save or OCI layout archive')).action(
    (file: string, o: { dataDir?: string }) => runImageLoad(file, o),
  );
  dataDir(cmd.command('ls').alias('list').description('list images')).action((o: { dataDir?: string }) =>
    runImageLs(o),
  );
  dataDir(cmd.command('rm <names...>').description('remove images by name, tag, digest or ID')).action(
    (names: string[], o: { dataDir?: string }) => runImageRm(names, o),
  );
  return cmd;
}
