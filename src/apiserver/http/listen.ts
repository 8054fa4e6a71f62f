/**
 * @module apiserver/http/listen
 * One TLS port serving HTTP/2 and HTTP/1.1: ALPN picks the protocol per connection, and each
 * socket is handed to an h2 or an HTTP/1.1 server. Upgrade requests (exec, port-forward) always
 * arrive over HTTP/1.1 and surface as the `upgrade` event of the HTTP/1.1 server.
 */
import http from 'node:http';
import http2 from 'node:http2';
import tls from 'node:tls';
import type { AddressInfo, Socket } from 'node:net';
import type { RawRequest, RawResponse } from './exchange.js';

export type RequestHandler = (req: RawRequest, res: RawResponse) => void;
export type UpgradeHandler = (req: http.IncomingMessage, socket: Socket, head: Buffer) => void;

export interface ListenOptions {
  host?: string;
  port: number;
  cert: string;
  key: string;
  onRequest: RequestHandler;
  onUpgrade?: UpgradeHandler;
}

export interface Listener {
  port: number;
  close(): Promise<void>;
}

export async function listenTls(opts: ListenOptions): Promise<Listener> {
  const h1 = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) =>
    opts.onRequest(req, res as RawResponse),
  );
  h1.on('upgrade', (req, socket, head) => {
    if (opts.onUpgrade) opts.onUpgrade(req, socket as Socket, head);
    else socket.destroy();
  });
  const h2 = http2.createServer({ settings: { maxConcurrentStreams: 1000 } }, (req, res) =>
    opts.onRequest(req as unknown as RawRequest, res as unknown as RawResponse),
  );
  const sockets = new Set<tls.TLSSocket>();
  const server = tls.createServer(
    { cert: opts.cert, key: opts.key, ALPNProtocols: ['h2', 'http/1.1'], minVersion: 'TLSv1.2' },
    (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      if (socket.alpnProtocol === 'h2') h2.emit('connection', socket);
      else h1.emit('connection', socket);
    },
  );
  server.on('tlsClientError', () => {
    /* clients that hang up mid-handshake are not our problem */
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        h1.closeAllConnections?.();
      }),
  };
}
