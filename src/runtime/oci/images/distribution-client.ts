/**
 * @module runtime/oci/images/distribution-client
 * The pull side of the OCI distribution API: resolves a reference to a manifest (choosing
 * this machine's platform from an index) on the first endpoint that has it (mirrors, then the registry), and
 * streams blobs from that endpoint, each verified against its digest and size.
 *
 * Auth: anonymous first; on 401 the `WWW-Authenticate` challenge decides: Bearer fetches a token
 * from the realm (with basic credentials or an identity token when configured), Basic sends the
 * credentials. Tokens are cached per realm, service, scope and user until they expire.
 *
 * Error messages follow containerd's wording, since users see them in kubelet events.
 */
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import {
  assertDigest,
  MANIFEST_ACCEPT,
  parseManifestDoc,
  pickPlatform,
  sha256,
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
} from './manifest.js';
import { formatReference, type ImageReference } from '../../../util/image-reference.js';
import {
  endpointsFor,
  type RegistriesConfig,
  type RegistryAuth,
  type RegistryEndpoint,
} from './registries.js';
import { HttpTransport, readBody, type HttpResponse } from './registry-http.js';

/** The registry has no such image (or tag). Message: `<ref>: not found`. */
export class ImageNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageNotFoundError';
  }
}

/** A blob or manifest whose bytes do not match its digest or size. */
export class DigestMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DigestMismatchError';
  }
}

/** Credentials passed with a pull (the pod's pull secrets); they apply to the registry itself, not mirrors. */
export interface PullAuth {
  username?: string;
  password?: string;
}

/** Where an image was found and what it is; blobs are fetched through `fetchBlob(resolved, …)`. */
export interface ResolvedImage {
  /** Normalized reference as asked for. */
  name: string;
  ref: ImageReference;
  endpoint: RegistryEndpoint;
  /** Digest of the document the reference points at (the index for a multi-platform image). */
  digest: string;
  /** The raw top-level document, and the platform manifest when the top is an index. */
  topBytes: Buffer;
  index?: ImageIndex;
  manifestDigest: string;
  manifestBytes: Buffer;
  manifest: ImageManifest;
  /** @internal per-repository auth state */
  session: RepoSession;
}

interface RepoSession {
  endpoint: RegistryEndpoint;
  repo: string;
  creds?: RegistryAuth;
  authorization?: string;
}

interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses `Bearer realm="…",service="…",scope="…"` (one challenge; the first if several). */
export function parseChallenge(header: string | undefined): Challenge | undefined {
  if (!header) return undefined;
  const m = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const p of m[2].matchAll(/(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g))
    params[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3];
  return { scheme: m[1].toLowerCase(), params };
}

function statusLine(res: HttpResponse): string {
  return `${res.status} ${res.body.statusMessage ?? ''}`.trim();
}

async function serverMessage(res: HttpResponse): Promise<string> {
  try {
    const body = JSON.parse((await readBody(res, 64 << 10)).toString('utf8'));
    const e = body?.errors?.[0];
    if (e) return `${String(e.code ?? '').toLowerCase()}: ${e.message ?? ''}`.trim();
  } catch {
    // not JSON: no server message
  }
  return '';
}

export class DistributionClient {
  readonly #registries: RegistriesConfig;
  readonly #http: HttpTransport;
  readonly #tokens = new Map<string, { token: string; expires: number }>();

  constructor(opts: { registries: RegistriesConfig; transport?: HttpTransport }) {
    this.#registries = opts.registries;
    this.#http = opts.transport ?? new HttpTransport();
  }

