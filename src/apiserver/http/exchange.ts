/**
 * @module apiserver/http/exchange
 * The request/response pair as handlers see it, the same for HTTP/1.1 and HTTP/2, plus body
 * reading with the 3 MiB limit and response writing.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { gzipSync } from 'node:zlib';
import {
  StatusError,
  newInternalError,
  newRequestEntityTooLarge,
  type Status,
} from '../../machinery/errors.js';

/** The subset of Node's request objects (http and http2 compat) that we use. */
export interface RawRequest extends AsyncIterable<Buffer | string> {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  /** In-process requests only: the JSON body as a value (the handler's own copy), instead of bytes. */
  bodyValue?: unknown;
  on(event: 'close', fn: () => void): unknown;
}

export interface RawResponse {
  statusCode: number;
  headersSent: boolean;
  writableEnded: boolean;
  setHeader(name: string, value: string | string[] | number): unknown;
  writeHead(code: number, headers?: Record<string, string | string[] | number>): unknown;
  write(chunk: string | Buffer): boolean;
  end(chunk?: string | Buffer): unknown;
  flushHeaders?(): void;
  /**
   * Present only on in-process responses: takes one watch event as an object instead of JSON
   * text. The object is shared with the watch cache, so the receiver must treat it as read-only.
   */
  writeEvent?(type: string, object: unknown): boolean;
  /**
   * Present only on in-process responses: ends the response with a JSON body given as a value.
   * The client gets its own copy, so the value may be shared with the watch cache.
   */
  endJson?(code: number, headers: Record<string, string | string[] | number>, body: unknown): void;
  on(event: 'close' | 'drain', fn: () => void): unknown;
  once(event: 'close' | 'drain', fn: () => void): unknown;
}

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** A JSON request body that arrived as a value (in process): no bytes to parse. */
export class ValueBody {
  constructor(readonly value: unknown) {}
}

/** A request body: bytes, or a value from an in-process client. */
export type Body = Buffer | ValueBody;

/** Reads the body; an in-process JSON value comes back as a ValueBody. */
export async function readBody(req: RawRequest, limit = MAX_BODY_BYTES): Promise<Body> {
  if (req.bodyValue !== undefined) return new ValueBody(req.bodyValue);
  return readBodyBytes(req, limit);
}

export async function readBodyBytes(req: RawRequest, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const len = Number(req.headers['content-length'] ?? 0);
  if (len > limit) throw newRequestEntityTooLarge('Request entity too large: limit is 3145728');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of req) {
    const b = typeof c === 'string' ? Buffer.from(c) : c;
    total += b.length;
    if (total > limit) throw newRequestEntityTooLarge('Request entity too large: limit is 3145728');
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

export class Exchange {
  readonly warnings: string[] = [];
  constructor(
    readonly req: RawRequest,
    readonly res: RawResponse,
    readonly url: URL,
  ) {}

  get query(): URLSearchParams {
    return this.url.searchParams;
  }

  header(name: string): string | undefined {
    const v = this.req.headers[name.toLowerCase()];
    return Array.isArray(v) ? v.join(', ') : v;
  }

  private writeWarnings(): void {
    if (this.warnings.length && !this.res.headersSent) {
      this.res.setHeader(
        'Warning',
        [...new Set(this.warnings)].map((w) => `299 - ${JSON.stringify(w)}`),
      );
    }
  }

  /** Sends a JSON body (a string is sent as is). Large bodies are gzipped when the client accepts it. */
  json(code: number, body: unknown, contentType = 'application/json'): void {
    if (this.res.headersSent) {
      this.res.end();
      return;
    }
    this.writeWarnings();
    if (this.res.endJson && typeof body !== 'string') {
      this.res.endJson(code, { 'Content-Type': contentType }, body);
      return;
    }
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string | number> = { 'Content-Type': contentType };
    if (text.length > 128 * 1024 && /\bgzip\b/.test(this.header('accept-encoding') ?? '')) {
      const buf = gzipSync(Buffer.from(text), { level: 1 });
      headers['Content-Encoding'] = 'gzip';
      headers['Content-Length'] = buf.length;
      this.res.writeHead(code, headers);
      this.res.end(buf);
      return;
    }
    // Strings go out as they are: the socket encodes them once, and the in-process transport
    // hands them to the client without a Buffer round trip.
    headers['Content-Length'] = Buffer.byteLength(text);
    this.res.writeHead(code, headers);
    this.res.end(text);
  }

  text(code: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
    this.writeWarnings();
    this.res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
    this.res.end(body);
  }

  /** A Status answer; one that says when to retry (429, timeouts) also sets Retry-After, as upstream. */
  status(s: Status): void {
    const after = s.details?.retryAfterSeconds;
    if (after && after > 0 && !this.res.headersSent) this.res.setHeader('Retry-After', String(after));
    this.json(s.code, s);
  }

  /** Renders any thrown value as a Status; non-StatusErrors become 500 InternalError. */
  error(err: unknown): void {
    const se = StatusError.is(err) ? err : newInternalError(err);
    if (this.res.headersSent) {
      this.res.end();
      return;
    }
    this.status(se.toStatus());
  }

  /** Starts a streaming response (watch). */
  startStream(contentType = 'application/json'): void {
    this.writeWarnings();
    this.res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private' });
    this.res.flushHeaders?.();
  }
}
