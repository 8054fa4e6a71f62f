/**
 * @module runtime/oci/images/testing-push
 * Test utilities: tiny images built in memory (tar layers made with `tar`'s header encoder, a
 * config, a manifest) pushed to a registry over the v2 API, and a real `docker-registry` on a
 * free loopback port, and loopback HTTP servers that stand in front of it. Not used outside tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import {
  createServer as createHttpServer,
  request,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Header } from 'tar';
import { MediaType, PLATFORM } from './manifest.js';

export interface TestEntry {
  path: string;
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link' | 'CharacterDevice' | 'FIFO';
  content?: string;
  linkpath?: string;
  mode?: number;
  uid?: number;
  gid?: number;
  /** Seconds since the epoch; default 1_600_000_000. */
  mtime?: number;
}

/** A tar archive of the entries, in order. */
export function makeTar(entries: TestEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const type = e.type ?? 'File';
    const body = Buffer.from(type === 'File' ? (e.content ?? '') : '');
    const h = new Header({
      path: type === 'Directory' && !e.path.endsWith('/') ? `${e.path}/` : e.path,
      type,
      mode: e.mode ?? (type === 'Directory' ? 0o755 : type === 'SymbolicLink' ? 0o777 : 0o644),
      uid: e.uid ?? 0,
      gid: e.gid ?? 0,
      size: body.length,
      mtime: new Date((e.mtime ?? 1_600_000_000) * 1000),
      linkpath: e.linkpath,
      uname: '',
      gname: '',
      devmaj: 0,
      devmin: 0,
    });
    const block = Buffer.alloc(512);
    h.encode(block, 0);
    blocks.push(block, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export const digestOf = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export interface TestLayer {
  blob: Buffer;
  digest: string;
  diffId: string;
  mediaType: string;
}

export interface TestImage {
  config: Buffer;
  configDigest: string;
  layers: TestLayer[];
  manifest: Buffer;
  manifestDigest: string;
}

/** An image of the given layer tars (gzip-compressed unless `gzip: false`) and config fields. */
export function buildImage(
  tars: Buffer[],
  opts: { config?: Record<string, unknown>; gzip?: boolean; architecture?: string; docker?: boolean } = {},
): TestImage {
  const layers = tars.map((t) => {
    const blob = opts.gzip === false ? t : gzipSync(t);
    const mediaType =
      opts.gzip === false
        ? MediaType.ociLayer
        : opts.docker
          ? MediaType.dockerLayerGzip
          : MediaType.ociLayerGzip;
    return { blob, digest: digestOf(blob), diffId: digestOf(t), mediaType };
  });
  const config = Buffer.from(
    JSON.stringify({
      architecture: opts.architecture ?? PLATFORM.architecture,
      os: 'linux',
      config: opts.config ?? {},
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    }),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: opts.docker ? MediaType.dockerManifest : MediaType.ociManifest,
      config: {
        mediaType: opts.docker ? MediaType.dockerConfig : MediaType.ociConfig,
        digest: digestOf(config),
        size: config.length,
      },
      layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.blob.length })),
    }),
  );
  return { config, configDigest: digestOf(config), layers, manifest, manifestDigest: digestOf(manifest) };
}

/** An OCI index over images, each entry with its platform. */
export function buildIndex(entries: { image: TestImage; architecture: string }[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.ociIndex,
      manifests: entries.map((e) => ({
        mediaType: MediaType.ociManifest,
        digest: e.image.manifestDigest,
        size: e.image.manifest.length,
        platform: { os: 'linux', architecture: e.architecture },
      })),
    }),
  );
}

async function check(res: Response, what: string): Promise<void> {
  if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
}

/** Uploads one blob: POST /v2/<name>/blobs/uploads/ then PUT <location>&digest=…. */
export async function pushBlob(registry: string, name: string, blob: Buffer): Promise<string> {
  const digest = digestOf(blob);
  const start = await fetch(`${registry}/v2/${name}/blobs/uploads/`, { method: 'POST' });
  await check(start, `start upload of ${digest}`);
  const loc = new URL(start.headers.get('location') ?? '', registry);
  loc.searchParams.set('digest', digest);
  const put = await fetch(loc, {
    method: 'PUT',
    body: new Uint8Array(blob),
    headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(blob.length) },
  });
  await check(put, `upload ${digest}`);
  return digest;
}

export async function pushManifest(registry: string, name: string, ref: string, doc: Buffer): Promise<void> {
  const mediaType = JSON.parse(doc.toString()).mediaType as string;
  const res = await fetch(`${registry}/v2/${name}/manifests/${ref}`, {
    method: 'PUT',
    body: new Uint8Array(doc),
    headers: { 'Content-Type': mediaType },
  });
  await check(res, `put manifest ${name}:${ref}`);
}

/** Pushes an image's blobs and manifest; tags it `tag` (or only by digest when tag is undefined). */
export async function pushImage(registry: string, name: string, tag: string | undefined, img: TestImage) {
  for (const l of img.layers) await pushBlob(registry, name, l.blob);
  await pushBlob(registry, name, img.config);
  await pushManifest(registry, name, tag ?? img.manifestDigest, img.manifest);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface TestRegistry {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `127.0.0.1:PORT` */
  host: string;
  stop(): Promise<void>;
}

/** Starts Debian's docker-registry on a free loopback port and waits for `GET /v2/` to answer 200. */
export async function startRegistry(): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  await writeFile(
    join(dir, 'config.yml'),
    [
      'version: 0.1',
      'log: { level: error, accesslog: { disabled: true } }',
      `storage: { filesystem: { rootdirectory: ${join(dir, 'data')} } }`,
      `http: { addr: "${host}" }`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  const url = `http://${host}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}/v2/`);
      if (res.status === 200) return { url, host, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  await stop();
  throw new Error(`docker-registry did not start: ${stderr}`);
}

export interface LoopbackServer {
  /** `127.0.0.1:PORT` */
  host: string;
  close(): Promise<void>;
}

/** An HTTP server on a free loopback port; `close` drops open connections too. */
export async function serveLoopback(
  handler: (req: IncomingMessage, res: ServerResponse) => unknown,
): Promise<LoopbackServer> {
  const server = createHttpServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    host: `127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Passes the request on to `target` (`http://host:port`) and its answer back, with `headers` sent upstream. */
export function forwardTo(
  target: string,
  req: IncomingMessage,
  res: ServerResponse,
  headers = req.headers,
): void {
  const t = new URL(target);
  const up = request({ host: t.hostname, port: t.port, path: req.url, method: req.method, headers }, (r) => {
    res.writeHead(r.statusCode ?? 502, r.headers);
    r.pipe(res);
  });
  up.on('error', () => res.destroy());
  req.pipe(up);
}

/** A loopback proxy to `target`; `hook` may answer a request itself (returns true). */
export function startProxy(
  target: string,
  hook: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean> = () => false,
): Promise<LoopbackServer> {
  return serveLoopback(async (req, res) => {
    if (!(await hook(req, res))) forwardTo(target, req, res);
  });
}
