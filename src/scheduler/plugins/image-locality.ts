/**
 * @module scheduler/plugins/image-locality
 * ImageLocality: prefers nodes that already hold the pod's images (node.status.images), weighted
 * by image size and by how many nodes have the image, between upstream's 23 MB and
 * 1000 MB-per-container thresholds.
 */
import type { Pod } from '../../api/core/pods/types.js';
import { MAX_NODE_SCORE, Status, type ScorePlugin } from '../framework/interface.js';
import type { NodeInfo } from '../framework/node-info.js';

export const NAME = 'ImageLocality';
const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** `nginx` → `docker.io/library/nginx:latest`, as node image lists name them. */
export function normalizedImageName(image: string): string {
  let name = image;
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  if (slash < 0) name = `docker.io/library/${name}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') name = `docker.io/${name}`;
  const lastPart = name.slice(name.lastIndexOf('/') + 1);
  if (!lastPart.includes(':') && !name.includes('@')) name += ':latest';
  return name;
}

export function imageLocalityScore(pod: Pod, node: NodeInfo, nodes: readonly NodeInfo[]): number {
  const containers = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  let sum = 0;
  for (const c of containers) {
    if (!c.image) continue;
    const name = normalizedImageName(c.image);
    const size = node.images.get(name) ?? node.images.get(c.image);
    if (size === undefined) continue;
    const spread =
      nodes.filter((n) => n.images.has(name) || n.images.has(c.image!)).length / Math.max(1, nodes.length);
    sum += size * spread;
  }
  const max = MAX_CONTAINER_THRESHOLD * containers.length;
  const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), max);
  return Math.floor((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
}

export function newImageLocality(): ScorePlugin {
  let all: readonly NodeInfo[] = [];
  return {
    name: NAME,
    preScore(_state, _pod, _nodes, snapshot) {
      all = snapshot.nodeInfos();
      return Status.success();
    },
    score: (_state, pod, node) => (node.images.size === 0 ? 0 : imageLocalityScore(pod, node, all)),
  };
}
