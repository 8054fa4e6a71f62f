/**
 * @module scheduler/plugins/node-ports
 * NodePorts: the host ports a pod asks for must be free on the node. A port bound on 0.0.0.0
 * conflicts with the same protocol/port on any address, and the other way round.
 */
import type { Pod } from '../../api/core/pods/types.js';
import {
  Code,
  Status,
  type ClusterEvent,
  type FilterPlugin,
  type PreFilterPlugin,
} from '../framework/interface.js';
import { WILDCARD_IP, hostPortsOf, type HostPorts, type NodeInfo } from '../framework/node-info.js';

export const NAME = 'NodePorts';
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";
const STATE_KEY = 'PreFilterNodePorts';

type Wanted = { ip: string; key: string }[];

/** Whether every wanted (ip, protocol/port) is free in `used`. */
export function fitsPorts(wanted: Wanted, used: HostPorts): boolean {
  for (const { ip, key } of wanted) {
    if (ip === WILDCARD_IP) {
      for (const set of used.values()) if (set.has(key)) return false;
    } else if (used.get(ip)?.has(key) || used.get(WILDCARD_IP)?.has(key)) return false;
  }
  return true;
}

export function fits(pod: Pod, node: NodeInfo): boolean {
  return fitsPorts(hostPortsOf(pod), node.usedPorts);
}

export function newNodePorts(): PreFilterPlugin & FilterPlugin {
  return {
    name: NAME,
    eventsToRegister: (): ClusterEvent[] => ['NodeAdd', 'AssignedPodDelete'],
    preFilter(state, pod) {
      const wanted = hostPortsOf(pod);
      if (wanted.length === 0) return new Status(Code.Skip);
      state.write(STATE_KEY, wanted);
      return Status.success();
    },
    filter(state, pod, node) {
      const wanted = state.read<Wanted>(STATE_KEY) ?? hostPortsOf(pod);
      return fitsPorts(wanted, node.usedPorts) ? Status.success() : Status.unschedulable(ERR_REASON);
    },
  };
}
