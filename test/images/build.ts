/**
 * The project's test images, built from the machine's Debian packages so that tests need no
 * internet: `busybox` (busybox-static and its applets), `nginx` (nginx-light with the libraries it
 * loads, a "Welcome to nginx!" page and busybox for probes and `kubectl exec -- sh`) and
 * `myapp:v1`/`myapp:v2` (nginx serving `Hello MyApp | Version: vN` and the pod's hostname at
 * `/hostname.html`).
 *
 * Layers are shared: busybox's one layer is every image's first, nginx adds one, each myapp adds
 * one more. The build is deterministic (see layer.ts) and cached as an OCI image layout in
 * `<tmpdir>/kubeling-test-images-<hash>/`, the hash covering the package versions, node's zlib and
 * {@link TEST_IMAGES_VERSION}; a build writes a temporary directory and renames it into place, so
 * processes building at once never see half an image set.
 * @module
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ociArchitecture } from '../../src/runtime/oci/images/manifest.js';
import { parseReference, type ImageReference } from '../../src/util/image-reference.js';
import { LAYER_MTIME, sha256, writeLayer, type Layer } from './layer.js';
import { baseTree, nginxTree, myappTree, findBusybox, NGINX_BINARY } from './contents.js';

/** Bump when what the build writes changes, so old caches are not reused. */
export const TEST_IMAGES_VERSION = 2;

/** Tags pushed for each repository (all tags of a repository name the same image, except myapp's). */
export const TEST_IMAGE_TAGS = {
  'library/busybox': ['latest', 'stable', '1.28', '1.34', '1.35', '1.36', '1.37'],
  'library/nginx': [
    'latest',
    'stable',
    'mainline',
    'alpine',
    '1.7.9',
    '1.14.2',
    '1.16.1',
    '1.22',
    '1.25',
    '1.26',
    '1.27',
  ],
} as const;

export type ManifestFormat = 'docker' | 'oci';

export const MEDIA_TYPES = {
  docker: {
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
  oci: {
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  },
} as const;

export interface BlobDescriptor {
  readonly digest: string;
  readonly size: number;
}

/** One image of the set: its repository as docker.io names it (`library/nginx`) and the tags that name it. */
export interface TestImage {
  readonly repository: string;
  readonly tags: readonly string[];
  readonly config: BlobDescriptor;
  readonly layers: readonly BlobDescriptor[];
  /** The same image as a Docker schema 2 manifest and as an OCI manifest (only media types differ). */
  readonly manifests: Readonly<Record<ManifestFormat, BlobDescriptor & { readonly mediaType: string }>>;
}

export interface TestImageSet {
  /** The OCI image layout holding every blob (`blobs/sha256/…`, `index.json`). Read-only. */
  readonly dir: string;
  readonly images: readonly TestImage[];
  /** The file of a blob (layer, config or manifest) by digest. */
  blobPath(digest: string): string;
  /** The image a reference names (`nginx`, `busybox:1.36`, `docker.io/library/myapp:v1`, `nginx@sha256:…`), if any. */
  find(ref: string): TestImage | undefined;
}

export interface BuildTestImagesOptions {
  /** Where the cache directory goes. Default: `os.tmpdir()`. */
  readonly cacheRoot?: string;
}

const inFlight = new Map<string, Promise<TestImageSet>>();

/**
 * Builds the test images, or reuses the cached build for the same inputs. Safe to call
 * concurrently, in one process or several. Throws, naming the Debian package, when busybox-static
 * or nginx-light is missing.
 */
export function buildTestImages(options: BuildTestImagesOptions = {}): Promise<TestImageSet> {
  const dir = testImagesDir(options.cacheRoot ?? tmpdir());
  let p = inFlight.get(dir);
  if (!p) {
    p = Promise.resolve().then(() => loadOrBuild(dir));
    p.catch(() => inFlight.delete(dir));
    inFlight.set(dir, p);
  }
  return p;
}

/** The cache directory for this machine's inputs under `cacheRoot`. */
export function testImagesDir(cacheRoot: string): string {
  const h = createHash('sha256');
  h.update(`v${TEST_IMAGES_VERSION}\n${process.arch}\nzlib ${process.versions.zlib}\n`);
  h.update(inputVersions());
  return join(cacheRoot, `kubeling-test-images-${h.digest('hex').slice(0, 16)}`);
}

const PACKAGES = [
  'busybox-static',
  'nginx-light',
  'nginx-common',
  'libc6',
  'libssl3',
  'libpcre2-8-0',
  'zlib1g',
  'libcrypt1',
];

function inputVersions(): string {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Package}=${Version}\\n', ...PACKAGES], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (err) {
    // Some package is not installed (or this is not Debian): key on the binaries themselves.
    const out = (err as { stdout?: string }).stdout ?? '';
    const files = [findBusybox(), NGINX_BINARY].map((f) =>
      f && existsSync(f) ? `${f} ${statSync(f).size} ${statSync(f).mtimeMs}` : `${f} -`,
    );
    return `${out}${files.join('\n')}\n`;
  }
}

