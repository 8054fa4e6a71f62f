/**
 * @module kubelet/node/node-images
 * `status.images` of a Node, as upstream's kubelet reports it: the largest images first, at most
 * 50, each named by its repo digests then its repo tags, at most 5 names.
 */
import type { NodeStatus } from '../../api/core/nodes/types.js';
import type { ImageStatus } from '../../runtime/interface.js';

export const NODE_STATUS_MAX_IMAGES = 50;
export const MAX_NAMES_PER_IMAGE = 5;

export function nodeImages(images: ImageStatus[]): NodeStatus['images'] {
  return [...images]
    .sort((a, b) => b.size - a.size)
    .slice(0, NODE_STATUS_MAX_IMAGES)
    .map((i) => ({
      names: [...i.repoDigests, ...i.repoTags].slice(0, MAX_NAMES_PER_IMAGE),
      sizeBytes: i.size,
    }));
}
