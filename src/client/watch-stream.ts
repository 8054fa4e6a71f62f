/**
 * @module client/watch-stream
 * Turns a watch response body (newline-delimited JSON events, split across arbitrary chunk
 * boundaries) into parsed events.
 */
import type { KubeObject } from '../machinery/meta.js';
import { DecodedWatchEvent, type BodyChunk } from './transport.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** One watch event. For `ERROR`, `object` is a Status (code 410 = resourceVersion expired). */
export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  object: T;
}

/**
 * Accumulates chunks and yields complete lines. A line split across chunks is held until its
 * newline arrives; multi-byte UTF-8 characters split across chunks are decoded correctly.
 */
export class LineSplitter {
  private buf = '';
  private readonly decoder = new TextDecoder('utf-8');

  push(chunk: Uint8Array | string): string[] {
    this.buf += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const lines = this.buf.split('\n');
    this.buf = lines.pop() ?? '';
    return lines.filter((l) => l.trim() !== '');
  }

  /** What remains after the stream ended (a last event without a trailing newline). */
  end(): string[] {
    const rest = this.buf + this.decoder.decode();
    this.buf = '';
    return rest.trim() ? [rest] : [];
  }
}

/**
 * Reads watch events from a byte stream until it ends. Throws SyntaxError on a malformed line.
 * Events the in-process transport hands over decoded are passed on as they are (read-only).
 */
export async function* readWatchEvents<T extends KubeObject>(
  body: AsyncIterable<BodyChunk>,
): AsyncGenerator<WatchEvent<T>> {
  const split = new LineSplitter();
  for await (const chunk of body) yield* decodeChunk<T>(split, chunk, []);
  for (const line of split.end()) yield JSON.parse(line) as WatchEvent<T>;
}

/** Appends the events complete after `chunk` to `out`. */
function decodeChunk<T extends KubeObject>(
  split: LineSplitter,
  chunk: BodyChunk,
  out: WatchEvent<T>[],
): WatchEvent<T>[] {
  if (chunk instanceof DecodedWatchEvent) out.push(chunk as unknown as WatchEvent<T>);
  else for (const line of split.push(chunk)) out.push(JSON.parse(line) as WatchEvent<T>);
  return out;
}

/** Like readWatchEvents, from batches of chunks and yielding the events of each batch together. */
export async function* readWatchEventBatches<T extends KubeObject>(
  batches: AsyncIterable<BodyChunk[]>,
): AsyncGenerator<WatchEvent<T>[]> {
  const split = new LineSplitter();
  for await (const chunks of batches) {
    const out: WatchEvent<T>[] = [];
    for (const chunk of chunks) decodeChunk(split, chunk, out);
    if (out.length) yield out;
  }
  const rest = split.end().map((line) => JSON.parse(line) as WatchEvent<T>);
  if (rest.length) yield rest;
}
