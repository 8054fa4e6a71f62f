import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadKubeconfig } from './kubeconfig.js';

test('loadKubeconfig resolves the current context (embedded CA, token) and a named one (CA file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-'));
  try {
    writeFileSync(join(dir, 'ca.pem'), 'CA-FROM-FILE');
    const path = join(dir, 'config');
    writeFileSync(
      path,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'one',
            cluster: {
              server: 'https://127.0.0.1:6443',
              'certificate-authority-data': Buffer.from('CA-PEM').toString('base64'),
            },
          },
          { name: 'two', cluster: { server: 'http://127.0.0.1:8080', 'certificate-authority': 'ca.pem' } },
        ],
        users: [{ name: 'admin', user: { token: 'secret' } }],
        contexts: [
          { name: 'a', context: { cluster: 'one', user: 'admin', namespace: 'dev' } },
          { name: 'b', context: { cluster: 'two', user: 'admin' } },
        ],
        'current-context': 'a',
      }),
    );
    const a = loadKubeconfig(path);
    assert.equal(a.server, 'https://127.0.0.1:6443');
    assert.equal(a.ca, 'CA-PEM');
    assert.equal(a.token, 'secret');
    assert.equal(a.namespace, 'dev');
    const b = loadKubeconfig(path, 'b');
    assert.equal(b.server, 'http://127.0.0.1:8080');
    assert.equal(b.ca, 'CA-FROM-FILE');
    assert.throws(() => loadKubeconfig(path, 'nope'), /context "nope" not found/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
