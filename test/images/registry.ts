/**
 * A loopback registry holding the test images: Debian's docker-registry (distribution v2) on a
 * free 127.0.0.1 port with its own temporary storage, the images pushed over the registry v2 API
 * as docker.io names them (`library/busybox`, `library/nginx`, `library/myapp`), and a
 * registries.yaml (k3s's shape) that mirrors docker.io to it, so that manifests naming `nginx`,
 * `busybox:latest` or `myapp:v1` run unmodified without internet.
 * @module
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { buildTestImages, type ManifestFormat, type TestImage, type TestImageSet } from './build.js';

export interface StartTestRegistryOptions {
  /**
   * References of the images to push (`nginx`, `busybox:1.36`, `myapp:v1`…); every tag of a named
   * image is pushed. Default: all test images.
   */
  readonly images?: readonly string[];
  /** The port to listen on. Default: a free one. */
  readonly port?: number;
  /** The manifest format pushed. Default: `docker` (schema 2, which every client accepts). */
  readonly format?: ManifestFormat;
  /** Where the test images are cached (see buildTestImages). Default: `os.tmpdir()`. */
  readonly cacheRoot?: string;
}

export interface TestRegistry {
  /** `127.0.0.1:PORT`, as an image reference names the registry. */
  readonly host: string;
  /** `http://127.0.0.1:PORT`, as registries.yaml names an endpoint. */
  readonly url: string;
  /** What was pushed: `docker.io/library/nginx:latest`… */
  readonly pushed: readonly string[];
  /** The docker-registry process. */
  readonly pid: number;
  /** Kills the registry (by its pid) and removes its storage. Idempotent. */
  stop(): Promise<void>;
}

const REGISTRY_BINARY = 'docker-registry';
const START_TIMEOUT_MS = 10_000;

/** Starts docker-registry on loopback and pushes the test images to it (building them if needed). */
export async function startTestRegistry(options: StartTestRegistryOptions = {}): Promise<TestRegistry> {
  const set = await buildTestImages({ cacheRoot: options.cacheRoot });
  const images = selectImages(set, options.images);
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-test-registry-'));
  let server: RegistryProcess | undefined;
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        server = await startRegistry(dir, options.port ?? (await freePort()));
        break;
      } catch (err) {
        // A free port can be taken before the registry binds it; try another unless one was asked for.
        if (options.port !== undefined || attempt >= 3 || !(err instanceof PortInUseError)) throw err;
      }
    }
    const pushed = await pushImages(server.url, set, images, options.format ?? 'docker');
    const s = server;
    return { host: s.host, url: s.url, pushed, pid: s.pid, stop: () => s.stop() };
  } catch (err) {
    if (server) await server.stop();
    else await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Makes `dataDir/registries.yaml` mirror docker.io to `registryUrl` (k3s's shape:
 * `mirrors: {docker.io: {endpoint: [URL]}}`), keeping any other mirrors and configs already there.
 * Returns the file's path.
 */
export async function writeRegistriesYaml(dataDir: string, registryUrl: string): Promise<string> {
  const file = join(dataDir, 'registries.yaml');
  let doc: Record<string, any> = {};
  try {
    const parsed = YAML.parse(await readFile(file, 'utf8'));
    if (parsed && typeof parsed === 'object') doc = parsed;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  doc.mirrors = { ...(doc.mirrors ?? {}), 'docker.io': { endpoint: [registryUrl] } };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, YAML.stringify(doc));
  return file;
}

function selectImages(set: TestImageSet, refs: readonly string[] | undefined): TestImage[] {
  if (!refs) return [...set.images];
  const out = new Set<TestImage>();
  for (const ref of refs) {
    const image = set.find(ref);
    if (!image)
      throw new Error(`test registry: no test image ${ref}; there are ${tagList(set.images).join(', ')}`);
    out.add(image);
  }
  return [...out];
}

function tagList(images: readonly TestImage[]): string[] {
  return images.flatMap((i) => i.tags.map((t) => `${i.repository.replace(/^library\//, '')}:${t}`));
}

class PortInUseError extends Error {}

interface RegistryProcess {
  pid: number;
  host: string;
  url: string;
  stop(): Promise<void>;
}

async function startRegistry(dir: string, port: number): Promise<RegistryProcess> {
  const host = `127.0.0.1:${port}`;
  const url = `http://${host}`;
  const config = join(dir, 'config.yml');
  await writeFile(
    config,
    YAML.stringify({
      version: 0.1,
      log: { level: 'error', accesslog: { disabled: true } },
      storage: { filesystem: { rootdirectory: join(dir, 'storage') }, delete: { enabled: true } },
      http: { addr: host, secret: 'kubeling-test-registry' },
    }),
  );
  const child = spawn(REGISTRY_BINARY, ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (d: Buffer) => (log = (log + d.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  // Should this process end without stop(), the registry must not outlive it.
  const onExit = () => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      process.removeListener('exit', onExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    })());
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (err) =>
      reject(
        new Error(`test registry: cannot run ${REGISTRY_BINARY} (install docker-registry): ${err.message}`),
      ),
    ),
  );
  const died = exited.then(() => {
    const msg = `test registry: ${REGISTRY_BINARY} exited at start: ${log.trim()}`;
    throw /address already in use/.test(log) ? new PortInUseError(msg) : new Error(msg);
  });
  try {
    await Promise.race([waitForV2(url), spawnError, died]);
  } catch (err) {
    await stop();
    throw err;
  }
  died.catch(() => {});
  spawnError.catch(() => {});
  return { pid: child.pid!, host, url, stop };
}

