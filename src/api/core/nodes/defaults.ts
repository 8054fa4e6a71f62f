/**
 * @module api/core/nodes/defaults
 * core/v1 Node defaults: allocatable starts as a copy of capacity.
 */
import type { Node } from './types.js';

export function setDefaults(node: Node): void {
  const st = node.status;
  if (st?.capacity && !st.allocatable) st.allocatable = { ...st.capacity };
}
