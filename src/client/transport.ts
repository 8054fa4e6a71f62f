/**
 * @module client/transport
 * How the RestClient moves one request to the API server and the answer back: over HTTPS
 * (`https-transport`) or, for components in the API server's own process, by calling its
 * request handler directly (`in-process-transport`). The RestClient builds paths, headers and
 * JSON; a transport only carries them.
 */

export interface TransportRequest {
  method: string;
  /** Path and query string, e.g. `/api/v1/pods?watch=true`. */
  path: string;
  /** Header names as the client spells them (`Authorization`, `Content-Type`…). */
  headers: Record<string, string>;
  /** The request body, already JSON text. */
  body?: string;
  /**
   * Instead of `body`, for transports that `takesValues`: the JSON body as a value. The transport
   * makes its own copy before the request returns, so the caller may keep changing the original.
   */
  bodyValue?: unknown;
  /** Aborting ends the exchange: a pending request rejects, an open body stream just ends. */
  signal?: AbortSignal;
}

/**
 * A watch event handed over as an object by the in-process transport (no JSON on either side).
 * Its object is shared with the API server's watch cache: read-only for the receiver.
 */
export class DecodedWatchEvent {
  constructor(
    readonly type: string,
    readonly object: unknown,
  ) {}
}

/** What a response body yields: bytes or text, or (in process) decoded watch events. */
export type BodyChunk = Uint8Array | string | DecodedWatchEvent;

export interface TransportResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string | string[] | undefined>;
  /** The body as it arrives (each watch write is a chunk). Ends early when the signal aborts. */
  body: AsyncIterable<BodyChunk>;
  /**
   * The same body as batches of chunks, as they became available (in process): one step of
   * iteration for many watch events. Read either `body` or `batches`, not both.
   */
  batches?: AsyncIterable<BodyChunk[]>;
  /** The whole body as UTF-8 text; rejects if the connection breaks first. */
  text(): Promise<string>;
  /**
   * The body as a JSON value when the server handed it over as one (in process), else undefined:
   * then read `text()`. A private copy unless `copy` is false (then it may be shared: read-only).
   */
  value?(copy?: boolean): Promise<unknown>;
  /** Stops the exchange (the server sees the client go away). Safe to call twice. */
  destroy(): void;
}

export interface Transport {
  /** True when the transport accepts `bodyValue` (in process): the client then skips JSON. */
  readonly takesValues?: boolean;
  /**
   * Resolves once the status line and headers are known (the body may still be streaming).
   * Rejects with an Error when the server cannot be reached or the signal aborted first.
   */
  request(req: TransportRequest): Promise<TransportResponse>;
  /** Releases idle connections. */
  close(): void;
}