  /**
   * Finds the image on the first endpoint that serves it and returns its platform manifest.
   * Throws ImageNotFoundError (`<ref>: not found`) or an Error with containerd's wording.
   */
  async resolve(ref: ImageReference, auth?: PullAuth): Promise<ResolvedImage> {
    const name = formatReference(ref);
    let last: Error | undefined;
    for (const endpoint of endpointsFor(this.#registries, ref.domain)) {
      const creds = endpoint.upstream && (auth?.username || auth?.password) ? auth : endpoint.auth;
      const session: RepoSession = { endpoint, repo: ref.path, creds };
      try {
        return await this.#resolveOn(session, ref, name);
      } catch (err) {
        last = err as Error;
      }
    }
    throw last ?? new ImageNotFoundError(`${name}: not found`);
  }

  async #resolveOn(session: RepoSession, ref: ImageReference, name: string): Promise<ResolvedImage> {
    const wanted = ref.digest ?? ref.tag ?? 'latest';
    const top = await this.#getManifest(session, wanted, name);
    if (ref.digest && top.digest !== ref.digest)
      throw new DigestMismatchError(`manifest digest ${top.digest} does not match ${ref.digest}`);
    const doc = parseManifestDoc(top.bytes, top.contentType);
    let manifest = doc.manifest;
    let manifestDigest = top.digest;
    let manifestBytes = top.bytes;
    if (doc.index) {
      const d = pickPlatform(doc.index);
      if (!d) throw new ImageNotFoundError('no match for platform in manifest: not found');
      assertDigest(d.digest);
      const m = await this.#getManifest(session, d.digest, name);
      if (m.digest !== d.digest)
        throw new DigestMismatchError(`manifest digest ${m.digest} does not match ${d.digest}`);
      const inner = parseManifestDoc(m.bytes, m.contentType);
      if (!inner.manifest) throw new Error(`${d.digest}: nested index is not supported`);
      manifest = inner.manifest;
      manifestDigest = m.digest;
      manifestBytes = m.bytes;
    }
    for (const d of [manifest!.config, ...manifest!.layers]) assertDigest(d.digest);
    return {
      name,
      ref,
      endpoint: session.endpoint,
      digest: top.digest,
      topBytes: top.bytes,
      index: doc.index,
      manifestDigest,
      manifestBytes,
      manifest: manifest!,
      session,
    };
  }

