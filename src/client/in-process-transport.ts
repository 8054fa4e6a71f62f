/**
 * @module client/in-process-transport
 * A transport for components that run in the API server's own process (controllers, the
 * scheduler, sim node agents): it hands each request straight to the server's request handler
 * with small request/response objects shaped like Node's, so the same routing, authentication,
 * status codes and validation apply, without TLS, TCP or HTTP framing. JSON bodies travel as
 * values instead of text: a request body is copied once for the handler, a response body once
 * for the caller (or not at all for a caller that only reads it), and watch events arrive as the
 * watch cache's own objects, which receivers must treat as read-only (tests freeze them).
 *
 * The client layer may not depend on the API server, so the handler is described here by the
 * shape it needs; the composition root passes the router's `handle`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { copyAsJson } from '../util/json-clone.js';
import {
  DecodedWatchEvent,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from './transport.js';

/** What the handler reads: method, URL (path and query), lower-cased headers, body chunks. */
export interface InProcessRequest extends AsyncIterable<string> {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The JSON body as a value (the handler's own copy), when the client sent one. */
  bodyValue?: unknown;
  /** `close` fires when the client goes away (aborts a watch) or once the response has ended. */
  on(event: 'close', fn: () => void): unknown;
}

/** The parts of Node's ServerResponse the handler writes through. */
export interface InProcessResponse {
  statusCode: number;
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
  /** Characters written but not yet taken by the client (a slow watch consumer shows here). */
  readonly writableLength: number;
  setHeader(name: string, value: string | string[] | number): unknown;
  writeHead(code: number, headers?: Record<string, string | string[] | number>): unknown;
  write(chunk: string | Buffer): boolean;
  /** A watch event as an object (shared with the server's cache, read-only to the client). */
  writeEvent(type: string, object: unknown): boolean;
  /** Ends with a JSON body given as a value; the client gets a copy instead of text. */
  endJson(code: number, headers: Record<string, string | string[] | number>, body: unknown): void;
  end(chunk?: string | Buffer): unknown;
  flushHeaders(): void;
  on(event: 'close' | 'drain', fn: () => void): unknown;
  once(event: 'close' | 'drain', fn: () => void): unknown;
}

/** The API server's request handler; a returned promise's rejection fails the request. */
export type InProcessHandler = (req: InProcessRequest, res: InProcessResponse) => unknown;

/** A transport that serves every request by calling `handler` in this process. */
export function inProcessTransport(handler: InProcessHandler): Transport {
  return {
    takesValues: true,
    request: (r) => new Promise((resolve, reject) => new InProcessExchange(r, resolve, reject).run(handler)),
    close() {
      /* no connections to release */
    },
  };
}

type Chunk = string | Uint8Array | DecodedWatchEvent;
/** What a decoded event counts for in `writableLength` (a typical object's JSON size). */
const EVENT_WEIGHT = 2048;
type Listener = () => void;

/** One request/response pair; it is both the handler's request/response and the client's view. */
class InProcessExchange implements InProcessResponse {
  statusCode = 200;
  headersSent = false;
  writableEnded = false;
  writableLength = 0;
  private readonly headers: Record<string, string | string[]> = {};
  private chunks: Chunk[] = [];
  /** The body, when the handler ended with a value (endJson). */
  private bodyValue?: { value: unknown };
  /** The client went away (abort or destroy) before the response ended. */
  private gone = false;
  private settled = false;
  private failure?: Error;
  private wake?: Listener;
  private readonly resListeners: { event: string; fn: Listener; once: boolean }[] = [];
  private readonly reqCloseListeners: Listener[] = [];
  private readonly onAbort = () => this.clientGone(abortError());

  constructor(
    private readonly r: TransportRequest,
    private readonly resolve: (res: TransportResponse) => void,
    private readonly reject: (err: Error) => void,
  ) {}

  run(handler: InProcessHandler): void {
    if (this.r.signal?.aborted) return this.fail(abortError());
    this.r.signal?.addEventListener('abort', this.onAbort, { once: true });
    let out: unknown;
    try {
      out = handler(this.request(), this);
    } catch (err) {
      return this.fail(asError(err));
    }
    if (out instanceof Promise) out.catch((err: unknown) => this.fail(asError(err)));
  }

  private request(): InProcessRequest {
    const h: IncomingHttpHeaders = {};
    for (const [k, v] of Object.entries(this.r.headers)) h[k.toLowerCase()] = v;
    const value = this.r.bodyValue === undefined ? undefined : copyAsJson(this.r.bodyValue);
    const text = this.r.body;
    return {
      method: this.r.method,
      url: this.r.path,
      headers: h,
      bodyValue: value,
      on: (_event: 'close', fn: Listener) => this.reqCloseListeners.push(fn),
      // A handler that reads bytes anyway gets the JSON text, made only then.
      async *[Symbol.asyncIterator]() {
        if (value !== undefined) yield JSON.stringify(value);
        else if (text !== undefined) yield text;
      },
    };
  }

  // ---- the handler's side (ServerResponse-like) ----

  setHeader(name: string, value: string | string[] | number): this {
    this.headers[name.toLowerCase()] = typeof value === 'number' ? String(value) : value;
    return this;
  }

  writeHead(code: number, headers?: Record<string, string | string[] | number>): this {
    this.statusCode = code;
    if (headers) for (const [k, v] of Object.entries(headers)) this.setHeader(k, v);
    this.sendHead();
    return this;
  }

