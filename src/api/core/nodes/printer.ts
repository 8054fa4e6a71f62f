/**
 * @module api/core/nodes/printer
 * The node table: NAME STATUS ROLES AGE VERSION (+ addresses, OS, kernel, runtime wide).
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { translateTimestampSince } from '../../../machinery/duration.js';
import type { TablePrinter } from '../../types.js';

/** The fields of a Node this printer reads. */
export interface NodeView extends KubeObject {
  spec?: { unschedulable?: boolean };
  status?: {
    conditions?: { type: string; status?: string }[];
    addresses?: { type: string; address: string }[];
    nodeInfo?: {
      kubeletVersion?: string;
      osImage?: string;
      kernelVersion?: string;
      containerRuntimeVersion?: string;
    };
  };
}

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

/** `Ready` / `NotReady` from the Ready condition (`Unknown` without one), then `SchedulingDisabled`. */
function nodeStatus(node: NodeView): string {
  // Upstream keys conditions by type, so a repeated type means the last one counts.
  const ready = node.status?.conditions?.filter((c) => c.type === 'Ready').at(-1);
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** Sorted, de-duplicated roles from `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role` values. */
export function nodeRoles(labels: Record<string, string> | undefined): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === ROLE_LABEL && v) {
      roles.add(v);
    }
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

function firstAddress(node: NodeView, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

export const printer: TablePrinter<NodeView> = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the node.', priority: 0 },
    {
      name: 'Status',
      type: 'string',
      description: 'Whether the node is ready and schedulable.',
      priority: 0,
    },
    { name: 'Roles', type: 'string', description: 'Roles taken from the node-role labels.', priority: 0 },
    { name: 'Age', type: 'string', description: 'Time since the node was registered.', priority: 0 },
    { name: 'Version', type: 'string', description: 'Version of the kubelet on the node.', priority: 0 },
    {
      name: 'Internal-IP',
      type: 'string',
      description: 'First InternalIP address of the node.',
      priority: 1,
    },
    {
      name: 'External-IP',
      type: 'string',
      description: 'First ExternalIP address of the node.',
      priority: 1,
    },
    { name: 'OS-Image', type: 'string', description: 'Operating system image of the node.', priority: 1 },
    { name: 'Kernel-Version', type: 'string', description: 'Kernel version of the node.', priority: 1 },
    {
      name: 'Container-Runtime',
      type: 'string',
      description: 'Container runtime name and version.',
      priority: 1,
    },
  ],
  row(node, now) {
    const info = node.status?.nodeInfo ?? {};
    return {
      cells: [
        node.metadata.name ?? '',
        nodeStatus(node),
        nodeRoles(node.metadata.labels),
        translateTimestampSince(node.metadata.creationTimestamp, now),
        info.kubeletVersion ?? '',
        firstAddress(node, 'InternalIP'),
        firstAddress(node, 'ExternalIP'),
        info.osImage || '<unknown>',
        info.kernelVersion || '<unknown>',
        info.containerRuntimeVersion || '<unknown>',
      ],
    };
  },
};