function loadOrBuild(dir: string): TestImageSet {
  if (!existsSync(join(dir, 'images.json'))) {
    const tmp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      mkdirSync(tmp, { recursive: true });
      buildInto(tmp);
      try {
        renameSync(tmp, dir);
      } catch (err) {
        // Another process renamed its build first: same inputs, same bytes; use that one.
        if (!existsSync(join(dir, 'images.json'))) throw err;
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  return load(dir);
}

function load(dir: string): TestImageSet {
  const { images } = JSON.parse(readFileSync(join(dir, 'images.json'), 'utf8')) as { images: TestImage[] };
  return {
    dir,
    images,
    blobPath: (digest) => join(dir, 'blobs', ...digest.split(':')),
    find(ref) {
      let parsed: ImageReference;
      try {
        parsed = parseReference(ref);
      } catch {
        return undefined;
      }
      const { path: repository, tag, digest } = parsed;
      return images.find(
        (i) =>
          i.repository === repository &&
          (tag === undefined || i.tags.includes(tag)) &&
          (digest === undefined || i.manifests.docker.digest === digest || i.manifests.oci.digest === digest),
      );
    },
  };
}

interface ImageSpec {
  repository: string;
  tags: readonly string[];
  layers: { layer: Layer; createdBy: string }[];
  config: Record<string, unknown>;
}

function buildInto(dir: string): void {
  const busybox = findBusybox();
  if (!busybox)
    throw new Error(
      'test images: busybox is missing; install busybox-static (scripts/setup.sh does as root)',
    );
  if (!existsSync(NGINX_BINARY))
    throw new Error(
      `test images: ${NGINX_BINARY} is missing; install nginx-light (scripts/setup.sh does as root)`,
    );
  const path = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  const base = {
    layer: writeLayer(baseTree(busybox)),
    createdBy: 'busybox-static: /bin/busybox, its applets, /etc/passwd',
  };
  const nginx = {
    layer: writeLayer(nginxTree()),
    createdBy: 'nginx-light: /usr/sbin/nginx, its libraries, /etc/nginx',
  };
  const nginxConfig = {
    Env: [path, `NGINX_VERSION=${nginxVersion()}`],
    Cmd: ['nginx', '-g', 'daemon off;'],
    ExposedPorts: { '80/tcp': {} },
    StopSignal: 'SIGQUIT',
  };
  const specs: ImageSpec[] = [
    {
      repository: 'library/busybox',
      tags: TEST_IMAGE_TAGS['library/busybox'],
      layers: [base],
      config: { Env: [path], Cmd: ['sh'] },
    },
    {
      repository: 'library/nginx',
      tags: TEST_IMAGE_TAGS['library/nginx'],
      layers: [base, nginx],
      config: nginxConfig,
    },
    ...(['v1', 'v2'] as const).map((v) => ({
      repository: 'library/myapp',
      tags: [v],
      layers: [
        base,
        nginx,
        { layer: writeLayer(myappTree(v)), createdBy: `myapp ${v}: /docker-entrypoint.sh, index.html` },
      ],
      config: { ...nginxConfig, Entrypoint: ['/docker-entrypoint.sh'] },
    })),
  ];
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = (data: Buffer): BlobDescriptor => {
    const digest = sha256(data);
    const file = join(dir, 'blobs', ...digest.split(':'));
    if (!existsSync(file)) writeFileSync(file, data);
    return { digest, size: data.length };
  };
  const images: TestImage[] = specs.map((spec) => {
    const created = LAYER_MTIME.toISOString();
    const config = put(
      json({
        architecture: ociArchitecture(),
        os: 'linux',
        created,
        config: spec.config,
        rootfs: { type: 'layers', diff_ids: spec.layers.map((l) => l.layer.diffId) },
        history: spec.layers.map((l) => ({ created, created_by: l.createdBy })),
      }),
    );
    const layers = spec.layers.map((l) => put(l.layer.blob));
    const manifest = (format: ManifestFormat) => {
      const t = MEDIA_TYPES[format];
      const data = json({
        schemaVersion: 2,
        mediaType: t.manifest,
        config: { mediaType: t.config, ...config },
        layers: layers.map((l) => ({ mediaType: t.layer, ...l })),
      });
      return { mediaType: t.manifest, ...put(data) };
    };
    return {
      repository: spec.repository,
      tags: spec.tags,
      config,
      layers,
      manifests: { docker: manifest('docker'), oci: manifest('oci') },
    };
  });
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: images.flatMap((i) =>
      i.tags.map((tag) => ({
        ...i.manifests.oci,
        annotations: { 'org.opencontainers.image.ref.name': `docker.io/${i.repository}:${tag}` },
      })),
    ),
  };
  writeFileSync(join(dir, 'oci-layout'), json({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(join(dir, 'index.json'), json(index));
  writeFileSync(join(dir, 'images.json'), JSON.stringify({ version: TEST_IMAGES_VERSION, images }, null, 2));
}

function nginxVersion(): string {
  const r = spawnSync(NGINX_BINARY, ['-v'], { encoding: 'utf8' });
  return /nginx\/(\S+)/.exec(`${r.stdout}${r.stderr}`)?.[1] ?? 'unknown';
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}
