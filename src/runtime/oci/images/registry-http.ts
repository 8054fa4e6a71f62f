/**
 * @module runtime/oci/images/registry-http
 * HTTP(S) requests to registries with node:http/node:https, so that each endpoint can have its own
 * CA, client certificate or skipped verification. Redirects are followed (blobs often live on
 * another host); the Authorization header is dropped when a redirect leaves the origin.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { RegistryTls } from './registries.js';

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body stream; read it or call `resume()`/`destroy()`. */
  body: IncomingMessage;
  /** The final URL after redirects. */
  url: string;
}

export interface HttpRequest {
  method?: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  tls?: RegistryTls;
  /** Default true. */
  followRedirects?: boolean;
  signal?: AbortSignal;
}

const MAX_REDIRECTS = 10;
const IDLE_TIMEOUT_MS = 60_000;

/** Keep-alive agents per TLS setting; `close()` drops their sockets. */
export class HttpTransport {
  readonly #agents = new Map<string, http.Agent>();

  #agent(u: URL, tls?: RegistryTls): http.Agent {
    const secure = u.protocol === 'https:';
    const key = secure ? `https|${tls?.insecureSkipVerify}|${tls?.ca}|${tls?.cert}|${tls?.key}` : 'http';
    let a = this.#agents.get(key);
    if (!a) {
      a = secure
        ? new https.Agent({
            keepAlive: true,
            rejectUnauthorized: !tls?.insecureSkipVerify,
            ca: tls?.ca,
            cert: tls?.cert,
            key: tls?.key,
          })
        : new http.Agent({ keepAlive: true });
      this.#agents.set(key, a);
    }
    return a;
  }

  async request(url: string, req: HttpRequest = {}): Promise<HttpResponse> {
    let current = url;
    const headers = { ...req.headers };
    const origin = new URL(url).origin;
    for (let i = 0; ; i++) {
      const res = await this.#once(current, req, headers);
      const loc = res.headers.location;
      if (req.followRedirects !== false && [301, 302, 303, 307, 308].includes(res.status) && loc) {
        res.body.resume();
        if (i >= MAX_REDIRECTS)
          throw new Error(`failed to do request: stopped after ${MAX_REDIRECTS} redirects`);
        current = new URL(loc, current).toString();
        if (new URL(current).origin !== origin) delete headers.Authorization;
        continue;
      }
      return { ...res, url: current };
    }
  }

  #once(url: string, req: HttpRequest, headers: Record<string, string>): Promise<Omit<HttpResponse, 'url'>> {
    const u = new URL(url);
    const method = req.method ?? 'GET';
    const verb = method[0] + method.slice(1).toLowerCase();
    const mod = u.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const r = mod.request(
        u,
        { method, headers, agent: this.#agent(u, req.tls), signal: req.signal, timeout: IDLE_TIMEOUT_MS },
        (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res }),
      );
      r.on('timeout', () => r.destroy(new Error('i/o timeout')));
      r.on('error', (err: NodeJS.ErrnoException) => {
        const why =
          err.code === 'ECONNREFUSED' ? `dial tcp ${u.host}: connect: connection refused` : err.message;
        reject(new Error(`failed to do request: ${verb} "${url}": ${why}`));
      });
      r.end(req.body);
    });
  }

  close(): void {
    for (const a of this.#agents.values()) a.destroy();
    this.#agents.clear();
  }
}

/** Reads a whole body, refusing more than `limit` bytes (manifests, tokens, errors). */
export async function readBody(res: HttpResponse, limit = 8 << 20): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of res.body) {
    n += (c as Buffer).length;
    if (n > limit) {
      res.body.destroy();
      throw new Error(`response from ${res.url} is larger than ${limit} bytes`);
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}