  flushHeaders(): void {
    this.sendHead();
  }

  write(chunk: string | Buffer): boolean {
    if (this.writableEnded) return false;
    this.sendHead();
    if (this.gone || chunk.length === 0) return true;
    this.chunks.push(chunk);
    this.writableLength += chunk.length;
    this.wakeReader();
    return true;
  }

  writeEvent(type: string, object: unknown): boolean {
    if (this.writableEnded) return false;
    this.sendHead();
    if (this.gone) return true;
    this.chunks.push(new DecodedWatchEvent(type, object));
    this.writableLength += EVENT_WEIGHT;
    this.wakeReader();
    return true;
  }

  endJson(code: number, headers: Record<string, string | string[] | number>, body: unknown): void {
    if (this.writableEnded || this.headersSent) {
      this.end();
      return;
    }
    this.bodyValue = { value: body };
    this.writeHead(code, headers);
    this.end();
  }

  end(chunk?: string | Buffer): this {
    if (this.writableEnded) return this;
    if (chunk !== undefined) this.write(chunk);
    this.sendHead();
    this.writableEnded = true;
    this.r.signal?.removeEventListener('abort', this.onAbort);
    this.wakeReader();
    // Node reports `close` on both sides after the response finished; a watch relies on it.
    queueMicrotask(() => this.emitClose());
    return this;
  }

  on(event: 'close' | 'drain', fn: Listener): this {
    this.resListeners.push({ event, fn, once: false });
    return this;
  }

  once(event: 'close' | 'drain', fn: Listener): this {
    this.resListeners.push({ event, fn, once: true });
    return this;
  }

  // ---- the client's side ----

  private sendHead(): void {
    if (this.headersSent) return;
    this.headersSent = true;
    this.settled = true;
    this.resolve({
      status: this.statusCode,
      headers: this.headers,
      body: { [Symbol.asyncIterator]: () => this.chunksOut() },
      batches: { [Symbol.asyncIterator]: () => this.batchesOut() },
      text: () => this.text(),
      value: (copy = true) => this.value(copy),
      destroy: () => this.clientGone(new Error('response aborted')),
    });
  }

  private async *chunksOut(): AsyncGenerator<Chunk> {
    for await (const batch of this.batchesOut()) yield* batch;
  }

  private async *batchesOut(): AsyncGenerator<Chunk[]> {
    try {
      for (;;) {
        if (this.chunks.length > 0) {
          const batch = this.chunks;
          this.chunks = [];
          this.writableLength = 0;
          this.emit('drain');
          yield batch;
          continue;
        }
        if (this.writableEnded || this.gone) return;
        await new Promise<void>((r) => (this.wake = r));
      }
    } finally {
      // The reader stopped early (break, return, throw): the server must see the client leave.
      if (!this.writableEnded) this.clientGone(new Error('response aborted'));
    }
  }

  private async value(copy: boolean): Promise<unknown> {
    while (!this.writableEnded && !this.gone) await new Promise<void>((r) => (this.wake = r));
    if (!this.writableEnded) throw this.failure ?? new Error('response aborted');
    if (!this.bodyValue) return undefined;
    return copy ? copyAsJson(this.bodyValue.value) : this.bodyValue.value;
  }

  private async text(): Promise<string> {
    while (!this.writableEnded && !this.gone) await new Promise<void>((r) => (this.wake = r));
    if (!this.writableEnded) throw this.failure ?? new Error('response aborted');
    if (this.bodyValue) return JSON.stringify(this.bodyValue.value);
    const parts = this.chunks;
    this.chunks = [];
    this.writableLength = 0;
    const bytes = parts.map((c) => (c instanceof DecodedWatchEvent ? JSON.stringify(c) + '\n' : c));
    if (bytes.length === 1) return decode(bytes[0]);
    // Bytes are joined before decoding so a character split across writes survives.
    if (bytes.every((c) => typeof c === 'string')) return bytes.join('');
    return Buffer.concat(bytes.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))).toString('utf8');
  }

  private wakeReader(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  private clientGone(err: Error): void {
    if (this.gone || this.writableEnded) return;
    this.gone = true;
    this.failure = err;
    this.chunks = [];
    this.writableLength = 0;
    this.r.signal?.removeEventListener('abort', this.onAbort);
    if (!this.settled) {
      this.settled = true;
      this.reject(err);
    }
    this.wakeReader();
    this.emitClose();
  }

  /** A handler failure: rejects the request if nothing was answered yet, else cuts the body. */
  private fail(err: Error): void {
    if (!this.settled) {
      this.settled = true;
      this.reject(err);
    }
    this.clientGone(err);
  }

  private emitClose(): void {
    const req = this.reqCloseListeners.splice(0);
    for (const fn of req) fn();
    this.emit('close');
  }

  private emit(event: 'close' | 'drain'): void {
    for (let i = 0; i < this.resListeners.length; i++) {
      const l = this.resListeners[i];
      if (l.event !== event) continue;
      if (l.once || event === 'close') this.resListeners.splice(i--, 1);
      l.fn();
    }
  }
}

function decode(c: string | Uint8Array): string {
  if (typeof c === 'string') return c;
  return Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('utf8');
}

function abortError(): Error {
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  return e;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
