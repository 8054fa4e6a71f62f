/**
 * @module bench/api-client
 * Minimal authenticated API clients for the benchmark, one connection each: HTTP/1.1 with
 * keep-alive (node:https, one socket) and HTTP/2 (node:http2, one session). Both answer with the
 * status and the whole body; neither throws on HTTP error codes, only on transport failures.
 */
import http2 from 'node:http2';
import https from 'node:https';

export interface Endpoint {
  url: string;
  token: string;
  ca: string;
}

export interface ApiResponse {
  status: number;
  body: Buffer;
}

export interface ApiClient {
  readonly protocol: 'http/1.1' | 'h2';
  request(
    method: string,
    path: string,
    body?: string,
    headers?: Record<string, string>,
  ): Promise<ApiResponse>;
  close(): void;
}

/** An HTTP/1.1 client that keeps exactly one TLS connection alive. */
export function http1Client(ep: Endpoint): ApiClient {
  const agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca: ep.ca });
  const base = new URL(ep.url);
  return {
    protocol: 'http/1.1',
    request(method, path, body, headers = {}) {
      return new Promise((resolve, reject) => {
        const h: Record<string, string | number> = {
          authorization: `Bearer ${ep.token}`,
          accept: 'application/json',
          ...headers,
        };
        if (body !== undefined) {
          h['content-type'] ??= 'application/json';
          h['content-length'] = Buffer.byteLength(body);
        }
        const req = https.request(
          { host: base.hostname, port: base.port, method, path, headers: h, agent },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

/** An HTTP/2 client over one session (requests are multiplexed as streams on it). */
export function http2Client(ep: Endpoint): ApiClient {
  const session = http2.connect(ep.url, { ca: ep.ca });
  session.on('error', () => undefined);
  return {
    protocol: 'h2',
    request(method, path, body, headers = {}) {
      return new Promise((resolve, reject) => {
        const h: Record<string, string> = {
          ':method': method,
          ':path': path,
          authorization: `Bearer ${ep.token}`,
          accept: 'application/json',
          ...headers,
        };
        if (body !== undefined) h['content-type'] ??= 'application/json';
        const stream = session.request(h, { endStream: body === undefined });
        let status = 0;
        const chunks: Buffer[] = [];
        stream.on('response', (rh) => (status = Number(rh[':status'])));
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => resolve({ status, body: Buffer.concat(chunks) }));
        stream.on('error', reject);
        if (body !== undefined) stream.end(body);
      });
    },
    close: () => session.close(),
  };
}

/** Throws unless the response has the expected status (the body's message is included). */
export function expectStatus(res: ApiResponse, want: number, what: string): void {
  if (res.status !== want) {
    throw new Error(`${what}: HTTP ${res.status}, want ${want}: ${res.body.toString('utf8').slice(0, 300)}`);
  }
}

/** Creates a namespace; an existing one is fine. */
export async function ensureNamespace(c: ApiClient, name: string): Promise<void> {
  const res = await c.request(
    'POST',
    '/api/v1/namespaces',
    JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }),
  );
  if (res.status !== 201 && res.status !== 409) expectStatus(res, 201, `create namespace ${name}`);
}

/** A minimal valid pod: a name and one container with an image. */
export function minimalPod(name: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10' }] },
  });
}
