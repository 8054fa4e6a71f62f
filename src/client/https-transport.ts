/**
 * @module client/https-transport
 * The network transport: HTTP/1.1 over TLS (or plain `http:`) with a keep-alive agent, the
 * cluster CA, and optional client certificates. Used by every client outside the API server's
 * process (kubectl-like tools, a remote node agent).
 */
import http from 'node:http';
import https from 'node:https';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';

export interface HttpsTransportOptions {
  /** `https://127.0.0.1:6443` or `http://…`. */
  server: string;
  /** PEM of the CA that signed the server certificate. */
  ca?: string;
  clientCert?: string;
  clientKey?: string;
  insecureSkipTLSVerify?: boolean;
}

export function httpsTransport(o: HttpsTransportOptions): Transport {
  const url = new URL(o.server);
  const secure = url.protocol === 'https:';
  const mod: typeof http | typeof https = secure ? https : http;
  const agent = secure
    ? new https.Agent({
        keepAlive: true,
        ca: o.ca,
        cert: o.clientCert,
        key: o.clientKey,
        rejectUnauthorized: !o.insecureSkipTLSVerify,
      })
    : new http.Agent({ keepAlive: true });
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const base = url.pathname.replace(/\/$/, '');

  return {
    request(r: TransportRequest): Promise<TransportResponse> {
      const headers = { ...r.headers };
      if (r.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(r.body));
      return new Promise((resolve, reject) => {
        const req = mod.request(
          {
            protocol: url.protocol,
            hostname,
            port: url.port,
            path: base + r.path,
            method: r.method,
            headers,
            agent,
            signal: r.signal,
          },
          (res) => resolve(wrap(res)),
        );
        req.on('error', reject);
        if (r.body !== undefined) req.write(r.body);
        req.end();
      });
    },
    close() {
      agent.destroy();
    },
  };
}

function wrap(res: http.IncomingMessage): TransportResponse {
  return {
    status: res.statusCode ?? 0,
    headers: res.headers,
    body: res,
    text: () => readAll(res),
    destroy: () => void res.destroy(),
  };
}

function readAll(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    res.on('aborted', () => reject(new Error('response aborted')));
  });
}