async function waitForV2(url: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      const r = await call('GET', `${url}/v2/`);
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`test registry: ${url}/v2/ did not answer 200 within ${START_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Pushes `images` (blobs not already there, shared ones mounted from the repository that has them,
 * then one manifest per tag). Returns the references pushed.
 */
async function pushImages(
  url: string,
  set: TestImageSet,
  images: TestImage[],
  format: ManifestFormat,
): Promise<string[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  try {
    // First each distinct blob once, into the first repository that needs it, all at once.
    const home = new Map<string, string>();
    for (const image of images) {
      for (const blob of [image.config, ...image.layers])
        if (!home.has(blob.digest)) home.set(blob.digest, image.repository);
    }
    await Promise.all([...home].map(([digest, repo]) => pushBlob(url, agent, set, repo, digest)));
    // Then mount the shared ones into the other repositories, each (repository, blob) once: two
    // images of one repository (myapp:v1, myapp:v2) mounting the same blob at once race in
    // docker-registry's link files, and a manifest then finds the blob unknown.
    const mounts = new Map<string, [repo: string, digest: string, from: string]>();
    for (const image of images)
      for (const blob of [image.config, ...image.layers]) {
        const from = home.get(blob.digest)!;
        if (from !== image.repository)
          mounts.set(`${image.repository}@${blob.digest}`, [image.repository, blob.digest, from]);
      }
    await Promise.all(
      [...mounts.values()].map(([repo, digest, from]) => mountBlob(url, agent, set, repo, digest, from)),
    );
    // And the manifests.
    await Promise.all(
      images.map(async (image) => {
        const m = image.manifests[format];
        const body = await readFile(set.blobPath(m.digest));
        for (const tag of image.tags) {
          const r = await call('PUT', `${url}/v2/${image.repository}/manifests/${tag}`, {
            agent,
            body,
            headers: { 'content-type': m.mediaType },
          });
          expectStatus(r, 201, `put manifest ${image.repository}:${tag}`);
        }
      }),
    );
    return images.flatMap((i) => i.tags.map((t) => `docker.io/${i.repository}:${t}`));
  } finally {
    agent.destroy();
  }
}

async function pushBlob(
  url: string,
  agent: Agent,
  set: TestImageSet,
  repo: string,
  digest: string,
): Promise<void> {
  const head = await call('HEAD', `${url}/v2/${repo}/blobs/${digest}`, { agent });
  if (head.status === 200) return;
  const start = await call('POST', `${url}/v2/${repo}/blobs/uploads/`, { agent });
  expectStatus(start, 202, `start upload to ${repo}`);
  await finishUpload(url, agent, set, repo, digest, start.headers.location);
}

async function mountBlob(
  url: string,
  agent: Agent,
  set: TestImageSet,
  repo: string,
  digest: string,
  from: string,
): Promise<void> {
  const r = await call(
    'POST',
    `${url}/v2/${repo}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`,
    {
      agent,
    },
  );
  if (r.status === 201) return;
  // The registry started an upload instead of mounting: send the blob.
  expectStatus(r, 202, `mount ${digest} into ${repo}`);
  await finishUpload(url, agent, set, repo, digest, r.headers.location);
}

async function finishUpload(
  url: string,
  agent: Agent,
  set: TestImageSet,
  repo: string,
  digest: string,
  location: string | string[] | undefined,
): Promise<void> {
  if (typeof location !== 'string') throw new Error(`test registry: upload to ${repo} gave no Location`);
  const target = new URL(location, url);
  target.searchParams.set('digest', digest);
  const body = await readFile(set.blobPath(digest));
  const r = await call('PUT', target.href, {
    agent,
    body,
    headers: { 'content-type': 'application/octet-stream' },
  });
  expectStatus(r, 201, `upload ${digest} to ${repo}`);
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function call(
  method: string,
  href: string,
  opts: { agent?: Agent; body?: Buffer; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      href,
      {
        method,
        agent: opts.agent,
        headers: { ...opts.headers, 'content-length': String(opts.body?.length ?? 0) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

function expectStatus(r: Reply, status: number, what: string): void {
  if (r.status !== status)
    throw new Error(`test registry: ${what}: HTTP ${r.status} ${r.body.toString().slice(0, 500)}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
