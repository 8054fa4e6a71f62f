import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '../../api/core/nodes/types.js';
import type { Pod } from '../../api/core/pods/types.js';
import { CycleState, type SnapshotLister } from '../framework/interface.js';
import { NodeInfo } from '../framework/node-info.js';
import { imageLocalityScore, imageSpread, newImageLocality, normalizedImageName } from './image-locality.js';

const MB = 1024 * 1024;
const node = (name: string, images: [string, number][]): NodeInfo =>
  new NodeInfo({
    metadata: { name },
    status: { images: images.map(([n, size]) => ({ names: [n], sizeBytes: size })) },
  } as Node);
const pod = (...images: string[]): Pod => ({
  metadata: { name: 'p', namespace: 'default' },
  spec: { containers: images.map((image, i) => ({ name: `c${i}`, image })) },
});

test('image names are normalized as node image lists name them', () => {
  assert.equal(normalizedImageName('nginx'), 'docker.io/library/nginx:latest');
  assert.equal(normalizedImageName('me/app:v1'), 'docker.io/me/app:v1');
  assert.equal(normalizedImageName('localhost:5000/app'), 'localhost:5000/app:latest');
  assert.equal(normalizedImageName('reg.io/x@sha256:ab'), 'reg.io/x@sha256:ab');
});

test("upstream's score: size times the share of nodes holding the image, between the thresholds", () => {
  const big = 500 * MB;
  const a = node('a', [['docker.io/library/nginx:latest', big]]);
  const b = node('b', [['docker.io/library/nginx:latest', big]]);
  const c = node('c', []);
  const d = node('d', [['docker.io/library/redis:latest', 10 * MB]]);
  const all = [a, b, c, d];
  const p = pod('nginx');
  const holders = imageSpread(p, all);
  assert.deepEqual([...holders], [['nginx', 2]]);
  // 500 MB × 2/4 = 250 MB: 100 × (250 - 23) / (1000 - 23) MB.
  assert.equal(
    imageLocalityScore(p, a, holders, all.length),
    Math.floor((100 * (250 * MB - 23 * MB)) / (977 * MB)),
  );
  assert.equal(imageLocalityScore(p, c, holders, all.length), 0);
  // Under the 23 MB floor scores nothing.
  assert.equal(imageLocalityScore(pod('redis'), d, imageSpread(pod('redis'), all), all.length), 0);
});

test('the plugin counts holders once a pod in PreScore and scores each node from them', () => {
  const nodes = [node('a', [['docker.io/library/nginx:latest', 900 * MB]]), node('b', [])];
  const snapshot = { nodeInfos: () => nodes } as unknown as SnapshotLister;
  const plugin = newImageLocality();
  const state = new CycleState();
  const p = pod('nginx');
  assert.ok(plugin.preScore!(state, p, nodes, snapshot).isSuccess);
  // 900 MB × 1/2 = 450 MB.
  assert.equal(plugin.score(state, p, nodes[0]), Math.floor((100 * (450 * MB - 23 * MB)) / (977 * MB)));
  assert.equal(plugin.score(state, p, nodes[1]), 0);
});
