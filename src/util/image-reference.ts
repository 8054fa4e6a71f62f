/**
 * @module util/image-reference
 * Image references normalized as docker and containerd do (distribution's reference grammar):
 * `nginx` → `docker.io/library/nginx:latest`, `user/app` → `docker.io/user/app:latest`,
 * `localhost:5000/x:1`, `host/x@sha256:…`, `x:tag@sha256:…`. The first path component is a
 * registry host when it contains `.` or `:` or is `localhost`.
 */

export const DOCKER_HUB = 'docker.io';

/** A normalized image reference. `tag` is `latest` when neither a tag nor a digest was given. */
export interface ImageReference {
  /** Registry host, with port when given: `docker.io`, `localhost:5000`. */
  domain: string;
  /** Repository path inside the registry: `library/nginx`. */
  path: string;
  tag?: string;
  /** `sha256:<64 hex>`. */
  digest?: string;
}

/** Thrown for a string that is not a valid image reference; the message says why. */
export class InvalidReferenceError extends Error {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(`couldn't parse image name "${input}": ${reason}`);
    this.name = 'InvalidReferenceError';
  }
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_PART = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const HEX64 = /^[a-f0-9]{64}$/;

function validDomain(d: string): boolean {
  const m = /^(\[[0-9a-fA-F:]+\]|[^:]+)(?::([0-9]+))?$/.exec(d);
  if (!m) return false;
  if (m[1].startsWith('[')) return true;
  return m[1].split('.').every((p) => DOMAIN_PART.test(p));
}

function splitDomain(name: string): { domain: string; path: string } {
  const i = name.indexOf('/');
  const first = i < 0 ? '' : name.slice(0, i);
  if (
    i < 0 ||
    (!first.includes('.') && !first.includes(':') && first !== 'localhost' && !/[A-Z]/.test(first))
  )
    return { domain: DOCKER_HUB, path: name };
  return { domain: first, path: name.slice(i + 1) };
}

/**
 * Parses and normalizes a reference. Adds `latest` when there is neither tag nor digest.
 * Throws InvalidReferenceError.
 */
export function parseReference(input: string): ImageReference {
  const bad = (reason = 'invalid reference format') => new InvalidReferenceError(input, reason);
  if (!input || input !== input.trim()) throw bad();
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw bad('invalid reference format: invalid digest');
    if (digest.startsWith('sha256:') && !HEX64.test(digest.slice(7)))
      throw bad('invalid checksum digest length');
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw bad();
  }
  if (!rest) throw bad();
  if (HEX64.test(rest) && !digest && !tag)
    throw bad(`invalid repository name (${rest}), cannot specify 64-byte hexadecimal strings`);
  let { domain, path } = splitDomain(rest);
  if (domain === 'index.docker.io') domain = DOCKER_HUB;
  if (!validDomain(domain)) throw bad();
  if (domain === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;
  if (path.toLowerCase() !== path && path.split('/').every((c) => COMPONENT.test(c.toLowerCase())))
    throw bad(`invalid reference format: repository name (${path}) must be lowercase`);
  if (!path.split('/').every((c) => COMPONENT.test(c))) throw bad();
  if (domain.length + 1 + path.length > 255)
    throw bad('invalid reference format: repository name must not be more than 255 characters');
  if (!tag && !digest) tag = 'latest';
  return { domain, path, tag, digest };
}

/** `docker.io/library/nginx`. */
export function repositoryName(r: ImageReference): string {
  return `${r.domain}/${r.path}`;
}

/** The full normalized string: `docker.io/library/nginx:latest`, `host/x:1@sha256:…`. */
export function formatReference(r: ImageReference): string {
  return `${repositoryName(r)}${r.tag ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}

/** Normalizes a reference string; throws InvalidReferenceError. */
export function normalizeReference(input: string): string {
  return formatReference(parseReference(input));
}
