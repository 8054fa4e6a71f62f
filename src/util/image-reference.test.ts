import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidReferenceError, normalizeReference, parseReference } from './image-reference.js';

const D = 'sha256:' + 'ab'.repeat(32);

test('normalizes names as docker and containerd do', () => {
  const cases: [string, string][] = [
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.25', 'docker.io/library/nginx:1.25'],
    ['user/app', 'docker.io/user/app:latest'],
    ['docker.io/nginx', 'docker.io/library/nginx:latest'],
    ['index.docker.io/user/app:v1', 'docker.io/user/app:v1'],
    ['localhost/x', 'localhost/x:latest'],
    ['localhost:5000/x:1', 'localhost:5000/x:1'],
    ['127.0.0.1:5000/a/b/c:1.0-rc_1', '127.0.0.1:5000/a/b/c:1.0-rc_1'],
    ['quay.io/coreos/etcd', 'quay.io/coreos/etcd:latest'],
    [`host.example/x@${D}`, `host.example/x@${D}`],
    [`x:tag@${D}`, `docker.io/library/x:tag@${D}`],
    ['my-app__x/z.y', 'docker.io/my-app__x/z.y:latest'],
  ];
  for (const [input, want] of cases) assert.equal(normalizeReference(input), want, input);
});

test('splits domain, path, tag and digest', () => {
  assert.deepEqual(parseReference('localhost:5000/team/x:1'), {
    domain: 'localhost:5000',
    path: 'team/x',
    tag: '1',
    digest: undefined,
  });
  assert.deepEqual(parseReference(`busybox@${D}`), {
    domain: 'docker.io',
    path: 'library/busybox',
    tag: undefined,
    digest: D,
  });
});

test('rejects invalid references with a clear message', () => {
  const bad: [string, RegExp][] = [
    ['', /invalid reference format/],
    ['Nginx', /repository name \(library\/Nginx\) must be lowercase/],
    ['nginx:', /invalid reference format/],
    ['nginx@sha256:abc', /invalid digest|digest/],
    [`nginx@sha256:${'a'.repeat(40)}`, /invalid checksum digest length/],
    ['a'.repeat(64), /cannot specify 64-byte hexadecimal strings/],
    ['-x/y', /invalid reference format/],
    ['x//y', /invalid reference format/],
    [' nginx', /invalid reference format/],
    ['nginx:tag with space', /invalid reference format/],
    [':tag', /invalid reference format/],
  ];
  for (const [input, re] of bad) {
    assert.throws(
      () => parseReference(input),
      (e: unknown) => e instanceof InvalidReferenceError && re.test(e.message),
      JSON.stringify(input),
    );
  }
  assert.throws(() => parseReference('UPPER'), /couldn't parse image name "UPPER"/);
});
