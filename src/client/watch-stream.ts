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
  for await (const chunk of body) {
    if (chunk instanceof DecodedWatchEvent) {
      yield chunk as unknown as WatchEvent<T>;
      continue;
    }
    for (const line of split.push(chunk)) yield JSON.parse(line) as WatchEvent<T>;
  }
  for (const line of split.end()) yield JSON.parse(line) as WatchEvent<T>;
}
