import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureServiceAccountKey } from './service-account-key.js';
import { TokenSigner } from './service-account-token.js';

test('the key is made once (0600, no temporary file left) and the same key is read after', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeling-sa-key-'));
  try {
    const first = await ensureServiceAccountKey(dir);
    assert.match(first, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.equal(new TokenSigner(first).alg, 'ES256', 'a new key is ECDSA P-256');
    assert.equal(statSync(join(dir, 'tls', 'service-account.key')).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(join(dir, 'tls')), ['service-account.key']);
    const again = await ensureServiceAccountKey(dir);
    assert.equal(again, first);
    assert.equal(new TokenSigner(again).keyId, new TokenSigner(first).keyId);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
