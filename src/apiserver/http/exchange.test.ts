import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StatusError } from '../../machinery/errors.js';
import { Exchange, type RawRequest, type RawResponse } from './exchange.js';

/** A response that records what is written to it. */
function recording() {
  const out = { code: 0, headers: {} as Record<string, unknown>, body: '' };
  const res = {
    statusCode: 200,
    headersSent: false,
    writableEnded: false,
    setHeader: (n: string, v: unknown) => (out.headers[n.toLowerCase()] = v),
    writeHead(code: number, h: Record<string, unknown> = {}) {
      out.code = code;
      for (const [k, v] of Object.entries(h)) out.headers[k.toLowerCase()] = v;
      res.headersSent = true;
    },
    write: () => true,
    end: (chunk?: string) => (out.body += chunk ?? ''),
    on: () => undefined,
    once: () => undefined,
  };
  return { res: res as unknown as RawResponse, out };
}

const req = { headers: {}, on: () => undefined } as unknown as RawRequest;

test('a Status that says when to retry sets Retry-After; others do not', () => {
  const busy = recording();
  new Exchange(req, busy.res, new URL('https://x/')).error(
    new StatusError(429, 'TooManyRequests', 'slow down', { retryAfterSeconds: 10 }),
  );
  assert.equal(busy.out.code, 429);
  assert.equal(busy.out.headers['retry-after'], '10');
  assert.equal(JSON.parse(busy.out.body).details.retryAfterSeconds, 10);

  const plain = recording();
  new Exchange(req, plain.res, new URL('https://x/')).error(
    new StatusError(429, 'TooManyRequests', 'no hint'),
  );
  assert.equal(plain.out.code, 429);
  assert.equal(plain.out.headers['retry-after'], undefined);
});
