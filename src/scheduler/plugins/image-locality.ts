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

/** How many of `nodes` hold each image of the pod (by its normalized or its own name). */
export function imageSpread(pod: Pod, nodes: readonly NodeInfo[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    if (!c.image || counts.has(c.image)) continue;
    const name = normalizedImageName(c.image);
    counts.set(c.image, nodes.filter((n) => n.images.has(name) || n.images.has(c.image!)).length);
  }
  return counts;
}

/**
 * Upstream's score: each image the node holds counts its size times the share of nodes that hold
 * it (`holders`, from imageSpread, of `totalNodes`), clamped between the thresholds.
 */
export function imageLocalityScore(
  pod: Pod,
  node: NodeInfo,
  holders: ReadonlyMap<string, number>,
  totalNodes: number,
): number {
  const containers = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  let sum = 0;
  for (const c of containers) {
    if (!c.image) continue;
    const size = node.images.get(normalizedImageName(c.image)) ?? node.images.get(c.image);
    if (size === undefined) continue;
    sum += Math.trunc((size * (holders.get(c.image) ?? 0)) / Math.max(1, totalNodes));
  }
  const max = MAX_CONTAINER_THRESHOLD * containers.length;
  const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), max);
  return Math.floor((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
}

const STATE_KEY = 'PreScore' + NAME;

interface ScoreState {
  holders: ReadonlyMap<string, number>;
  total: number;
}

export function newImageLocality(): ScorePlugin {
  return {
    name: NAME,
    // Counted once a pod (upstream keeps the counts in its snapshot), not once a node scored.
    preScore(state, pod, _nodes, snapshot) {
      const all = snapshot.nodeInfos();
      const holders = all.some((n) => n.images.size > 0) ? imageSpread(pod, all) : new Map<string, number>();
      state.write(STATE_KEY, { holders, total: all.length } satisfies ScoreState);
      return Status.success();
    },
    score(state, pod, node) {
      if (node.images.size === 0) return 0;
      const st = state.read<ScoreState>(STATE_KEY);
      return imageLocalityScore(pod, node, st?.holders ?? new Map(), st?.total ?? 0);
    },
  };
}