  async #getManifest(
    s: RepoSession,
    reference: string,
    name: string,
  ): Promise<{ bytes: Buffer; digest: string; contentType?: string }> {
    const url = `${s.endpoint.origin}${s.endpoint.apiPath}/${s.repo}/manifests/${reference}`;
    const res = await this.#authed(s, url, { Accept: MANIFEST_ACCEPT });
    if (res.status === 404) {
      res.body.resume();
      throw new ImageNotFoundError(`${name}: not found`);
    }
    if (res.status !== 200) throw await this.#statusError(res, 'GET', url);
    const bytes = await readBody(res);
    const digest = sha256(bytes);
    const claimed = res.headers['docker-content-digest'];
    if (typeof claimed === 'string' && claimed.startsWith('sha256:') && claimed !== digest)
      throw new DigestMismatchError(
        `manifest digest ${digest} does not match Docker-Content-Digest ${claimed}`,
      );
    return { bytes, digest, contentType: res.headers['content-type'] };
  }

  /**
   * Streams a blob of the resolved image from the endpoint that served its manifest. The stream
   * fails (before its end) when the bytes do not match `desc.digest` and `desc.size`.
   */
  async fetchBlob(image: ResolvedImage, desc: Descriptor, onBytes?: (n: number) => void): Promise<Readable> {
    assertDigest(desc.digest);
    const s = image.session;
    const url = `${s.endpoint.origin}${s.endpoint.apiPath}/${s.repo}/blobs/${desc.digest}`;
    const res = await this.#authed(s, url, {});
    if (res.status === 404) {
      res.body.resume();
      throw new Error(`failed to copy: httpReadSeeker: failed open: content at ${url} not found: not found`);
    }
    if (res.status !== 200) throw await this.#statusError(res, 'GET', url);
    const v = verifier(desc, onBytes);
    // The reader sees the error through its iterator; this keeps a late second emit from being uncaught.
    v.on('error', () => {});
    res.body.on('error', (err) => v.destroy(err));
    res.body.on('aborted', () =>
      v.destroy(new Error(`failed to copy: ${desc.digest}: connection closed early`)),
    );
    return res.body.pipe(v);
  }

  async #statusError(res: HttpResponse, verb: string, url: string): Promise<Error> {
    const msg = await serverMessage(res);
    if (res.status === 401 || res.status === 403)
      return new Error(
        `pull access denied, repository does not exist or may require authorization: ${
          msg ? `server message: ${msg}` : 'authorization failed'
        }`,
      );
    return new Error(
      `unexpected status from ${verb} request to ${url}: ${statusLine(res)}${msg ? `: ${msg}` : ''}`,
    );
  }

  /** GET with the session's authorization; on 401 answers the challenge once and retries. */
  async #authed(s: RepoSession, url: string, headers: Record<string, string>): Promise<HttpResponse> {
    const send = () =>
      this.#http.request(url, {
        headers: s.authorization ? { ...headers, Authorization: s.authorization } : headers,
        tls: s.endpoint.tls,
      });
    const res = await send();
    if (res.status !== 401) return res;
    const challenge = parseChallenge(res.headers['www-authenticate'] as string | undefined);
    res.body.resume();
    if (!challenge) return send();
    s.authorization = await this.#authorize(s, challenge);
    return send();
  }

  async #authorize(s: RepoSession, c: Challenge): Promise<string> {
    const c_ = s.creds;
    if (c.scheme === 'basic') {
      if (!c_?.username && !c_?.password)
        throw new Error(
          'pull access denied, repository does not exist or may require authorization: no basic auth credentials',
        );
      return `Basic ${Buffer.from(`${c_.username ?? ''}:${c_.password ?? ''}`).toString('base64')}`;
    }
    if (c.scheme !== 'bearer' || !c.params.realm)
      throw new Error(`failed to authorize: unsupported challenge ${c.scheme}`);
    const scope = c.params.scope ?? `repository:${s.repo}:pull`;
    const key = `${c.params.realm}|${c.params.service ?? ''}|${scope}|${c_?.username ?? ''}|${c_?.identityToken ?? ''}`;
    const cached = this.#tokens.get(key);
    if (cached && cached.expires > Date.now()) return `Bearer ${cached.token}`;
    const anonymous = !c_?.username && !c_?.password && !c_?.identityToken;
    const realm = new URL(c.params.realm);
    let res: HttpResponse;
    if (c_?.identityToken) {
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: c_.identityToken,
        client_id: 'kubeling',
        scope,
        ...(c.params.service ? { service: c.params.service } : {}),
      });
      res = await this.#http.request(realm.toString(), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        tls: s.endpoint.tls,
      });
    } else {
      if (c.params.service) realm.searchParams.set('service', c.params.service);
      realm.searchParams.set('scope', scope);
      const headers: Record<string, string> = {};
      if (!anonymous)
        headers.Authorization = `Basic ${Buffer.from(`${c_!.username ?? ''}:${c_!.password ?? ''}`).toString('base64')}`;
      res = await this.#http.request(realm.toString(), { headers, tls: s.endpoint.tls });
    }
    const verb = c_?.identityToken ? 'POST' : 'GET';
    if (res.status !== 200) {
      res.body.resume();
      throw new Error(
        `failed to authorize: failed to fetch ${anonymous ? 'anonymous' : 'oauth'} token: unexpected status from ${verb} request to ${realm.origin}${realm.pathname}: ${statusLine(res)}`,
      );
    }
    let body: any;
    try {
      body = JSON.parse((await readBody(res, 1 << 20)).toString('utf8'));
    } catch {
      throw new Error(`failed to authorize: invalid token response from ${realm.origin}${realm.pathname}`);
    }
    const token: unknown = body?.token ?? body?.access_token;
    if (typeof token !== 'string' || !token)
      throw new Error(`failed to authorize: no token in response from ${realm.origin}${realm.pathname}`);
    const ttl = Math.max(Number(body.expires_in) || 60, 60) * 1000;
    this.#tokens.set(key, { token, expires: Date.now() + ttl - 5000 });
    return `Bearer ${token}`;
  }

  close(): void {
    this.#http.close();
  }
}

/** A pass-through that fails at the end when the bytes' sha256 or count differ from the descriptor. */
export function verifier(desc: Descriptor, onBytes?: (n: number) => void): Transform {
  const hash = createHash('sha256');
  let n = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      n += chunk.length;
      onBytes?.(chunk.length);
      if (desc.size > 0 && n > desc.size)
        return done(
          new DigestMismatchError(
            `failed to copy: ${desc.digest}: more than the expected ${desc.size} bytes`,
          ),
        );
      done(null, chunk);
    },
    flush(done) {
      const got = `sha256:${hash.digest('hex')}`;
      if (got !== desc.digest)
        return done(
          new DigestMismatchError(
            `failed to copy: unexpected commit digest ${got}, expected ${desc.digest}: failed precondition`,
          ),
        );
      if (desc.size > 0 && n !== desc.size)
        return done(
          new DigestMismatchError(
            `failed to copy: unexpected commit size ${n}, expected ${desc.size}: failed precondition`,
          ),
        );
      done();
    },
  });
}
