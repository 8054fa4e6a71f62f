import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodedWatchEvent, type BodyChunk } from './transport.js';
import { LineSplitter, readWatchEventBatches, readWatchEvents } from './watch-stream.js';

test('lines split across chunks are joined; blank lines are skipped', () => {
  const s = new LineSplitter();
  assert.deepEqual(s.push('{"a":'), []);
  assert.deepEqual(s.push('1}\n\n{"b"'), ['{"a":1}']);
  assert.deepEqual(s.push(':2}\n{"c":3}'), ['{"b":2}']);
  assert.deepEqual(s.end(), ['{"c":3}']);
});

test('a multi-byte character split between chunks decodes correctly', () => {
  const bytes = Buffer.from('{"m":"héllo"}\n');
  const cut = bytes.indexOf(0xc3) + 1;
  const s = new LineSplitter();
  assert.deepEqual(s.push(bytes.subarray(0, cut)), []);
  assert.deepEqual(s.push(bytes.subarray(cut)), ['{"m":"héllo"}']);
});

test('readWatchEvents yields each event of a chunked stream', async () => {
  const body =
    '{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"9"}}}\n';
  async function* chunks() {
    for (let i = 0; i < body.length; i += 7) yield Buffer.from(body.slice(i, i + 7));
  }
  const got = [];
  for await (const ev of readWatchEvents(chunks())) got.push(ev.type);
  assert.deepEqual(got, ['ADDED', 'BOOKMARK']);
});

test('batches of chunks become batches of events, lines split across batches included', async () => {
  async function* source(): AsyncGenerator<BodyChunk[]> {
    yield [
      '{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n{"type":"MOD',
      new DecodedWatchEvent('ADDED', { metadata: { name: 'b' } }),
    ];
    yield ['IFIED","object":{"metadata":{"name":"a"}}}\n'];
    yield ['{"type":"DELETED","object":{"metadata":{"name":"a"}}}'];
  }
  const got: string[][] = [];
  for await (const batch of readWatchEventBatches(source()))
    got.push(batch.map((e) => `${e.type} ${e.object.metadata.name}`));
  assert.deepEqual(got, [['ADDED a', 'ADDED b'], ['MODIFIED a'], ['DELETED a']]);
});
